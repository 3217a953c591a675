package io.github.litefs4j;

import io.github.litefs4j.internal.EventsTxSource;
import io.github.litefs4j.internal.PosFile;
import io.github.litefs4j.internal.TxSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Waits until a database on this node reaches a position: the building block of read-your-writes on
 * a replica.
 *
 * <p>Two ways to learn that the position moved:
 *
 * <ul>
 *   <li>{@link #withEvents(LiteFsClient)}: event-driven. The waiter follows the node's {@code GET
 *       /events} stream on a daemon thread ("litefs4j-position-events") and wakes waiters on the
 *       {@code tx} event of their database, then confirms with a read of the {@code -pos} file.
 *       While the stream is down (node restarting, not yet connected) it falls back to polling; it
 *       also re-reads the file every 100 ms as a safety net, since LiteFS's event stream has no
 *       heartbeat and a dead connection can look open.
 *   <li>{@link #polling()}: the fallback alone. Re-reads the {@code -pos} file with a short backoff
 *       (1 ms doubling to 4 ms), as the LiteFS proxy polls every 1 ms. No thread, nothing to close.
 * </ul>
 *
 * <pre>{@code
 * try (PositionWaiter waiter = PositionWaiter.withEvents(LiteFsClient.DEFAULT)) {
 *   Position reached = waiter.await(Path.of("/litefs/app.db"), target, Duration.ofSeconds(5));
 * }
 * }</pre>
 *
 * <p><b>What "reached" means.</b> A target is reached when the local TXID is at least the target's
 * TXID, compared as unsigned numbers ({@link Position#isAtLeast}); the checksum is not compared.
 * That is the LiteFS proxy's rule. TXIDs can repeat after a failover (a new primary may have lost
 * the last transactions of the old one and reuse their TXIDs), so after a failover "reached" means
 * "this node has applied as many transactions", not "this node has that exact content"; and a
 * target taken from the old primary may be ahead of everything the new primary will write for a
 * while, in which case the wait times out.
 *
 * <p>A database that does not exist on this node yet (not replicated yet) counts as TXID 0 and is
 * waited for like any lagging database. The client given to {@link #withEvents(LiteFsClient)} must
 * address the same node as the mount the database paths are on.
 *
 * <p>Thread-safe: share one waiter; many threads may wait at once.
 */
public final class PositionWaiter implements AutoCloseable {
  private static final PositionWaiter POLLING = new PositionWaiter(null);
  private static final long MIN_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
  private static final long MAX_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(4);
  private static final long SAFETY_REREAD_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  private final TxSource source;
  private final long safetyRereadNanos;
  private final AtomicBoolean closed = new AtomicBoolean();

  private PositionWaiter(TxSource source) {
    this(source, SAFETY_REREAD_NANOS);
  }

  private PositionWaiter(TxSource source, long safetyRereadNanos) {
    this.source = source;
    this.safetyRereadNanos = safetyRereadNanos;
  }

  /**
   * The polling waiter: re-reads the {@code -pos} file (1 ms backoff growing to 4 ms). Holds no
   * resources; {@link #close()} does nothing on it.
   *
   * @return the shared polling waiter
   */
  public static PositionWaiter polling() {
    return POLLING;
  }

  /**
   * An event-driven waiter that follows the {@code tx} events of the node {@code client} addresses
   * (which must be the node whose mount is waited on). Starts a daemon thread; close the waiter to
   * stop it.
   *
   * @param client the node's HTTP client
   * @return a new waiter; close it when done
   */
  public static PositionWaiter withEvents(LiteFsClient client) {
    Objects.requireNonNull(client, "client");
    return new PositionWaiter(new EventsTxSource(client.http()));
  }

  /** Internal: a waiter over any tx source (tests, and the events subscription once merged). */
  static PositionWaiter withSource(TxSource source, Duration safetyReread) {
    return new PositionWaiter(Objects.requireNonNull(source, "source"), safetyReread.toNanos());
  }

  /**
   * Whether this waiter follows tx events (false for {@link #polling()}).
   *
   * @return true if event-driven
   */
  public boolean isEventDriven() {
    return source != null;
  }

  /**
   * Waits until the database reaches {@code target} (its TXID is at least the target's, unsigned;
   * see the class description for what that means after a failover), and returns the position read.
   * Returns at once if the target is already reached.
   *
   * @param db the database path in the LiteFS mount, for example {@code /litefs/app.db}
   * @param target the position to reach; only its TXID is compared
   * @param timeout how long to wait at most; positive
   * @return the database's position, at or past the target
   * @throws PositionTimeoutException if the target is not reached within the timeout (it states the
   *     last position read)
   * @throws NotLiteFsMountException if the database's directory is not a LiteFS mount
   * @throws MalformedFileException if the {@code -pos} file does not hold a position
   * @throws LiteFsInterruptedException if the thread is interrupted (the flag is set again)
   * @throws IllegalArgumentException if the timeout is not positive
   * @throws IllegalStateException if this waiter is closed
   */
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

  /**
   * Stops following events (for an event-driven waiter); idempotent. Waits in progress keep working
   * by polling; new waits are refused. Does nothing on {@link #polling()}.
   */
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

  static Duration requirePositive(Duration timeout) {
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
