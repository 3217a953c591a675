package io.github.litefs4j.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Plain sqlite-jdbc statements and reads for the tests, independent of the code under test: real
 * SQLite on the real FUSE mount. Every method that takes a {@link Path} opens a connection of its
 * own and closes it before returning; the ones that take a {@link Connection} leave it open. A path
 * connection is read-write and creates the database if it does not exist, except {@link #query},
 * which opens read-only (it never creates a database on a replica, where creating one fails).
 *
 * <p>Stateless and thread-safe; failures are sqlite-jdbc's {@link SQLException}, unchanged.
 */
public final class Sql {
  private Sql() {}

  /**
   * A read-write connection to {@code db} (creating the database if needed); the caller closes it.
   */
  public static Connection connect(Path db) throws SQLException {
    return DriverManager.getConnection("jdbc:sqlite:" + db);
  }

  /**
   * Runs statements in order, each in its own transaction (autocommit), creating the database if
   * needed; stops at the first failure.
   *
   * @return the update count of the last statement (0 for DDL, -1 for a query; 0 if none)
   */
  public static int exec(Path db, String... statements) throws SQLException {
    try (Connection c = connect(db)) {
      return exec(c, statements);
    }
  }

  /**
   * Runs statements in order on an open connection, which stays open.
   *
   * @return the update count of the last statement (0 for DDL, -1 for a query; 0 if none)
   */
  public static int exec(Connection c, String... statements) throws SQLException {
    int count = 0;
    try (Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
        count = s.getUpdateCount();
      }
    }
    return count;
  }

  /**
   * Like {@link #exec(Path, String...)} but without waiting for SQLite locks ({@code PRAGMA
   * busy_timeout = 0}): a locked database fails at once with {@code SQLITE_BUSY}.
   */
  public static int execNoWait(Path db, String... statements) throws SQLException {
    try (Connection c = connect(db)) {
      exec(c, "PRAGMA busy_timeout = 0");
      return exec(c, statements);
    }
  }

  /**
   * The first column of every row of {@code sql}, through a read-only connection of its own: it
   * works on a replica and never creates the database (a missing database fails).
   */
  public static List<String> query(Path db, String sql) throws SQLException {
    Properties readOnly = new Properties();
    readOnly.setProperty("open_mode", "1"); // SQLITE_OPEN_READONLY
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db, readOnly)) {
      return column(c, sql);
    }
  }

  /** The first column of every row of {@code sql}, through a read-write connection of its own. */
  public static List<String> column(Path db, String sql) throws SQLException {
    try (Connection c = connect(db)) {
      return column(c, sql);
    }
  }

  /**
   * The first column of every row of {@code sql} (as text; SQL NULL as {@code null}), with {@code
   * params} bound in order; the connection stays open.
   */
  public static List<String> column(Connection c, String sql, Object... params)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        s.setObject(i + 1, params[i]);
      }
      try (ResultSet rs = s.executeQuery()) {
        List<String> values = new ArrayList<>();
        while (rs.next()) {
          values.add(rs.getString(1));
        }
        return values;
      }
    }
  }

  /**
   * The first column of the first row of {@code sql} as a number, with {@code params} bound in
   * order, through a read-write connection of its own ({@code SELECT count(*) ...}).
   *
   * @throws SQLException also when the query returns no row
   */
  public static long number(Path db, String sql, Object... params) throws SQLException {
    try (Connection c = connect(db)) {
      List<String> values = column(c, sql, params);
      if (values.isEmpty()) {
        throw new SQLException("no row: " + sql);
      }
      return Long.parseLong(values.get(0));
    }
  }

  /** How many rows {@code table} holds, on an open connection. */
  public static int count(Connection c, String table) throws SQLException {
    return Integer.parseInt(column(c, "SELECT count(*) FROM " + table).get(0));
  }

  /** How many rows {@code table} holds, through a connection of its own. */
  public static long count(Path db, String table) throws SQLException {
    return number(db, "SELECT count(*) FROM " + table);
  }

  /** How many rows of {@code table} hold each value of its integer column {@code id}. */
  public static Map<Long, Integer> countsById(Path db, String table) throws SQLException {
    Map<Long, Integer> counts = new HashMap<>();
    try (Connection c = connect(db);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT id, count(*) FROM " + table + " GROUP BY id")) {
      while (rs.next()) {
        counts.put(rs.getLong(1), rs.getInt(2));
      }
    }
    return counts;
  }

  /** The primary SQLite result code of a failure (8 = SQLITE_READONLY, 5 = SQLITE_BUSY). */
  public static int sqliteCode(SQLException e) {
    return e.getErrorCode() & 0xff;
  }

  /**
   * The stripped content of the database's LiteFS {@code <db>-pos} file ({@code txid/checksum} in
   * hex), or "" if it cannot be read (no such database, or the mount is gone).
   */
  public static String posFile(Path db) {
    try {
      return Files.readString(db.resolveSibling(db.getFileName() + "-pos")).strip();
    } catch (IOException e) {
      return "";
    }
  }
}
