package io.github.litefs4j.flyway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import io.github.litefs4j.LiteFsClient;
import io.github.litefs4j.jdbc.LiteFsDatabase;
import io.github.litefs4j.jdbc.WritePolicy;
import io.github.litefs4j.testing.LiteFsCluster;
import io.github.litefs4j.testing.LiteFsClusterTest;
import io.github.litefs4j.testing.LiteFsNode;
import io.github.litefs4j.testsupport.Sql;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link LiteFsFlyway} when the primary goes away in the middle of a migration, on a 3-node
 * Consul-leased cluster. Migrations {@code db/failover}: V1 creates {@code items}, V2 ({@link
 * GatedMigration}) inserts {@code 'v2'} and, on its first run, waits inside its transaction for the
 * test, V3 inserts {@code 'v3'}. Exactly once: every surviving node ends with history 1, 2, 3 (each
 * once, each a success) and {@code items} = v2, v3.
 */
@LiteFsClusterTest(consul = true, replicas = 2)
class FailoverMigrationIT {
  private static final System.Logger LOG = System.getLogger(FailoverMigrationIT.class.getName());
  private static final Duration ELECTION = Duration.ofSeconds(60);
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final Duration MIGRATION = Duration.ofSeconds(150);
  private static final AtomicInteger NAMES = new AtomicInteger();
  private static final String HISTORY =
      "SELECT version || ':' || success FROM flyway_schema_history ORDER BY installed_rank";

  /** Gates of this test, opened after it whatever happened: a held HALT must not outlive it. */
  private final List<GatedMigration> gates = new ArrayList<>();

  private GatedMigration gate() {
    GatedMigration gate = new GatedMigration();
    gates.add(gate);
    return gate;
  }

  @AfterEach
  void openEveryGate() {
    gates.forEach(GatedMigration::open);
  }

  @Test
  void aReplicasMigrationUnderHaltWhosePrimaryIsKilledIsRetriedByItselfAndAppliesEachOnce(
      LiteFsCluster cluster) throws Exception {
    LiteFsNode old = cluster.awaitPrimary(ELECTION);
    LiteFsNode migrating = cluster.nodes().get(1);
    String db = newDatabase(cluster);
    GatedMigration v2 = gate();
    LiteFsFlyway migrator = migrator(migrating, db, ReplicaMigration.HALT, v2);
    ProcessHandle primaryProcess = ProcessHandle.of(old.pid()).orElseThrow();

    CompletableFuture<MigrationResult> run = CompletableFuture.supplyAsync(migrator::migrate);
    awaitV2Started(v2, run);
    logHistory(cluster.nodes().get(2), db, "while V2 runs under HALT on node-1");
    // A plain SIGKILL: starting a process (as the fixture's unmount does) would release the HALT.
    primaryProcess.destroyForcibly();
    await().atMost(WAIT).until(() -> !primaryProcess.isAlive());
    v2.open();

    Throwable failed = catchThrowable(() -> run.get(MIGRATION.toSeconds(), TimeUnit.SECONDS));
    LOG.log(
        Level.INFO,
        "the migration of a replica across a SIGKILL of its primary: {0}",
        String.valueOf(failed));
    cluster.kill(old); // the stale mount
    MigrationResult result = failed == null ? run.join() : null;
    assertThat(failed).as("migrate() retried by itself and returned").isNull();
    LiteFsNode now = cluster.awaitPrimary(ELECTION);
    assertThat(result.route())
        .isEqualTo(now == migrating ? MigrationRoute.PRIMARY : MigrationRoute.HALT);
    assertExactlyOnce(cluster, survivors(cluster, old), db);
  }

  @Test
  void aMigrationOnAKilledPrimaryFailsTypedAndARetryOnTheNewPrimaryAppliesEachOnce(
      LiteFsCluster cluster) throws Exception {
    LiteFsNode old = cluster.awaitPrimary(ELECTION);
    String db = newDatabase(cluster);
    GatedMigration v2 = gate();
    LiteFsFlyway migrator = migrator(old, db, ReplicaMigration.HALT, v2);

    CompletableFuture<MigrationResult> run = CompletableFuture.supplyAsync(migrator::migrate);
    awaitV2Started(v2, run);
    logHistory(cluster.nodes().get(1), db, "while V2 runs on the primary");
    cluster.kill(old);
    v2.open();

    Throwable failed = catchThrowable(() -> run.get(MIGRATION.toSeconds(), TimeUnit.SECONDS));
    LOG.log(Level.INFO, "a migration on the killed primary: {0}", String.valueOf(failed));
    // The node is gone under it (in production its process would die with it): a typed failure.
    assertThat(failed)
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(MigrationFailedException.class);

    // Every survivor runs the application's startup migration at once, as after a redeploy.
    LiteFsNode now = cluster.awaitPrimary(ELECTION);
    List<LiteFsNode> survivors = survivors(cluster, old);
    List<CompletableFuture<MigrationResult>> retries = new ArrayList<>();
    for (LiteFsNode node : survivors) {
      LiteFsFlyway retry = migrator(node, db, ReplicaMigration.HALT, GatedMigration.passing());
      retries.add(CompletableFuture.supplyAsync(retry::migrate));
    }
    int executed = 0;
    for (int i = 0; i < retries.size(); i++) {
      MigrationResult r = retries.get(i).get(MIGRATION.toSeconds(), TimeUnit.SECONDS);
      LOG.log(Level.INFO, "retry on {0}: {1}", survivors.get(i).name(), r);
      executed += r.migrationsExecuted();
      assertThat(r.schemaVersion()).contains("3");
    }
    assertThat(executed).as("V2 and V3, once in all").isEqualTo(2);
    assertThat(now.isRunning()).isTrue();
    assertExactlyOnce(cluster, survivors, db);
  }

  @Test
  void aMigrationOnThePrimaryWhileTheLeaseIsHandedOffAppliesEachOnce(LiteFsCluster cluster)
      throws Exception {
    LiteFsNode old = cluster.awaitPrimary(ELECTION);
    LiteFsNode target = cluster.nodes().get(1);
    String db = newDatabase(cluster);
    GatedMigration v2 = gate();
    LiteFsFlyway migrator = migrator(old, db, ReplicaMigration.HALT, v2);

    CompletableFuture<MigrationResult> run = CompletableFuture.supplyAsync(migrator::migrate);
    awaitV2Started(v2, run);
    CompletableFuture<Void> promote =
        CompletableFuture.runAsync(() -> LiteFsClient.create(target.httpUri()).promote());
    Throwable promoted = catchThrowable(() -> promote.get(20, TimeUnit.SECONDS));
    LOG.log(
        Level.INFO, "promote during an open migration transaction: {0}", String.valueOf(promoted));
    v2.open();

    Throwable failed = catchThrowable(() -> run.get(MIGRATION.toSeconds(), TimeUnit.SECONDS));
    LOG.log(Level.INFO, "a migration on the primary across a handoff: {0}", String.valueOf(failed));
    promote.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    LiteFsNode now = cluster.awaitPrimary(ELECTION);
    LOG.log(Level.INFO, "primary after the handoff: {0}; result {1}", now.name(), run.getNow(null));
    assertThat(failed).as("migrate() returned").isNull();
    // Either the handoff came first (the step's commit was refused on the former primary and the
    // call finished there as a replica, through HALT) or the commit did: both were seen.
    assertThat(run.join().route()).isIn(MigrationRoute.HALT, MigrationRoute.PRIMARY);
    assertExactlyOnce(cluster, cluster.nodes(), db);
  }

  private static LiteFsFlyway migrator(
      LiteFsNode node, String db, ReplicaMigration mode, GatedMigration v2) {
    LiteFsDatabase database =
        LiteFsDatabase.builder(node.database(db), WritePolicy.refuse())
            // Tells a former primary's I/O error (lease just handed off) from a real one.
            .client(LiteFsClient.create(node.httpUri()))
            .build();
    return LiteFsFlyway.builder(database, mode)
        .configure(c -> c.locations("classpath:db/failover").javaMigrations(v2))
        .timeout(Duration.ofSeconds(120))
        .build();
  }

  /**
   * An empty database (no table: Flyway refuses a non-empty schema without history) that exists on
   * every node, since LiteFsFlyway on a replica waits for the database to appear.
   */
  private static String newDatabase(LiteFsCluster cluster) throws Exception {
    String name = "migrate-" + NAMES.incrementAndGet() + "-" + System.nanoTime() + ".db";
    Path onPrimary = cluster.primary().database(name);
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + onPrimary)) {
      Sql.exec(c, "CREATE TABLE seed (x INTEGER)");
      Sql.exec(c, "DROP TABLE seed");
    }
    cluster.awaitReplicated(name, WAIT);
    return name;
  }

  /**
   * Waits until V2's first run is inside its transaction; fails with the run's error if it ended.
   */
  private static void awaitV2Started(GatedMigration v2, CompletableFuture<MigrationResult> run)
      throws Exception {
    await().atMost(WAIT).until(() -> v2.awaitEntered(Duration.ZERO) || run.isDone());
    if (run.isDone()) {
      throw new AssertionError(
          "migrate() ended before V2 started: " + run.handle((r, e) -> r != null ? r : e).get());
    }
  }

  /** Logs what a node's history shows now (the test does not depend on it). */
  private static void logHistory(LiteFsNode node, String db, String when) {
    Object seen;
    try {
      seen = Sql.column(node.database(db), HISTORY);
    } catch (Exception e) {
      seen = e;
    }
    LOG.log(Level.INFO, "history on {0} {1}: {2}", node.name(), when, seen);
  }

  /** Waits until every running node has {@code db} as the primary has it; checks its history. */
  private static void awaitHistory(
      LiteFsCluster cluster, List<LiteFsNode> nodes, String db, List<String> history)
      throws Exception {
    cluster.awaitReplicated(db, WAIT);
    for (LiteFsNode node : nodes) {
      if (node.isRunning()) {
        assertThat(Sql.column(node.database(db), HISTORY)).as(node.name()).isEqualTo(history);
      }
    }
  }

  private static void assertExactlyOnce(LiteFsCluster cluster, List<LiteFsNode> nodes, String db)
      throws Exception {
    awaitHistory(cluster, nodes, db, List.of("1:1", "2:1", "3:1"));
    for (LiteFsNode node : nodes) {
      assertThat(Sql.column(node.database(db), HISTORY))
          .as("%s: history", node.name())
          .containsExactly("1:1", "2:1", "3:1");
      assertThat(Sql.column(node.database(db), "SELECT v FROM items ORDER BY rowid"))
          .as("%s: items", node.name())
          .containsExactly("v2", "v3");
    }
  }

  private static List<LiteFsNode> survivors(LiteFsCluster cluster, LiteFsNode gone) {
    List<LiteFsNode> out = new ArrayList<>(cluster.nodes());
    out.remove(gone);
    return out;
  }
}
