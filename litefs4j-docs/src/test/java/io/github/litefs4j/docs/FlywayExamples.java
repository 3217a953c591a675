package io.github.litefs4j.docs;

import io.github.litefs4j.flyway.LiteFsFlyway;
import io.github.litefs4j.flyway.MigrationFailedException;
import io.github.litefs4j.flyway.MigrationResult;
import io.github.litefs4j.flyway.MigrationTimeoutException;
import io.github.litefs4j.flyway.ReplicaMigration;
import io.github.litefs4j.jdbc.LiteFsDatabase;
import io.github.litefs4j.jdbc.WritePolicy;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** The samples of docs/flyway.md. */
final class FlywayExamples {
  private static final Logger log = System.getLogger("app");

  private FlywayExamples() {}

  static MigrationResult migrate() {
    // tag::migrate[]
    LiteFsDatabase db =
        LiteFsDatabase.builder(Path.of("/litefs/app.db"), WritePolicy.refuse()).build();

    MigrationResult result =
        LiteFsFlyway.builder(db, ReplicaMigration.HALT)
            .configure(
                flyway ->
                    flyway.locations("classpath:db/migration").placeholders(Map.of("owner", "app")))
            .timeout(Duration.ofMinutes(2))
            .build()
            .migrate();

    result.route(); // PRIMARY, HALT or REPLICATED
    result.migrationsExecuted(); // how many this node applied
    result.schemaVersion(); // Optional[3]
    // end::migrate[]
    return result;
  }

  static void failures(LiteFsFlyway migrator) {
    // tag::failures[]
    try {
      migrator.migrate();
    } catch (MigrationFailedException e) { // the migration itself failed: on every node alike
      log.log(Level.ERROR, "migration " + e.failedMigration().orElse("?") + " failed", e);
      throw e; // fix the migration and deploy again
    } catch (MigrationTimeoutException e) { // this node did not see the migrated schema in time
      log.log(Level.ERROR, "schema not migrated here yet, still pending: " + e.pending(), e);
      throw e;
    }
    // end::failures[]
  }
}
