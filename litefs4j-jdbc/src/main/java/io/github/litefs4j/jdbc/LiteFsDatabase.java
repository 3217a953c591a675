package io.github.litefs4j.jdbc;

import io.github.litefs4j.LiteFS;
import io.github.litefs4j.LiteFsClient;
import io.github.litefs4j.LiteFsMountException;
import io.github.litefs4j.NodeInfo;
import io.github.litefs4j.Position;
import io.github.litefs4j.jdbc.internal.BusyRetrier;
import io.github.litefs4j.jdbc.internal.ConnectionSetup;
import io.github.litefs4j.jdbc.internal.DatabaseAccess;
import io.github.litefs4j.jdbc.internal.Halts;
import io.github.litefs4j.jdbc.internal.PreparedDataSource;
import io.github.litefs4j.jdbc.internal.SqliteErrors;
import io.github.litefs4j.jdbc.internal.Transactions;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.sqlite.SQLiteDataSource;

/**
 * A SQLite database on a LiteFS mount, reached through sqlite-jdbc: reads and writes run one
 * transaction each, from any node of the cluster.
 *
 * <pre>{@code
 * LiteFsDatabase db = LiteFsDatabase.builder(Path.of("/litefs/app.db"), WritePolicy.refuse())
 *     .build();
 *
 * int users = db.read(conn -> {
 *   try (var rs = conn.createStatement().executeQuery("SELECT count(*) FROM users")) {
 *     rs.next();
 *     return rs.getInt(1);
 *   }
 * });
 *
 * try {
 *   WriteResult<Integer> written = db.write(conn -> {
 *     try (var ps = conn.prepareStatement("INSERT INTO users(name) VALUES (?)")) {
 *       ps.setString(1, "ada");
 *       return ps.executeUpdate();
 *     }
 *   });
 *   Position reached = written.position().orElseThrow(); // for read-your-writes elsewhere
 * } catch (ReadOnlyReplicaException e) {
 *   // this node is a replica: replay the request on e.primaryHostname() (fly-replay)
 * }
 * }</pre>
 *
 * <h2>Writes on a replica</h2>
 *
 * What happens is the {@link WritePolicy} chosen at build time: {@link WritePolicy#refuse()} throws
 * {@link ReadOnlyReplicaException} naming the primary; {@link
 * WritePolicy#forwardThroughHalt(Duration)} takes the HALT lock and writes locally, and LiteFS
 * ships the commit to the primary. How a node knows it is a replica: the mount's {@code .primary}
 * file exists only on a replica connected to a primary, so when it is there the write goes straight
 * to the policy, without touching the database. When it is absent the node is either the primary or
 * a replica without a primary, so the write is attempted; a replica refuses it (SQLite reports
 * {@code SQLITE_READONLY} for a rollback-journal database and {@code SQLITE_IOERR_WRITE} for a WAL
 * database, as measured on LiteFS 0.5.14), and that error is mapped to the policy too. An I/O error
 * is only taken for a replica's refusal when the {@code .primary} file now exists or, if a {@link
 * LiteFsDatabaseBuilder#client(LiteFsClient) client} is configured, when {@code GET /info} says
 * this node is not the primary; otherwise it is a real I/O error and is thrown as it is.
 *
 * <h2>Busy and locked</h2>
 *
 * Each connection waits up to the {@linkplain LiteFsDatabaseBuilder#busyTimeout(Duration) busy
 * timeout} inside SQLite; a transaction that still fails with {@code SQLITE_BUSY} or {@code
 * SQLITE_LOCKED} is rolled back and run again as its {@link BusyRetry} says, then fails with {@link
 * DatabaseBusyException}. Other SQL errors are thrown unchanged as {@link SQLException}.
 *
 * <h2>Connections</h2>
 *
 * Each call takes a connection from the data source and closes it at the end. The default data
 * source is sqlite-jdbc's {@link SQLiteDataSource}, which opens a new connection each time (cheap
 * for SQLite, but a pool such as HikariCP, passed with {@link
 * LiteFsDatabaseBuilder#dataSource(DataSource)}, saves the open and the per-connection setup).
 * Every connection is prepared for LiteFS: busy timeout, journal mode, and the check that the
 * journal mode is one LiteFS replicates.
 *
 * <p>Thread-safe: share one instance per database. It holds no resources of its own (a supplied
 * data source is the caller's to close).
 */
public final class LiteFsDatabase {
  static {
    DatabaseAccess.register(database -> database.setup);
  }

  /** The default busy timeout: 5 seconds. */
  public static final Duration DEFAULT_BUSY_TIMEOUT = Duration.ofSeconds(5);

  private final Path path;
  private final Path mountDir;
  private final boolean onLiteFs;
  private final WritePolicy writePolicy;
  private final BusyRetry busyRetry;
  private final Duration busyTimeout;
  private final Optional<JournalMode> journalMode;
  private final LiteFsClient client;
  private final ConnectionSetup setup;
  private final DataSource dataSource;
  private final ReplicatedAcknowledgement replicated; // null: plain acknowledgement

  LiteFsDatabase(LiteFsDatabaseBuilder builder, Path path, boolean onLiteFs, DataSource source) {
    this.path = path;
    this.mountDir = path.getParent();
    this.onLiteFs = onLiteFs;
    this.writePolicy = builder.writePolicy;
    this.busyRetry = builder.busyRetry;
    this.busyTimeout = builder.busyTimeout;
    this.journalMode = Optional.ofNullable(builder.journalMode);
    this.client = builder.client;
    this.replicated = builder.replicated;
    // Our own data source has the busy timeout in its configuration; a supplied one gets it by
    // PRAGMA only when the application asked for one.
    long busyTimeoutPragma =
        builder.dataSource != null && builder.busyTimeoutSet ? busyTimeout.toMillis() : -1;
    this.setup = new ConnectionSetup(path, source, journalMode, busyTimeoutPragma, onLiteFs);
    this.dataSource = new PreparedDataSource(setup);
  }

  /**
   * A builder for the database at {@code database} with the given write policy.
   *
   * @param database the database file in the LiteFS mount, for example {@code /litefs/app.db}
   * @param writePolicy what a write on a replica does
   * @return a new builder with the defaults
   */
  public static LiteFsDatabaseBuilder builder(Path database, WritePolicy writePolicy) {
    return new LiteFsDatabaseBuilder(database, writePolicy);
  }

  /**
   * Runs {@code work} in a read transaction (a deferred {@code BEGIN}, committed at the end) and
   * returns its result. Works on every node; on a replica it sees what the replica has applied so
   * far (see {@link #readAfter} for read-your-writes).
   *
   * <p>Retried on BUSY/LOCKED as {@link #busyRetry()} says. A write inside the function is not
   * prevented, but on a replica it fails; use {@link #write} for writes.
   *
   * @param work the work; runs once, or again after a BUSY/LOCKED error
   * @param <T> the result type
   * @return what the work returned
   * @throws SQLException any SQL error other than BUSY/LOCKED
   * @throws DatabaseBusyException if the database stayed busy through every attempt
   * @throws UnsupportedJournalModeException if the connection's journal mode is memory or off
   * @throws io.github.litefs4j.LiteFsInterruptedException if interrupted between attempts
   */
  public <T> T read(SqlFunction<T> work) throws SQLException {
    Objects.requireNonNull(work, "work");
    return BusyRetrier.call(path, busyRetry, () -> attempt(false, work));
  }

  /**
   * Waits until this node has applied at least {@code position} (as returned by a {@link #write} on
   * any node), then runs {@code work} like {@link #read}: read-your-writes across nodes.
   *
   * @param position the position to reach, usually {@link WriteResult#position()} of a write
   * @param timeout how long to wait for it, positive
   * @param work the work
   * @param <T> the result type
   * @return what the work returned
   * @throws io.github.litefs4j.PositionTimeoutException if the position is not reached in time
   * @throws IllegalStateException if the database is not on a LiteFS mount
   * @throws SQLException as {@link #read}
   */
  public <T> T readAfter(Position position, Duration timeout, SqlFunction<T> work)
      throws SQLException {
    Objects.requireNonNull(position, "position");
    Objects.requireNonNull(work, "work");
    if (!onLiteFs) {
      throw new IllegalStateException(path + " is not on a LiteFS mount: it has no positions");
    }
    LiteFS.awaitPosition(path, position, timeout);
    return read(work);
  }

  /**
   * Runs {@code work} in a write transaction ({@code BEGIN IMMEDIATE}, committed at the end) on the
   * primary's copy of the database: directly on the primary; on a replica as the {@link
   * WritePolicy} says.
   *
   * <p>With {@linkplain LiteFsDatabaseBuilder#replicatedAcknowledgement replicated acknowledgement}
   * the call returns only once the required nodes have applied the commit's position (read right
   * after the commit: under HALT it is exactly this write's; on the primary a concurrent writer may
   * have moved it further, and then the wait is for that later position, which holds this write
   * too). The HALT is released before the wait.
   *
   * @param work the work; runs once, or again after a BUSY/LOCKED error
   * @param <T> the result type
   * @return the work's result, the route taken, and the position reached
   * @throws ReadOnlyReplicaException on a replica under {@link WritePolicy#refuse()}, naming the
   *     primary; also under forwarding when the replica lost the HALT lock mid-write
   * @throws SQLException any SQL error other than BUSY/LOCKED and a replica's refusal
   * @throws DatabaseBusyException if the database stayed busy through every attempt
   * @throws UnsupportedJournalModeException if the connection's journal mode is memory or off
   * @throws io.github.litefs4j.LiteFsException a HALT failure under forwarding (the core HALT
   *     exceptions: timeout, no primary, errno)
   * @throws io.github.litefs4j.PositionTimeoutException with replicated acknowledgement: the write
   *     is <b>committed</b>, but fewer nodes than required applied it in time; {@code
   *     acknowledgedBy()} names those that did
   * @throws IllegalStateException with replicated acknowledgement, if its tracker is closed (the
   *     write may be committed)
   */
  public <T> WriteResult<T> write(SqlFunction<T> work) throws SQLException {
    Objects.requireNonNull(work, "work");
    if (replicated == null) {
      return writeOnce(work);
    }
    return replicated.acknowledge(path, work, this::writeOnce);
  }

  private <T> WriteResult<T> writeOnce(SqlFunction<T> work) throws SQLException {
    if (onLiteFs) {
      Optional<String> primary = LiteFS.primaryHostname(mountDir);
      if (primary.isPresent()) {
        return onReplica(new ReadOnlyReplicaException(path, primary, null), work);
      }
    }
    T value;
    try {
      value = BusyRetrier.call(path, busyRetry, () -> attempt(true, work));
    } catch (SQLException e) {
      ReadOnlyReplicaException refusal = replicaRefusal(e).orElseThrow(() -> e);
      return onReplica(refusal, work);
    }
    return new WriteResult<>(value, WriteRoute.PRIMARY, positionIfOnLiteFs());
  }

  private <T> WriteResult<T> onReplica(ReadOnlyReplicaException refusal, SqlFunction<T> work)
      throws SQLException {
    if (!(writePolicy instanceof WritePolicy.ForwardThroughHalt forward)) {
      throw refusal;
    }
    return Halts.call(
        path,
        forward.haltTimeout(),
        () -> {
          T value;
          try {
            value = BusyRetrier.call(path, busyRetry, () -> attempt(true, work));
          } catch (SQLException e) {
            if (replicaRefusal(e).isPresent()) {
              throw new ReadOnlyReplicaException(
                  path,
                  refusal.primaryHostname(),
                  "write to "
                      + path
                      + " refused under HALT: the replica lost the HALT lock (a child process"
                      + " started while it was held releases it; the primary drops it 30 to 35 s"
                      + " after granting it)",
                  e);
            }
            throw e;
          }
          return new WriteResult<>(value, WriteRoute.HALT, positionIfOnLiteFs());
        });
  }

  private <T> T attempt(boolean write, SqlFunction<T> work) throws SQLException {
    try (Connection connection = setup.open()) {
      return Transactions.run(connection, write, work);
    }
  }

  /**
   * The replica's refusal hidden in a failed write, if it is one: a read-only error on the mount,
   * or a write I/O error on a node that is confirmed to be a replica (the cause chain is searched,
   * so a failure wrapped by a pool or by Flyway is found). Reads {@code .primary} for the message.
   *
   * @param failure what a write on this database threw
   * @return the refusal, naming the primary when this replica knows one; empty if {@code failure}
   *     is something else, or the database is not on a LiteFS mount
   */
  public Optional<ReadOnlyReplicaException> replicaRefusal(Throwable failure) {
    if (!onLiteFs || !SqliteErrors.mayBeReplicaRefusal(failure)) {
      return Optional.empty();
    }
    Optional<String> primary = LiteFS.primaryHostname(mountDir);
    if (primary.isPresent()) {
      return Optional.of(new ReadOnlyReplicaException(path, primary, failure));
    }
    if (SqliteErrors.isReadOnly(failure)) {
      // On a LiteFS mount only a replica refuses the journal; this one knows no primary.
      return Optional.of(new ReadOnlyReplicaException(path, Optional.empty(), failure));
    }
    if (client != null) {
      NodeInfo info = client.info();
      if (!info.isPrimary()) {
        return Optional.of(new ReadOnlyReplicaException(path, info.primaryHostname(), failure));
      }
    }
    return Optional.empty();
  }

  private Optional<Position> positionIfOnLiteFs() {
    return onLiteFs ? Optional.of(LiteFS.position(path)) : Optional.empty();
  }

  /**
   * A data source whose connections are prepared like the ones {@link #read} and {@link #write} use
   * (busy timeout, journal mode, journal mode check), for code that manages its own transactions (a
   * query library, a migration tool). Writes made through it get no replica handling: on a replica
   * they fail with SQLite's own errors.
   *
   * @return the data source; thread-safe if the underlying one is
   */
  public DataSource dataSource() {
    return dataSource;
  }

  /**
   * This node's replication position for the database.
   *
   * @return the position, or empty when the database is not on LiteFS or does not exist on this
   *     node yet (on a replica, before the primary created it)
   * @throws LiteFsMountException if the position file cannot be read or is malformed ({@code
   *     MALFORMED_FILE}): never hidden as "no position"
   */
  public Optional<Position> position() {
    if (!onLiteFs) {
      return Optional.empty();
    }
    try {
      return Optional.of(LiteFS.position(path));
    } catch (LiteFsMountException e) {
      if (e.reason() != LiteFsMountException.Reason.DATABASE_NOT_FOUND) {
        throw e;
      }
      return Optional.empty();
    }
  }

  /**
   * The primary's hostname as this node's {@code .primary} file says.
   *
   * @return the hostname on a replica connected to a primary; empty on the primary, on a
   *     disconnected replica, and when the database is not on LiteFS
   */
  public Optional<String> primaryHostname() {
    return onLiteFs ? LiteFS.primaryHostname(mountDir) : Optional.empty();
  }

  /**
   * The database file.
   *
   * @return the absolute, normalized path
   */
  public Path path() {
    return path;
  }

  /**
   * The directory that holds the database: the LiteFS mount when {@link #isOnLiteFs()}.
   *
   * @return the parent directory of {@link #path()}
   */
  public Path mountDir() {
    return mountDir;
  }

  /**
   * Whether the database is on a LiteFS mount (its directory had a {@code .lag} file at build
   * time). Always true unless {@link LiteFsDatabaseBuilder#requireLiteFs(boolean)
   * requireLiteFs(false)} was set.
   *
   * @return true on LiteFS
   */
  public boolean isOnLiteFs() {
    return onLiteFs;
  }

  /**
   * What a write on a replica does.
   *
   * @return the policy chosen at build time
   */
  public WritePolicy writePolicy() {
    return writePolicy;
  }

  /**
   * How BUSY/LOCKED transactions are retried.
   *
   * @return the retry policy
   */
  public BusyRetry busyRetry() {
    return busyRetry;
  }

  /**
   * How long each connection waits inside SQLite for a lock before BUSY. Applies to the built-in
   * data source, and to a supplied one only if {@link LiteFsDatabaseBuilder#busyTimeout(Duration)}
   * was called.
   *
   * @return the busy timeout
   */
  public Duration busyTimeout() {
    return busyTimeout;
  }

  /**
   * The journal mode set on each connection.
   *
   * @return the mode, or empty when the database's own mode is kept
   */
  public Optional<JournalMode> journalMode() {
    return journalMode;
  }

  @Override
  public String toString() {
    return "LiteFsDatabase[" + path + ", " + writePolicy + "]";
  }
}
