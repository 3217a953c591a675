package io.github.litefs4j.testing;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/** Small sqlite-jdbc helpers for the tests: real SQLite on the real FUSE mount. */
final class Sql {
  private Sql() {}

  /** Runs statements on a read-write connection (creating the database if needed). */
  static void execute(Path db, String... statements) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    }
  }

  /** The first column of every row, read through a read-only connection (works on a replica). */
  static List<String> query(Path db, String sql) throws SQLException {
    Properties readOnly = new Properties();
    readOnly.setProperty("open_mode", "1"); // SQLITE_OPEN_READONLY: never create on a replica
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db, readOnly);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      List<String> values = new ArrayList<>();
      while (rs.next()) {
        values.add(rs.getString(1));
      }
      return values;
    }
  }
}
