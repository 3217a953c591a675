package io.github.litefs4j.spring.internal;

import io.github.litefs4j.flyway.LiteFsFlyway;
import io.github.litefs4j.flyway.MigrationResult;
import io.github.litefs4j.flyway.ReplicaMigration;
import io.github.litefs4j.jdbc.LiteFsDatabase;
import io.github.litefs4j.spring.FlywayProperties;
import java.lang.System.Logger.Level;

/**
 * Runs the startup migration through {@link LiteFsFlyway}: directly on the primary, under HALT or
 * by waiting for replication on a replica (never a plain Flyway run on a replica), so that
 * migrations run once in the cluster. The one file of the starter that knows litefs4j's Flyway
 * types. Stateless.
 */
public final class FlywayMigrations {
  private static final System.Logger LOG = System.getLogger(FlywayMigrations.class.getName());

  private FlywayMigrations() {}

  /**
   * Migrates (or waits for the migration) and returns when this node's schema is up to date.
   *
   * @param database the database
   * @param properties {@code litefs.flyway.*}
   * @param classLoader the application's class loader (for {@code classpath:} locations)
   * @return the marker for the data source bean
   * @throws RuntimeException litefs4j's migration exceptions: a failed migration, a timeout
   */
  public static SchemaReady migrate(
      LiteFsDatabase database, FlywayProperties properties, ClassLoader classLoader) {
    ReplicaMigration onReplica =
        properties.getOnReplica() == FlywayProperties.ReplicaMigrationName.HALT
            ? ReplicaMigration.HALT
            : ReplicaMigration.AWAIT_REPLICATION;
    String[] locations = properties.getLocations().toArray(String[]::new);
    MigrationResult result =
        LiteFsFlyway.builder(database, onReplica)
            .configure(flyway -> flyway.locations(locations))
            .classLoader(classLoader)
            .timeout(properties.getTimeout())
            .build()
            .migrate();
    String summary =
        database.path()
            + " at schema "
            + result.schemaVersion().orElse("(none)")
            + " via "
            + result.route()
            + ", "
            + result.migrationsExecuted()
            + " migration(s) applied here";
    LOG.log(Level.INFO, "LiteFS migration done: " + summary);
    return new SchemaReady(summary);
  }
}
