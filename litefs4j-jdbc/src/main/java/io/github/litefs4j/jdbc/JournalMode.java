package io.github.litefs4j.jdbc;

import java.util.Locale;
import java.util.Optional;

/**
 * The SQLite journal modes that LiteFS replicates.
 *
 * <p>LiteFS (0.5.x) detects a commit from the journal: the rollback journal being deleted ({@link
 * #DELETE}), truncated ({@link #TRUNCATE}) or its header zeroed ({@link #PERSIST}), or a commit
 * frame in the write-ahead log ({@link #WAL}). SQLite's {@code MEMORY} and {@code OFF} modes write
 * no journal file, so LiteFS never sees the commit: on a real LiteFS 0.5.14 primary a table written
 * with either mode showed 2 rows while its replica still showed 0 and the position did not move.
 * They are therefore not representable here, and a connection found in one of them is refused with
 * {@link UnsupportedJournalModeException}.
 *
 * <p>{@code DELETE}, {@code TRUNCATE} and {@code PERSIST} are per-connection settings of a
 * rollback-journal database; {@code WAL} is stored in the database file and so is the same on every
 * node. Only the primary can switch a database into or out of WAL.
 */
public enum JournalMode {
  /** Rollback journal, deleted at commit. SQLite's and LiteFS's default. */
  DELETE,
  /** Rollback journal, truncated to zero length at commit. */
  TRUNCATE,
  /** Rollback journal, header zeroed at commit. */
  PERSIST,
  /** Write-ahead log. Persistent: set once on the primary, replicated to every node. */
  WAL;

  /**
   * The value for {@code PRAGMA journal_mode}.
   *
   * @return for example {@code "wal"}
   */
  public String pragmaValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The mode named by a {@code PRAGMA journal_mode} answer, if LiteFS supports it.
   *
   * @param value the answer, any case, for example {@code "delete"}
   * @return the mode, or empty for {@code memory}, {@code off} or anything else
   */
  public static Optional<JournalMode> fromPragma(String value) {
    if (value == null) {
      return Optional.empty();
    }
    for (JournalMode mode : values()) {
      if (mode.pragmaValue().equalsIgnoreCase(value.strip())) {
        return Optional.of(mode);
      }
    }
    return Optional.empty();
  }
}
