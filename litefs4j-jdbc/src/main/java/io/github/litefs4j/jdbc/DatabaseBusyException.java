package io.github.litefs4j.jdbc;

import io.github.litefs4j.LiteFsException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Objects;

/**
 * A transaction kept failing with {@code SQLITE_BUSY} or {@code SQLITE_LOCKED} until its {@link
 * BusyRetry} attempts ran out. The cause is the last {@link SQLException}; {@link #resultCode()} is
 * its SQLite result code.
 *
 * <p>Another connection held the database's lock for longer than the busy timeout on every attempt:
 * a long transaction, or on LiteFS a HALT held by a replica (the primary cannot write while a
 * replica holds it, up to LiteFS's 30 s lock TTL).
 */
public class DatabaseBusyException extends LiteFsException {
  private static final long serialVersionUID = 1L;

  /** The busy database; not serialized. */
  private final transient Path database;

  /** How many times the transaction was tried. */
  private final int attempts;

  /** The SQLite result code of the last failure. */
  private final int resultCode;

  /**
   * Creates the exception.
   *
   * @param database the database
   * @param attempts how many times the transaction was tried
   * @param cause the last BUSY or LOCKED error
   */
  public DatabaseBusyException(Path database, int attempts, SQLException cause) {
    super(
        database
            + " stayed busy: "
            + attempts
            + (attempts == 1 ? " attempt" : " attempts")
            + " failed, the last with: "
            + Objects.requireNonNull(cause, "cause").getMessage(),
        cause);
    this.database = Objects.requireNonNull(database, "database");
    this.attempts = attempts;
    this.resultCode = cause.getErrorCode();
  }

  /**
   * The database that was busy.
   *
   * @return its path
   */
  public Path database() {
    return database;
  }

  /**
   * How many times the transaction was tried.
   *
   * @return at least 1
   */
  public int attempts() {
    return attempts;
  }

  /**
   * The SQLite result code of the last failure ({@code 5} BUSY or {@code 6} LOCKED, possibly with
   * extended bits).
   *
   * @return the code from {@link SQLException#getErrorCode()}
   */
  public int resultCode() {
    return resultCode;
  }
}
