package io.github.litefs4j.examples.dashboard;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteOpenMode;

/**
 * The demo table on a node's mount, through plain sqlite-jdbc: {@code (id, mark, text, via,
 * written_at)}, where {@code mark} is a random tag that names a row across a failover (an id can be
 * given again by a new primary that never saw the old one's last rows). Reads open the database
 * read-only and never create it, so a node that is down (an empty mount point) is never given a
 * stray file.
 *
 * <p>Thread-safe: each call opens its own connection.
 *
 * @param database the database file name, e.g. {@code demo.db}
 * @param table the table name
 * @param markSql the SQL expression that reads a row's mark: {@code mark} for the table {@link
 *     #create} makes; for a table of another application, for example {@code substr(text, -9, 8)}
 *     when the mark ends the text as {@code [mark]}
 */
record Rows(String database, String table, String markSql) {

  /**
   * What a count saw on one node.
   *
   * @param rows the number of rows, or null if unknown
   * @param marks the marks of every row (empty if unknown)
   */
  record Count(Long rows, Set<String> marks) {
    /** Not known: the node is down, or the table has not reached it yet. */
    static final Count UNKNOWN = new Count(null, Set.of());

    /** Whether the row with this mark is on the node. */
    boolean has(String mark) {
      return marks.contains(mark);
    }
  }

  /**
   * Reads the rows' marks on the node that holds {@code db}.
   *
   * @param db the database path in the node's mount
   * @return the count, or {@link Count#UNKNOWN} if the database or table cannot be read
   */
  Count count(Path db) {
    if (!Files.exists(db)) {
      return Count.UNKNOWN;
    }
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(true);
    config.resetOpenMode(SQLiteOpenMode.CREATE);
    try (Connection conn = DriverManager.getConnection(url(db), config.toProperties());
        Statement statement = conn.createStatement();
        ResultSet rs = statement.executeQuery("SELECT " + markSql + " FROM " + table)) {
      Set<String> marks = new HashSet<>();
      while (rs.next()) {
        marks.add(rs.getString(1));
      }
      return new Count((long) marks.size(), Set.copyOf(marks));
    } catch (SQLException e) {
      return Count.UNKNOWN; // no table yet on this node, or the mount went away meanwhile
    }
  }

  /**
   * Creates the table if it does not exist; on the primary.
   *
   * @param db the database path on the primary's mount
   * @throws SQLException if SQLite refuses
   */
  void create(Path db) throws SQLException {
    try (Connection conn = DriverManager.getConnection(url(db));
        Statement statement = conn.createStatement()) {
      statement.executeUpdate(
          "CREATE TABLE IF NOT EXISTS "
              + table
              + " (id INTEGER PRIMARY KEY, mark TEXT NOT NULL UNIQUE, text TEXT NOT NULL,"
              + " via TEXT NOT NULL,"
              + " written_at INTEGER NOT NULL)");
    }
  }

  /**
   * Inserts a row on an existing database (never creates the file).
   *
   * @param db the database path in the mount of the node written through
   * @param text the row's text
   * @param via the node written through
   * @param mark the row's unique mark
   * @return the new row's id
   * @throws SQLException if SQLite refuses (read-only replica, no table...)
   */
  long insert(Path db, String mark, String text, String via) throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.resetOpenMode(SQLiteOpenMode.CREATE);
    try (Connection conn = DriverManager.getConnection(url(db), config.toProperties());
        PreparedStatement insert =
            conn.prepareStatement(
                "INSERT INTO " + table + " (mark, text, via, written_at) VALUES (?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
      insert.setString(1, mark);
      insert.setString(2, text);
      insert.setString(3, via);
      insert.setLong(4, System.currentTimeMillis());
      insert.executeUpdate();
      try (ResultSet keys = insert.getGeneratedKeys()) {
        keys.next();
        return keys.getLong(1);
      }
    }
  }

  private static String url(Path db) {
    return "jdbc:sqlite:" + db;
  }
}
