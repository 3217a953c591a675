package io.github.litefs4j.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.litefs4j.LiteFsMountException;
import io.github.litefs4j.ReplicationTracker;
import io.github.litefs4j.testsupport.Sql;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The handle against plain SQLite files. A directory with a {@code .lag} (and {@code .primary})
 * file stands in for a mount where only the routing decision is under test; everything that needs
 * LiteFS itself is in {@code LiteFsDatabaseIT}.
 */
class LiteFsDatabaseTest {

  @TempDir Path dir;

  private LiteFsDatabase plain(WritePolicy policy) {
    return LiteFsDatabase.builder(dir.resolve("app.db"), policy).requireLiteFs(false).build();
  }

  private static int count(Connection c, String table) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private static void exec(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private Path fakeMount(String primary) throws Exception {
    Files.writeString(dir.resolve(".lag"), "+0000000000\n");
    if (primary != null) {
      Files.writeString(dir.resolve(".primary"), primary + "\n");
    }
    return dir;
  }

  @Test
  void buildFailsWhenTheDirectoryIsNotALiteFsMount() {
    assertThatThrownBy(
            () -> LiteFsDatabase.builder(dir.resolve("app.db"), WritePolicy.refuse()).build())
        .isInstanceOf(LiteFsMountException.class)
        .hasFieldOrPropertyWithValue("reason", LiteFsMountException.Reason.NOT_A_MOUNT)
        .hasMessageContaining("database " + dir.resolve("app.db"))
        .hasMessageContaining(dir + " has no .lag file")
        .satisfies(e -> assertThat(((LiteFsMountException) e).path()).isEqualTo(dir));
  }

  @Test
  void writeCommitsAndReadSeesItOffLiteFs() throws Exception {
    LiteFsDatabase db = plain(WritePolicy.refuse());
    WriteResult<Integer> written =
        db.write(
            c -> {
              exec(c, "CREATE TABLE t (x)");
              exec(c, "INSERT INTO t VALUES (1), (2)");
              return count(c, "t");
            });

    assertThat(written.value()).isEqualTo(2);
    assertThat(written.route()).isEqualTo(WriteRoute.PRIMARY);
    assertThat(written.position()).isEmpty();
    assertThat(db.<Integer>read(c -> count(c, "t"))).isEqualTo(2);
    assertThat(db.isOnLiteFs()).isFalse();
    assertThat(db.position()).isEmpty();
  }

  @Test
  void writeThatThrowsIsRolledBackAsOneTransaction() throws Exception {
    LiteFsDatabase db = plain(WritePolicy.refuse());
    db.write(c -> c.createStatement().execute("CREATE TABLE t (x)"));

    assertThatThrownBy(
            () ->
                db.write(
                    c -> {
                      exec(c, "INSERT INTO t VALUES (1)");
                      exec(c, "INSERT INTO no_such_table VALUES (1)");
                      return null;
                    }))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("no_such_table");
    assertThatThrownBy(
            () ->
                db.write(
                    c -> {
                      exec(c, "INSERT INTO t VALUES (2)");
                      throw new IllegalStateException("application failure");
                    }))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("application failure");

    assertThat(db.<Integer>read(c -> count(c, "t"))).isZero();
  }

  @Test
  void writeTakesTheWriteLockAtBegin() throws Exception {
    LiteFsDatabase db = plain(WritePolicy.refuse());
    db.write(c -> c.createStatement().execute("CREATE TABLE t (x)"));
    try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("app.db"))) {
      db.write(
          c -> {
            // BEGIN IMMEDIATE already holds the RESERVED lock: another writer is refused at once.
            exec(other, "PRAGMA busy_timeout = 0");
            assertThatThrownBy(() -> exec(other, "BEGIN IMMEDIATE"))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("SQLITE_BUSY");
            return null;
          });
    }
  }

  @Test
  void busyWriteIsRetriedUntilTheLockIsFree() throws Exception {
    AtomicInteger connections = new AtomicInteger();
    SQLiteDataSource sqlite = new SQLiteDataSource();
    sqlite.setUrl("jdbc:sqlite:" + dir.resolve("app.db"));
    DataSource counting = new CountingDataSource(sqlite, connections);
    LiteFsDatabase db =
        LiteFsDatabase.builder(dir.resolve("app.db"), WritePolicy.refuse())
            .requireLiteFs(false)
            .dataSource(counting)
            .busyTimeout(Duration.ZERO)
            .busyRetry(new BusyRetry(1000, Duration.ofMillis(1), Duration.ofMillis(5)))
            .build();
    db.write(c -> c.createStatement().execute("CREATE TABLE t (x)"));
    connections.set(0);

    try (Connection holder = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("app.db"))) {
      exec(holder, "BEGIN IMMEDIATE");
      CompletableFuture<Void> release =
          CompletableFuture.runAsync(
              () -> {
                await().atMost(10, TimeUnit.SECONDS).until(() -> connections.get() >= 3);
                try {
                  exec(holder, "COMMIT");
                } catch (SQLException e) {
                  throw new IllegalStateException(e);
                }
              });
      WriteResult<Boolean> written =
          db.write(c -> c.createStatement().execute("INSERT INTO t VALUES (1)"));
      release.get(10, TimeUnit.SECONDS);
      assertThat(written.route()).isEqualTo(WriteRoute.PRIMARY);
    }
    assertThat(connections.get()).isGreaterThanOrEqualTo(3);
    assertThat(db.<Integer>read(c -> count(c, "t"))).isEqualTo(1);
  }

  @Test
  void busyWriteFailsWithATypedExceptionWhenAttemptsRunOut() throws Exception {
    LiteFsDatabase db =
        LiteFsDatabase.builder(dir.resolve("app.db"), WritePolicy.refuse())
            .requireLiteFs(false)
            .busyTimeout(Duration.ZERO)
            .busyRetry(new BusyRetry(3, Duration.ofMillis(1), Duration.ofMillis(2)))
            .build();
    db.write(c -> c.createStatement().execute("CREATE TABLE t (x)"));
    try (Connection holder = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("app.db"))) {
      exec(holder, "BEGIN IMMEDIATE");
      assertThatThrownBy(
              () -> db.write(c -> c.createStatement().execute("INSERT INTO t VALUES (1)")))
          .isInstanceOfSatisfying(
              DatabaseBusyException.class,
              e -> {
                assertThat(e.attempts()).isEqualTo(3);
                assertThat(e.resultCode() & 0xff).isEqualTo(5);
                assertThat(e.database()).isEqualTo(dir.resolve("app.db"));
                assertThat(e.getCause()).isInstanceOf(SQLException.class);
              })
          .hasMessageStartingWith(dir.resolve("app.db") + " stayed busy: 3 attempts failed");
    }
  }

  @Test
  void journalModeIsSetOnEveryConnection() throws Exception {
    LiteFsDatabase db =
        LiteFsDatabase.builder(dir.resolve("app.db"), WritePolicy.refuse())
            .requireLiteFs(false)
            .journalMode(JournalMode.TRUNCATE)
            .build();
    String mode =
        db.read(
            c -> {
              try (ResultSet rs = c.createStatement().executeQuery("PRAGMA journal_mode")) {
                rs.next();
                return rs.getString(1);
              }
            });
    assertThat(mode).isEqualTo("truncate");
  }

  @Test
  void connectionInAJournalModeLiteFsDoesNotReplicateIsRefused() throws Exception {
    fakeMount(null);
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.MEMORY);
    SQLiteDataSource memory = new SQLiteDataSource(config);
    memory.setUrl("jdbc:sqlite:" + dir.resolve("app.db"));
    LiteFsDatabase db =
        LiteFsDatabase.builder(dir.resolve("app.db"), WritePolicy.refuse())
            .dataSource(memory)
            .build();

    assertThatThrownBy(() -> db.read(c -> 1))
        .isInstanceOfSatisfying(
            UnsupportedJournalModeException.class,
            e -> assertThat(e.journalMode()).isEqualTo("memory"))
        .hasMessage(
            "journal mode memory of "
                + dir.resolve("app.db")
                + " is not replicated by LiteFS (use delete, truncate, persist or wal)");
  }

  @Test
  void sqliteConfigMustNotSetTheJournalModeOrBusyTimeout() {
    assertThatThrownBy(
            () ->
                LiteFsDatabase.builder(dir.resolve("app.db"), WritePolicy.refuse())
                    .requireLiteFs(false)
                    .sqliteConfig(c -> c.setJournalMode(SQLiteConfig.JournalMode.WAL))
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("journal_mode=WAL")
        .hasMessageContaining("use journalMode(JournalMode) instead");
    assertThatThrownBy(
            () ->
                LiteFsDatabase.builder(dir.resolve("app.db"), WritePolicy.refuse())
                    .requireLiteFs(false)
                    .sqliteConfig(c -> c.setBusyTimeout(1))
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "the SQLite configuration sets busy_timeout=1: use busyTimeout(Duration) instead");
    assertThatThrownBy(
            () ->
                LiteFsDatabase.builder(dir.resolve("app.db"), WritePolicy.refuse())
                    .requireLiteFs(false)
                    .sqliteConfig(c -> c.enforceForeignKeys(true))
                    .dataSource(new SQLiteDataSource())
                    .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("exclude each other");
  }

  @Test
  void busyTimeoutMustNotBeNegative() {
    assertThatThrownBy(
            () ->
                LiteFsDatabase.builder(dir.resolve("app.db"), WritePolicy.refuse())
                    .busyTimeout(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("busyTimeout must not be negative: PT-0.001S");
  }

  @Test
  void refusingPolicyNamesThePrimaryWithoutTouchingTheDatabase() throws Exception {
    fakeMount("node-0");
    LiteFsDatabase db = LiteFsDatabase.builder(dir.resolve("app.db"), WritePolicy.refuse()).build();
    AtomicInteger calls = new AtomicInteger();

    assertThatThrownBy(() -> db.write(c -> calls.incrementAndGet()))
        .isInstanceOfSatisfying(
            ReadOnlyReplicaException.class,
            e -> {
              assertThat(e.primaryHostname()).contains("node-0");
              assertThat(e.database()).isEqualTo(dir.resolve("app.db"));
              assertThat(e.getCause()).isNull();
            })
        .hasMessage(
            "write refused: "
                + dir.resolve("app.db")
                + " is on a read-only LiteFS replica; the primary is node-0");
    assertThat(calls).hasValue(0);
    assertThat(dir.resolve("app.db")).doesNotExist();
    assertThat(db.primaryHostname()).contains("node-0");
  }

  @Test
  void readOnlyErrorOnAMountMapsToTheTypedException() throws Exception {
    fakeMount(null);
    plainTable();
    LiteFsDatabase db =
        LiteFsDatabase.builder(dir.resolve("app.db"), WritePolicy.refuse())
            .dataSource(readOnlySource())
            .build();

    assertThatThrownBy(() -> db.write(c -> c.createStatement().execute("INSERT INTO t VALUES (1)")))
        .isInstanceOfSatisfying(
            ReadOnlyReplicaException.class,
            e -> {
              assertThat(e.primaryHostname()).isEmpty();
              assertThat(e.getCause())
                  .isInstanceOf(SQLException.class)
                  .hasMessageContaining("SQLITE_READONLY");
            })
        .hasMessageEndingWith("this replica is not connected to a primary");
  }

  @Test
  void readOnlyErrorOffLiteFsStaysAnSqlException() throws Exception {
    plainTable();
    LiteFsDatabase db =
        LiteFsDatabase.builder(dir.resolve("app.db"), WritePolicy.refuse())
            .requireLiteFs(false)
            .dataSource(readOnlySource())
            .build();

    assertThatThrownBy(() -> db.write(c -> c.createStatement().execute("INSERT INTO t VALUES (1)")))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("SQLITE_READONLY");
  }

  @Test
  void dataSourceGivesPreparedConnections() throws Exception {
    LiteFsDatabase db =
        LiteFsDatabase.builder(dir.resolve("app.db"), WritePolicy.refuse())
            .requireLiteFs(false)
            .busyTimeout(Duration.ofMillis(1234))
            .journalMode(JournalMode.PERSIST)
            .build();
    try (Connection c = db.dataSource().getConnection();
        Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("PRAGMA busy_timeout")) {
        rs.next();
        assertThat(rs.getInt(1)).isEqualTo(1234);
      }
      try (ResultSet rs = s.executeQuery("PRAGMA journal_mode")) {
        rs.next();
        assertThat(rs.getString(1)).isEqualTo("persist");
      }
    }
  }

  @Test
  void dataSourceForAnotherDatabaseIsRejectedAtFirstUse() {
    SQLiteDataSource other = new SQLiteDataSource();
    other.setUrl("jdbc:sqlite:" + dir.resolve("other.db"));
    LiteFsDatabase db =
        LiteFsDatabase.builder(dir.resolve("app.db"), WritePolicy.refuse())
            .requireLiteFs(false)
            .dataSource(other)
            .build();

    assertThatThrownBy(() -> db.read(c -> 1))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "the data source for "
                + dir.resolve("app.db")
                + " gives connections to "
                + dir.resolve("other.db"));
  }

  @Test
  void worksOverAHikariPoolWithTheBusyTimeoutSetPerConnection() throws Exception {
    com.zaxxer.hikari.HikariConfig hikari = new com.zaxxer.hikari.HikariConfig();
    hikari.setJdbcUrl("jdbc:sqlite:" + dir.resolve("app.db"));
    hikari.setMaximumPoolSize(2);
    try (com.zaxxer.hikari.HikariDataSource pool = new com.zaxxer.hikari.HikariDataSource(hikari)) {
      LiteFsDatabase db =
          LiteFsDatabase.builder(dir.resolve("app.db"), WritePolicy.refuse())
              .requireLiteFs(false)
              .dataSource(pool)
              .busyTimeout(Duration.ofMillis(4321))
              .build();
      db.write(c -> c.createStatement().execute("CREATE TABLE t (x)"));
      db.write(c -> c.createStatement().executeUpdate("INSERT INTO t VALUES (1)"));
      int busyTimeout = db.read(c -> Integer.parseInt(Sql.column(c, "PRAGMA busy_timeout").get(0)));

      assertThat(db.<Integer>read(c -> count(c, "t"))).isEqualTo(1);
      assertThat(busyTimeout).isEqualTo(4321);
    }
  }

  private void plainTable() throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("app.db"))) {
      exec(c, "CREATE TABLE t (x)");
    }
  }

  private DataSource readOnlySource() {
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(true);
    SQLiteDataSource source = new SQLiteDataSource(config);
    source.setUrl("jdbc:sqlite:" + dir.resolve("app.db"));
    return source;
  }

  @Test
  void replicatedAcknowledgementIsRefusedOffLiteFsAndWithAnImpossibleRequirement() {
    try (ReplicationTracker tracker =
        ReplicationTracker.builder().node(URI.create("http://127.0.0.1:9")).build()) {
      LiteFsDatabaseBuilder builder =
          LiteFsDatabase.builder(dir.resolve("app.db"), WritePolicy.refuse())
              .requireLiteFs(false)
              .replicatedAcknowledgement(
                  tracker, ReplicationTracker.Required.allRunning(), Duration.ofSeconds(1));
      assertThatThrownBy(builder::build)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("needs a database on a LiteFS mount");
      assertThatThrownBy(
              () ->
                  builder.replicatedAcknowledgement(
                      tracker, ReplicationTracker.Required.nodes(2), Duration.ofSeconds(1)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("the tracker follows 1 nodes");
      assertThatThrownBy(
              () ->
                  builder.replicatedAcknowledgement(
                      tracker, ReplicationTracker.Required.nodes(1), Duration.ZERO))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("timeout must be positive");
    }
  }
}
