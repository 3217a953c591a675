package io.github.litefs4j.flyway;

/** What {@link LiteFsFlyway#migrate()} does on a replica. On the primary both migrate directly. */
public enum ReplicaMigration {
  /**
   * Migrate through HALT: the replica takes the HALT lock (which stops every other writer of the
   * primary and brings the replica up to the primary's position), runs Flyway locally, and LiteFS
   * ships each commit to the primary. Every node can migrate, so a cluster converges even when the
   * primary's application is not running. The whole Flyway run must fit in LiteFS's HALT lock TTL
   * (30 s): for long migrations use {@link #AWAIT_REPLICATION}.
   */
  HALT,
  /**
   * Do not write on a replica: wait until the primary's migration has replicated, that is until
   * this node's schema history holds every migration Flyway resolves from the configured locations.
   * Needs the primary's application to migrate; no duration limit besides the timeout.
   */
  AWAIT_REPLICATION
}
