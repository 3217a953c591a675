package io.github.litefs4j.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/** Small JDBC helpers for the reliability tests. */
final class Sql {
  private Sql() {}

  static Connection connect(Path db) throws SQLException {
    return DriverManager.getConnection("jdbc:sqlite:" + db);
  }

  static void exec(Path db, String sql) throws SQLException {
    try (Connection c = connect(db);
        Statement s = c.createStatement()) {
      s.executeUpdate(sql);
    }
  }

  /** How many rows of table {@code t} hold each id. */
  static Map<Long, Integer> idCounts(Path db) throws SQLException {
    Map<Long, Integer> counts = new HashMap<>();
    try (Connection c = connect(db);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT id, COUNT(*) FROM t GROUP BY id")) {
      while (rs.next()) {
        counts.put(rs.getLong(1), rs.getInt(2));
      }
    }
    return counts;
  }

  static long count(Path db) throws SQLException {
    try (Connection c = connect(db);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM t")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** The content of the database's {@code -pos} file, or "" if it cannot be read. */
  static String pos(Path db) {
    try {
      return Files.readString(db.resolveSibling(db.getFileName() + "-pos")).strip();
    } catch (IOException e) {
      return "";
    }
  }
}
