package io.github.litefs4j.spring.internal;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The loop guard of mode forward: every forwarded request carries {@value #HEADER} naming the
 * primary it was sent to. A node that gets such a request and is not the primary itself (a stale
 * primary, a template that points at a replica, a failover under way) answers 508 instead of
 * forwarding it again. Stateless; thread-safe.
 */
final class LoopGuard {
  /** The header name. */
  static final String HEADER = "LiteFs-Forwarded-To";

  /** The status of a detected loop. */
  static final int STATUS = 508;

  private LoopGuard() {}

  /** The hostname the request was forwarded to, or null if it was not forwarded. */
  static String forwardedTo(HttpServletRequest request) {
    return request.getHeader(HEADER);
  }
}
