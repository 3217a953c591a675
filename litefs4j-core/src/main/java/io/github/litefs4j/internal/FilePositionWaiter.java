package io.github.litefs4j.internal;

import io.github.litefs4j.LiteFsInterruptedException;
import io.github.litefs4j.Position;
import io.github.litefs4j.PositionTimeoutException;
import io.github.litefs4j.PositionWaiter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The {@link PositionWaiter} implementation: re-reads the {@code -pos} file, woken early by a
 * {@link TxSource} when there is one. Thread-safe. Internal: not exported.
 */
public final class FilePositionWaiter implements PositionWaiter {
  /** The shared polling waiter. */
  public static final FilePositionWaiter POLLING = new FilePositionWaiter(null);

  private static final long MIN_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
  private static final long MAX_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(4);
  private static final long SAFETY_REREAD_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  private final TxSource source;
  private final long safetyRereadNanos;
  private final AtomicBoolean closed = new AtomicBoolean();

  private FilePositionWaiter(TxSource source) {
    this(source, SAFETY_REREAD_NANOS);
  }

  private FilePositionWaiter(TxSource source, long safetyRereadNanos) {
    this.source = source;
    this.safetyRereadNanos = safetyRereadNanos;
  }

  /**
   * A waiter woken by the transactions of {@code source}.
   *
   * @param source the tx events; closed with the waiter
   * @return the waiter
   */
  public static FilePositionWaiter withEvents(TxSource source) {
    return new FilePositionWaiter(Objects.requireNonNull(source, "source"));
  }

  /** A waiter over any tx source with its own safety re-read interval (tests). */
  public static FilePositionWaiter withSource(TxSource source, Duration safetyReread) {
    return new FilePositionWaiter(Objects.requireNonNull(source, "source"), safetyReread.toNanos());
  }

  @Override
  public boolean isEventDriven() {
    return source != null;
  }

  @Override
  public Position await(Path db, Position target, Duration timeout) {
    Objects.requireNonNull(db, "db");
    Objects.requireNonNull(target, "target");
    requirePositive(timeout);
    if (closed.get()) {
      throw new IllegalStateException("PositionWaiter is closed");
    }
    PosFile.of(db); // validates the path before anything is registered
    long start = System.nanoTime();
    long timeoutNanos = saturatedNanos(timeout);
    Signal signal = new Signal(target);
    Runnable unregister =
        source == null ? () -> {} : source.register(db.getFileName().toString(), signal);
    try {
      long pollNanos = MIN_POLL_NANOS;
      while (true) {
        long generation = signal.generation();
        Position seen = PosFile.readOrNull(db);
        if (seen != null && seen.isAtLeast(target)) {
          return seen;
        }
        if (seen == null && target.txid() == 0) {
          return Position.ZERO; // an absent database is at TXID 0
        }
        Position fromEvent = signal.reached();
        if (fromEvent != null) {
          return fromEvent;
        }
        long remaining = timeoutNanos - (System.nanoTime() - start);
        if (remaining <= 0) {
          throw new PositionTimeoutException(db, target, seen, timeout);
        }
        long wait;
        if (source != null && source.isLive()) {
          wait = Math.min(remaining, safetyRereadNanos);
          pollNanos = MIN_POLL_NANOS;
        } else {
          wait = Math.min(remaining, pollNanos);
          pollNanos = Math.min(pollNanos * 2, MAX_POLL_NANOS);
        }
        try {
          signal.awaitChange(generation, wait);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new LiteFsInterruptedException(
              "interrupted while waiting for " + db + " to reach TXID " + target.txidHex(), e);
        }
      }
    } finally {
      unregister.run();
    }
  }

  @Override
  public void close() {
    if (source == null || closed.getAndSet(true)) {
      return;
    }
    source.close();
  }

  @Override
  public String toString() {
    return source == null ? "PositionWaiter[polling]" : "PositionWaiter[events]";
  }

  private static Duration requirePositive(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive: " + timeout);
    }
    return timeout;
  }

  private static long saturatedNanos(Duration d) {
    try {
      return d.toNanos();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }

  /** Wake-ups for one wait: a counter bumped by events that reach the target and by gaps. */
  private static final class Signal implements TxSource.Listener {
    private final Position target;
    private long generation;
    private Position reached;

    Signal(Position target) {
      this.target = target;
    }

    @Override
    public synchronized void onPosition(Position position) {
      if (position.isAtLeast(target)) {
        reached = position;
        generation++;
        notifyAll();
      }
    }

    @Override
    public synchronized void onGap() {
      generation++;
      notifyAll();
    }

    synchronized long generation() {
      return generation;
    }

    synchronized Position reached() {
      return reached;
    }

    synchronized void awaitChange(long seen, long nanos) throws InterruptedException {
      long deadline = System.nanoTime() + nanos;
      long left = nanos;
      while (generation == seen && left > 0) {
        TimeUnit.NANOSECONDS.timedWait(this, left);
        left = deadline - System.nanoTime();
      }
    }
  }
}
