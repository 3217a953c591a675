package io.github.litefs4j.jdbc;

import io.github.litefs4j.LiteFsClient;
import io.github.litefs4j.LiteFsMountException;
import io.github.litefs4j.ReplicationTracker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * Builds a {@link LiteFsDatabase}. Not thread-safe; {@link #build()} copies the configuration, so a
 * builder can be reused.
 *
 * <p>Defaults, each chosen for LiteFS:
 *
 * <ul>
 *   <li>busy timeout {@link LiteFsDatabase#DEFAULT_BUSY_TIMEOUT 5 s}: long enough to ride out
 *       another writer's transaction and the short write lock LiteFS takes to checkpoint, short
 *       enough that a HALT held by a replica (up to 30 s) surfaces as a retry;
 *   <li>journal mode: the database's own (a new database starts in {@code DELETE}); set {@link
 *       #journalMode(JournalMode)} to choose; {@code MEMORY} and {@code OFF} are refused because
 *       LiteFS does not replicate them;
 *   <li>{@link BusyRetry#defaults()};
 *   <li>LiteFS required: {@link #build()} fails when the database's directory is not a LiteFS
 *       mount.
 * </ul>
 */
public final class LiteFsDatabaseBuilder {
  final Path database;
  final WritePolicy writePolicy;
  Duration busyTimeout = LiteFsDatabase.DEFAULT_BUSY_TIMEOUT;
  boolean busyTimeoutSet;
  JournalMode journalMode;
  BusyRetry busyRetry = BusyRetry.defaults();
  private boolean requireLiteFs = true;
  LiteFsClient client;
  private Consumer<? super SQLiteConfig> sqliteConfig;
  DataSource dataSource;
  ReplicatedAcknowledgement replicated;

  LiteFsDatabaseBuilder(Path database, WritePolicy writePolicy) {
    this.database = Objects.requireNonNull(database, "database");
    this.writePolicy = Objects.requireNonNull(writePolicy, "writePolicy");
  }

  /**
   * How long each connection waits inside SQLite for a lock before answering BUSY ({@code PRAGMA
   * busy_timeout}). Default 5 s. Zero means "do not wait".
   *
   * <p>With a supplied {@link #dataSource(DataSource)} the timeout is set on each connection only
   * if this method is called; otherwise the data source's own setting stays.
   *
   * @param timeout zero or positive, at most {@link Integer#MAX_VALUE} milliseconds
   * @return this builder
   * @throws IllegalArgumentException if negative or too large
   */
  public LiteFsDatabaseBuilder busyTimeout(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative()) {
      throw new IllegalArgumentException("busyTimeout must not be negative: " + timeout);
    }
    if (timeout.toMillis() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "busyTimeout must be at most " + Integer.MAX_VALUE + " ms: " + timeout);
    }
    this.busyTimeout = timeout;
    this.busyTimeoutSet = true;
    return this;
  }

  /**
   * The journal mode set on every connection with {@code PRAGMA journal_mode}. By default the
   * database's own mode is kept.
   *
   * <p>On the primary, choosing {@link JournalMode#WAL} converts a rollback-journal database to WAL
   * (and a rollback mode converts a WAL database back); the change is replicated. On a replica such
   * a switch is a write, which LiteFS refuses: the connection then keeps the mode the database has
   * (the replica follows the primary). Converting needs a moment with no other connection on the
   * database.
   *
   * @param mode the mode
   * @return this builder
   */
  public LiteFsDatabaseBuilder journalMode(JournalMode mode) {
    this.journalMode = Objects.requireNonNull(mode, "mode");
    return this;
  }

  /**
   * How transactions that fail with BUSY/LOCKED are retried. Default {@link BusyRetry#defaults()}.
   *
   * @param retry the policy; {@link BusyRetry#none()} to fail at once
   * @return this builder
   */
  public LiteFsDatabaseBuilder busyRetry(BusyRetry retry) {
    this.busyRetry = Objects.requireNonNull(retry, "retry");
    return this;
  }

  /**
   * Whether {@link #build()} requires the database to be on a LiteFS mount (its directory has
   * LiteFS's {@code .lag} file). Default true. With {@code false} a database elsewhere works as a
   * plain SQLite database (for local development and tests): no replica handling, no positions.
   *
   * @param require false to allow a database outside LiteFS
   * @return this builder
   */
  public LiteFsDatabaseBuilder requireLiteFs(boolean require) {
    this.requireLiteFs = require;
    return this;
  }

  /**
   * A client for this node's LiteFS HTTP API. Optional: used only to tell a replica without a
   * primary from the primary when a write fails with an I/O error and the {@code .primary} file is
   * absent (see the class description).
   *
   * @param client the client for the node this application runs beside
   * @return this builder
   */
  public LiteFsDatabaseBuilder client(LiteFsClient client) {
    this.client = Objects.requireNonNull(client, "client");
    return this;
  }

  /**
   * Adjusts sqlite-jdbc's configuration of the built-in data source (foreign keys, synchronous,
   * date handling, ...). The busy timeout and the journal mode have methods of their own here and
   * must not be set through this: {@link #build()} rejects a configuration that changes them. Not
   * allowed together with {@link #dataSource(DataSource)}.
   *
   * @param customizer called once per {@link #build()} with a fresh configuration
   * @return this builder
   */
  public LiteFsDatabaseBuilder sqliteConfig(Consumer<? super SQLiteConfig> customizer) {
    this.sqliteConfig = Objects.requireNonNull(customizer, "customizer");
    return this;
  }

  /**
   * The data source to take connections from, instead of the built-in {@link SQLiteDataSource}; for
   * example a HikariCP pool over {@code jdbc:sqlite:/litefs/app.db}. It must give sqlite-jdbc
   * connections to this database. Each connection is still prepared for LiteFS (journal mode and
   * its check; the busy timeout only if {@link #busyTimeout(Duration)} is called). Not allowed
   * together with {@link #sqliteConfig(Consumer)}. The first connection is checked: one that is not
   * a sqlite-jdbc connection to this database fails that call with {@link IllegalStateException}.
   *
   * @param dataSource the data source; the caller keeps ownership (and closes a pool)
   * @return this builder
   */
  public LiteFsDatabaseBuilder dataSource(DataSource dataSource) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    return this;
  }

  /**
   * Replicated acknowledgement: every {@link LiteFsDatabase#write} returns only after {@code
   * required} nodes have applied its commit position (see {@link ReplicationTracker} for what
   * counts, and for "all running"), and {@link WriteResult#acknowledgement()} says which. A write
   * that is not acknowledged within {@code timeout} throws {@link
   * io.github.litefs4j.PositionTimeoutException} although it is committed. Off by default (plain
   * acknowledgement: the write returns when the primary committed it; LiteFS replicates
   * asynchronously, so it may be lost if the primary dies at once).
   *
   * <pre>{@code
   * ReplicationTracker tracker = ReplicationTracker.builder()
   *     .node(URI.create("http://node-a:20202")).node(URI.create("http://node-b:20202"))
   *     .node(URI.create("http://node-c:20202")).build();
   * LiteFsDatabase db = LiteFsDatabase.builder(path, WritePolicy.forwardThroughHalt(ofSeconds(5)))
   *     .replicatedAcknowledgement(tracker, Required.allRunning(2), Duration.ofSeconds(5))
   *     .build();
   * }</pre>
   *
   * @param tracker follows the cluster's nodes; the caller keeps ownership (and closes it)
   * @param required how many nodes must have each write
   * @param timeout how long a write waits for them, positive
   * @return this builder
   * @throws IllegalArgumentException if the timeout is not positive, or {@code required} asks for
   *     more nodes than the tracker follows
   */
  public LiteFsDatabaseBuilder replicatedAcknowledgement(
      ReplicationTracker tracker, ReplicationTracker.Required required, Duration timeout) {
    this.replicated = new ReplicatedAcknowledgement(tracker, required, timeout);
    return this;
  }

  /**
   * Checks the configuration and the mount, and builds the handle. No connection is opened (on a
   * replica the database may not exist yet).
   *
   * @return the database handle
   * @throws LiteFsMountException if LiteFS is required and the database's directory has no {@code
   *     .lag} file
   * @throws IllegalStateException if both a data source and a SQLite configuration were given
   * @throws IllegalArgumentException if the SQLite configuration sets the journal mode or the busy
   *     timeout, or the path has no parent directory
   */
  public LiteFsDatabase build() {
    Path path = database.toAbsolutePath().normalize();
    Path dir = path.getParent();
    if (dir == null || path.getFileName() == null) {
      throw new IllegalArgumentException("not a database file path: " + database);
    }
    if (dataSource != null && sqliteConfig != null) {
      throw new IllegalStateException(
          "dataSource(...) and sqliteConfig(...) exclude each other: configure the supplied"
              + " data source itself");
    }
    boolean onLiteFs = Files.exists(dir.resolve(".lag"));
    if (requireLiteFs && !onLiteFs) {
      throw new LiteFsMountException(
          LiteFsMountException.Reason.NOT_A_MOUNT,
          "database "
              + path
              + " is not on a LiteFS mount: "
              + dir
              + " has no .lag file (is LiteFS running, and is the path in its fuse.dir? For a plain SQLite"
              + " database use requireLiteFs(false))",
          dir,
          null,
          null,
          null);
    }
    if (replicated != null && !onLiteFs) {
      throw new IllegalStateException(
          "replicated acknowledgement needs a database on a LiteFS mount: "
              + path
              + " has no positions");
    }
    DataSource source = dataSource != null ? dataSource : sqliteDataSource(path);
    return new LiteFsDatabase(this, path, onLiteFs, source);
  }

  private DataSource sqliteDataSource(Path path) {
    SQLiteConfig config = new SQLiteConfig();
    if (sqliteConfig != null) {
      int busyBefore = config.getBusyTimeout();
      sqliteConfig.accept(config);
      if (config.toProperties().getProperty(SQLiteConfig.Pragma.JOURNAL_MODE.pragmaName) != null) {
        throw new IllegalArgumentException(
            "the SQLite configuration sets journal_mode="
                + config.toProperties().getProperty(SQLiteConfig.Pragma.JOURNAL_MODE.pragmaName)
                + ": use journalMode(JournalMode) instead (it keeps replicas working)");
      }
      if (config.getBusyTimeout() != busyBefore) {
        throw new IllegalArgumentException(
            "the SQLite configuration sets busy_timeout="
                + config.getBusyTimeout()
                + ": use busyTimeout(Duration) instead");
      }
    }
    config.setBusyTimeout((int) busyTimeout.toMillis());
    SQLiteDataSource source = new SQLiteDataSource(config);
    source.setUrl("jdbc:sqlite:" + path);
    return source;
  }
}
