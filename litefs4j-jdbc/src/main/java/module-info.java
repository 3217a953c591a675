/**
 * litefs4j JDBC: LiteFS-aware database handles over sqlite-jdbc.
 *
 * <p>Public API in {@code io.github.litefs4j.jdbc}; {@code io.github.litefs4j.jdbc.internal} is
 * exported only to litefs4j-flyway, whose migration data source prepares connections with the
 * database's own setup (see {@code DatabaseAccess}).
 */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module io.github.litefs4j.jdbc {
  requires transitive io.github.litefs4j;
  requires transitive java.sql;
  requires transitive org.xerial.sqlitejdbc;

  exports io.github.litefs4j.jdbc;
  exports io.github.litefs4j.jdbc.internal to
      io.github.litefs4j.flyway;
}
