package io.github.litefs4j;

/**
 * The handle of a push subscription ({@link LiteFsClient#subscribe(EventListener)}): a thread named
 * {@code litefs4j-events-N} keeps the node's event stream open, reconnecting with backoff, and
 * calls an {@link EventListener}.
 *
 * <pre>{@code
 * try (EventWatcher watcher = client.subscribe(event -> {
 *   if (event instanceof TxEvent tx) {
 *     cache.invalidate(tx.database());
 *   }
 * })) {
 *   ... // run the application
 * }
 * }</pre>
 *
 * <p>Thread-safe. {@link #close()} stops the thread: when it returns (called from another thread),
 * the thread has ended and the listener is not called again.
 */
public interface EventWatcher extends AutoCloseable {

  /**
   * Whether a stream is open right now (the node answered 200 and the stream has not broken since).
   *
   * @return true while connected
   */
  boolean isConnected();

  /**
   * Whether {@link #close()} was called.
   *
   * @return true once closed
   */
  boolean isClosed();

  /**
   * Stops the subscription: closes the stream, wakes the thread from a backoff wait and waits for
   * it to end (up to 10 seconds if a listener call is in progress; the wait is skipped when called
   * from the listener itself, which then ends the thread as soon as it returns). Idempotent; never
   * throws.
   */
  @Override
  void close();
}
