package io.github.litefs4j;

/**
 * The calling thread was interrupted while litefs4j waited (for a HALT, an event, a position, a
 * response). The interrupt flag is set again before this is thrown, and nothing is left held: a
 * HALT wait that is interrupted holds no HALT afterwards.
 */
public class LiteFsInterruptedException extends LiteFsException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what was waited for
   * @param cause the {@link InterruptedException}, or another failure caused by the interrupt
   */
  public LiteFsInterruptedException(String message, Throwable cause) {
    super(message, cause);
  }
}
