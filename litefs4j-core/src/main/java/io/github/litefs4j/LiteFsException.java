package io.github.litefs4j;

/**
 * Base class of every exception litefs4j throws for a LiteFS-specific failure.
 *
 * <p>Subclasses say what went wrong (a timeout, an interrupted wait, a malformed file, an HTTP
 * error, ...). Messages name the database, file or node involved, and the original cause is
 * chained. Unchecked, like {@link java.io.UncheckedIOException}: most callers cannot recover
 * locally and let it propagate to a request or job boundary.
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
   * @param cause the underlying failure
   */
  public LiteFsException(String message, Throwable cause) {
    super(message, cause);
  }
}
