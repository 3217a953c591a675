package io.github.litefs4j.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.litefs4j.testsupport.Sql;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link LiteFsCluster#awaitReplicated} on a real cluster of a primary and two replicas. */
class AwaitReplicatedIT {
  private static final AtomicInteger NAMES = new AtomicInteger();
  private static LiteFsCluster cluster;

  @BeforeAll
  static void startCluster() {
    cluster = LiteFsCluster.builder().replicas(2).start();
  }

  @AfterAll
  static void closeCluster() {
    cluster.close();
  }

  @BeforeEach
  void allRunning() {
    cluster.ensureRunning();
  }

  private static String newDatabase() throws Exception {
    String name = "await" + NAMES.incrementAndGet() + ".db";
    Sql.exec(cluster.primary().database(name), "CREATE TABLE t (v TEXT)");
    return name;
  }

  @Test
  void returnsOnceEveryReplicaHasTheWriteAndLeavesNoThreadOrStreamOpen() throws Exception {
    String db = newDatabase();
    List<Integer> streamsBefore = eventStreams();
    Sql.exec(
        cluster.primary().database(db), "INSERT INTO t VALUES ('a')", "INSERT INTO t VALUES ('b')");
    String target = Sql.posFile(cluster.primary().database(db));

    cluster.awaitReplicated(db, Duration.ofSeconds(20));

    for (LiteFsNode replica : cluster.replicas()) {
      assertThat(Sql.query(replica.database(db), "SELECT v FROM t ORDER BY rowid"))
          .as(replica.name())
          .containsExactly("a", "b");
      assertThat(ReplicationWait.txid(Sql.posFile(replica.database(db))))
          .as(replica.name())
          .isGreaterThanOrEqualTo(ReplicationWait.txid(target));
    }
    assertThat(ourThreads()).isEmpty();
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(eventStreams()).isEqualTo(streamsBefore));
  }

  @Test
  void aDatabaseTheReplicasDoNotHaveYetIsWaitedFor() throws Exception {
    String db = "fresh" + NAMES.incrementAndGet() + ".db";
    Sql.exec(
        cluster.primary().database(db), "CREATE TABLE t (v TEXT)", "INSERT INTO t VALUES ('x')");

    cluster.awaitReplicated(db, Duration.ofSeconds(20));

    for (LiteFsNode replica : cluster.replicas()) {
      assertThat(Sql.query(replica.database(db), "SELECT v FROM t")).containsExactly("x");
    }
  }

  @Test
  void timesOutNamingTheTargetAndEachReplicasPositionWhenAReplicaIsFrozen() throws Exception {
    String db = newDatabase();
    cluster.awaitReplicated(db, Duration.ofSeconds(20));
    LiteFsNode frozen = cluster.replica(0);
    LiteFsNode live = cluster.replica(1);
    signal(frozen.pid(), "STOP");
    try {
      Sql.exec(cluster.primary().database(db), "INSERT INTO t VALUES ('while frozen')");
      String target = Sql.posFile(cluster.primary().database(db));

      assertThatThrownBy(() -> cluster.awaitReplicated(db, Duration.ofSeconds(3)))
          .isInstanceOf(LiteFsClusterException.class)
          .hasMessageContaining("replicas did not reach " + db + " at " + target)
          .hasMessageContaining("position of the primary node-0")
          .hasMessageContaining(frozen.name() + " at still reading its -pos")
          .hasMessageContaining(live.name() + " at " + Sql.posFile(live.database(db)))
          .hasMessageContaining("within PT3S");
    } finally {
      signal(frozen.pid(), "CONT");
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> ourThreads().isEmpty());
    cluster.awaitReplicated(db, Duration.ofSeconds(20)); // and it catches up
  }

  @Test
  void aStoppedReplicaIsNotWaitedFor() throws Exception {
    String db = newDatabase();
    cluster.stop(cluster.replica(0));
    Sql.exec(cluster.primary().database(db), "INSERT INTO t VALUES ('one replica down')");

    cluster.awaitReplicated(db, Duration.ofSeconds(20));

    assertThat(Sql.query(cluster.replica(1).database(db), "SELECT v FROM t"))
        .containsExactly("one replica down");
  }

  @Test
  void aDatabaseMissingOnThePrimaryIsAClearError() {
    assertThatThrownBy(() -> cluster.awaitReplicated("nope.db", Duration.ofSeconds(5)))
        .isInstanceOf(LiteFsClusterException.class)
        .hasMessageStartingWith("database nope.db does not exist on the primary node-0 (no ")
        .hasMessageContaining("nope.db-pos")
        .hasMessageEndingWith("write it on the primary before waiting for it to replicate");
  }

  @Test
  void badArgumentsAreRefused() {
    assertThatThrownBy(() -> cluster.awaitReplicated(" ", Duration.ofSeconds(5)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("db must name a database of the mount: \" \"");
    assertThatThrownBy(() -> cluster.awaitReplicated("a.db", Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("timeout must be positive: PT0S");
  }

  private static List<String> ourThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(n -> n.startsWith("LiteFsCluster-awaitReplicated-"))
        .toList();
  }

  /**
   * Per replica, how many established TCP connections to its HTTP port exist on this machine
   * ({@code /proc/net/tcp}): a leaked events stream stays among them.
   */
  private static List<Integer> eventStreams() throws IOException {
    List<String> table = Files.readAllLines(Path.of("/proc/net/tcp"));
    return cluster.replicas().stream()
        .map(
            r -> {
              String port = String.format(Locale.ROOT, ":%04X", r.httpPort());
              return (int)
                  table.stream()
                      .skip(1)
                      .map(l -> l.trim().split("\\s+"))
                      .filter(f -> f[2].endsWith(port) && f[3].equals("01"))
                      .count();
            })
        .toList();
  }

  private static void signal(long pid, String signal) throws Exception {
    Process p = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
    assertThat(p.waitFor()).as("kill -%s %d", signal, pid).isZero();
  }
}
