package io.github.litefs4j;

import io.github.litefs4j.spi.LiteFsRuntime;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Waits until a database on this node reaches a position: the building block of read-your-writes on
 * a replica.
 *
 * <p>Two ways to learn that the position moved:
 *
 * <ul>
 *   <li>{@link #withEvents(LiteFsClient)}: event-driven. The waiter follows the node's {@code GET
 *       /events} stream ({@link LiteFsClient#subscribe(EventListener)}, one daemon thread
 *       "litefs4j-events-N" that reconnects with backoff) and completes waiters on the {@link
 *       TxEvent} of their database that reaches the target. While the stream is down (node
 *       restarting, not yet connected) it falls back to polling; it also re-reads the file every
 *       100 ms as a safety net, since LiteFS's event stream has no heartbeat and a dead connection
 *       can look open.
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
public interface PositionWaiter extends AutoCloseable {
  /**
   * The polling waiter: re-reads the {@code -pos} file (1 ms backoff growing to 4 ms). Holds no
   * resources; {@link #close()} does nothing on it.
   *
   * @return the shared polling waiter
   */
  static PositionWaiter polling() {
    return LiteFsRuntime.get().pollingWaiter();
  }

  /**
   * An event-driven waiter that follows the {@link TxEvent}s of the node {@code client} addresses
   * (which must be the node whose mount is waited on), through {@link
   * LiteFsClient#subscribe(EventListener)}. Starts a daemon thread; close the waiter to stop it.
   *
   * @param client the node's HTTP client
   * @return a new waiter; close it when done
   */
  static PositionWaiter withEvents(LiteFsClient client) {
    return Objects.requireNonNull(client, "client").positionWaiter();
  }

  /**
   * Whether this waiter follows tx events (false for {@link #polling()}).
   *
   * @return true if event-driven
   */
  boolean isEventDriven();

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
   * @throws LiteFsMountException NOT_A_MOUNT if the database's directory is not a LiteFS mount
   * @throws LiteFsMountException MALFORMED_FILE if the {@code -pos} file does not hold a position
   * @throws LiteFsInterruptedException if the thread is interrupted (the flag is set again)
   * @throws IllegalArgumentException if the timeout is not positive
   * @throws IllegalStateException if this waiter is closed
   */
  Position await(Path db, Position target, Duration timeout);

  /**
   * Stops following events (for an event-driven waiter); idempotent. Waits in progress keep working
   * by polling; new waits are refused. Does nothing on {@link #polling()}.
   */
  @Override
  void close();
}
