package io.github.litefs4j.jdbc.internal;

import java.sql.SQLException;
import java.util.Optional;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Classifies SQLite errors by result code. sqlite-jdbc reports the primary code in {@link
 * SQLException#getErrorCode()} and the extended code in {@link SQLiteException#getResultCode()}.
 * The whole cause chain is searched, so a SQLite error wrapped by a pool or by Flyway is found.
 * Stateless; thread-safe.
 */
public final class SqliteErrors {
  /** SQLITE_BUSY. */
  public static final int BUSY = 5;

  /** SQLITE_LOCKED. */
  public static final int LOCKED = 6;

  /** SQLITE_READONLY. */
  public static final int READONLY = 8;

  /** SQLITE_IOERR. */
  public static final int IOERR = 10;

  /** SQLITE_IOERR_WRITE: what a write to a WAL database on a LiteFS replica fails with. */
  public static final int IOERR_WRITE = IOERR | (3 << 8);

  private static final int MAX_DEPTH = 16;

  private SqliteErrors() {}

  /** The first SQLite error in the cause chain of {@code t}, if any. */
  public static Optional<SQLException> find(Throwable t) {
    Throwable current = t;
    for (int depth = 0; current != null && depth < MAX_DEPTH; depth++) {
      if (current instanceof SQLiteException) {
        return Optional.of((SQLException) current);
      }
      current = current.getCause();
    }
    current = t;
    for (int depth = 0; current != null && depth < MAX_DEPTH; depth++) {
      if (current instanceof SQLException sql && sql.getErrorCode() != 0) {
        return Optional.of(sql);
      }
      current = current.getCause();
    }
    return Optional.empty();
  }

  /** The primary result code (low 8 bits) of the first SQLite error in the chain, or 0. */
  public static int primaryCode(Throwable t) {
    return find(t).map(e -> e.getErrorCode() & 0xff).orElse(0);
  }

  /** The extended result code of the first SQLite error in the chain, or its primary code. */
  public static int extendedCode(Throwable t) {
    Optional<SQLException> sql = find(t);
    if (sql.isEmpty()) {
      return 0;
    }
    if (sql.get() instanceof SQLiteException sqlite) {
      SQLiteErrorCode code = sqlite.getResultCode();
      if (code != null && code != SQLiteErrorCode.UNKNOWN_ERROR) {
        return code.code;
      }
    }
    return sql.get().getErrorCode();
  }

  /** SQLITE_BUSY or SQLITE_LOCKED (any extended variant): worth retrying the transaction. */
  public static boolean isBusy(Throwable t) {
    int code = primaryCode(t);
    return code == BUSY || code == LOCKED;
  }

  /** SQLITE_READONLY (any extended variant): LiteFS refused the journal on a replica. */
  public static boolean isReadOnly(Throwable t) {
    return primaryCode(t) == READONLY;
  }

  /**
   * An error a LiteFS replica produces for a write: SQLITE_READONLY (rollback journal) or
   * SQLITE_IOERR_WRITE (WAL). The second is also a genuine I/O error, so callers confirm the role.
   */
  public static boolean mayBeReplicaRefusal(Throwable t) {
    return isReadOnly(t) || extendedCode(t) == IOERR_WRITE;
  }
}
