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
 * <p><b>What drives the state.</b> The node's {@link InitEvent} and {@link PrimaryChangeEvent}s,
 * with two corrections, because LiteFS's events alone can mislead:
 *
 * <ul>
 *   <li><b>A replica's failed reconnects are not reported.</b> While its primary is down, a LiteFS
 *       replica retries every second, and each attempt announces the primary before it connects
 *       ({@code primaryChange} with the hostname) and withdraws it when the attempt fails, a few
 *       milliseconds later ({@code primaryChange} without it); {@code GET /info} and the {@code
 *       .primary} file show the same flicker. So a change from DISCONNECTED to REPLICA is held for
 *       about 50 ms: if the node withdraws it meanwhile, nothing is reported; if it stands, {@code
 *       GET /info} confirms it before it is reported (if {@code /info} cannot be read, the event is
 *       trusted). A reconnect is therefore reported about 50 ms after LiteFS announces it. A
 *       connection attempt that takes longer than that to fail (a primary that does not answer at
 *       all) can still be reported as a short REPLICA.
 *   <li><b>DISCONNECTED is checked.</b> While the state is DISCONNECTED the monitor also asks
 *       {@code GET /info} after about 1 s, then at growing intervals up to about 8 s, and applies
 *       what it reports (a REPLICA is held and confirmed as above). A missed or never-sent event
 *       cannot keep the monitor on DISCONNECTED for longer than that.
 * </ul>
 *
 * All other changes (to PRIMARY, to another primary's hostname, to UNKNOWN) are reported at once.
 *
 * <p><b>Hostname on the primary.</b> LiteFS sends no hostname to the primary itself (its init event
 * is {@code {"type":"init","data":{"isPrimary":true}}}), so {@link #primaryHostname()} is empty on
 * the primary. The hostname is the one in the primary's lease configuration, not necessarily the
 * machine's.
 *
 * <p><b>Resources.</b> The client's one shared event stream and its thread ({@code
 * litefs4j-events-N}, shared with the client's subscriptions and event-driven position waiters, and
 * closed with the last of them), and one daemon thread of its own, {@code
 * litefs4j-primary-monitor-N}, that decides the state and calls the listeners. Both wait without
 * using CPU while the stream is quiet or while they back off; the {@code /info} checks run only
 * while a replica is disconnected, at most one every few seconds. After {@link #close()} returns,
 * the monitor's thread has ended (and the stream's, if the monitor was its last user). The HTTP
 * connections belong to the client's {@link java.net.http.HttpClient}.
 *
 * <p><b>Thread-safety.</b> Thread-safe. Listeners are called on the monitor's thread ({@code
 * litefs4j-primary-monitor-N}), one at a time, in the order of the changes.
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
   * @throws IllegalStateException if the monitor is closed, before or during the wait
   * @throws LiteFsInterruptedException if the thread is interrupted while waiting
   */
  PrimaryState awaitReady(Duration timeout);

  /**
   * The current state. After {@link #close()}: {@link PrimaryState.Role#UNKNOWN} with a {@link
   * IllegalStateException}.
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
   * hostname changes (not for each failed reconnect while unknown). It is told only about changes
   * after the state seen when it was added: a listener added after {@link #awaitReady} returned
   * REPLICA is not called for the change that led to REPLICA. Called on the monitor's thread; an
   * exception it throws is logged and ignored. Not called after {@link #close()} returns.
   *
   * @param listener the listener
   */
  void addListener(Listener listener);

  /**
   * Removes a listener added with {@link #addListener}; does nothing if it was not added. A change
   * whose delivery had already started may still reach it once.
   *
   * @param listener the listener
   */
  void removeListener(Listener listener);

  /**
   * Stops the monitor: closes the stream, cancels a {@code GET /info} under way and ends both
   * threads (see {@link EventWatcher#close()}). Threads blocked in {@link #awaitReady} get {@link
   * IllegalStateException}. Idempotent; never throws.
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
