package io.github.litefs4j.flyway.internal;

import io.github.litefs4j.HaltException;
import io.github.litefs4j.Position;
import io.github.litefs4j.flyway.MigrationFailedException;
import io.github.litefs4j.flyway.MigrationRoute;
import io.github.litefs4j.flyway.MigrationTimeoutException;
import io.github.litefs4j.jdbc.LiteFsDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;

/**
 * The exceptions of a migration, with the state that explains them: the failed or pending
 * migrations, the position here, the primary. Stateless; thread-safe. Internal: not exported.
 */
public final class MigrationErrors {
  private MigrationErrors() {}

  /**
   * The migrations still pending on this node; empty when the schema is up to date.
   *
   * @param reader a Flyway on the database
   * @return each as "version description"
   */
  public static List<String> pendingHere(Flyway reader) {
    List<String> pending = new ArrayList<>();
    for (MigrationInfo info : reader.info().pending()) {
      pending.add(describe(info));
    }
    return pending;
  }

  /**
   * Whether {@code withHalt} added a failed release to the failure: no primary took the HALT back,
   * because the primary died or handed the lease off during the step.
   *
   * @param failure what the step threw
   * @return true if an {@code UNHALT_FAILED} {@link HaltException} is among its suppressed
   */
  public static boolean releaseFailed(Throwable failure) {
    for (Throwable suppressed : failure.getSuppressed()) {
      if (suppressed instanceof HaltException halt
          && halt.reason() == HaltException.Reason.UNHALT_FAILED) {
        return true;
      }
    }
    return false;
  }

  /**
   * A failed migration, naming the first migration still pending (the one that failed).
   *
   * @param database the database
   * @param reader a Flyway on the database, for its pending migrations
   * @param route how the migration ran
   * @param cause Flyway's exception
   * @return the exception to throw
   */
  public static MigrationFailedException failed(
      LiteFsDatabase database, Flyway reader, MigrationRoute route, FlywayException cause) {
    Optional<String> failedMigration = Optional.empty();
    try {
      MigrationInfo[] pending = reader.info().pending();
      if (pending.length > 0) {
        failedMigration = Optional.of(describe(pending[0]));
      }
    } catch (RuntimeException infoFailure) {
      cause.addSuppressed(infoFailure);
    }
    return new MigrationFailedException(database.path(), route, failedMigration, cause);
  }

  /**
   * A migration not seen on this node in time, with what is pending here and the position.
   *
   * @param database the database
   * @param reader a Flyway on the database, for its pending migrations
   * @param timeout the migration's timeout
   * @param waitingFor what was waited for
   * @param lastFailure the last failure seen while waiting, or null
   * @return the exception to throw
   */
  public static MigrationTimeoutException timedOut(
      LiteFsDatabase database,
      Flyway reader,
      Duration timeout,
      String waitingFor,
      Throwable lastFailure) {
    List<String> pending = List.of();
    String position = database.position().map(Position::toString).orElse("none");
    try {
      if (database.position().isPresent() || !database.isOnLiteFs()) {
        pending = pendingHere(reader);
      }
    } catch (RuntimeException infoFailure) {
      if (lastFailure != null) {
        lastFailure.addSuppressed(infoFailure);
      } else {
        lastFailure = infoFailure;
      }
    }
    return new MigrationTimeoutException(
        database.path(),
        timeout,
        pending,
        "migration of "
            + database.path()
            + " not seen on this node within "
            + timeout
            + ": still waiting for "
            + waitingFor
            + "; pending here: "
            + pending
            + "; position here: "
            + position
            + database.primaryHostname().map(p -> "; primary: " + p).orElse("; no primary known"),
        lastFailure);
  }

  private static String describe(MigrationInfo info) {
    String version = info.getVersion() == null ? "R" : info.getVersion().getVersion();
    String description = info.getDescription();
    return description == null || description.isEmpty() ? version : version + " " + description;
  }
}
