package io.github.litefs4j;

import static io.github.litefs4j.EventsIT.HTTP;
import static io.github.litefs4j.EventsIT.WAIT;
import static io.github.litefs4j.EventsIT.client;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.litefs4j.PrimaryState.Role;
import io.github.litefs4j.testing.LiteFsCluster;
import io.github.litefs4j.testing.LiteFsClusterTest;
import io.github.litefs4j.testing.LiteFsNode;
import io.github.litefs4j.testsupport.EventLines;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link PrimaryMonitor} on a real LiteFS cluster (static lease: node-0 is the primary). */
@LiteFsClusterTest(replicas = 1)
class PrimaryMonitorIT {
  private static final ReconnectPolicy FAST =
      ReconnectPolicy.builder()
          .initialDelay(Duration.ofMillis(50))
          .maxDelay(Duration.ofMillis(500))
          .build();

  @AfterEach
  void noThreadOfOursIsLeft() {
    assertThat(OurThreads.alive()).isEmpty();
  }

  @Test
  void theMonitorsOfPrimaryAndReplicaReportTheirRolesAndThePrimarysHostname(LiteFsCluster cluster) {
    try (PrimaryMonitor primary = client(cluster.primary()).monitorPrimary();
        PrimaryMonitor replica = client(cluster.replica(0)).monitorPrimary()) {
      assertThat(primary.awaitReady(WAIT)).isEqualTo(PrimaryState.primary());
      assertThat(primary.isPrimary()).isTrue();
      assertThat(primary.primaryHostname()).isEmpty(); // LiteFS sends the primary no hostname

      assertThat(replica.awaitReady(WAIT)).isEqualTo(PrimaryState.replica("node-0"));
      assertThat(replica.isPrimary()).isFalse();
      assertThat(replica.primaryHostname())
          .isEqualTo(cluster.replica(0).primaryHostname())
          .contains("node-0");
    }
  }

  @Test
  void killingThePrimaryMovesTheReplicaToDisconnectedAndRestartingItBackToReplica(
      LiteFsCluster cluster) throws Exception {
    LiteFsNode replicaNode = cluster.replica(0);
    BlockingQueue<PrimaryState> changes = new LinkedBlockingQueue<>();
    try (PrimaryMonitor monitor = client(replicaNode).monitorPrimary(FAST);
        RawEventLines raw = new RawEventLines(HTTP, replicaNode.httpUri())) {
      assertThat(monitor.awaitReady(WAIT)).isEqualTo(PrimaryState.replica("node-0"));
      monitor.addListener((before, now) -> changes.add(now));

      cluster.primary().kill();

      assertThat(changes.poll(WAIT.toSeconds(), TimeUnit.SECONDS))
          .isEqualTo(PrimaryState.disconnected());
      assertThat(monitor.isPrimary()).isFalse();
      assertThat(monitor.primaryHostname()).isEmpty();
      // What LiteFS v0.5.14 sends when a replica loses its primary: no hostname at all.
      String disconnected = EventLines.primaryChange(false, null).strip();
      String announced = EventLines.primaryChange(false, "node-0").strip();
      assertThat(raw.next(line -> line.contains("primaryChange"), WAIT)).isEqualTo(disconnected);
      // Then, every second while the primary is down, each reconnect attempt announces the primary
      // and withdraws it when the attempt fails a few milliseconds later. Two such attempts:
      for (int attempt = 1; attempt <= 2; attempt++) {
        assertThat(raw.next(line -> line.contains("hostname"), WAIT))
            .as("attempt %d announces the primary", attempt)
            .isEqualTo(announced);
        assertThat(raw.next(line -> line.contains("primaryChange"), WAIT))
            .as("attempt %d fails", attempt)
            .isEqualTo(disconnected);
      }
      // The monitor follows the same stream: it reported none of these announcements (it would
      // have reported the first one within its settle time, long before the second attempt).
      assertThat(changes).as("changes reported while the primary is down").isEmpty();
      assertThat(monitor.state()).isEqualTo(PrimaryState.disconnected());

      cluster.primary().start();

      assertThat(changes.poll(WAIT.toSeconds() * 2, TimeUnit.SECONDS))
          .isEqualTo(PrimaryState.replica("node-0"));
      replicaNode.awaitConnected(WAIT);
      // Connected for good: the monitor ends on REPLICA (an attempt that failed slowly while the
      // primary was starting could have been reported as a short REPLICA before this one).
      await().atMost(WAIT).until(monitor::state, PrimaryState.replica("node-0")::equals);
    }
  }

  @Test
  void aMonitorStartedWhileItsNodeIsDownBecomesReadyAfterTheNodeStarts(LiteFsCluster cluster) {
    LiteFsNode replicaNode = cluster.replica(0);
    replicaNode.stop();
    try (PrimaryMonitor monitor = client(replicaNode).monitorPrimary(FAST)) {
      assertThatThrownBy(() -> monitor.awaitReady(Duration.ofSeconds(1)))
          .isInstanceOf(LiteFsTimeoutException.class)
          .cause()
          .isInstanceOf(LiteFsConnectionException.class);
      assertThat(monitor.state().role()).isEqualTo(Role.UNKNOWN);

      replicaNode.start();

      assertThat(monitor.awaitReady(WAIT).role()).isIn(Role.REPLICA, Role.DISCONNECTED);
      await().atMost(WAIT).until(monitor::state, PrimaryState.replica("node-0")::equals);
    }
  }
}
