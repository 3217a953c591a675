package io.github.litefs4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.litefs4j.ReplicationTracker.Acknowledgement;
import io.github.litefs4j.ReplicationTracker.Mark;
import io.github.litefs4j.ReplicationTracker.Required;
import io.github.litefs4j.testing.LiteFsCluster;
import io.github.litefs4j.testing.LiteFsClusterTest;
import io.github.litefs4j.testing.LiteFsNode;
import io.github.litefs4j.testsupport.Sql;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link ReplicationTracker} on a real 3-node Consul cluster: acknowledgements from every node,
 * "all running" without a killed node, a timeout that names the nodes that have the write, and a
 * write on the primary that took over after a SIGKILL.
 */
@LiteFsClusterTest(consul = true, replicas = 2)
class ReplicationTrackerIT {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final ReconnectPolicy FAST =
      ReconnectPolicy.builder()
          .initialDelay(Duration.ofMillis(50))
          .maxDelay(Duration.ofMillis(500))
          .build();

  private ReplicationTracker tracker;

  @BeforeEach
  void startTracker(LiteFsCluster cluster) throws Exception {
    ReplicationTracker.Builder builder = ReplicationTracker.builder().reconnectPolicy(FAST);
    for (LiteFsNode node : cluster.nodes()) {
      builder.node(node.httpUri());
    }
    tracker = builder.build();
    await().atMost(WAIT).until(() -> tracker.connectedNodes().size() == 3);
    Path db = cluster.primary().database("ack.db");
    Sql.exec(db, "CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY)");
  }

  @AfterEach
  void closeTracker() {
    tracker.close();
  }

  /** Inserts a row on {@code node} (the primary) and returns the commit's position. */
  private Position insert(LiteFsNode node) throws Exception {
    Path db = node.database("ack.db");
    Sql.exec(db, "INSERT INTO t DEFAULT VALUES");
    return LiteFS.position(db);
  }

  private static URI uri(LiteFsNode node) {
    return node.httpUri();
  }

  @Test
  void aWriteIsAcknowledgedByEveryRunningNode(LiteFsCluster cluster) throws Exception {
    LiteFsNode primary = cluster.primary();
    Mark mark = tracker.mark();
    Position position = insert(primary);

    Acknowledgement ack = tracker.await(mark, "ack.db", position, Required.allRunning(), WAIT);

    assertThat(ack.nodes()).containsExactlyInAnyOrderElementsOf(tracker.nodes());
    for (LiteFsNode replica : cluster.replicas()) {
      assertThat(LiteFS.position(replica.database("ack.db")).isAtLeast(position)).isTrue();
    }
  }

  @Test
  void allRunningDoesNotWaitForAKilledNodeAndNodesThreeTimesOutNamingWhoHasIt(LiteFsCluster cluster)
      throws Exception {
    LiteFsNode primary = cluster.primary();
    LiteFsNode down = cluster.replicas().get(1);
    cluster.kill(down);
    await().atMost(WAIT).until(() -> tracker.connectedNodes().size() == 2);

    Mark mark = tracker.mark();
    Position position = insert(primary);
    Acknowledgement ack = tracker.await(mark, "ack.db", position, Required.allRunning(), WAIT);
    assertThat(ack.nodes()).hasSize(2).doesNotContain(uri(down)).contains(uri(primary));

    Duration shortWait = Duration.ofSeconds(2);
    assertThatThrownBy(() -> tracker.await(mark, "ack.db", position, Required.nodes(3), shortWait))
        .isInstanceOfSatisfying(
            PositionTimeoutException.class,
            e -> {
              assertThat(e.acknowledgedBy()).containsExactlyInAnyOrderElementsOf(ack.nodes());
              assertThat(e.required()).hasValue(3);
              assertThat(e.getMessage()).contains(uri(down) + ": stream down");
            });
  }

  @Test
  void afterAFailoverTheNewPrimarysWritesAreAcknowledgedByTheSurvivors(LiteFsCluster cluster)
      throws Exception {
    LiteFsNode old = cluster.primary();
    Position before = insert(old);
    tracker.await(tracker.mark(), "ack.db", before, Required.allRunning(), WAIT);

    cluster.kill(old);
    LiteFsNode now = cluster.awaitPrimary(Duration.ofSeconds(40));
    await().atMost(WAIT).until(() -> !tracker.connectedNodes().contains(uri(old)));
    Mark mark = tracker.mark();
    Position position = insert(now);
    Acknowledgement ack = tracker.await(mark, "ack.db", position, Required.allRunning(2), WAIT);

    List<URI> survivors = cluster.replicas().stream().map(LiteFsNode::httpUri).toList();
    assertThat(ack.nodes()).contains(uri(now)).containsAll(survivors).doesNotContain(uri(old));
    assertThat(position.isAtLeast(before)).isTrue();
  }
}
