package io.github.litefs4j.flyway;

import io.github.litefs4j.LiteFsException;
import io.github.litefs4j.LiteFsInterruptedException;
import io.github.litefs4j.flyway.internal.MigrationDataSource;
import io.github.litefs4j.flyway.internal.MigrationErrors;
import io.github.litefs4j.flyway.internal.MigrationWaits;
import io.github.litefs4j.jdbc.LiteFsDatabase;
import io.github.litefs4j.jdbc.UnsupportedJournalModeException;
import io.github.litefs4j.jdbc.internal.DatabaseAccess;
import io.github.litefs4j.jdbc.internal.Halts;
import io.github.litefs4j.jdbc.internal.SqliteErrors;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Flyway on a LiteFS cluster: one call that migrates a database from whichever node runs it, so
 * that every node can call it at startup. Needs {@code org.flywaydb:flyway-core} on the class path
 * (an optional dependency of this module; SQLite support is part of flyway-core).
 *
 * <pre>{@code
 * LiteFsDatabase db = LiteFsDatabase.builder(Path.of("/litefs/app.db"), WritePolicy.refuse())
 *     .build();
 * MigrationResult result = LiteFsFlyway.builder(db, ReplicaMigration.HALT)
 *     .configure(flyway -> flyway.locations("classpath:db/migration"))
 *     .build()
 *     .migrate();
 * }</pre>
 *
 * <h2>What happens where</h2>
 *
 * <ul>
 *   <li>On the primary (no {@code .primary} file in the mount), Flyway migrates directly.
 *   <li>On a replica with {@link ReplicaMigration#HALT}, Flyway runs under the HALT lock: LiteFS
 *       makes the primary stop every other writer, brings the replica to the primary's position (so
 *       Flyway reads an up-to-date schema history) and ships each commit to the primary.
 *   <li>On a replica with {@link ReplicaMigration#AWAIT_REPLICATION}, nothing is written: the call
 *       re-reads Flyway's view of the local database whenever the replica's position moves (and at
 *       least every second) until no migration is pending.
 *   <li>On a replica without a primary, or one on which the database does not exist yet, the call
 *       waits and tries again.
 * </ul>
 *
 * <h2>Exactly once</h2>
 *
 * Flyway checks the schema history and applies the next migration in one transaction, and SQLite
 * lets one writer at a time commit, so no migration is applied twice: at worst a migrator fails. To
 * make it wait instead, the data source given to Flyway begins every transaction with {@code BEGIN
 * IMMEDIATE}: check and apply hold the primary's write lock together, another migrator on the
 * primary waits for it, and a replica's HALT (which needs that same lock) waits for the step to end
 * and then sees it. A replica under HALT is the only writer of the cluster until it releases the
 * lock, and LiteFS brings it to the primary's position before its Flyway starts, so it reads the
 * history every earlier migrator committed. The migration connections get a long busy timeout
 * ({@link Builder#busyTimeout(Duration)}, 40 s by default: longer than a HALT can be held), so the
 * primary's Flyway waits out a replica's HALT instead of failing. What is left (a BUSY that still
 * gets through, a HALT that cannot be taken because another node holds it, a step under HALT whose
 * commit and release failed because the primary died or handed the lease on) is retried until
 * {@link Builder#timeout(Duration)}: a step is one transaction, so a retry applies it at most once.
 *
 * <p>When {@link #migrate()} returns, this node's database holds every migration Flyway resolves
 * from the configured locations. A failed migration is not retried: it throws {@link
 * MigrationFailedException}, with the HALT released.
 *
 * <p>Thread-safe: {@link #migrate()} may be called from several threads (each runs its own Flyway
 * command). Holds no resources.
 */
public final class LiteFsFlyway {

  /** Default for {@link Builder#timeout(Duration)}: 2 minutes. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(2);

  /** Default for {@link Builder#busyTimeout(Duration)}: 40 s, above LiteFS's 30 s HALT TTL. */
  public static final Duration DEFAULT_BUSY_TIMEOUT = Duration.ofSeconds(40);

  private static final System.Logger LOG = System.getLogger(LiteFsFlyway.class.getName());

  private static final Duration FIRST_BACKOFF = Duration.ofMillis(50);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(1);

  private final LiteFsDatabase database;
  private final ReplicaMigration onReplica;
  private final Duration timeout;
  private final Duration busyTimeout;
  private final Flyway writer;
  private final Flyway reader;
  private final MigrationWaits waits;

  private LiteFsFlyway(Builder builder, Flyway writer, Flyway reader) {
    this.database = builder.database;
    this.onReplica = builder.onReplica;
    this.timeout = builder.timeout;
    this.busyTimeout = builder.busyTimeout;
    this.writer = writer;
    this.reader = reader;
    this.waits = new MigrationWaits(builder.database);
  }

  /**
   * A builder for migrating {@code database}, with the application's choice for replicas.
   *
   * @param database the database to migrate; its connections are the ones Flyway uses
   * @param onReplica what a replica does
   * @return a new builder
   */
  public static Builder builder(LiteFsDatabase database, ReplicaMigration onReplica) {
    return new Builder(database, onReplica);
  }

  /**
   * Migrates the database (or waits for its migration) and returns when this node sees every
   * migration applied.
   *
   * @return how the schema got up to date here, and the resulting version and position
   * @throws MigrationFailedException if a migration failed (not retried; the HALT is released)
   * @throws MigrationTimeoutException if this node did not see the migrated schema within the
   *     timeout
   * @throws UnsupportedJournalModeException if a connection is in a journal mode LiteFS does not
   *     replicate
   * @throws LiteFsInterruptedException if the thread is interrupted while waiting (the flag is set
   *     again)
   */
  public MigrationResult migrate() {
    Instant deadline = Instant.now().plus(timeout);
    Duration backoff = FIRST_BACKOFF;
    Throwable lastFailure = null;
    String waitingFor;
    while (true) {
      boolean replica = database.primaryHostname().isPresent();
      boolean waitForPosition = false;
      if (!replica) {
        try {
          return done(MigrationRoute.PRIMARY, writer.migrate());
        } catch (FlywayException e) {
          if (database.replicaRefusal(e).isPresent()) {
            waitingFor = "a primary (this node is a replica that is not connected to one)";
          } else if (SqliteErrors.isBusy(e)) {
            waitingFor = "the database's write lock";
          } else {
            throw failed(MigrationRoute.PRIMARY, e);
          }
          lastFailure = e;
        }
      } else if (database.position().isEmpty()) {
        waitingFor = "the database to appear on this replica (the primary creates it)";
        waitForPosition = true;
      } else if (onReplica == ReplicaMigration.HALT) {
        try {
          MigrateResult result =
              Halts.call(database.path(), MigrationWaits.remaining(deadline), writer::migrate);
          return done(MigrationRoute.HALT, result);
        } catch (FlywayException e) {
          if (SqliteErrors.isBusy(e)) {
            waitingFor = "the database's write lock";
          } else if (database.replicaRefusal(e).isPresent() || MigrationErrors.releaseFailed(e)) {
            // Also when the release failed: the primary died or handed the lease off mid-step,
            // so the step's commit failed with an I/O error; its check and apply are one
            // transaction, so running it again applies it at most once.
            waitingFor = "the HALT lock (it was lost during the migration)";
          } else {
            throw failed(MigrationRoute.HALT, e);
          }
          lastFailure = e;
        } catch (LiteFsException e) {
          if (e instanceof LiteFsInterruptedException
              || e instanceof UnsupportedJournalModeException) {
            throw e;
          }
          // The HALT could not be taken: another node holds it, the primary's write lock stayed
          // busy for LiteFS's 10 s acquire timeout, or this replica has no primary right now.
          waitingFor = "the HALT lock";
          lastFailure = e;
        } catch (SQLException e) {
          waitingFor = "the HALT lock";
          lastFailure = e;
        }
      } else {
        List<String> pending = MigrationErrors.pendingHere(reader);
        if (pending.isEmpty()) {
          return logged(
              new MigrationResult(
                  MigrationRoute.REPLICATED, 0, currentVersion(), database.position()));
        }
        waitingFor = "the primary's migration to replicate (pending here: " + pending + ")";
        waitForPosition = true;
      }
      if (!Instant.now().isBefore(deadline)) {
        throw timedOut(waitingFor, lastFailure);
      }
      if (LOG.isLoggable(System.Logger.Level.DEBUG)) {
        LOG.log(
            System.Logger.Level.DEBUG,
            "migration of {0}: waiting for {1}{2}",
            database.path(),
            waitingFor,
            lastFailure == null ? "" : " (last failure: " + lastFailure + ")");
      }
      if (waitForPosition) {
        waits.untilPositionMoves(deadline, MAX_BACKOFF);
      } else {
        waits.pause(deadline, backoff);
        backoff = MigrationWaits.doubled(backoff, MAX_BACKOFF);
      }
    }
  }

  /**
   * The Flyway instance this uses to migrate, for {@code info()}, {@code validate()} and the like.
   * Its data source gives connections prepared for LiteFS with {@code BEGIN IMMEDIATE}
   * transactions. Calling its {@code migrate()} directly bypasses the replica handling.
   *
   * @return the configured Flyway
   */
  public Flyway flyway() {
    return writer;
  }

  /**
   * The database being migrated.
   *
   * @return the handle given to the builder
   */
  public LiteFsDatabase database() {
    return database;
  }

  private MigrationResult done(MigrationRoute route, MigrateResult result) {
    // The version now current in this node's history, not Flyway's targetSchemaVersion: that is
    // the last migration this call applied, and another node may have applied later ones meanwhile
    // (a replica under HALT between two of the primary's migrations).
    Optional<String> version =
        currentVersion().or(() -> Optional.ofNullable(result.targetSchemaVersion));
    return logged(
        new MigrationResult(route, result.migrationsExecuted, version, database.position()));
  }

  private MigrationResult logged(MigrationResult done) {
    LOG.log(
        System.Logger.Level.INFO,
        "migration of {0} done on this node ({1}): {2} applied here, schema version {3}",
        database.path(),
        done.route(),
        done.migrationsExecuted(),
        done.schemaVersion().orElse("none"));
    return done;
  }

  private Optional<String> currentVersion() {
    MigrationInfo current = reader.info().current();
    return current == null || current.getVersion() == null
        ? Optional.empty()
        : Optional.of(current.getVersion().getVersion());
  }

  private MigrationFailedException failed(MigrationRoute route, FlywayException cause) {
    return MigrationErrors.failed(database, reader, route, cause);
  }

  private MigrationTimeoutException timedOut(String waitingFor, Throwable lastFailure) {
    return MigrationErrors.timedOut(database, reader, timeout, waitingFor, lastFailure);
  }

  @Override
  public String toString() {
    return "LiteFsFlyway["
        + database.path()
        + ", onReplica="
        + onReplica
        + ", timeout="
        + timeout
        + ", busyTimeout="
        + busyTimeout
        + "]";
  }

  /** Builds a {@link LiteFsFlyway}. Not thread-safe; {@link #build()} copies the configuration. */
  public static final class Builder {
    private final LiteFsDatabase database;
    private final ReplicaMigration onReplica;
    private final List<Consumer<? super FluentConfiguration>> customizers = new ArrayList<>();
    private Duration timeout = DEFAULT_TIMEOUT;
    private Duration busyTimeout = DEFAULT_BUSY_TIMEOUT;
    private ClassLoader classLoader;

    private Builder(LiteFsDatabase database, ReplicaMigration onReplica) {
      this.database = Objects.requireNonNull(database, "database");
      this.onReplica = Objects.requireNonNull(onReplica, "onReplica");
    }

    /**
     * Configures Flyway: locations, placeholders, callbacks, ... Called in order, once per {@link
     * #build()}. Do not set a data source or URL: Flyway gets the database's connections, and
     * {@link #build()} rejects a configuration that has its own.
     *
     * @param customizer adjusts Flyway's configuration
     * @return this builder
     */
    public Builder configure(Consumer<? super FluentConfiguration> customizer) {
      customizers.add(Objects.requireNonNull(customizer, "customizer"));
      return this;
    }

    /**
     * The class loader Flyway finds {@code classpath:} migrations and Java migrations with.
     * Default: Flyway's default (the thread's context class loader).
     *
     * @param classLoader the class loader
     * @return this builder
     */
    public Builder classLoader(ClassLoader classLoader) {
      this.classLoader = Objects.requireNonNull(classLoader, "classLoader");
      return this;
    }

    /**
     * How long {@link #migrate()} may take in all: waiting for the HALT lock, for a primary, for
     * the database to appear, for replication, and retries. Default 2 minutes.
     *
     * @param timeout positive
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder timeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("timeout must be positive: " + timeout);
      }
      this.timeout = timeout;
      return this;
    }

    /**
     * The busy timeout of the connections Flyway migrates with. Default 40 s: longer than LiteFS
     * holds a HALT (30 s TTL, checked every 5 s), so the primary's Flyway waits out a replica's
     * HALT instead of failing.
     *
     * @param timeout positive, at most {@link Integer#MAX_VALUE} milliseconds
     * @return this builder
     * @throws IllegalArgumentException if not positive or too large
     */
    public Builder busyTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("busyTimeout must be positive: " + timeout);
      }
      if (timeout.toMillis() > Integer.MAX_VALUE) {
        throw new IllegalArgumentException(
            "busyTimeout must be at most " + Integer.MAX_VALUE + " ms: " + timeout);
      }
      this.busyTimeout = timeout;
      return this;
    }

    /**
     * Builds the migrator. Opens no connection.
     *
     * @return the migrator
     * @throws IllegalArgumentException if a customizer set a data source or URL
     */
    public LiteFsFlyway build() {
      FluentConfiguration config =
          classLoader == null ? Flyway.configure() : Flyway.configure(classLoader);
      for (Consumer<? super FluentConfiguration> customizer : customizers) {
        customizer.accept(config);
      }
      if (config.getDataSource() != null || config.getUrl() != null) {
        throw new IllegalArgumentException(
            "the Flyway configuration sets its own data source or URL ("
                + (config.getUrl() != null ? config.getUrl() : "a DataSource")
                + "): LiteFsFlyway gives Flyway the connections of "
                + database.path());
      }
      Flyway writer =
          Flyway.configure(config.getClassLoader())
              .configuration(config)
              .dataSource(
                  new MigrationDataSource(
                      DatabaseAccess.setup(database), (int) busyTimeout.toMillis()))
              .load();
      Flyway reader =
          Flyway.configure(config.getClassLoader())
              .configuration(config)
              .dataSource(database.dataSource())
              .load();
      return new LiteFsFlyway(this, writer, reader);
    }
  }
}
