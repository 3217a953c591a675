package io.github.litefs4j.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.litefs4j.LiteFS;
import io.github.litefs4j.PositionTimeoutException;
import io.github.litefs4j.ReconnectPolicy;
import io.github.litefs4j.ReplicationTracker;
import io.github.litefs4j.ReplicationTracker.Required;
import io.github.litefs4j.testing.LiteFsCluster;
import io.github.litefs4j.testing.LiteFsClusterTest;
import io.github.litefs4j.testing.LiteFsNode;
import io.github.litefs4j.testsupport.Sql;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link LiteFsDatabaseBuilder#replicatedAcknowledgement} on a real 3-node Consul cluster: the
 * write result says which nodes have the write, on the primary and through HALT on a replica, and a
 * write that too few nodes can acknowledge is committed but throws the typed timeout.
 */
@LiteFsClusterTest(consul = true, replicas = 2)
class ReplicatedWritesIT {
  private static final Duration WAIT = Duration.ofSeconds(20);

  private ReplicationTracker tracker;

  @BeforeEach
  void startTracker(LiteFsCluster cluster) throws SQLException {
    ReplicationTracker.Builder builder =
        ReplicationTracker.builder()
            .reconnectPolicy(
                ReconnectPolicy.builder()
                    .initialDelay(Duration.ofMillis(50))
                    .maxDelay(Duration.ofMillis(500))
                    .build());
    cluster.nodes().forEach(node -> builder.node(node.httpUri()));
    tracker = builder.build();
    await().atMost(WAIT).until(() -> tracker.connectedNodes().size() == 3);
    Sql.exec(
        cluster.primary().database("acked.db"), "CREATE TABLE IF NOT EXISTS notes (body TEXT)");
  }

  @AfterEach
  void closeTracker() {
    tracker.close();
  }

  private LiteFsDatabase handle(LiteFsNode node, Required required, Duration timeout) {
    return LiteFsDatabase.builder(
            node.database("acked.db"), WritePolicy.forwardThroughHalt(Duration.ofSeconds(10)))
        .replicatedAcknowledgement(tracker, required, timeout)
        .build();
  }

  private static WriteResult<Integer> insert(LiteFsDatabase db, String body) throws SQLException {
    return db.write(
        c -> c.createStatement().executeUpdate("INSERT INTO notes VALUES ('" + body + "')"));
  }

  @Test
  void aWriteOnThePrimaryReturnsAcknowledgedByEveryRunningNode(LiteFsCluster cluster)
      throws Exception {
    LiteFsDatabase db = handle(cluster.primary(), Required.allRunning(), WAIT);

    WriteResult<Integer> written = insert(db, "on primary");

    assertThat(written.route()).isEqualTo(WriteRoute.PRIMARY);
    assertThat(written.acknowledgedBy()).isEqualTo(3);
    ReplicationTracker.Acknowledgement ack = written.acknowledgement().orElseThrow();
    assertThat(ack.position()).isEqualTo(written.position().orElseThrow());
    assertThat(ack.nodes()).containsExactlyInAnyOrderElementsOf(tracker.nodes());
    for (LiteFsNode node : cluster.nodes()) {
      assertThat(LiteFS.position(node.database("acked.db")).isAtLeast(ack.position()))
          .as(node.name())
          .isTrue();
    }
  }

  @Test
  void aHaltWriteOnAReplicaReturnsAcknowledgedByTwoNodesOrMore(LiteFsCluster cluster)
      throws Exception {
    LiteFsNode replica = cluster.replicas().get(0);
    LiteFsDatabase db = handle(replica, Required.nodes(2), WAIT);

    WriteResult<Integer> written = insert(db, "through halt");

    assertThat(written.route()).isEqualTo(WriteRoute.HALT);
    assertThat(written.acknowledgedBy()).isGreaterThanOrEqualTo(2);
    assertThat(Sql.column(cluster.primary().database("acked.db"), "SELECT body FROM notes"))
        .contains("through halt");
  }

  @Test
  void aWriteTooFewNodesCanAcknowledgeIsCommittedAndThrowsTheTypedTimeout(LiteFsCluster cluster)
      throws Exception {
    LiteFsNode primary = cluster.primary();
    LiteFsNode down = cluster.replicas().get(1);
    cluster.kill(down);
    await().atMost(WAIT).until(() -> tracker.connectedNodes().size() == 2);
    LiteFsDatabase db = handle(primary, Required.nodes(3), Duration.ofSeconds(2));

    assertThatThrownBy(() -> insert(db, "short of one"))
        .isInstanceOfSatisfying(
            PositionTimeoutException.class,
            e -> {
              assertThat(e.acknowledgedBy()).hasSize(2).doesNotContain(down.httpUri());
              assertThat(e.required()).hasValue(3);
              assertThat(e.getMessage()).contains("the write is committed");
            });
    assertThat(Sql.column(primary.database("acked.db"), "SELECT body FROM notes"))
        .contains("short of one");
  }

  @Test
  void aRequirementBeyondTheTrackersNodesIsRefusedAtBuild(LiteFsCluster cluster) {
    assertThatThrownBy(() -> handle(cluster.primary(), Required.nodes(4), WAIT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("the tracker follows 3 nodes");
  }
}
