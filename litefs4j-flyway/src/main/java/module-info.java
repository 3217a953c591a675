/**
 * litefs4j Flyway: Flyway migrations that run exactly once on a LiteFS cluster, from whichever node
 * calls them.
 *
 * <p>Public API in {@code io.github.litefs4j.flyway}; {@code io.github.litefs4j.flyway.internal} is
 * not exported.
 */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module io.github.litefs4j.flyway {
  requires transitive io.github.litefs4j.jdbc;
  // flyway-core 12.4.0 ships no module descriptor: "flyway.core" is the name derived from its file
  // name. Transitive: LiteFsFlyway's API shows Flyway types.
  requires transitive flyway.core;

  exports io.github.litefs4j.flyway;
}
