package io.github.litefs4j.flyway;

import io.github.litefs4j.Position;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of {@link LiteFsFlyway#migrate()} on this node. When it is returned, this node's
 * database holds every migration Flyway resolved from the configured locations.
 *
 * @param route how the schema got up to date here
 * @param migrationsExecuted how many migrations this node applied (0 when another node had applied
 *     them all, and always 0 for {@link MigrationRoute#REPLICATED})
 * @param schemaVersion the schema version now current on this node, empty if no versioned migration
 *     exists
 * @param position this node's replication position afterwards, empty when not on LiteFS
 */
public record MigrationResult(
    MigrationRoute route,
    int migrationsExecuted,
    Optional<String> schemaVersion,
    Optional<Position> position) {

  /**
   * Validates the components.
   *
   * @param route how the schema got up to date here
   * @param migrationsExecuted how many migrations this node applied, not negative
   * @param schemaVersion the schema version now current on this node
   * @param position this node's replication position afterwards
   * @throws NullPointerException if a component is null
   * @throws IllegalArgumentException if migrationsExecuted is negative
   */
  public MigrationResult {
    Objects.requireNonNull(route, "route");
    Objects.requireNonNull(schemaVersion, "schemaVersion");
    Objects.requireNonNull(position, "position");
    if (migrationsExecuted < 0) {
      throw new IllegalArgumentException(
          "migrationsExecuted must not be negative: " + migrationsExecuted);
    }
  }
}
