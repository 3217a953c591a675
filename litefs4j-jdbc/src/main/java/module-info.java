/**
 * litefs4j JDBC: LiteFS-aware database handles over sqlite-jdbc, and Flyway migrations that run
 * exactly once on a LiteFS cluster.
 *
 * <p>Public API in {@code io.github.litefs4j.jdbc}; {@code io.github.litefs4j.jdbc.internal} is not
 * exported. Flyway is optional: only {@link io.github.litefs4j.jdbc.LiteFsFlyway} needs it.
 */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module io.github.litefs4j.jdbc {
  requires transitive io.github.litefs4j;
  requires transitive java.sql;
  requires transitive org.xerial.sqlitejdbc;
  // flyway-core 12.4.0 ships no module descriptor: "flyway.core" is the name derived from its file
  // name. Static: only LiteFsFlyway needs it; transitive: LiteFsFlyway's API shows Flyway types.
  requires static transitive flyway.core;

  exports io.github.litefs4j.jdbc;
}
