package io.github.litefs4j;

/**
 * A thread was interrupted while it waited on LiteFS (a HALT, an HTTP call, an event, a position).
 * The thread's interrupt flag is set again before this is thrown, so code further up still sees the
 * interruption.
 */
public class LiteFsInterruptedException extends LiteFsException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what was interrupted
   * @param cause the {@link InterruptedException}, if there was one
   */
  public LiteFsInterruptedException(String message, Throwable cause) {
    super(message, cause);
  }
}
