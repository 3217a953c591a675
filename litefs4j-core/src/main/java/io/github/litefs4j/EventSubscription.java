package io.github.litefs4j;

import java.time.Duration;

/**
 * A pull subscription to a LiteFS node's event stream ({@code GET /events}), as litefs-go's {@code
 * EventSubscription}: call {@link #next()} for each event. Create one with {@link
 * LiteFsClient#subscribeEvents()}.
 *
 * <pre>{@code
 * try (EventSubscription events = client.subscribeEvents()) {
 *   while (running) {
 *     try {
 *       Event event = events.next(Duration.ofSeconds(1));
 *       if (event instanceof TxEvent tx) {
 *         onCommit(tx.database(), tx.position());
 *       }
 *     } catch (LiteFsTimeoutException idle) {
 *       // no event for a second: check 'running'; the stream stays open
 *     }
 *   }
 * }
 * }</pre>
 *
 * <p><b>Connections.</b> The first call opens the stream. After an error (refused connection, an
 * HTTP error status, a broken or ended stream, a line that is not an event, a line over {@link
 * #MAX_EVENT_BYTES}) the connection is dropped and the next call opens a new one, at once: the
 * caller decides how fast to retry. Use {@link LiteFsClient#subscribe(EventListener)} for a stream
 * that reconnects by itself with backoff. Every stream starts with an {@link InitEvent}; LiteFS
 * does not replay, so events between two streams are lost.
 *
 * <p><b>Timeouts.</b> The stream has no overall timeout (LiteFS sends no heartbeat; an idle stream
 * is healthy). Waiting for the response headers is bounded by the client's {@linkplain
 * LiteFsClient#requestTimeout() request timeout}. {@link #next(Duration)} bounds one call; a
 * timeout leaves the stream open.
 *
 * <p><b>Back-pressure.</b> Bytes are read from the connection only as {@code next()} consumes them.
 * LiteFS disconnects a subscriber that falls 1024 events behind; the next call then reports the end
 * of the stream.
 *
 * <p><b>Thread-safety.</b> Thread-safe. Meant for one consumer thread: concurrent {@code next}
 * calls are served one at a time. {@link #close()} may be called from any thread and wakes a
 * blocked {@code next} at once. No thread is started; bytes are delivered by the {@link
 * java.net.http.HttpClient}'s own executor.
 */
public interface EventSubscription extends AutoCloseable {

  /** The longest accepted line of the event stream, in bytes, without the newline: 1 MiB. */
  int MAX_EVENT_BYTES = 1 << 20;

  /**
   * Waits for the next event, opening the stream if needed.
   *
   * @return the next event, never null
   * @throws LiteFsConnectionException if the node cannot be reached, does not answer with headers
   *     within the request timeout, or the connection breaks
   * @throws LiteFsHttpException if the node answers with a status other than 200
   * @throws LiteFsProtocolException EVENT_STREAM if the stream ends or sends a line that is not an
   *     event
   * @throws LiteFsProtocolException EVENT_TOO_LARGE if a line is longer than {@link
   *     #MAX_EVENT_BYTES}
   * @throws IllegalStateException if the subscription is closed, before or during the call
   * @throws LiteFsInterruptedException if the thread is interrupted while waiting (the stream stays
   *     open; the interrupt flag is set again)
   */
  Event next();

  /**
   * Waits up to {@code timeout} for the next event, opening the stream if needed. A timeout leaves
   * the stream (or the pending connection) as it is: the next call continues where this one
   * stopped, and no event is lost.
   *
   * @param timeout how long to wait, positive
   * @return the next event, never null
   * @throws IllegalArgumentException if the timeout is not positive
   * @throws LiteFsTimeoutException if no event arrived in time
   * @throws LiteFsConnectionException if the node cannot be reached or the connection breaks
   * @throws LiteFsHttpException if the node answers with a status other than 200
   * @throws LiteFsProtocolException EVENT_STREAM if the stream ends or sends a line that is not an
   *     event
   * @throws LiteFsProtocolException EVENT_TOO_LARGE if a line is longer than {@link
   *     #MAX_EVENT_BYTES}
   * @throws IllegalStateException if the subscription is closed, before or during the call
   * @throws LiteFsInterruptedException if the thread is interrupted while waiting
   */
  Event next(Duration timeout);

  /**
   * Whether {@link #close()} was called.
   *
   * @return true once closed
   */
  boolean isClosed();

  /**
   * Closes the stream. A thread blocked in {@code next} wakes at once with {@link
   * IllegalStateException}; later calls throw it too. Idempotent; never throws.
   */
  @Override
  void close();
}
