package io.github.litefs4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.litefs4j.testing.LiteFsCluster;
import io.github.litefs4j.testing.LiteFsClusterTest;
import io.github.litefs4j.testing.LiteFsNode;
import io.github.litefs4j.testsupport.EventLines;
import io.github.litefs4j.testsupport.Sql;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The event stream of a real LiteFS cluster (a primary and one replica). */
@LiteFsClusterTest(replicas = 1)
class EventsIT {
  static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  static final Duration WAIT = Duration.ofSeconds(15);
  private static final AtomicInteger DATABASES = new AtomicInteger();

  static LiteFsClient client(LiteFsNode node) {
    return LiteFsClient.builder().baseUri(node.httpUri()).httpClient(HTTP).build();
  }

  @AfterEach
  void noThreadOfOursIsLeft() {
    assertThat(OurThreads.alive()).isEmpty();
  }

  @Test
  void initIsTheFirstEventOnBothNodesAndOnlyTheReplicaNamesThePrimary(LiteFsCluster cluster)
      throws Exception {
    try (EventSubscription primary = client(cluster.primary()).subscribeEvents();
        EventSubscription replica = client(cluster.replica(0)).subscribeEvents();
        RawEventLines raw = new RawEventLines(HTTP, cluster.primary().httpUri())) {
      assertThat(primary.next(WAIT)).isEqualTo(new InitEvent(true, Optional.empty()));
      assertThat(replica.next(WAIT)).isEqualTo(new InitEvent(false, Optional.of("node-0")));
      // What LiteFS v0.5.14 sends the primary, byte for byte: no hostname at all.
      assertThat(raw.next(line -> true, WAIT)).isEqualTo(EventLines.init(true, null).strip());
    }
  }

  @Test
  void aWriteOnThePrimaryYieldsTxEventsOnBothStreamsWithThePositionOfThePosFile(
      LiteFsCluster cluster) throws Exception {
    String db = "events-" + DATABASES.incrementAndGet() + ".db";
    LiteFsNode primaryNode = cluster.primary();
    LiteFsNode replicaNode = cluster.replica(0);
    try (EventSubscription primary = client(primaryNode).subscribeEvents();
        EventSubscription replica = client(replicaNode).subscribeEvents()) {
      assertThat(primary.next(WAIT)).isInstanceOf(InitEvent.class);
      assertThat(replica.next(WAIT)).isInstanceOf(InitEvent.class);
      Instant before = Instant.now().minusSeconds(5);

      Sql.exec(primaryNode.database(db), "CREATE TABLE t (x INTEGER)", "INSERT INTO t VALUES (1)");
      Position written = readPos(primaryNode.mountDir().resolve(db + "-pos"));

      List<TxEvent> onPrimary = txUntil(primary, db, written);
      assertThat(onPrimary).hasSizeGreaterThanOrEqualTo(2); // CREATE TABLE, INSERT
      for (int i = 1; i < onPrimary.size(); i++) {
        assertThat(onPrimary.get(i).position().txid())
            .isEqualTo(onPrimary.get(i - 1).position().txid() + 1);
      }
      TxEvent last = onPrimary.get(onPrimary.size() - 1);
      assertThat(last.pageSize()).isEqualTo(4096);
      assertThat(last.commit()).isGreaterThanOrEqualTo(2);
      assertThat(last.timestamp()).isBetween(before, Instant.now().plusSeconds(5));

      List<TxEvent> onReplica = txUntil(replica, db, written);
      assertThat(onReplica.get(onReplica.size() - 1)).isEqualTo(last);
      assertThat(readPos(replicaNode.mountDir().resolve(db + "-pos"))).isEqualTo(written);
    }
  }

  @Test
  void thePushSubscriptionReportsAGapWhenItsNodeRestarts(LiteFsCluster cluster) throws Exception {
    LiteFsNode replicaNode = cluster.replica(0);
    Recorder recorder = new Recorder();
    ReconnectPolicy fast =
        ReconnectPolicy.builder()
            .initialDelay(Duration.ofMillis(50))
            .maxDelay(Duration.ofMillis(500))
            .build();
    try (EventWatcher watcher = client(replicaNode).subscribe(recorder, fast)) {
      assertThat(recorder.take()).isEqualTo(new Recorder.Connected(false));
      assertThat(recorder.take()).isEqualTo(new InitEvent(false, Optional.of("node-0")));
      assertThat(watcher.isConnected()).isTrue();

      replicaNode.kill();

      Recorder.Disconnected lost = recorder.takeDisconnected();
      assertThat(lost.cause())
          .isInstanceOfAny(LiteFsProtocolException.class, LiteFsConnectionException.class);
      assertThat(watcher.isConnected()).isFalse();
      replicaNode.start();
      Object call;
      do {
        call = recorder.take();
        if (call instanceof Recorder.Disconnected d) {
          assertThat(d.cause()).isInstanceOf(LiteFsConnectionException.class); // refused while down
        }
      } while (!(call instanceof Recorder.Connected));
      assertThat(call).isEqualTo(new Recorder.Connected(true));
      assertThat(recorder.take()).isInstanceOf(InitEvent.class);
    }
  }

  /** Tx events of {@code db} up to and including the one at {@code target}. */
  static List<TxEvent> txUntil(EventSubscription events, String db, Position target) {
    List<TxEvent> seen = new ArrayList<>();
    while (seen.isEmpty() || !seen.get(seen.size() - 1).position().equals(target)) {
      Event event = events.next(WAIT);
      if (event instanceof TxEvent tx && tx.database().equals(db)) {
        seen.add(tx);
      }
    }
    return seen;
  }

  static Position readPos(Path posFile) {
    AtomicInteger attempts = new AtomicInteger();
    return await()
        .atMost(WAIT)
        .ignoreExceptions()
        .until(
            () -> {
              attempts.incrementAndGet();
              return Position.parse(Files.readString(posFile));
            },
            pos -> pos != null);
  }
}
