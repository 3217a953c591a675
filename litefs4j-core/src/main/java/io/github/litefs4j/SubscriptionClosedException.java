package io.github.litefs4j;

/**
 * An {@link EventSubscription}, {@link EventWatcher} or {@link PrimaryMonitor} was used after (or
 * while) it was closed. A thread blocked in {@link EventSubscription#next()} or {@link
 * PrimaryMonitor#awaitReady} when another thread closes the object gets this exception at once.
 */
public class SubscriptionClosedException extends LiteFsException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what was closed, naming the node
   */
  public SubscriptionClosedException(String message) {
    super(message);
  }
}
