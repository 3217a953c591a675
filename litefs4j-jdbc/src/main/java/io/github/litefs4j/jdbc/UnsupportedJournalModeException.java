package io.github.litefs4j.jdbc;

import io.github.litefs4j.LiteFsException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A connection to a database on LiteFS is in a journal mode that LiteFS does not replicate ({@code
 * memory} or {@code off}, usually set by the configuration of a supplied {@link
 * javax.sql.DataSource}). Writes made in such a mode are never shipped to the replicas; see {@link
 * JournalMode}. The connection is closed before this is thrown.
 */
public class UnsupportedJournalModeException extends LiteFsException {
  private static final long serialVersionUID = 1L;

  /** The database; not serialized. */
  private final transient Path database;

  /** The journal mode SQLite reported. */
  private final String journalMode;

  /**
   * Creates the exception.
   *
   * @param database the database
   * @param journalMode the mode SQLite reported, as it reported it
   */
  public UnsupportedJournalModeException(Path database, String journalMode) {
    super(
        "journal mode "
            + journalMode
            + " of "
            + database
            + " is not replicated by LiteFS (use delete, truncate, persist or wal)");
    this.database = Objects.requireNonNull(database, "database");
    this.journalMode = Objects.requireNonNull(journalMode, "journalMode");
  }

  /**
   * The database.
   *
   * @return its path
   */
  public Path database() {
    return database;
  }

  /**
   * The journal mode SQLite reported.
   *
   * @return for example {@code "memory"}
   */
  public String journalMode() {
    return journalMode;
  }
}
