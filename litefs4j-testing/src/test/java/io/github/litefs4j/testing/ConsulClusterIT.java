package io.github.litefs4j.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.litefs4j.testsupport.Sql;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A 3-node Consul-leased cluster, shared by the tests of this class (the extension restarts what a
 * test stopped and hands the lease back to node-0 before each test): real failover by SIGKILL, a
 * graceful stop, a restart, a handoff, and a close that leaves nothing behind.
 */
@LiteFsClusterTest(consul = true, replicas = 2)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsulClusterIT {
  private static final System.Logger LOG = System.getLogger(ConsulClusterIT.class.getName());
  private static final Duration ELECTION = Duration.ofSeconds(30);
  private static final Duration REPLICATION = Duration.ofSeconds(20);

  @Test
  @Order(1)
  void startsThreeCandidatesWithNode0TheAgreedPrimary(LiteFsCluster cluster) throws Exception {
    LiteFsNode node0 = cluster.nodes().get(0);

    assertThat(cluster.nodes())
        .extracting(LiteFsNode::name)
        .containsExactly("node-0", "node-1", "node-2");
    assertThat(cluster.awaitPrimary(ELECTION)).isSameAs(node0);
    assertThat(cluster.primary()).isSameAs(node0);
    assertThat(cluster.replicas()).containsExactly(cluster.nodes().get(1), cluster.nodes().get(2));
    assertThat(cluster.consulUri()).get().asString().startsWith("http://127.0.0.1:");
    assertThat(node0.isPrimary()).isTrue();
    assertThat(node0.primaryHostname()).isEmpty();
    for (LiteFsNode node : cluster.nodes()) {
      assertThat(LiteFsClusterIT.get(node.httpUri().resolve("/info")))
          .containsPattern("\"candidate\"\\s*:\\s*true");
    }
    for (LiteFsNode replica : cluster.replicas()) {
      assertThat(replica.isPrimary()).isFalse();
      assertThat(replica.primaryHostname()).contains("node-0");
    }
  }

  @Test
  @Order(2)
  void sigkillOfThePrimaryMovesTheLeaseToAnotherNodeAndEveryNodeAgrees(LiteFsCluster cluster)
      throws Exception {
    LiteFsNode old = cluster.primary();
    Sql.exec(old.database("kill.db"), "CREATE TABLE t (v TEXT)", "INSERT INTO t VALUES ('a')");
    awaitRows(cluster, cluster.replicas(), "kill.db", List.of("a"));
    long pid = old.pid();

    long killedAt = System.nanoTime();
    cluster.kill(old);
    LiteFsNode now = cluster.awaitPrimary(ELECTION);
    LOG.log(
        Level.INFO,
        "Consul failover after SIGKILL: {0} ms until every running node agreed on {1}",
        (System.nanoTime() - killedAt) / 1_000_000,
        now.name());

    assertThat(OsState.processExists(pid)).isFalse();
    assertThat(now).isNotSameAs(old).isIn(cluster.nodes().get(1), cluster.nodes().get(2));
    assertThat(cluster.primary()).isSameAs(now);
    List<LiteFsNode> others = cluster.replicas();
    assertThat(others).hasSize(1).doesNotContain(old, now);
    assertThat(others.get(0).primaryHostname()).contains(now.name());
    assertThat(old.primaryHostname()).isEmpty();
    // The new primary takes writes, and they replicate to the surviving replica.
    Sql.exec(now.database("kill.db"), "INSERT INTO t VALUES ('b')");
    awaitRows(cluster, others, "kill.db", List.of("a", "b"));
  }

  @Test
  @Order(3)
  void aGracefulStopOfThePrimaryHandsTheLeaseOn(LiteFsCluster cluster) throws Exception {
    LiteFsNode old = cluster.primary();
    Path mount = old.mountDir();

    cluster.stop(old);
    LiteFsNode now = cluster.awaitPrimary(ELECTION);

    assertThat(old.isRunning()).isFalse();
    assertThat(OsState.mountsUnder(mount)).isEmpty();
    assertThat(now).isNotSameAs(old);
    assertThat(cluster.replicas()).hasSize(1).doesNotContain(old, now);
  }

  @Test
  @Order(4)
  void aRestartedNodeRejoinsCatchesUpAndTakesTheLeaseBack(LiteFsCluster cluster) throws Exception {
    LiteFsNode node0 = cluster.nodes().get(0);
    Sql.exec(node0.database("restart.db"), "CREATE TABLE t (v TEXT)");
    // Replication is asynchronous: a commit not yet on a replica would die with node-0.
    awaitRows(cluster, cluster.replicas(), "restart.db", List.of());
    cluster.kill(node0);
    LiteFsNode interim = cluster.awaitPrimary(ELECTION);
    Sql.exec(interim.database("restart.db"), "INSERT INTO t VALUES ('while node-0 was down')");

    assertThat(cluster.restart(node0)).isSameAs(node0);

    // promote: true: node-0 joined as a replica, synced what it missed, then took the lease.
    assertThat(cluster.awaitPrimary(ELECTION)).isSameAs(node0);
    assertThat(Sql.query(node0.database("restart.db"), "SELECT v FROM t"))
        .containsExactly("while node-0 was down");
    assertThat(node0.logTail(200)).contains("connected to cluster, ready");
    assertThat(interim.primaryHostname()).contains("node-0");
  }

  @Test
  @Order(5)
  void handoffMakesTheChosenNodeThePrimary(LiteFsCluster cluster) {
    LiteFsNode node0 = cluster.nodes().get(0);
    LiteFsNode node2 = cluster.nodes().get(2);

    assertThat(cluster.handoff(node2, ELECTION)).isSameAs(node2);

    assertThat(cluster.primary()).isSameAs(node2);
    assertThat(cluster.awaitPrimary(ELECTION)).isSameAs(node2);
    assertThat(node0.primaryHostname()).contains("node-2");
    assertThat(cluster.nodes().get(1).primaryHostname()).contains("node-2");
    assertThat(cluster.handoff(node2, ELECTION)).as("already primary: no-op").isSameAs(node2);
  }

  @Test
  @Order(6)
  void theExtensionHandsTheLeaseBackToNode0AndARunningNodeIsNotRestarted(LiteFsCluster cluster) {
    assertThat(cluster.nodes()).allMatch(LiteFsNode::isRunning);
    assertThat(cluster.primary()).isSameAs(cluster.nodes().get(0));

    // Restarting a running replica leaves it as it is: it does not take the lease.
    LiteFsNode node1 = cluster.nodes().get(1);
    long pid = node1.pid();
    assertThat(cluster.restart(node1)).isSameAs(node1);
    assertThat(node1.pid()).isEqualTo(pid);
    assertThat(cluster.awaitPrimary(ELECTION)).isSameAs(cluster.nodes().get(0));
  }

  @Test
  @Order(7)
  void handoffToAStoppedNodeOrWithoutATimeIsAClearError(LiteFsCluster cluster) {
    LiteFsNode node1 = cluster.nodes().get(1);
    cluster.stop(node1);

    assertThatThrownBy(() -> cluster.handoff(node1, ELECTION))
        .isInstanceOf(LiteFsClusterException.class)
        .hasMessageContaining("cannot hand the lease to node-1: it is not running");
    assertThatThrownBy(() -> cluster.handoff(node1, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @Order(8)
  void closeLeavesNoConsulAgentNoLiteFsProcessAndNoMount(LiteFsCluster cluster) throws Exception {
    List<Long> pids = new ArrayList<>();
    for (LiteFsNode node : cluster.nodes()) {
      pids.add(node.pid());
    }
    long consulPid = cluster.consulPid();
    Path baseDir = cluster.baseDir();
    assertThat(OsState.processExists(consulPid)).isTrue();
    assertThat(OsState.mountsUnder(baseDir)).hasSize(3);

    cluster.close();

    assertThat(OsState.processExists(consulPid)).as("consul pid %d", consulPid).isFalse();
    for (long pid : pids) {
      assertThat(OsState.processExists(pid)).as("litefs pid %d", pid).isFalse();
    }
    assertThat(OsState.mountsUnder(baseDir)).isEmpty();
    assertThat(baseDir).doesNotExist();
  }

  /** Waits until every running replica has {@code db} as the primary has it, then checks rows. */
  private static void awaitRows(
      LiteFsCluster cluster, List<LiteFsNode> nodes, String db, List<String> rows)
      throws Exception {
    cluster.awaitReplicated(db, REPLICATION);
    for (LiteFsNode node : nodes) {
      assertThat(Sql.query(node.database(db), "SELECT v FROM t")).as(node.name()).isEqualTo(rows);
    }
  }
}
