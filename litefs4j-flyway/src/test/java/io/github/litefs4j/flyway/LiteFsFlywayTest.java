package io.github.litefs4j.flyway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.litefs4j.jdbc.LiteFsDatabase;
import io.github.litefs4j.jdbc.WritePolicy;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/** Flyway through LiteFsFlyway against a plain SQLite file (the cluster cases are in the IT). */
class LiteFsFlywayTest {

  @TempDir Path dir;

  private LiteFsDatabase db() {
    return LiteFsDatabase.builder(dir.resolve("app.db"), WritePolicy.refuse())
        .requireLiteFs(false)
        .build();
  }

  private static LiteFsFlyway migrator(LiteFsDatabase db, String location) {
    return LiteFsFlyway.builder(db, ReplicaMigration.HALT)
        .configure(c -> c.locations("classpath:db/" + location))
        .build();
  }

  static List<String> history(LiteFsDatabase db) throws SQLException {
    return db.read(
        c -> {
          List<String> versions = new ArrayList<>();
          try (ResultSet rs =
              c.createStatement()
                  .executeQuery(
                      "SELECT version, success FROM flyway_schema_history ORDER BY installed_rank")) {
            while (rs.next()) {
              versions.add(rs.getString(1) + (rs.getBoolean(2) ? "" : " FAILED"));
            }
          }
          return versions;
        });
  }

  static boolean hasRow(LiteFsDatabase db, String sql) throws SQLException {
    return db.read(
        c -> {
          try (ResultSet rs = c.createStatement().executeQuery(sql)) {
            return rs.next();
          }
        });
  }

  @Test
  void flywayCoreMigratesSqliteWithoutExtraArtifacts() throws Exception {
    LiteFsDatabase db = db();
    MigrationResult first = migrator(db, "ok").migrate();
    MigrationResult second = migrator(db, "ok").migrate();

    assertThat(first.route()).isEqualTo(MigrationRoute.PRIMARY);
    assertThat(first.migrationsExecuted()).isEqualTo(3);
    assertThat(first.schemaVersion()).contains("3");
    assertThat(first.position()).isEmpty();
    assertThat(second.migrationsExecuted()).isZero();
    assertThat(second.schemaVersion()).contains("3");
    assertThat(history(db)).containsExactly("1", "2", "3");
    assertThat(hasRow(db, "SELECT email FROM users")).isTrue();
  }

  @Test
  void concurrentMigratorsApplyEachMigrationOnce() throws Exception {
    LiteFsDatabase db = db();
    int n = 4;
    ExecutorService pool = Executors.newFixedThreadPool(n);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<MigrationResult>> results = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        LiteFsFlyway migrator = migrator(db, "ok");
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  return migrator.migrate();
                }));
      }
      start.countDown();
      int executed = 0;
      for (Future<MigrationResult> result : results) {
        MigrationResult r = result.get(60, TimeUnit.SECONDS);
        assertThat(r.schemaVersion()).contains("3");
        executed += r.migrationsExecuted();
      }
      assertThat(executed).isEqualTo(3);
    } finally {
      pool.shutdownNow();
    }
    assertThat(history(db)).containsExactly("1", "2", "3");
  }

  @Test
  void failingMigrationIsTypedNamesTheMigrationAndLeavesNothingHalfDone() throws Exception {
    LiteFsDatabase db = db();
    assertThatThrownBy(() -> migrator(db, "failing").migrate())
        .isInstanceOfSatisfying(
            MigrationFailedException.class,
            e -> {
              assertThat(e.failedMigration()).contains("3 half done");
              assertThat(e.route()).isEqualTo(MigrationRoute.PRIMARY);
              assertThat(e.database()).isEqualTo(dir.resolve("app.db"));
              assertThat(e.getCause().getClass().getName()).startsWith("org.flywaydb");
            })
        .hasMessageStartingWith("migration of " + dir.resolve("app.db") + " failed at 3 half done")
        .hasMessageContaining("no_such_table");

    assertThat(history(db)).containsExactly("1", "2");
    assertThat(hasRow(db, "SELECT name FROM sqlite_master WHERE name = 'audit'")).isFalse();
  }

  @Test
  void flywayConfigurationMustNotBringItsOwnDataSource() {
    LiteFsDatabase db = db();
    assertThatThrownBy(
            () ->
                LiteFsFlyway.builder(db, ReplicaMigration.AWAIT_REPLICATION)
                    .configure(c -> c.dataSource(new SQLiteDataSource()))
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sets its own data source or URL");
    assertThatThrownBy(
            () -> LiteFsFlyway.builder(db, ReplicaMigration.HALT).timeout(java.time.Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("timeout must be positive: PT0S");
  }

  @Test
  void migrationConnectionsBeginImmediateTransactions() throws Exception {
    LiteFsDatabase db = db();
    LiteFsFlyway migrator = migrator(db, "ok");
    migrator.migrate();
    javax.sql.DataSource source = migrator.flyway().getConfiguration().getDataSource();
    try (var flywayConnection = source.getConnection();
        var other = db.dataSource().getConnection()) {
      other.createStatement().execute("PRAGMA busy_timeout = 0");
      flywayConnection.setAutoCommit(false);
      // The write lock is taken at BEGIN, before anything is read or written.
      assertThatThrownBy(() -> other.createStatement().execute("BEGIN IMMEDIATE"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("SQLITE_BUSY");
      flywayConnection.setAutoCommit(true);
      try (ResultSet rs = flywayConnection.createStatement().executeQuery("PRAGMA busy_timeout")) {
        rs.next();
        assertThat(rs.getInt(1)).isEqualTo(40_000);
      }
    }
  }
}
