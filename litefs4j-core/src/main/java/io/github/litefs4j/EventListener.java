package io.github.litefs4j;

import java.time.Duration;

/**
 * Receives the events of a push subscription ({@link LiteFsClient#subscribe(EventListener)}) and
 * the state of its connection.
 *
 * <p>All methods are called on the subscription's own thread ({@code litefs4j-events-N}), one at a
 * time and in order, so an implementation needs no locking of its own for state only it touches. A
 * slow listener delays the stream; LiteFS disconnects a subscriber that falls 1024 events behind
 * (the subscription then reconnects and reports a gap). An exception thrown by a listener method is
 * logged (System.Logger {@code io.github.litefs4j.events}, WARNING) and does not stop the stream.
 *
 * <p>Sequence for one stream: {@link #onConnected(boolean)}, then {@link #onEvent(Event)} for each
 * event (the first being an {@link InitEvent}), then {@link #onDisconnected(LiteFsException,
 * Duration)} when it breaks. A failed connection attempt calls only {@code onDisconnected}. Nothing
 * is called after {@link EventWatcher#close()} returns.
 */
@FunctionalInterface
public interface EventListener {

  /**
   * An event arrived.
   *
   * @param event the event, never null
   */
  void onEvent(Event event);

  /**
   * A stream was opened (the node answered 200); its events follow, starting with an {@link
   * InitEvent}.
   *
   * @param gap true if an earlier stream of this subscription had been open: LiteFS does not
   *     replay, so transactions committed in between were not delivered (read the {@code -pos}
   *     files to catch up). False for the first stream.
   */
  default void onConnected(boolean gap) {}

  /**
   * A stream broke, or an attempt to open one failed. The subscription waits {@code retryIn} (an
   * exponential backoff with jitter, see {@link ReconnectPolicy}) and tries again.
   *
   * @param cause why: for example {@link LiteFsConnectionException} (node down), {@link
   *     LiteFsHttpException}, {@link LiteFsProtocolException} EVENT_STREAM (stream ended), {@link
   *     LiteFsTimeoutException} (idle timeout, if configured)
   * @param retryIn the delay before the next attempt
   */
  default void onDisconnected(LiteFsException cause, Duration retryIn) {}
}
