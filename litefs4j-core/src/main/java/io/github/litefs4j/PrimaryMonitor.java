package io.github.litefs4j;

import java.time.Duration;
import java.util.Optional;

/**
 * Follows a LiteFS node's primary status through its event stream, as litefs-go's {@code
 * PrimaryMonitor}, without its defects: it reconnects with backoff while the node is down, becomes
 * ready only when a real state is known, and stops all its work on {@link #close()}. Create one
 * with {@link LiteFsClient#monitorPrimary()}.
 *
 * <pre>{@code
 * try (PrimaryMonitor monitor = client.monitorPrimary()) {
 *   monitor.awaitReady(Duration.ofSeconds(10));
 *   monitor.addListener((before, now) -> log.info("role " + before.role() + " -> " + now.role()));
 *   if (monitor.isPrimary()) {
 *     runMigrations();
 *   }
 * }
 * }</pre>
 *
 * <p><b>States.</b> {@link PrimaryState.Role#UNKNOWN} until the first {@link InitEvent}, and again
 * whenever the stream breaks or the node cannot be reached (with {@link PrimaryState#lastError()});
 * {@link PrimaryState.Role#PRIMARY}; {@link PrimaryState.Role#REPLICA} with the primary's hostname;
 * {@link PrimaryState.Role#DISCONNECTED} for a replica that knows no primary.
 *
 * <p><b>Hostname on the primary.</b> LiteFS sends no hostname to the primary itself (its init event
 * is {@code {"type":"init","data":{"isPrimary":true}}}), so {@link #primaryHostname()} is empty on
 * the primary. The hostname is the one in the primary's lease configuration, not necessarily the
 * machine's.
 *
 * <p><b>Resources.</b> One daemon thread, {@code litefs4j-primary-monitor-N}, which waits without
 * using CPU while the stream is quiet or while it backs off. After {@link #close()} returns, that
 * thread has ended. The HTTP connection belongs to the client's {@link java.net.http.HttpClient}.
 *
 * <p><b>Thread-safety.</b> Thread-safe. Listeners are called on the monitor's thread, in order.
 */
public interface PrimaryMonitor extends AutoCloseable {

  /**
   * Waits until the node's role is known (anything but {@link PrimaryState.Role#UNKNOWN}); returns
   * at once if it is known now. A failed connection attempt does not make the monitor ready: it
   * keeps waiting for a real state until the timeout.
   *
   * @param timeout how long to wait, positive
   * @return the known state
   * @throws IllegalArgumentException if the timeout is not positive
   * @throws LiteFsTimeoutException if no state became known in time; its cause is the last error
   *     (for example the node refusing connections), if any
   * @throws SubscriptionClosedException if the monitor is closed, before or during the wait
   * @throws LiteFsInterruptedException if the thread is interrupted while waiting
   */
  PrimaryState awaitReady(Duration timeout);

  /**
   * The current state. After {@link #close()}: {@link PrimaryState.Role#UNKNOWN} with a {@link
   * SubscriptionClosedException}.
   *
   * @return the current state, never null
   */
  PrimaryState state();

  /**
   * Whether the node is the primary right now. False for a replica, but also while the state is
   * unknown: use {@link #state()} to tell the cases apart.
   *
   * @return true only when the role is {@link PrimaryState.Role#PRIMARY}
   */
  boolean isPrimary();

  /**
   * The hostname of the primary the node is connected to.
   *
   * @return present only when the role is {@link PrimaryState.Role#REPLICA}; empty on the primary
   *     itself (LiteFS does not send it its own hostname), on a disconnected replica and while
   *     unknown
   */
  Optional<String> primaryHostname();

  /**
   * Adds a listener called with the previous and the new state each time the role or the primary's
   * hostname changes (not for each failed reconnect while unknown). Called on the monitor's thread;
   * an exception it throws is logged and ignored. Not called after {@link #close()} returns.
   *
   * @param listener the listener
   */
  void addListener(Listener listener);

  /**
   * Removes a listener added with {@link #addListener}; does nothing if it was not added.
   *
   * @param listener the listener
   */
  void removeListener(Listener listener);

  /**
   * Stops the monitor: closes the stream and ends its thread (see {@link EventWatcher#close()}).
   * Threads blocked in {@link #awaitReady} get {@link SubscriptionClosedException}. Idempotent;
   * never throws.
   */
  @Override
  void close();

  /** Receives state changes of a {@link PrimaryMonitor}. */
  @FunctionalInterface
  interface Listener {
    /**
     * The role or the primary's hostname changed.
     *
     * @param previous the state before
     * @param current the state now
     */
    void onStateChange(PrimaryState previous, PrimaryState current);
  }
}
