package io.github.litefs4j;

import static io.github.litefs4j.EventSubscriptionTest.stream;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.litefs4j.ReplicationTracker.Acknowledgement;
import io.github.litefs4j.ReplicationTracker.Mark;
import io.github.litefs4j.ReplicationTracker.Required;
import io.github.litefs4j.testsupport.EventLines;
import io.github.litefs4j.testsupport.FakeHttpServer;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link ReplicationTracker} against scripted event servers, one per node: which reports count
 * (exact position, a later TXID on a gapless stream), which never do (after a reconnect, after a
 * primary change, a repeated TXID with another checksum), "all running", timeouts, close.
 */
class ReplicationTrackerTest {
  private static final ReconnectPolicy FAST =
      ReconnectPolicy.builder()
          .initialDelay(Duration.ofMillis(20))
          .maxDelay(Duration.ofMillis(80))
          .build();
  private static final Position P5 = new Position(5, 0xabcL);
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final Duration SHORT = Duration.ofMillis(300);

  private final List<FakeHttpServer> servers = new ArrayList<>();
  private final CountDownLatch afterMark = new CountDownLatch(1);
  private ReplicationTracker tracker;

  @AfterEach
  void tearDown() throws IOException {
    afterMark.countDown();
    if (tracker != null) {
      tracker.close();
    }
    for (FakeHttpServer server : servers) {
      server.close();
    }
    assertThat(OurThreads.alive()).as("litefs4j threads after close").isEmpty();
  }

  static String tx(String db, long txid, long checksum) {
    return EventLines.tx(db, txid, checksum, 4096, 2, "2026-11-24T04:00:00.343Z");
  }

  /** A stream that sends {@code before}, waits for the mark, then sends {@code after}. */
  private FakeHttpServer.Script streamAroundMark(List<String> before, List<String> after) {
    return exchange -> {
      exchange.startStream();
      for (String line : before) {
        exchange.send(line);
      }
      exchange.await(afterMark);
      for (String line : after) {
        exchange.send(line);
      }
      exchange.awaitClientClose();
    };
  }

  private FakeHttpServer node(FakeHttpServer.Script... scripts) throws IOException {
    FakeHttpServer server =
        FakeHttpServer.start(exchange -> exchange.respond(503, "down")).then(scripts);
    servers.add(server);
    return server;
  }

  private ReplicationTracker track(int connected) {
    ReplicationTracker.Builder builder = ReplicationTracker.builder().reconnectPolicy(FAST);
    for (FakeHttpServer server : servers) {
      builder.node(EventSubscriptionTest.client(server.uri(), Duration.ofSeconds(5)));
    }
    tracker = builder.build();
    await().atMost(WAIT).until(() -> tracker.connectedNodes().size() == connected);
    return tracker;
  }

  private URI uri(int node) {
    return servers.get(node).uri();
  }

  @Test
  void nodesThatReportTheExactPositionAcknowledge() throws Exception {
    String t = tx("t.db", 5, 0xabc);
    node(streamAroundMark(List.of(Samples.INIT_PRIMARY), List.of(t)));
    node(streamAroundMark(List.of(Samples.INIT_REPLICA), List.of(t)));
    node(streamAroundMark(List.of(Samples.INIT_REPLICA), List.of()));
    track(3);
    Mark mark = tracker.mark();
    afterMark.countDown();

    Acknowledgement ack = tracker.await(mark, "t.db", P5, Required.nodes(2), WAIT);

    assertThat(ack.nodes()).containsExactly(uri(0), uri(1));
    assertThat(ack.count()).isEqualTo(2);
    assertThat(ack.position()).isEqualTo(P5);
    assertThat(ack.required()).isEqualTo(Required.nodes(2));
  }

  @Test
  void anExactPositionReportedBeforeTheWaitCounts() throws Exception {
    node(stream(Samples.INIT_PRIMARY, tx("t.db", 5, 0xabc)));
    track(1);
    Mark mark = tracker.mark(); // taken after the event, as a slow writer might

    assertThat(tracker.await(mark, "t.db", P5, Required.nodes(1), WAIT).nodes())
        .containsExactly(uri(0));
  }

  @Test
  void aLaterTxidOnAGaplessStreamCounts() throws Exception {
    node(streamAroundMark(List.of(Samples.INIT_PRIMARY), List.of(tx("t.db", 5, 0xabc))));
    node(streamAroundMark(List.of(Samples.INIT_REPLICA), List.of(tx("t.db", 7, 0x777))));
    track(2);
    Mark mark = tracker.mark();
    afterMark.countDown();

    assertThat(tracker.await(mark, "t.db", P5, Required.nodes(2), WAIT).nodes())
        .containsExactly(uri(0), uri(1));
  }

  @Test
  void aLaterTxidOfAnotherDatabaseDoesNotCount() throws Exception {
    node(streamAroundMark(List.of(Samples.INIT_REPLICA), List.of(tx("other.db", 9, 1))));
    track(1);
    Mark mark = tracker.mark();
    afterMark.countDown();

    assertThatThrownBy(() -> tracker.await(mark, "t.db", P5, Required.nodes(1), SHORT))
        .isInstanceOfSatisfying(
            PositionTimeoutException.class, e -> assertThat(e.acknowledgedBy()).isEmpty());
  }

  @Test
  void aLaterTxidAfterAReconnectDoesNotCount() throws Exception {
    CountDownLatch reconnected = new CountDownLatch(1);
    node(stream(Samples.INIT_PRIMARY, tx("t.db", 5, 0xabc)));
    node(
        exchange -> {
          exchange.startStream().send(Samples.INIT_REPLICA);
          exchange.await(afterMark);
          exchange.end(); // the stream breaks after the mark: the write may fall in the gap
        },
        exchange -> {
          exchange.startStream().send(Samples.INIT_REPLICA).send(tx("t.db", 6, 0x666));
          reconnected.countDown();
          exchange.awaitClientClose();
        });
    track(2);
    Mark mark = tracker.mark();
    afterMark.countDown();
    assertThat(reconnected.await(10, TimeUnit.SECONDS)).isTrue();

    assertThatThrownBy(() -> tracker.await(mark, "t.db", P5, Required.nodes(2), SHORT))
        .isInstanceOfSatisfying(
            PositionTimeoutException.class,
            e -> {
              assertThat(e.acknowledgedBy()).containsExactly(uri(0));
              assertThat(e.required()).hasValue(2);
              assertThat(e.target()).isEqualTo(P5);
              assertThat(e.timeout()).isEqualTo(SHORT);
              assertThat(e.getMessage())
                  .contains("t.db position " + P5)
                  .contains("applied by 1 of the 2 nodes required")
                  .contains(uri(0) + ": has it")
                  .contains(uri(1) + ": connected, last position 0000000000000006/");
            });
  }

  @Test
  void aRepeatedTxidWithAnotherChecksumNeverCounts() throws Exception {
    // After a failover the new primary reused TXID 5 for other content, then went on to 6.
    node(
        streamAroundMark(
            List.of(Samples.INIT_REPLICA), List.of(tx("t.db", 5, 0xdead), tx("t.db", 6, 0xbeef))));
    track(1);
    Mark mark = tracker.mark();
    afterMark.countDown();

    assertThatThrownBy(() -> tracker.await(mark, "t.db", P5, Required.nodes(1), SHORT))
        .isInstanceOfSatisfying(
            PositionTimeoutException.class,
            e -> {
              assertThat(e.acknowledgedBy()).isEmpty();
              assertThat(e.getMessage()).contains("last position 0000000000000006/");
            });
  }

  @Test
  void aPrimaryChangeIsAGap() throws Exception {
    node(
        streamAroundMark(
            List.of(Samples.INIT_REPLICA),
            List.of(Samples.CHANGE_DISCONNECTED, Samples.CHANGE_REPLICA, tx("t.db", 8, 0x8))));
    track(1);
    Mark mark = tracker.mark();
    afterMark.countDown();

    assertThatThrownBy(() -> tracker.await(mark, "t.db", P5, Required.nodes(1), SHORT))
        .isInstanceOf(PositionTimeoutException.class);
  }

  @Test
  void aTxidThatGoesBackwardsIsAGap() throws Exception {
    node(
        streamAroundMark(
            List.of(Samples.INIT_REPLICA, tx("t.db", 9, 0x9)),
            List.of(tx("t.db", 4, 0x4), tx("t.db", 6, 0x6))));
    track(1);
    Mark mark = tracker.mark();
    afterMark.countDown();

    assertThatThrownBy(() -> tracker.await(mark, "t.db", P5, Required.nodes(1), SHORT))
        .isInstanceOf(PositionTimeoutException.class);
  }

  @Test
  void aLaterTxidReportedBeforeTheMarkDoesNotCount() throws Exception {
    node(stream(Samples.INIT_REPLICA, tx("t.db", 9, 0x9)));
    track(1);
    tracker.await(tracker.mark(), "t.db", new Position(9, 0x9), Required.nodes(1), WAIT);
    // The node's TXID 9 can be from another history than the write at TXID 5 made later.
    Mark mark = tracker.mark();

    assertThatThrownBy(() -> tracker.await(mark, "t.db", P5, Required.nodes(1), SHORT))
        .isInstanceOf(PositionTimeoutException.class);
  }

  @Test
  void allRunningWaitsForEveryConnectedNodeAndNotForOneThatIsDown() throws Exception {
    String t = tx("t.db", 5, 0xabc);
    node(streamAroundMark(List.of(Samples.INIT_PRIMARY), List.of(t)));
    node(streamAroundMark(List.of(Samples.INIT_REPLICA), List.of(t)));
    node(); // down: every connection answers 503
    track(2);
    Mark mark = tracker.mark();
    afterMark.countDown();

    Acknowledgement ack = tracker.await(mark, "t.db", P5, Required.allRunning(), WAIT);
    assertThat(ack.nodes()).containsExactly(uri(0), uri(1));
    assertThatThrownBy(() -> tracker.await(mark, "t.db", P5, Required.allRunning(3), SHORT))
        .isInstanceOfSatisfying(
            PositionTimeoutException.class, e -> assertThat(e.required()).hasValue(3));
  }

  @Test
  void allRunningIsMetWhenTheLaggingNodesStreamBreaks() throws Exception {
    CountDownLatch breakIt = new CountDownLatch(1);
    node(streamAroundMark(List.of(Samples.INIT_PRIMARY), List.of(tx("t.db", 5, 0xabc))));
    node(
        exchange -> {
          exchange.startStream().send(Samples.INIT_REPLICA);
          exchange.await(breakIt);
          exchange.end();
        });
    track(2);
    Mark mark = tracker.mark();
    afterMark.countDown();
    CompletableFuture<Acknowledgement> ack =
        CompletableFuture.supplyAsync(
            () -> tracker.await(mark, "t.db", P5, Required.allRunning(), WAIT));
    await().atMost(WAIT).until(() -> servers.get(0).connections() == 1);
    assertThat(ack).isNotDone(); // node 1 runs and lacks the position

    breakIt.countDown(); // node 1 goes down: all running nodes have it now
    assertThat(ack.get(10, TimeUnit.SECONDS).nodes()).containsExactly(uri(0));
  }

  @Test
  void closeEndsAWaitInProgress() throws Exception {
    node(stream(Samples.INIT_PRIMARY));
    track(1);
    Mark mark = tracker.mark();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    CountDownLatch ended = new CountDownLatch(1);
    Thread waiter =
        new Thread(
            () -> {
              try {
                tracker.await(mark, "t.db", P5, Required.nodes(1), Duration.ofMinutes(5));
              } catch (Throwable t) {
                failure.set(t);
              } finally {
                ended.countDown();
              }
            });
    waiter.start();
    await().atMost(WAIT).until(() -> waiter.getState() == Thread.State.TIMED_WAITING);

    tracker.close();

    assertThat(ended.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(failure.get())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed while waiting for t.db " + P5);
    assertThat(tracker.isClosed()).isTrue();
    assertThatThrownBy(tracker::mark).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> tracker.await(mark, "t.db", P5, Required.nodes(1), WAIT))
        .isInstanceOf(IllegalStateException.class);
    tracker.close(); // idempotent
  }

  @Test
  void anInterruptedWaitThrowsAndKeepsTheFlag() throws Exception {
    node(stream(Samples.INIT_PRIMARY));
    track(1);
    Mark mark = tracker.mark();
    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(() -> tracker.await(mark, "t.db", P5, Required.nodes(1), WAIT))
          .isInstanceOf(LiteFsInterruptedException.class);
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void badArgumentsAreRefusedBeforeWaiting() throws Exception {
    node(stream(Samples.INIT_PRIMARY));
    track(1);
    Mark mark = tracker.mark();
    try (ReplicationTracker other =
        ReplicationTracker.builder()
            .node(EventSubscriptionTest.client(uri(0), Duration.ofSeconds(5)))
            .build()) {
      assertThatThrownBy(() -> other.await(mark, "t.db", P5, Required.nodes(1), WAIT))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("another replication tracker");
    }
    assertThatThrownBy(() -> tracker.await(mark, "t.db", P5, Required.nodes(2), WAIT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("only 1 nodes are configured");
    assertThatThrownBy(() -> tracker.await(mark, "t.db", P5, Required.nodes(1), Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Required.nodes(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ReplicationTracker.builder().build())
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> ReplicationTracker.builder().node(uri(0)).node(uri(0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("added twice");
  }
}
