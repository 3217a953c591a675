package io.github.litefs4j.jdbc.internal;

import io.github.litefs4j.jdbc.JournalMode;
import io.github.litefs4j.jdbc.UnsupportedJournalModeException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import javax.sql.DataSource;
import org.sqlite.SQLiteConnection;

/**
 * Opens connections from a {@link DataSource} and prepares each for LiteFS: the busy timeout (when
 * it is not part of the data source's own configuration), the journal mode, and the check that the
 * journal mode is one LiteFS replicates. The first connection also shows whether the data source
 * reaches this database at all. Thread-safe.
 *
 * <p>The journal mode is set with {@code PRAGMA journal_mode} on every connection, because the
 * rollback modes are per connection. On a replica, switching between WAL and a rollback mode is a
 * write and fails with SQLITE_READONLY; the connection then keeps the database's current mode (a
 * replica follows the mode the primary chose).
 */
public final class ConnectionSetup {
  private final Path database;
  private final DataSource source;
  private final Optional<JournalMode> journalMode;
  private final long busyTimeoutMillis;
  private final boolean checkJournalMode;
  private volatile boolean sourceChecked;

  /**
   * @param busyTimeoutMillis the busy timeout to set with a PRAGMA, or -1 to leave the connection's
   *     own
   * @param checkJournalMode whether to refuse connections in a mode LiteFS does not replicate
   */
  public ConnectionSetup(
      Path database,
      DataSource source,
      Optional<JournalMode> journalMode,
      long busyTimeoutMillis,
      boolean checkJournalMode) {
    this.database = database;
    this.source = source;
    this.journalMode = journalMode;
    this.busyTimeoutMillis = busyTimeoutMillis;
    this.checkJournalMode = checkJournalMode;
  }

  /** The underlying data source. */
  public DataSource source() {
    return source;
  }

  /** A prepared connection; the caller closes it. */
  public Connection open() throws SQLException {
    return prepare(source.getConnection());
  }

  /** Prepares a connection obtained elsewhere; closes it if preparing fails. */
  public Connection prepare(Connection connection) throws SQLException {
    try {
      if (!sourceChecked) {
        checkSource(connection);
        sourceChecked = true;
      }
      if (busyTimeoutMillis >= 0) {
        execute(connection, "PRAGMA busy_timeout = " + busyTimeoutMillis);
      }
      String mode =
          journalMode.isPresent() ? applyJournalMode(connection) : currentMode(connection);
      if (checkJournalMode && JournalMode.fromPragma(mode).isEmpty()) {
        throw new UnsupportedJournalModeException(database, mode);
      }
      return connection;
    } catch (Throwable failure) {
      try {
        connection.close();
      } catch (SQLException closeFailure) {
        failure.addSuppressed(closeFailure);
      }
      throw failure;
    }
  }

  /**
   * Once per setup: the data source must give sqlite-jdbc connections to this very database, or
   * positions, replica handling and HALT would be about another file.
   */
  private void checkSource(Connection connection) throws SQLException {
    if (!connection.isWrapperFor(SQLiteConnection.class)) {
      throw new IllegalStateException(
          "the data source for "
              + database
              + " gives connections of "
              + connection.getClass().getName()
              + ", not sqlite-jdbc connections");
    }
    String file = "";
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("PRAGMA database_list")) {
      while (rows.next()) {
        if ("main".equals(rows.getString("name"))) {
          file = String.valueOf(rows.getString("file"));
        }
      }
    }
    if (file.isEmpty() || !Path.of(file).toAbsolutePath().normalize().equals(database)) {
      throw new IllegalStateException(
          "the data source for "
              + database
              + " gives connections to "
              + (file.isEmpty() ? "a temporary or in-memory database" : file));
    }
  }

  private String applyJournalMode(Connection connection) throws SQLException {
    try {
      return queryString(connection, "PRAGMA journal_mode = " + journalMode.get().pragmaValue());
    } catch (SQLException e) {
      if (SqliteErrors.mayBeReplicaRefusal(e)) {
        return currentMode(connection);
      }
      throw e;
    }
  }

  private static String currentMode(Connection connection) throws SQLException {
    return queryString(connection, "PRAGMA journal_mode");
  }

  private static String queryString(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      return rows.next() ? String.valueOf(rows.getString(1)) : "";
    }
  }

  private static void execute(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
