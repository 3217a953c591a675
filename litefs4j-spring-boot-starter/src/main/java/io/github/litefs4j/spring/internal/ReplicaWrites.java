package io.github.litefs4j.spring.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * What one routing mode does with a write request that reached a replica connected to a primary.
 * Implementations are thread-safe.
 */
interface ReplicaWrites {

  /**
   * Handles the write.
   *
   * @param request the request, body unread
   * @param response the response, uncommitted
   * @param primary where the primary is
   * @return true to run the handler here (HALT), false when the response is complete
   */
  boolean handle(
      HttpServletRequest request, HttpServletResponse response, PrimaryRoute.ToPrimary primary)
      throws IOException;

  /**
   * Called after the request completed (also after a failure) when {@link #handle} returned true.
   *
   * @param request the request
   */
  default void completed(HttpServletRequest request) {}
}
