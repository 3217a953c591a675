package io.github.litefs4j.flyway;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Plain sqlite-jdbc statements for the tests: a statement, or the first column of a query. */
final class Sql {
  private Sql() {}

  static void exec(Connection c, String sql) throws SQLException {
    c.createStatement().execute(sql); // closed with the connection
  }

  /** The first column of every row of {@code sql}, read through a connection of its own. */
  static List<String> column(Path db, String sql) throws SQLException {
    List<String> values = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        ResultSet rows = c.createStatement().executeQuery(sql)) {
      while (rows.next()) {
        values.add(rows.getString(1));
      }
    }
    return values;
  }
}
