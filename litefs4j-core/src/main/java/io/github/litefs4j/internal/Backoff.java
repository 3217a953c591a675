package io.github.litefs4j.internal;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with "equal jitter": the n-th consecutive delay is drawn uniformly from
 * {@code [d/2, d]} with {@code d = min(max, initial * 2^(n-1))}. The random half spreads clients
 * that lost the same node; the fixed half is a floor, so no retry path can spin. Not thread-safe
 * (one per reconnect loop). Internal: not exported.
 */
public final class Backoff {
  private final long initialNanos;
  private final long maxNanos;
  private final DoubleSupplier random;
  private int failures;

  /** A backoff between {@code initial} and {@code max} with a thread-local random source. */
  public Backoff(Duration initial, Duration max) {
    this(initial, max, () -> ThreadLocalRandom.current().nextDouble());
  }

  /** A backoff with a given source of numbers in [0, 1) (tests). */
  Backoff(Duration initial, Duration max, DoubleSupplier random) {
    this.initialNanos = initial.toNanos();
    this.maxNanos = max.toNanos();
    this.random = random;
  }

  /** The delay before the next attempt; each call counts one more consecutive failure. */
  public Duration nextDelay() {
    long ceiling = ceiling(failures);
    if (failures < Integer.MAX_VALUE) {
      failures++;
    }
    long half = ceiling / 2;
    return Duration.ofNanos(half + (long) (random.getAsDouble() * (ceiling - half)));
  }

  /** The upper bound of the delay after {@code n} earlier consecutive failures. */
  long ceiling(int n) {
    // initial * 2^n, saturating at max without overflowing.
    if (n >= 62 || initialNanos > (maxNanos >> Math.min(n, 62))) {
      return maxNanos;
    }
    return Math.min(maxNanos, initialNanos << n);
  }

  /** Starts the count again (after a stream delivered its init event). */
  public void reset() {
    failures = 0;
  }
}
