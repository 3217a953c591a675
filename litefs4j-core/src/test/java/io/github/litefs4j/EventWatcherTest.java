package io.github.litefs4j;

import static io.github.litefs4j.EventSubscriptionTest.stream;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.litefs4j.testsupport.FakeHttpServer;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The push subscription ({@link LiteFsClient#subscribe}) against a scripted fault server. */
class EventWatcherTest {
  private static final ReconnectPolicy FAST =
      ReconnectPolicy.builder()
          .initialDelay(Duration.ofMillis(20))
          .maxDelay(Duration.ofMillis(80))
          .build();
  private static final InitEvent PRIMARY_INIT = new InitEvent(true, Optional.empty());
  private static final InitEvent REPLICA_INIT = new InitEvent(false, Optional.of("node-a"));

  private FakeHttpServer server;
  private EventWatcher watcher;
  private final Recorder recorder = new Recorder();

  @AfterEach
  void tearDown() throws IOException {
    if (watcher != null) {
      watcher.close();
    }
    if (server != null) {
      server.close();
    }
    assertThat(OurThreads.alive()).as("litefs4j threads after close").isEmpty();
  }

  private LiteFsClient client() {
    return EventSubscriptionTest.client(server.uri(), Duration.ofSeconds(5));
  }

  @Test
  void deliversEventsAndReconnectsAfterEachFaultReportingAGap() throws Exception {
    server =
        FakeHttpServer.start()
            .then(
                exchange -> {
                  exchange.startStream().send(Samples.INIT_PRIMARY).send(Samples.TX);
                  exchange.end();
                },
                exchange -> exchange.respond(500, "boom"),
                exchange -> exchange.startStream().raw("40\r\n{\"type\""),
                stream("garbage\n"),
                stream(Samples.INIT_REPLICA));
    watcher = client().subscribe(recorder, FAST);

    assertThat(recorder.take()).isEqualTo(new Recorder.Connected(false));
    assertThat(recorder.take()).isEqualTo(PRIMARY_INIT);
    assertThat(recorder.take()).isInstanceOf(TxEvent.class);
    assertThat(recorder.takeDisconnected().cause())
        .isExactlyInstanceOf(LiteFsProtocolException.class)
        .hasFieldOrPropertyWithValue("reason", LiteFsProtocolException.Reason.EVENT_STREAM);
    assertThat(recorder.takeDisconnected().cause())
        .isInstanceOfSatisfying(
            LiteFsHttpException.class, e -> assertThat(e.status()).isEqualTo(500));
    assertThat(recorder.take()).isEqualTo(new Recorder.Connected(true));
    assertThat(recorder.takeDisconnected().cause()).isInstanceOf(LiteFsConnectionException.class);
    assertThat(recorder.take()).isEqualTo(new Recorder.Connected(true));
    assertThat(recorder.takeDisconnected().cause())
        .isExactlyInstanceOf(LiteFsProtocolException.class)
        .hasFieldOrPropertyWithValue("reason", LiteFsProtocolException.Reason.EVENT_STREAM)
        .hasMessageContaining("\"garbage\"");
    assertThat(recorder.take()).isEqualTo(new Recorder.Connected(true));
    assertThat(recorder.take()).isEqualTo(REPLICA_INIT);
    assertThat(watcher.isConnected()).isTrue();
    assertThat(server.connections()).isEqualTo(5);
    recorder.assertExhausted();
  }

  @Test
  void everyReconnectGoesThroughTheBackoffEvenAnImmediateEndAfter200() throws Exception {
    // A server that answers 200 and ends the stream at once, forever: the worst case for a spin.
    server =
        FakeHttpServer.start(
            exchange -> {
              exchange.startStream();
              exchange.end();
            });
    ReconnectPolicy policy =
        ReconnectPolicy.builder()
            .initialDelay(Duration.ofMillis(40))
            .maxDelay(Duration.ofMillis(320))
            .build();
    watcher = client().subscribe(recorder, policy);

    List<Duration> delays = new ArrayList<>();
    while (delays.size() < 7) {
      Object call = recorder.take();
      if (call instanceof Recorder.Disconnected d) {
        assertThat(d.cause())
            .isExactlyInstanceOf(LiteFsProtocolException.class)
            .hasFieldOrPropertyWithValue("reason", LiteFsProtocolException.Reason.EVENT_STREAM);
        delays.add(d.retryIn());
      } else {
        assertThat(call).isInstanceOf(Recorder.Connected.class);
      }
    }
    long[] ceilings = {40, 80, 160, 320, 320, 320, 320};
    for (int i = 0; i < ceilings.length; i++) {
      assertThat(delays.get(i))
          .as("delay %d", i)
          .isBetween(Duration.ofMillis(ceilings[i] / 2), Duration.ofMillis(ceilings[i]));
    }
    watcher.close();
    // One connection per failure reported, plus at most the one in flight when closed.
    assertThat(server.connections()).isBetween(7, 8);
  }

  @Test
  void idleTimeoutReconnectsASilentStreamAndReportsAGap() throws Exception {
    CountDownLatch firstClosedByClient = new CountDownLatch(1);
    server =
        FakeHttpServer.start()
            .then(
                exchange -> {
                  exchange.startStream().send(Samples.INIT_PRIMARY);
                  exchange.awaitClientClose();
                  firstClosedByClient.countDown();
                },
                stream(Samples.INIT_REPLICA));
    ReconnectPolicy policy =
        ReconnectPolicy.builder()
            .initialDelay(Duration.ofMillis(20))
            .idleTimeout(Duration.ofMillis(300))
            .build();
    watcher = client().subscribe(recorder, policy);

    assertThat(recorder.take()).isEqualTo(new Recorder.Connected(false));
    assertThat(recorder.take()).isEqualTo(PRIMARY_INIT);
    assertThat(recorder.takeDisconnected().cause())
        .isInstanceOfSatisfying(
            LiteFsTimeoutException.class,
            e -> assertThat(e.timeout()).isEqualTo(Duration.ofMillis(300)));
    assertThat(firstClosedByClient.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(recorder.take()).isEqualTo(new Recorder.Connected(true));
    assertThat(recorder.take()).isEqualTo(REPLICA_INIT);
  }

  @Test
  void withoutIdleTimeoutASilentStreamStaysOpen() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    server =
        FakeHttpServer.start()
            .then(
                exchange -> {
                  exchange.startStream().send(Samples.INIT_PRIMARY);
                  exchange.await(release);
                  exchange.send(Samples.TX);
                  exchange.awaitClientClose();
                });
    watcher = client().subscribe(recorder, FAST);

    assertThat(recorder.take()).isEqualTo(new Recorder.Connected(false));
    assertThat(recorder.take()).isEqualTo(PRIMARY_INIT);
    assertThat(recorder.poll(Duration.ofMillis(1500))).as("nothing while silent").isNull();
    release.countDown();
    assertThat(recorder.take()).isInstanceOf(TxEvent.class);
    assertThat(server.connections()).isEqualTo(1);
  }

  @Test
  void aListenerThatThrowsDoesNotStopTheStream() throws Exception {
    server = FakeHttpServer.start().then(stream(Samples.INIT_PRIMARY, Samples.TX));
    watcher =
        client()
            .subscribe(
                event -> {
                  recorder.onEvent(event);
                  if (event instanceof InitEvent) {
                    throw new IllegalStateException("listener bug");
                  }
                },
                FAST);

    assertThat(recorder.take()).isEqualTo(PRIMARY_INIT);
    assertThat(recorder.take()).isInstanceOf(TxEvent.class);
    assertThat(server.connections()).isEqualTo(1);
  }

  @Test
  void closeEndsTheThreadAbortsTheStreamAndSilencesTheListener() throws Exception {
    CountDownLatch closedByClient = new CountDownLatch(1);
    server =
        FakeHttpServer.start()
            .then(
                exchange -> {
                  exchange.startStream().send(Samples.INIT_PRIMARY);
                  exchange.awaitClientClose();
                  closedByClient.countDown();
                });
    watcher = client().subscribe(recorder, FAST);
    assertThat(recorder.take()).isEqualTo(new Recorder.Connected(false));
    assertThat(recorder.take()).isEqualTo(PRIMARY_INIT);
    assertThat(OurThreads.alive()).singleElement().asString().startsWith("litefs4j-events-");

    watcher.close();

    assertThat(OurThreads.alive()).isEmpty();
    assertThat(watcher.isClosed()).isTrue();
    assertThat(watcher.isConnected()).isFalse();
    assertThat(closedByClient.await(5, TimeUnit.SECONDS)).isTrue();
    recorder.assertExhausted();
    watcher.close(); // idempotent
  }

  @Test
  void closeDuringALongBackoffReturnsAtOnce() throws Exception {
    server = FakeHttpServer.start(); // 503 to everything
    ReconnectPolicy slow =
        ReconnectPolicy.builder()
            .initialDelay(Duration.ofSeconds(60))
            .maxDelay(Duration.ofSeconds(60))
            .build();
    watcher = client().subscribe(recorder, slow);
    Recorder.Disconnected first = recorder.takeDisconnected();
    assertThat(first.retryIn()).isGreaterThanOrEqualTo(Duration.ofSeconds(30));

    long start = System.nanoTime();
    watcher.close();

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    assertThat(OurThreads.alive()).isEmpty();
    assertThat(server.connections()).isEqualTo(1);
  }

  @Test
  void closeFromInsideTheListenerEndsTheThread() throws Exception {
    server = FakeHttpServer.start().then(stream(Samples.INIT_PRIMARY, Samples.TX));
    AtomicReference<EventWatcher> self = new AtomicReference<>();
    CountDownLatch closed = new CountDownLatch(1);
    EventWatcher w =
        client()
            .subscribe(
                event -> {
                  recorder.onEvent(event);
                  self.get().close();
                  closed.countDown();
                },
                FAST);
    self.set(w);
    watcher = w;

    assertThat(closed.await(10, TimeUnit.SECONDS)).isTrue();
    await().atMost(Duration.ofSeconds(5)).until(() -> OurThreads.alive().isEmpty());
    assertThat(recorder.take()).isEqualTo(PRIMARY_INIT);
    recorder.assertExhausted(); // the tx after it was not delivered
  }
}
