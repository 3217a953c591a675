package io.github.litefs4j.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.litefs4j.LiteFS;
import io.github.litefs4j.LiteFsClient;
import io.github.litefs4j.NodeInfo;
import io.github.litefs4j.PrimaryMonitor;
import io.github.litefs4j.PrimaryState;
import io.github.litefs4j.testing.LiteFsCluster;
import io.github.litefs4j.testing.LiteFsClusterTest;
import io.github.litefs4j.testing.LiteFsNode;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The one rule of docs/primary-and-routing.md: every API that reports "the primary's hostname"
 * answers it on a connected replica and nothing on the primary itself or on a replica without a
 * primary, core ({@link NodeInfo} included) and fixture alike.
 */
@LiteFsClusterTest
class PrimaryHostnameIT {
  private static final Duration WAIT = Duration.ofSeconds(15);

  @Test
  void onThePrimaryEveryHostnameIsEmptyAndIsPrimaryTellsWhy(LiteFsCluster cluster) {
    LiteFsNode primary = cluster.primary();
    assertThat(LiteFS.primaryHostname(primary.mountDir())).isEmpty();
    assertThat(primary.primaryHostname()).isEmpty();
    assertThat(primary.isPrimary()).isTrue();
    LiteFsClient client = LiteFsClient.create(primary.httpUri());
    try (PrimaryMonitor monitor = client.monitorPrimary()) {
      PrimaryState state = monitor.awaitReady(WAIT);
      assertThat(state.role()).isEqualTo(PrimaryState.Role.PRIMARY);
      assertThat(state.primaryHostname()).isEmpty();
      assertThat(monitor.primaryHostname()).isEmpty();
      assertThat(monitor.isPrimary()).isTrue();
    }
    NodeInfo info = client.info();
    assertThat(info.isPrimary()).isTrue();
    assertThat(info.primaryHostname()).isEmpty(); // though LiteFS's /info names the node
  }

  @Test
  void onAConnectedReplicaEveryHostnameNamesThePrimary(LiteFsCluster cluster) {
    LiteFsNode replica = cluster.replica(0);
    Optional<String> expected = Optional.of(cluster.primary().name());
    assertThat(LiteFS.primaryHostname(replica.mountDir())).isEqualTo(expected);
    assertThat(replica.primaryHostname()).isEqualTo(expected);
    assertThat(replica.isPrimary()).isFalse();
    LiteFsClient client = LiteFsClient.create(replica.httpUri());
    try (PrimaryMonitor monitor = client.monitorPrimary()) {
      assertThat(monitor.awaitReady(WAIT)).isEqualTo(PrimaryState.replica(expected.get()));
      assertThat(monitor.isPrimary()).isFalse();
    }
    assertThat(client.info().primaryHostname()).isEqualTo(expected);
  }

  @Test
  void onAReplicaWithoutAPrimaryEveryHostnameIsEmpty(LiteFsCluster cluster) {
    LiteFsNode replica = cluster.replica(0);
    LiteFsClient client = LiteFsClient.create(replica.httpUri());
    try (PrimaryMonitor monitor = client.monitorPrimary()) {
      monitor.awaitReady(WAIT);
      cluster.primary().kill(); // the extension starts it again before the next test

      await()
          .atMost(WAIT)
          .untilAsserted(
              () -> assertThat(monitor.state().role()).isEqualTo(PrimaryState.Role.DISCONNECTED));
      assertThat(monitor.primaryHostname()).isEmpty();
      assertThat(monitor.isPrimary()).isFalse();
    }
    // While its primary is down a replica re-announces it for about 1 ms at each reconnect
    // attempt (docs/LITEFS-FACTS.md), so each answer is awaited rather than read once.
    await().atMost(WAIT).until(() -> LiteFS.primaryHostname(replica.mountDir()).isEmpty());
    await().atMost(WAIT).until(() -> replica.primaryHostname().isEmpty());
    await().atMost(WAIT).until(() -> client.info().isDisconnectedReplica());
  }
}
