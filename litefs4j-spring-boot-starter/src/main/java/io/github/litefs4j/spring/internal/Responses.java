package io.github.litefs4j.spring.internal;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Writes the starter's own short plain-text answers. Stateless; thread-safe. */
final class Responses {
  private Responses() {}

  /**
   * Answers 503 with {@code Retry-After}.
   *
   * @param retryAfter rounded up to whole seconds, at least 1
   */
  static void unavailable(HttpServletResponse response, Duration retryAfter, String message)
      throws IOException {
    response.setHeader("Retry-After", Long.toString(retryAfterSeconds(retryAfter)));
    text(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, message);
  }

  /** Answers {@code status} with {@code message} as a text/plain body (unless committed). */
  static void text(HttpServletResponse response, int status, String message) throws IOException {
    if (response.isCommitted()) {
      return;
    }
    byte[] body = (message + "\n").getBytes(StandardCharsets.UTF_8);
    response.setStatus(status);
    response.setContentType("text/plain;charset=UTF-8");
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }

  /** Whole seconds, rounded up, at least 1. */
  static long retryAfterSeconds(Duration retryAfter) {
    long seconds = retryAfter.getSeconds() + (retryAfter.getNano() > 0 ? 1 : 0);
    return Math.max(1, seconds);
  }
}
