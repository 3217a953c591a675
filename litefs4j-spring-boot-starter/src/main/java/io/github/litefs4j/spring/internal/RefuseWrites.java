package io.github.litefs4j.spring.internal;

import io.github.litefs4j.spring.RoutingMode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;

/**
 * Mode refuse: answers {@code 503} with {@code Retry-After} and a body naming the primary; nothing
 * runs here. Thread-safe.
 */
final class RefuseWrites implements ReplicaWrites {
  private final Duration retryAfter;
  private final RoutingObserver observer;

  RefuseWrites(Duration retryAfter, RoutingObserver observer) {
    this.retryAfter = retryAfter;
    this.observer = observer;
  }

  @Override
  public boolean handle(
      HttpServletRequest request, HttpServletResponse response, PrimaryRoute.ToPrimary primary)
      throws IOException {
    observer.routed(RoutingMode.REFUSE, RoutingObserver.Outcome.REFUSED);
    Responses.unavailable(
        response,
        retryAfter,
        "this node is a LiteFS replica and does not take writes; the primary is "
            + primary.hostname());
    return false;
  }
}
