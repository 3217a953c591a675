package io.github.litefs4j.internal;

import io.github.litefs4j.Position;

/**
 * A source of per-database positions from LiteFS {@code tx} events, used to wake position waiters
 * without polling. Implementations are thread-safe. Internal: not exported.
 *
 * <p>Once the events work ({@code TxEvent}, {@code EventSubscription}) is merged, an adapter over
 * the client's subscription can implement this interface instead of {@link EventsTxSource}.
 */
public interface TxSource extends AutoCloseable {

  /** Receives events for one database; called on the source's thread, must not block. */
  interface Listener {
    /** A {@code tx} event for the database: the node has applied this position. */
    void onPosition(Position position);

    /**
     * Events may have been missed (the stream broke, or it (re)started): re-read the position from
     * the mount.
     */
    void onGap();
  }

  /**
   * Registers a listener for the database named {@code db} (a file name in the mount, as in events'
   * {@code db} field).
   *
   * @return an action that removes the listener; idempotent
   */
  Runnable register(String db, Listener listener);

  /** Whether the stream is connected and has delivered its {@code init} event. */
  boolean isLive();

  /** Stops the source; idempotent. */
  @Override
  void close();
}
