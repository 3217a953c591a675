package io.github.litefs4j;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * The HALT was no longer in effect when the function run by {@link LiteFS#withHalt} failed: added
 * to the function's exception as a suppressed exception, to explain failed writes ("attempt to
 * write a readonly database", "database is locked"). Never thrown on its own by litefs4j.
 *
 * <p>This form means LiteFS on this node no longer reports the HALT (for example a child process
 * inherited and closed the descriptor, which LiteFS treats as an unlock, or the replica received a
 * transaction from the primary). See {@link HaltExpiredException} for a HALT held past the
 * primary's TTL.
 */
public class HaltLostException extends LiteFsException {
  private static final long serialVersionUID = 1L;

  private final transient Path database;
  private final Duration heldFor;

  /**
   * Creates the exception.
   *
   * @param database the database the HALT was for
   * @param heldFor how long the HALT had been held when the function failed
   * @param message the explanation, naming the database
   */
  public HaltLostException(Path database, Duration heldFor, String message) {
    super(message);
    this.database = Objects.requireNonNull(database, "database");
    this.heldFor = Objects.requireNonNull(heldFor, "heldFor");
  }

  /**
   * The database the HALT was for.
   *
   * @return the database path as given
   */
  public Path database() {
    return database;
  }

  /**
   * How long the HALT had been held (since LiteFS granted it) when the function failed.
   *
   * @return the time held
   */
  public Duration heldFor() {
    return heldFor;
  }
}
