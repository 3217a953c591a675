package io.github.litefs4j.flyway;

import io.github.litefs4j.LiteFsException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A Flyway migration failed on this node. The cause is Flyway's exception (with the SQL error
 * inside). SQLite runs each migration in a transaction, so the failed migration left nothing
 * behind; migrations before it in the same run stay applied. Under {@link ReplicaMigration#HALT}
 * the HALT lock is released before this is thrown.
 *
 * <p>Not retried: a migration that fails on one node fails on every node. Fix the migration (or the
 * data) and deploy again.
 */
public class MigrationFailedException extends LiteFsException {
  private static final long serialVersionUID = 1L;

  /** The database being migrated; not serialized. */
  private final transient Path database;

  /** Where Flyway ran. */
  private final MigrationRoute route;

  /** The migration that failed, or null if unknown. */
  private final String failedMigration;

  /**
   * Creates the exception.
   *
   * @param database the database being migrated
   * @param route where Flyway ran: {@link MigrationRoute#PRIMARY} or {@link MigrationRoute#HALT}
   * @param failedMigration the migration that failed ("version description"), if known
   * @param cause Flyway's exception
   */
  public MigrationFailedException(
      Path database, MigrationRoute route, Optional<String> failedMigration, Throwable cause) {
    super(
        "migration of "
            + database
            + " failed"
            + failedMigration.map(m -> " at " + m).orElse("")
            + (route == MigrationRoute.HALT ? " (on a replica under HALT; HALT released)" : "")
            + ": "
            + Objects.requireNonNull(cause, "cause").getMessage(),
        cause);
    this.database = Objects.requireNonNull(database, "database");
    this.route = Objects.requireNonNull(route, "route");
    this.failedMigration = failedMigration.orElse(null);
  }

  /**
   * The database being migrated.
   *
   * @return its path
   */
  public Path database() {
    return database;
  }

  /**
   * Where Flyway ran when it failed.
   *
   * @return {@link MigrationRoute#PRIMARY} or {@link MigrationRoute#HALT}
   */
  public MigrationRoute route() {
    return route;
  }

  /**
   * The migration that failed: the first one still pending after the failure.
   *
   * @return for example {@code "3 add bad index"}, or empty if Flyway could not tell
   */
  public Optional<String> failedMigration() {
    return Optional.ofNullable(failedMigration);
  }
}
