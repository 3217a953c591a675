package io.github.litefs4j.internal;

import io.github.litefs4j.LiteFsTimeoutException;
import java.time.Duration;

/**
 * The client's transfer timeout for one export or import, started when the call starts: how long is
 * left, and the exception once it ran out. Unbounded when the client has no transfer timeout.
 * Internal: not exported.
 */
final class TransferLimit {
  private final Duration limit; // null: unbounded
  private final long deadline;

  private TransferLimit(Duration limit) {
    this.limit = limit;
    this.deadline = limit == null ? 0 : System.nanoTime() + limit.toNanos();
  }

  /** Starts the clock of a transfer bound by {@code limit}, or of an unbounded one if null. */
  static TransferLimit start(Duration limit) {
    return new TransferLimit(limit);
  }

  boolean isBounded() {
    return limit != null;
  }

  /** Nanoseconds left (at most 0 once run out); {@link Long#MAX_VALUE} when unbounded. */
  long remainingNanos() {
    return limit == null ? Long.MAX_VALUE : Math.max(0, deadline - System.nanoTime());
  }

  /** The exception for a transfer, described by {@code what}, that ran out of time. */
  LiteFsTimeoutException exceeded(String what) {
    return new LiteFsTimeoutException(
        what + " did not finish within its transfer timeout of " + limit, limit, null);
  }
}
