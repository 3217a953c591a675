package io.github.litefs4j.spring;

/**
 * What a read does when this node has not reached the client's {@code __txid} position within
 * {@code litefs.read-your-writes.max-wait} ({@code litefs.read-your-writes.on-timeout}).
 */
public enum ReadYourWritesFallback {
  /** Answer {@code 503} with {@code Retry-After}; the handler does not run. */
  UNAVAILABLE,
  /**
   * Serve the read anyway, possibly without the client's last write, and mark the response with
   * {@code LiteFs-Stale: true}.
   */
  SERVE_STALE
}
