package io.github.litefs4j.jdbc;

import java.time.Duration;
import java.util.Objects;

/**
 * How often and how patiently a transaction is retried when SQLite answers {@code SQLITE_BUSY} or
 * {@code SQLITE_LOCKED}.
 *
 * <p>Each connection already waits up to its busy timeout ({@link
 * LiteFsDatabaseBuilder#busyTimeout(Duration)}) inside SQLite before a statement fails with BUSY.
 * Some BUSY answers skip that wait (a deferred transaction that wants to upgrade to a write while
 * another connection writes; a WAL snapshot that went stale), and on LiteFS a writer can also meet
 * a HALT held by a replica. For those the whole transaction is rolled back and run again, up to
 * {@link #maxAttempts()} times in total, sleeping between attempts with exponential backoff from
 * {@link #initialDelay()} up to {@link #maxDelay()}, each delay randomized to between half and all
 * of its value (so that competing writers do not retry in step). When the attempts are used up,
 * {@link DatabaseBusyException} is thrown with the last error as its cause.
 *
 * @param maxAttempts total attempts including the first, at least 1 (1 means no retry)
 * @param initialDelay the delay before the second attempt, not negative
 * @param maxDelay the largest delay between attempts, at least {@code initialDelay}
 */
public record BusyRetry(int maxAttempts, Duration initialDelay, Duration maxDelay) {

  /**
   * Validates the components.
   *
   * @param maxAttempts total attempts including the first, at least 1
   * @param initialDelay the delay before the second attempt, not negative
   * @param maxDelay the largest delay between attempts, at least {@code initialDelay}
   * @throws IllegalArgumentException if maxAttempts is below 1, a delay is negative, or maxDelay is
   *     below initialDelay
   */
  public BusyRetry {
    Objects.requireNonNull(initialDelay, "initialDelay");
    Objects.requireNonNull(maxDelay, "maxDelay");
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
    }
    if (initialDelay.isNegative()) {
      throw new IllegalArgumentException("initialDelay must not be negative: " + initialDelay);
    }
    if (maxDelay.compareTo(initialDelay) < 0) {
      throw new IllegalArgumentException(
          "maxDelay must be at least initialDelay (" + initialDelay + "): " + maxDelay);
    }
  }

  /**
   * The default: 5 attempts, backoff from 20 ms to 1 s. With the default 5 s busy timeout a
   * transaction that keeps meeting a busy database fails after roughly half a minute at most.
   *
   * @return the default policy
   */
  public static BusyRetry defaults() {
    return new BusyRetry(5, Duration.ofMillis(20), Duration.ofSeconds(1));
  }

  /**
   * No retry: the first BUSY or LOCKED error fails the call with {@link DatabaseBusyException}.
   *
   * @return a policy with one attempt
   */
  public static BusyRetry none() {
    return new BusyRetry(1, Duration.ZERO, Duration.ZERO);
  }

  /**
   * The nominal delay before attempt {@code attempt + 1} (before randomization).
   *
   * @param attempt the attempt that just failed, 1-based
   * @return {@code min(maxDelay, initialDelay * 2^(attempt-1))}
   */
  public Duration delayAfter(int attempt) {
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt must be at least 1: " + attempt);
    }
    Duration delay = initialDelay;
    for (int i = 1; i < attempt && delay.compareTo(maxDelay) < 0; i++) {
      delay = delay.multipliedBy(2);
    }
    return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
  }
}
