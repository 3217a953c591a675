package io.github.litefs4j;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.litefs4j.WriteRouting.Decision.NoPrimary;
import io.github.litefs4j.WriteRouting.Decision.ReplayToPrimary;
import io.github.litefs4j.WriteRouting.Decision.ServeLocally;
import io.github.litefs4j.testing.LiteFsCluster;
import io.github.litefs4j.testing.LiteFsClusterTest;
import io.github.litefs4j.testing.LiteFsNode;
import java.time.Duration;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The .primary file, /info and write routing, on a real cluster with a static lease. */
@LiteFsClusterTest(replicas = 1)
class PrimaryStateIT {
  private LiteFsNode primary;
  private LiteFsNode replica;
  private LiteFsClient primaryClient;
  private LiteFsClient replicaClient;

  @BeforeEach
  void setUp(LiteFsCluster cluster) {
    primary = cluster.primary();
    replica = cluster.replica(0);
    primaryClient = LiteFsClient.create(primary.httpUri());
    replicaClient = LiteFsClient.create(replica.httpUri());
  }

  @Test
  void primaryFileOnTheReplicaNamesThePrimaryWhileConnected() {
    assertThat(LiteFS.primaryHostname(replica.mountDir()))
        .isEqualTo(replica.primaryHostname())
        .contains("node-0");
    // The fixture answers like the core: no primary hostname on the primary itself.
    assertThat(primary.primaryHostname()).isEmpty();
    // Absent on the primary itself.
    assertThat(LiteFS.primaryHostname(primary.mountDir())).isEmpty();
  }

  @Test
  void primaryFileIsAbsentAfterThePrimaryIsKilled() {
    assertThat(LiteFS.primaryHostname(replica.mountDir())).contains("node-0");
    primary.kill();
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> LiteFS.primaryHostname(replica.mountDir()).isEmpty());
  }

  @Test
  void infoTellsThePrimaryFromADisconnectedReplica() {
    NodeInfo onPrimary = primaryClient.info();
    assertThat(onPrimary.isPrimary()).isTrue();
    assertThat(onPrimary.candidate()).isTrue();
    assertThat(onPrimary.primaryHostname()).isEmpty(); // as .primary and the events
    assertThat(onPrimary.nodeId()).hasValueSatisfying(id -> assertThat(id).matches("[0-9A-F]{16}"));
    assertThat(onPrimary.path()).isEqualTo(primary.dataDir().toString());

    NodeInfo connected = replicaClient.info();
    assertThat(connected.isPrimary()).isFalse();
    assertThat(connected.candidate()).isFalse();
    assertThat(connected.primaryHostname()).contains("node-0");
    assertThat(connected.isDisconnectedReplica()).isFalse();
    assertThat(connected.nodeId()).isPresent().isNotEqualTo(onPrimary.nodeId());
    assertThat(connected.clusterId()).isEqualTo(onPrimary.clusterId());

    primary.kill();
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> replicaClient.info().isDisconnectedReplica());
    NodeInfo disconnected = replicaClient.info();
    assertThat(disconnected.isPrimary()).isFalse();
    assertThat(disconnected.primaryHostname()).isEmpty();
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> LiteFS.primaryHostname(replica.mountDir()).isEmpty());
    // .primary is absent on both the primary and this replica; info tells them apart.
    assertThat(onPrimary.isDisconnectedReplica()).isFalse();
    assertThat(disconnected.isDisconnectedReplica()).isTrue();
  }

  @Test
  void writeRoutingFollowsTheNodesState() {
    assertThat(WriteRouting.route("POST", primaryClient.info()))
        .isEqualTo(new ServeLocally(ServeLocally.Reason.PRIMARY));
    WriteRouting.Decision onReplica = WriteRouting.route("POST", replicaClient.info());
    assertThat(onReplica).isEqualTo(new ReplayToPrimary("node-0"));
    assertThat(((ReplayToPrimary) onReplica).headerValue()).isEqualTo("instance=node-0");
    assertThat(WriteRouting.route("GET", replicaClient.info()))
        .isEqualTo(new ServeLocally(ServeLocally.Reason.READ));
    // From the .primary file too, on a replica.
    assertThat(WriteRouting.route("PUT", false, LiteFS.primaryHostname(replica.mountDir())))
        .isEqualTo(new ReplayToPrimary("node-0"));

    try (PrimaryMonitor monitor = replicaClient.monitorPrimary()) {
      assertThat(WriteRouting.route("PATCH", monitor.awaitReady(Duration.ofSeconds(30))))
          .isEqualTo(new ReplayToPrimary("node-0"));

      primary.kill();
      Awaitility.await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(50))
          .until(() -> WriteRouting.route("DELETE", replicaClient.info()) instanceof NoPrimary);
      Awaitility.await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(10))
          .until(() -> WriteRouting.route("DELETE", monitor.state()) instanceof NoPrimary);
    }
    assertThat(WriteRouting.route("GET", replicaClient.info()))
        .isEqualTo(new ServeLocally(ServeLocally.Reason.READ));
    assertThat(WriteRouting.route("POST", false, Optional.empty())).isEqualTo(new NoPrimary());
  }
}
