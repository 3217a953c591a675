package io.github.litefs4j;

import static io.github.litefs4j.FailoverSupport.ELECTION;
import static io.github.litefs4j.FailoverSupport.WAIT;
import static io.github.litefs4j.FailoverSupport.awaitState;
import static io.github.litefs4j.FailoverSupport.client;
import static io.github.litefs4j.FailoverSupport.expectedState;
import static io.github.litefs4j.FailoverSupport.openFds;
import static io.github.litefs4j.FailoverSupport.survivors;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.litefs4j.PrimaryState.Role;
import io.github.litefs4j.testing.LiteFsCluster;
import io.github.litefs4j.testing.LiteFsClusterTest;
import io.github.litefs4j.testing.LiteFsNode;
import io.github.litefs4j.testsupport.Sql;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * PrimaryMonitor and push subscriptions on every node of a 3-node Consul-leased cluster while the
 * lease moves: by SIGKILL of the primary, and gracefully by {@code /promote} and {@code /handoff}
 * through {@link LiteFsClient} (their success path). The extension restarts the killed node and
 * hands the lease back to node-0 before each test.
 */
@LiteFsClusterTest(consul = true, replicas = 2)
class FailoverEventsIT {

  @AfterEach
  void noThreadOfOursIsLeft() {
    await().atMost(WAIT).until(OurThreads::alive, List::isEmpty);
  }

  @Test
  void afterSigkillOfThePrimaryEverySurvivorReportsTheNewPrimaryOnceInOrderWithoutLeaks(
      LiteFsCluster cluster) throws Exception {
    LiteFsNode old = cluster.awaitPrimary(ELECTION);
    String db = FailoverSupport.newReplicatedDatabase(cluster, "events-kill");
    Position before = LiteFS.position(old.database(db));
    List<NodeObserver> observers = NodeObserver.open(cluster.nodes(), old);
    try {
      List<String> threadsBefore = OurThreads.alive();
      long fdsBefore = openFds();

      cluster.kill(old);
      LiteFsNode now = cluster.awaitPrimary(ELECTION);

      List<LiteFsNode> survivors = survivors(cluster, old);
      for (LiteFsNode node : survivors) {
        NodeObserver o = NodeObserver.of(observers, node);
        awaitState(o.monitor, expectedState(node, now));
        o.assertChangesFromTo(PrimaryState.replica(old.name()), expectedState(node, now));
        // The survivor's own stream never broke: one connection, no gap, no disconnect.
        assertThat(o.calls())
            .filteredOn(c -> c instanceof Recorder.Connected || c instanceof Recorder.Disconnected)
            .containsExactly(new Recorder.Connected(false));
        assertThat(o.watcher.isConnected()).isTrue();
        await()
            .atMost(WAIT)
            .until(() -> lastStatus(o), s -> PrimaryState.of(s).equals(expectedState(node, now)));
      }
      NodeObserver dead = NodeObserver.of(observers, old);
      await().atMost(WAIT).until(() -> dead.monitor.state().role() == Role.UNKNOWN);
      assertThat(dead.monitor.state().lastError()).isPresent();
      assertThat(dead.watcher.isConnected()).isFalse();

      // The new primary's commits reach every survivor's subscription once each, in order.
      List<Position> written = commit(now, db, 3);
      assertThat(written.get(0).txid()).isEqualTo(before.txid() + 1);
      for (LiteFsNode node : survivors) {
        NodeObserver o = NodeObserver.of(observers, node);
        await().atMost(WAIT).until(() -> o.txPositions(db), p -> p.containsAll(written));
        assertThat(o.txPositions(db)).as("%s: tx events of %s", node.name(), db).isEqualTo(written);
      }

      // The dead node's monitor and subscription keep retrying on their own threads: no thread
      // and no descriptor was added by the failover.
      assertThat(OurThreads.alive()).isEqualTo(threadsBefore);
      assertThat(openFds()).isLessThanOrEqualTo(fdsBefore);
    } finally {
      observers.forEach(NodeObserver::close);
    }
  }

  @Test
  void promoteThroughLiteFsClientMovesTheLeaseAndEveryMonitorReportsItOnceInOrder(
      LiteFsCluster cluster) throws Exception {
    LiteFsNode old = cluster.awaitPrimary(ELECTION);
    LiteFsNode target = cluster.nodes().get(1);
    String db = FailoverSupport.newReplicatedDatabase(cluster, "events-promote");
    List<NodeObserver> observers = NodeObserver.open(cluster.nodes(), old);
    try {
      List<String> threadsBefore = OurThreads.alive();

      client(target).promote(); // the success path: returns once the lease moved

      assertThat(cluster.awaitPrimary(ELECTION)).isSameAs(target);
      assertThat(client(target).info().isPrimary()).isTrue();
      assertEveryNodeFollowed(observers, old, target, db, threadsBefore);
    } finally {
      observers.forEach(NodeObserver::close);
    }
  }

  @Test
  void handoffThroughLiteFsClientMovesTheLeaseToTheNamedNodeAndEveryMonitorReportsItOnceInOrder(
      LiteFsCluster cluster) throws Exception {
    LiteFsNode old = cluster.awaitPrimary(ELECTION);
    LiteFsNode target = cluster.nodes().get(2);
    String db = FailoverSupport.newReplicatedDatabase(cluster, "events-handoff");
    List<NodeObserver> observers = NodeObserver.open(cluster.nodes(), old);
    try {
      List<String> threadsBefore = OurThreads.alive();
      String targetId = client(target).info().nodeId().orElseThrow();

      client(old).handoff(targetId); // the success path

      assertThat(cluster.awaitPrimary(ELECTION)).isSameAs(target);
      assertThat(client(old).info().isPrimary()).isFalse();
      assertEveryNodeFollowed(observers, old, target, db, threadsBefore);
    } finally {
      observers.forEach(NodeObserver::close);
    }
  }

  /**
   * After a graceful move of the lease from {@code old} to {@code now}: every node's monitor went
   * from its old state to its new one once, in order; no stream broke; the new primary's commits
   * reach every subscription once each; no thread was added.
   */
  private static void assertEveryNodeFollowed(
      List<NodeObserver> observers,
      LiteFsNode old,
      LiteFsNode now,
      String db,
      List<String> threadsBefore)
      throws Exception {
    for (NodeObserver o : observers) {
      awaitState(o.monitor, expectedState(o.node, now));
      o.assertChangesFromTo(expectedState(o.node, old), expectedState(o.node, now));
      assertThat(o.calls())
          .filteredOn(c -> c instanceof Recorder.Connected || c instanceof Recorder.Disconnected)
          .as("%s: the stream never broke", o.node.name())
          .containsExactly(new Recorder.Connected(false));
    }
    List<Position> written = commit(now, db, 3);
    for (NodeObserver o : observers) {
      await().atMost(WAIT).until(() -> o.txPositions(db), p -> p.containsAll(written));
      assertThat(o.txPositions(db).subList(o.txPositions(db).size() - 3, o.txPositions(db).size()))
          .as("%s: the last tx events of %s", o.node.name(), db)
          .isEqualTo(written);
      assertThat(o.txPositions(db))
          .as("%s: no tx event twice", o.node.name())
          .doesNotHaveDuplicates();
    }
    assertThat(OurThreads.alive()).isEqualTo(threadsBefore);
  }

  private static Event.PrimaryStatus lastStatus(NodeObserver o) {
    List<Event.PrimaryStatus> all = o.statusEvents();
    return all.get(all.size() - 1);
  }

  /** {@code n} commits on {@code primary}, each an INSERT; their positions, in order. */
  private static List<Position> commit(LiteFsNode primary, String db, int n) throws Exception {
    List<Position> positions = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Sql.exec(primary.database(db), "INSERT INTO t VALUES ('after-" + i + "')");
      positions.add(LiteFS.position(primary.database(db)));
    }
    return positions;
  }
}
