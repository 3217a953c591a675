package io.github.litefs4j;

import java.time.Duration;

/**
 * A wait with a timeout ended without a result: no HALT within {@link
 * LiteFS#halt(java.nio.file.Path, Duration)}'s timeout (the wait inside LiteFS is cancelled, no
 * HALT is held), no event within {@link EventSubscription#next(Duration)}'s timeout, no known
 * primary state within {@link PrimaryMonitor#awaitReady(Duration)}'s, or an export or import that
 * did not finish within the client's {@link LiteFsClient#transferTimeout()} (that connection is
 * closed). A position that was not reached in time is the subclass {@link
 * PositionTimeoutException}.
 *
 * <p>A timeout does not break anything: the event stream stays open, and a later call continues
 * where this one stopped. The cause, when there is one, is the last error seen while waiting (for
 * example the node refusing connections).
 */
public class LiteFsTimeoutException extends LiteFsException {
  private static final long serialVersionUID = 1L;

  private final Duration timeout;

  /**
   * Creates the exception.
   *
   * @param message what was waited for, naming the node
   * @param timeout the timeout that ran out
   * @param cause the last error seen while waiting, or null
   */
  public LiteFsTimeoutException(String message, Duration timeout, Throwable cause) {
    super(message, cause);
    this.timeout = timeout;
  }

  /**
   * The timeout that ran out.
   *
   * @return the timeout given to the call
   */
  public Duration timeout() {
    return timeout;
  }
}
