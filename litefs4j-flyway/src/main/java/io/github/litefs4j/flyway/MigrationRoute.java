package io.github.litefs4j.flyway;

/** How {@link LiteFsFlyway#migrate()} brought this node's schema up to date. */
public enum MigrationRoute {
  /** Flyway ran directly: this node was the primary (or the database is not on LiteFS). */
  PRIMARY,
  /** Flyway ran on this replica under the HALT lock. */
  HALT,
  /** This replica ran no migration: it waited until the primary's migration had replicated. */
  REPLICATED
}
