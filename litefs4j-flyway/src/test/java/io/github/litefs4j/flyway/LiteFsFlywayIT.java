package io.github.litefs4j.flyway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.litefs4j.LiteFS;
import io.github.litefs4j.jdbc.BusyRetry;
import io.github.litefs4j.jdbc.LiteFsDatabase;
import io.github.litefs4j.jdbc.WritePolicy;
import io.github.litefs4j.jdbc.WriteResult;
import io.github.litefs4j.jdbc.WriteRoute;
import io.github.litefs4j.testing.LiteFsCluster;
import io.github.litefs4j.testing.LiteFsClusterTest;
import io.github.litefs4j.testing.LiteFsNode;
import io.github.litefs4j.testsupport.Sql;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@link LiteFsFlyway} on a real 3-node LiteFS cluster (1 primary, 2 replicas). */
@LiteFsClusterTest(replicas = 2)
class LiteFsFlywayIT {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String HISTORY =
      "SELECT version FROM flyway_schema_history ORDER BY installed_rank";

  /** What one node's migrate() returned, and what that node's database showed right after. */
  record Outcome(
      LiteFsNode node, MigrationResult result, List<String> userColumns, List<String> users) {}

  private static LiteFsFlyway migrator(
      LiteFsNode node, String db, ReplicaMigration mode, String location) {
    LiteFsDatabase database =
        LiteFsDatabase.builder(node.database(db), WritePolicy.refuse()).build();
    return LiteFsFlyway.builder(database, mode)
        .configure(c -> c.locations("classpath:db/" + location))
        .timeout(Duration.ofSeconds(90))
        .build();
  }

  private static List<Outcome> migrateOnEveryNodeAtOnce(
      LiteFsCluster cluster, String db, ReplicaMigration mode) throws Exception {
    return migrateAtOnce(cluster.nodes(), db, mode);
  }

  private static List<Outcome> migrateAtOnce(
      List<LiteFsNode> nodes, String db, ReplicaMigration mode) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(nodes.size());
    try {
      CountDownLatch ready = new CountDownLatch(nodes.size());
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Outcome>> futures = new ArrayList<>();
      for (LiteFsNode node : nodes) {
        LiteFsFlyway migrator = migrator(node, db, mode, "ok");
        futures.add(
            pool.submit(
                () -> {
                  ready.countDown();
                  go.await();
                  MigrationResult result = migrator.migrate();
                  // Read the node's own copy right away: the schema must be there on return.
                  return new Outcome(
                      node,
                      result,
                      Sql.column(node.database(db), "SELECT name FROM pragma_table_info('users')"),
                      Sql.column(node.database(db), "SELECT name FROM users"));
                }));
      }
      assertThat(ready.await(30, TimeUnit.SECONDS)).isTrue();
      go.countDown();
      List<Outcome> outcomes = new ArrayList<>();
      for (Future<Outcome> future : futures) {
        outcomes.add(future.get(120, TimeUnit.SECONDS));
      }
      return outcomes;
    } finally {
      pool.shutdownNow();
    }
  }

  private static void assertMigratedExactlyOnce(LiteFsCluster cluster, String db, List<Outcome> all)
      throws Exception {
    assertThat(Sql.column(cluster.primary().database(db), HISTORY)).containsExactly("1", "2", "3");
    assertThat(all.stream().mapToInt(o -> o.result().migrationsExecuted()).sum()).isEqualTo(3);
    for (Outcome outcome : all) {
      assertThat(outcome.userColumns()).as(outcome.node().name()).contains("id", "name", "email");
      assertThat(outcome.users()).as(outcome.node().name()).containsExactly("admin");
      assertThat(outcome.result().schemaVersion()).as(outcome.node().name()).contains("3");
      assertThat(Sql.column(outcome.node().database(db), HISTORY))
          .as(outcome.node().name())
          .containsExactly("1", "2", "3");
    }
  }

  @Test
  void threeNodesMigratingAtOnceThroughHaltApplyEachMigrationExactlyOnce(LiteFsCluster cluster)
      throws Exception {
    List<Outcome> all = migrateOnEveryNodeAtOnce(cluster, "halt.db", ReplicaMigration.HALT);

    assertMigratedExactlyOnce(cluster, "halt.db", all);
    assertThat(all.get(0).result().route()).isEqualTo(MigrationRoute.PRIMARY);
    assertThat(all.subList(1, 3))
        .extracting(o -> o.result().route())
        .containsOnly(MigrationRoute.HALT);
  }

  @Test
  void twoReplicasMigratingAtOnceThroughHaltTakeTurns(LiteFsCluster cluster) throws Exception {
    // The primary's application only creates the database (first migration); the replicas race
    // for the rest, each under its own HALT.
    MigrationResult first =
        LiteFsFlyway.builder(
                LiteFsDatabase.builder(cluster.primary().database("turns.db"), WritePolicy.refuse())
                    .build(),
                ReplicaMigration.HALT)
            .configure(c -> c.locations("classpath:db/ok").target("1"))
            .build()
            .migrate();
    for (LiteFsNode replica : cluster.replicas()) {
      LiteFS.awaitPosition(replica.database("turns.db"), first.position().orElseThrow(), WAIT);
    }

    List<Outcome> replicas = migrateAtOnce(cluster.replicas(), "turns.db", ReplicaMigration.HALT);

    assertThat(replicas).extracting(o -> o.result().route()).containsOnly(MigrationRoute.HALT);
    assertThat(replicas.stream().mapToInt(o -> o.result().migrationsExecuted()).sum()).isEqualTo(2);
    for (Outcome outcome : replicas) {
      assertThat(outcome.userColumns()).as(outcome.node().name()).contains("email");
      assertThat(outcome.users()).as(outcome.node().name()).containsExactly("admin");
    }
    assertThat(Sql.column(cluster.primary().database("turns.db"), HISTORY))
        .containsExactly("1", "2", "3");
  }

  @Test
  void threeNodesMigratingAtOnceAwaitingReplicationApplyEachMigrationExactlyOnce(
      LiteFsCluster cluster) throws Exception {
    List<Outcome> all =
        migrateOnEveryNodeAtOnce(cluster, "await.db", ReplicaMigration.AWAIT_REPLICATION);

    assertMigratedExactlyOnce(cluster, "await.db", all);
    assertThat(all.get(0).result().route()).isEqualTo(MigrationRoute.PRIMARY);
    assertThat(all.get(0).result().migrationsExecuted()).isEqualTo(3);
    assertThat(all.subList(1, 3))
        .extracting(o -> o.result().route())
        .containsOnly(MigrationRoute.REPLICATED);
  }

  @Test
  void migrationFailingPartWayOnAReplicaReleasesTheHaltAndIsTyped(LiteFsCluster cluster)
      throws Exception {
    LiteFsNode primary = cluster.primary();
    LiteFsNode replica = cluster.replica(0);
    // The database must exist before a replica can take its HALT lock: the primary creates it
    // with the first migration; the replica then applies the second and fails in the third.
    MigrationResult first =
        LiteFsFlyway.builder(
                LiteFsDatabase.builder(primary.database("fail.db"), WritePolicy.refuse()).build(),
                ReplicaMigration.HALT)
            .configure(c -> c.locations("classpath:db/failing").target("1"))
            .build()
            .migrate();
    LiteFS.awaitPosition(replica.database("fail.db"), first.position().orElseThrow(), WAIT);

    assertThatThrownBy(
            () -> migrator(replica, "fail.db", ReplicaMigration.HALT, "failing").migrate())
        .isInstanceOfSatisfying(
            MigrationFailedException.class,
            e -> {
              assertThat(e.route()).isEqualTo(MigrationRoute.HALT);
              assertThat(e.failedMigration()).contains("3 half done");
              assertThat(e.database()).isEqualTo(replica.database("fail.db"));
              assertThat(e.getCause().getClass().getName()).startsWith("org.flywaydb");
            })
        .hasMessageContaining("failed at 3 half done")
        .hasMessageContaining("HALT released")
        .hasMessageContaining("no_such_table");

    // HALT released: the primary writes at once (a held HALT blocks it for up to 30 s)...
    LiteFsDatabase onPrimary =
        LiteFsDatabase.builder(primary.database("fail.db"), WritePolicy.refuse())
            .busyTimeout(Duration.ofSeconds(2))
            .busyRetry(BusyRetry.none())
            .build();
    onPrimary.write(
        c -> {
          Sql.exec(c, "INSERT INTO users (name) VALUES ('written on the primary')");
          return 0;
        });
    // ... and so does the other replica, through a HALT of its own.
    WriteResult<Integer> forwarded =
        LiteFsDatabase.builder(
                cluster.replica(1).database("fail.db"),
                WritePolicy.forwardThroughHalt(Duration.ofSeconds(5)))
            .build()
            .write(
                c -> {
                  Sql.exec(c, "INSERT INTO users (name) VALUES ('forwarded by a replica')");
                  return 0;
                });
    assertThat(forwarded.route()).isEqualTo(WriteRoute.HALT);

    // V2 ran on the replica and was forwarded; the failed V3 left nothing behind.
    assertThat(Sql.column(primary.database("fail.db"), HISTORY)).containsExactly("1", "2");
    assertThat(
            Sql.column(primary.database("fail.db"), "SELECT name FROM pragma_table_info('users')"))
        .contains("email");
    assertThat(
            Sql.column(
                primary.database("fail.db"), "SELECT name FROM sqlite_master WHERE type='table'"))
        .contains("users", "flyway_schema_history")
        .doesNotContain("audit");
    assertThat(Sql.column(primary.database("fail.db"), "SELECT name FROM users"))
        .containsExactly("written on the primary", "forwarded by a replica");
  }

  @Test
  void awaitingReplicationTimesOutNamingThePendingMigrationsWhenThePrimaryNeverMigrates(
      LiteFsCluster cluster) throws Exception {
    WriteResult<Integer> created =
        LiteFsDatabase.builder(cluster.primary().database("never.db"), WritePolicy.refuse())
            .build()
            .write(
                c -> {
                  Sql.exec(c, "CREATE TABLE marker (x)");
                  return 0;
                });
    LiteFsNode replica = cluster.replica(1);
    LiteFS.awaitPosition(replica.database("never.db"), created.position().orElseThrow(), WAIT);
    LiteFsFlyway migrator =
        LiteFsFlyway.builder(
                LiteFsDatabase.builder(replica.database("never.db"), WritePolicy.refuse()).build(),
                ReplicaMigration.AWAIT_REPLICATION)
            .configure(c -> c.locations("classpath:db/ok"))
            .timeout(Duration.ofSeconds(2))
            .build();

    Instant start = Instant.now();
    assertThatThrownBy(migrator::migrate)
        .isInstanceOfSatisfying(
            MigrationTimeoutException.class,
            e -> {
              assertThat(e.pending())
                  .containsExactly("1 create users", "2 add email", "3 seed admin");
              assertThat(e.timeout()).isEqualTo(Duration.ofSeconds(2));
            })
        .hasMessageContaining("the primary's migration to replicate")
        .hasMessageContaining("primary: node-0");
    assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(15));
    assertThat(Sql.column(cluster.primary().database("never.db"), "SELECT name FROM sqlite_master"))
        .containsExactly("marker");
  }
}
