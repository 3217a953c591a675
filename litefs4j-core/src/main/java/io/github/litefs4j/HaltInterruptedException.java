package io.github.litefs4j;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The thread waiting in {@link LiteFS#halt} or {@link LiteFS#withHalt} was interrupted. The
 * interrupt flag is set again before this is thrown. No HALT is held afterwards: a pending wait in
 * LiteFS is cancelled first (see {@link HaltTimeoutException} for the rare case where LiteFS does
 * not confirm the cancellation in time).
 */
public class HaltInterruptedException extends LiteFsInterruptedException {
  private static final long serialVersionUID = 1L;

  private final transient Path database;

  /**
   * Creates the exception.
   *
   * @param database the database the HALT was for
   * @param waitingFor what the thread was waiting for when it was interrupted
   * @param cause the {@link InterruptedException}
   */
  public HaltInterruptedException(Path database, String waitingFor, Throwable cause) {
    super(
        "interrupted while waiting for "
            + waitingFor
            + " (HALT on "
            + database
            + "); no HALT is held, the interrupt flag is set again",
        cause);
    this.database = Objects.requireNonNull(database, "database");
  }

  /**
   * The database the HALT was for.
   *
   * @return the database path as given
   */
  public Path database() {
    return database;
  }
}
