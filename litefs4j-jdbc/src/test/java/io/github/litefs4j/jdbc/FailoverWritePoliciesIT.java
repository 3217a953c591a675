package io.github.litefs4j.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.litefs4j.HaltException;
import io.github.litefs4j.LiteFsClient;
import io.github.litefs4j.Position;
import io.github.litefs4j.testing.LiteFsCluster;
import io.github.litefs4j.testing.LiteFsClusterTest;
import io.github.litefs4j.testing.LiteFsNode;
import io.github.litefs4j.testsupport.Sql;
import java.net.http.HttpClient;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * {@link LiteFsDatabase}'s write policies across a real failover on a 3-node Consul-leased cluster:
 * handles built before the lease moves (by SIGKILL of the primary, and by a graceful promote) route
 * every write to the new primary afterwards, and a write in the gap without a primary fails typed
 * and writes nothing.
 */
@LiteFsClusterTest(consul = true, replicas = 2)
class FailoverWritePoliciesIT {
  private static final Duration ELECTION = Duration.ofSeconds(60);
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final AtomicInteger NAMES = new AtomicInteger();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** The two handles of one node: forwarding through HALT, and refusing. */
  private record Handles(LiteFsNode node, LiteFsDatabase forward, LiteFsDatabase refuse) {}

  @Test
  void afterSigkillOfThePrimaryBothPoliciesRouteWritesToTheNewPrimaryAndTheGapFailsTyped(
      LiteFsCluster cluster) throws Exception {
    LiteFsNode old = cluster.awaitPrimary(ELECTION);
    String db = newDatabase(cluster);
    Map<LiteFsNode, Handles> handles = handles(cluster, db);
    LiteFsNode node1 = cluster.nodes().get(1);
    LiteFsNode node2 = cluster.nodes().get(2);
    assertThat(insert(handles.get(node1).forward(), "before").route()).isEqualTo(WriteRoute.HALT);

    cluster.kill(old);

    // The gap: the survivors know no primary. Neither policy can write, and each says so.
    for (LiteFsNode node : List.of(node1, node2)) {
      await().atMost(WAIT).until(() -> client(node).info().isDisconnectedReplica());
    }
    assertThatThrownBy(() -> insert(handles.get(node1).refuse(), "gap-refused"))
        .isInstanceOfSatisfying(
            ReadOnlyReplicaException.class, e -> assertThat(e.primaryHostname()).isEmpty());
    assertThatThrownBy(() -> insert(handles.get(node2).forward(), "gap-forwarded"))
        .isInstanceOfSatisfying(
            HaltException.class,
            e -> assertThat(e.reason()).isEqualTo(HaltException.Reason.ACQUIRE_FAILED));

    LiteFsNode now = cluster.awaitPrimary(ELECTION);
    assertRoutedTo(handles, now, List.of(node1, node2), db);
    assertThat(Sql.column(now.database(db), "SELECT v FROM t"))
        .doesNotContain("gap-refused", "gap-forwarded");
  }

  @Test
  void afterAGracefulPromoteBothPoliciesRouteWritesToTheNewPrimary(LiteFsCluster cluster)
      throws Exception {
    LiteFsNode old = cluster.awaitPrimary(ELECTION);
    LiteFsNode target = cluster.nodes().get(1);
    String db = newDatabase(cluster);
    Map<LiteFsNode, Handles> handles = handles(cluster, db);
    assertThat(insert(handles.get(target).forward(), "before").route()).isEqualTo(WriteRoute.HALT);
    assertThat(insert(handles.get(old).forward(), "before").route()).isEqualTo(WriteRoute.PRIMARY);

    client(target).promote();
    assertThat(cluster.awaitPrimary(ELECTION)).isSameAs(target);

    assertRoutedTo(handles, target, cluster.nodes(), db);
  }

  /**
   * Every writer in {@code writers} writes through both of its handles: on {@code primary} both go
   * direct; on the others forwarding goes through HALT to {@code primary} and refusing names it.
   * Each forwarded write is on the primary, and readable on the writer at its position.
   */
  private static void assertRoutedTo(
      Map<LiteFsNode, Handles> handles, LiteFsNode primary, List<LiteFsNode> writers, String db)
      throws Exception {
    List<String> expected = new ArrayList<>();
    for (LiteFsNode node : writers) {
      Handles h = handles.get(node);
      String value = "forwarded-by-" + node.name();
      WriteResult<Integer> result = insert(h.forward(), value);
      expected.add(value);
      if (node == primary) {
        assertThat(result.route()).as(node.name()).isEqualTo(WriteRoute.PRIMARY);
        String direct = "refuse-policy-on-" + node.name();
        assertThat(insert(h.refuse(), direct).route()).isEqualTo(WriteRoute.PRIMARY);
        expected.add(direct);
      } else {
        assertThat(result.route()).as(node.name()).isEqualTo(WriteRoute.HALT);
        // The primary's name reaches a replica's mount shortly after the lease moved.
        await()
            .atMost(WAIT)
            .untilAsserted(
                () ->
                    assertThatThrownBy(() -> insert(h.refuse(), "refused"))
                        .isInstanceOfSatisfying(
                            ReadOnlyReplicaException.class,
                            e -> assertThat(e.primaryHostname()).contains(primary.name())));
      }
      Position at = result.position().orElseThrow();
      List<String> readBack = h.refuse().readAfter(at, WAIT, c -> Sql.column(c, "SELECT v FROM t"));
      assertThat(readBack).as("%s reads its own write", node.name()).contains(value);
    }
    List<String> onPrimary = Sql.column(primary.database(db), "SELECT v FROM t");
    assertThat(onPrimary).containsAll(expected).doesNotContain("refused");
    for (String value : expected) {
      assertThat(onPrimary).as("written once: %s", value).containsOnlyOnce(value);
    }
  }

  private static String newDatabase(LiteFsCluster cluster) throws SQLException {
    String name = "policies-" + NAMES.incrementAndGet() + "-" + System.nanoTime() + ".db";
    LiteFsNode primary = cluster.primary();
    Sql.exec(primary.database(name), "CREATE TABLE t (v TEXT)");
    cluster.awaitReplicated(name, WAIT);
    return name;
  }

  private static Map<LiteFsNode, Handles> handles(LiteFsCluster cluster, String db) {
    Map<LiteFsNode, Handles> out = new HashMap<>();
    for (LiteFsNode node : cluster.nodes()) {
      LiteFsDatabase forward =
          LiteFsDatabase.builder(
                  node.database(db), WritePolicy.forwardThroughHalt(Duration.ofSeconds(15)))
              .client(client(node))
              .build();
      LiteFsDatabase refuse =
          LiteFsDatabase.builder(node.database(db), WritePolicy.refuse())
              .client(client(node))
              .build();
      out.put(node, new Handles(node, forward, refuse));
    }
    return out;
  }

  private static WriteResult<Integer> insert(LiteFsDatabase db, String value) throws SQLException {
    return db.write(
        c -> {
          try (var ps = c.prepareStatement("INSERT INTO t VALUES (?)")) {
            ps.setString(1, value);
            return ps.executeUpdate();
          }
        });
  }

  private static LiteFsClient client(LiteFsNode node) {
    return LiteFsClient.builder().baseUri(node.httpUri()).httpClient(HTTP).build();
  }
}
