package io.github.litefs4j;

/**
 * Root of every exception litefs4j throws for a LiteFS-specific failure. There are eight kinds
 * below it, each one a different thing for a caller to do; the detail rides on a {@code reason()}
 * enum and fields, not on subclasses (see {@code docs/errors.md}):
 *
 * <ul>
 *   <li>{@link LiteFsConnectionException}: the node could not be reached, or a response broke off;
 *       retry later.
 *   <li>{@link LiteFsHttpException}: the node answered with an error status ({@link
 *       LiteFsHttpException.Reason}); ask another node, or fix the request.
 *   <li>{@link LiteFsProtocolException}: the node sent something litefs4j cannot read.
 *   <li>{@link LiteFsMountException}: a path is not on a LiteFS mount, the database does not exist
 *       there, the node has not replicated yet, or a LiteFS file is malformed ({@link
 *       LiteFsMountException.Reason}); fix the path or wait.
 *   <li>{@link HaltException}: a HALT was refused, lost, expired or not released ({@link
 *       HaltException.Reason}).
 *   <li>{@link LiteFsTimeoutException} (and {@link PositionTimeoutException}): a bounded wait ran
 *       out.
 *   <li>{@link LiteFsInterruptedException}: the thread was interrupted (the flag is set again).
 * </ul>
 *
 * <p>Programming errors use the JDK's types: {@link IllegalArgumentException} for a bad argument
 * (hostname, token, database file), {@link IllegalStateException} for use after close. A failure
 * that fits none of the kinds (an unreadable file: the cause is the {@link java.io.IOException}) is
 * a plain {@code LiteFsException}.
 *
 * <p>Messages name the database, file or node involved, and the original cause is chained.
 * Unchecked, like {@link java.io.UncheckedIOException}: most callers cannot recover locally and let
 * it propagate to a request or job boundary.
 */
public class LiteFsException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message.
   *
   * @param message what failed, with the state needed to understand it
   */
  public LiteFsException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a message and a cause.
   *
   * @param message what failed, with the state needed to understand it
   * @param cause the underlying failure, or null
   */
  public LiteFsException(String message, Throwable cause) {
    super(message, cause);
  }
}
