package io.github.litefs4j.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** The JUnit extension: one started cluster per class, injected, reset before each test. */
@LiteFsClusterTest(replicas = 2)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LiteFsClusterExtensionIT {
  private static LiteFsCluster fromBeforeAll;
  private static long killedReplicaPid;
  private final LiteFsCluster fromConstructor;
  private LiteFsCluster fromBeforeEach;

  LiteFsClusterExtensionIT(LiteFsCluster cluster) {
    this.fromConstructor = cluster;
  }

  @BeforeAll
  static void rememberCluster(LiteFsCluster cluster) {
    fromBeforeAll = cluster;
  }

  @BeforeEach
  void rememberClusterBeforeEach(LiteFsCluster cluster) {
    fromBeforeEach = cluster;
  }

  @Test
  @Order(1)
  void injectsOneStartedClusterWithTheAnnotatedReplicaCount(LiteFsCluster cluster)
      throws Exception {
    assertThat(cluster).isSameAs(fromBeforeAll).isSameAs(fromConstructor).isSameAs(fromBeforeEach);
    assertThat(cluster.replicas()).hasSize(2);
    assertThat(cluster.nodes()).allMatch(LiteFsNode::isRunning);
    for (LiteFsNode replica : cluster.replicas()) {
      assertThat(Files.readString(replica.mountDir().resolve(".primary"))).isEqualTo("node-0\n");
    }
  }

  @Test
  @Order(2)
  void aTestMayKillNodes(LiteFsCluster cluster) {
    killedReplicaPid = cluster.replica(1).pid();
    cluster.replica(1).kill();
    cluster.primary().kill();
    assertThat(cluster.primary().isRunning()).isFalse();
  }

  @Test
  @Order(3)
  void aStaticLeaseDoesNotMove(LiteFsCluster cluster) {
    LiteFsNode node0 = cluster.nodes().get(0);
    cluster.kill(node0);

    assertThat(cluster.primary()).as("a static lease stays with node-0").isSameAs(node0);
    assertThat(cluster.consulUri()).isEmpty();
    assertThatThrownBy(() -> cluster.awaitPrimary(Duration.ofMillis(500)))
        .isInstanceOf(LiteFsClusterException.class)
        .hasMessageContaining("did not agree on one primary within PT0.5S")
        .hasMessageContaining("node-0: not running")
        .hasMessageContaining("node-1: replica without a primary")
        .hasMessageContaining("node-2: replica without a primary");
    assertThatThrownBy(() -> cluster.handoff(cluster.nodes().get(1), Duration.ofSeconds(5)))
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessageContaining("a static lease cannot be handed off")
        .hasMessageContaining("LiteFsCluster.builder().consul()");
  }

  @Test
  @Order(4)
  void theNextTestFindsEveryNodeRunningAndConnectedAgain(LiteFsCluster cluster) throws Exception {
    assertThat(cluster).isSameAs(fromBeforeAll);
    assertThat(cluster.nodes()).allMatch(LiteFsNode::isRunning);
    assertThat(cluster.replica(1).pid()).isNotEqualTo(killedReplicaPid);
    assertThat(cluster.awaitPrimary(Duration.ofSeconds(10))).isSameAs(cluster.nodes().get(0));
    for (LiteFsNode replica : cluster.replicas()) {
      assertThat(Files.readString(replica.mountDir().resolve(".primary"))).isEqualTo("node-0\n");
    }
  }
}
