package io.github.litefs4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.litefs4j.testsupport.FakeExchange;
import io.github.litefs4j.testsupport.FakeHttpServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link EventSubscription} against a scripted fault server: each fault is followed by a successful
 * read.
 */
class EventSubscriptionTest {
  static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private FakeHttpServer server;
  private EventSubscription subscription;

  @AfterEach
  void tearDown() throws IOException {
    if (subscription != null) {
      subscription.close();
    }
    if (server != null) {
      server.close();
    }
  }

  static LiteFsClient client(URI uri, Duration requestTimeout) {
    return LiteFsClient.builder()
        .baseUri(uri)
        .httpClient(HTTP)
        .requestTimeout(requestTimeout)
        .header("X-Test", "events")
        .build();
  }

  /** A 200 stream sending {@code lines} as one chunk each, then staying open. */
  static FakeHttpServer.Script stream(String... lines) {
    return exchange -> {
      exchange.startStream();
      for (String line : lines) {
        exchange.send(line);
      }
      exchange.awaitClientClose();
    };
  }

  private EventSubscription subscribe(FakeHttpServer.Script... scripts) throws IOException {
    server = FakeHttpServer.start().then(scripts);
    subscription = client(server.uri(), Duration.ofSeconds(5)).subscribeEvents();
    return subscription;
  }

  private static final InitEvent PRIMARY_INIT = new InitEvent(true, Optional.empty());
  private static final InitEvent REPLICA_INIT = new InitEvent(false, Optional.of("node-a"));

  @Test
  void readsEventsInOrderFromOneStreamWithTheClientsHeaders() throws Exception {
    EventSubscription events =
        subscribe(stream(Samples.INIT_PRIMARY, Samples.TX + Samples.CHANGE_DISCONNECTED));

    assertThat(events.next()).isEqualTo(PRIMARY_INIT);
    assertThat(events.next())
        .isEqualTo(
            new TxEvent(
                "t.db",
                Position.parse("0000000000000001/f6feda63759bb858"),
                4096,
                2,
                Instant.parse("2026-11-24T04:00:00.343Z")));
    assertThat(events.next()).isEqualTo(new PrimaryChangeEvent(false, Optional.empty()));
    assertThat(server.connections()).isEqualTo(1);
    assertThat(server.requests().get(0))
        .startsWith("GET /events HTTP/1.1")
        .contains("X-Test: events");
  }

  @Test
  void noRequestIsSentBeforeTheFirstNext() throws Exception {
    subscribe(stream(Samples.INIT_PRIMARY));
    assertThat(server.connections()).isZero();
    assertThat(subscription.next()).isEqualTo(PRIMARY_INIT);
    assertThat(server.connections()).isEqualTo(1);
  }

  @Test
  void http500IsTypedWithItsBodyAndTheNextCallReconnects() throws Exception {
    EventSubscription events =
        subscribe(exchange -> exchange.respond(500, "boom\n"), stream(Samples.INIT_REPLICA));

    assertThatThrownBy(events::next)
        .isInstanceOfSatisfying(
            LiteFsHttpException.class,
            e -> {
              assertThat(e.status()).isEqualTo(500);
              assertThat(e.body()).isEqualTo("boom");
              assertThat(e.uri()).isEqualTo(server.uri().resolve("/events"));
            })
        .hasMessageContaining("HTTP 500")
        .hasMessageContaining("\"boom\"");
    assertThat(events.next()).isEqualTo(REPLICA_INIT);
    assertThat(server.connections()).isEqualTo(2);
  }

  @Test
  void hangUpInsideAChunkIsAConnectionErrorAndTheNextCallReconnects() throws Exception {
    EventSubscription events =
        subscribe(
            exchange ->
                exchange
                    .startStream()
                    .send(Samples.INIT_PRIMARY)
                    .raw("40\r\n{\"type\":\"tx\",\"db\""), // promised 64 bytes, sent 17, hung up
            stream(Samples.INIT_REPLICA));

    assertThat(events.next()).isEqualTo(PRIMARY_INIT);
    assertThatThrownBy(events::next)
        .isInstanceOf(LiteFsConnectionException.class)
        .hasMessageContaining("event stream from LiteFS node at " + server.uri())
        .hasMessageContaining("broke");
    assertThat(events.next()).isEqualTo(REPLICA_INIT);
    assertThat(server.connections()).isEqualTo(2);
  }

  @Test
  void streamEndingMidLineIsAnErrorQuotingThePartialLineAndTheNextCallReconnects()
      throws Exception {
    EventSubscription events =
        subscribe(
            exchange -> {
              exchange.startStream().send(Samples.INIT_PRIMARY).send("{\"type\":\"tx\",\"db\"");
              exchange.end();
            },
            stream(Samples.INIT_REPLICA));

    assertThat(events.next()).isEqualTo(PRIMARY_INIT);
    assertThatThrownBy(events::next)
        .isExactlyInstanceOf(LiteFsProtocolException.class)
        .hasFieldOrPropertyWithValue("reason", LiteFsProtocolException.Reason.EVENT_STREAM)
        .hasMessageContaining("ended in the middle of a line after 17 bytes")
        .hasMessageContaining("\"{\\\"type\\\":\\\"tx\\\",\\\"db\\\"\"");
    assertThat(events.next()).isEqualTo(REPLICA_INIT);
  }

  @Test
  void endOfStreamIsAnEventStreamErrorAndTheNextCallReconnects() throws Exception {
    // What LiteFS does to a subscriber that fell 1024 events behind: a plain end of stream.
    EventSubscription events =
        subscribe(
            exchange -> {
              exchange.startStream().send(Samples.INIT_PRIMARY);
              exchange.end();
            },
            stream(Samples.INIT_REPLICA));

    assertThat(events.next()).isEqualTo(PRIMARY_INIT);
    assertThatThrownBy(events::next)
        .isExactlyInstanceOf(LiteFsProtocolException.class)
        .hasFieldOrPropertyWithValue("reason", LiteFsProtocolException.Reason.EVENT_STREAM)
        .hasMessageContaining("ended (the node closed it");
    assertThat(events.next()).isEqualTo(REPLICA_INIT);
    assertThat(server.connections()).isEqualTo(2);
  }

  @Test
  void garbageLineIsAnEventStreamErrorQuotingItAndTheNextCallReconnects() throws Exception {
    EventSubscription events =
        subscribe(stream("<html>oops</html>\n"), stream(Samples.INIT_REPLICA));

    assertThatThrownBy(events::next)
        .isInstanceOfSatisfying(
            LiteFsProtocolException.class,
            e -> assertThat(e.uri()).isEqualTo(server.uri().resolve("/events")))
        .hasMessageContaining("sent a line that is not an event (not valid JSON")
        .hasMessageContaining("17 bytes: \"<html>oops</html>\"");
    assertThat(events.next()).isEqualTo(REPLICA_INIT);
    assertThat(server.connections()).isEqualTo(2);
  }

  @Test
  void unknownTypeMissingDataAndBlankLinesDoNotBreakTheStream() throws Exception {
    String future = "{\"type\":\"checkpoint\",\"db\":\"t.db\",\"data\":{\"pages\":3}}";
    String noData = "{\"type\":\"tx\",\"db\":\"t.db\"}";
    EventSubscription events =
        subscribe(stream(Samples.INIT_PRIMARY, future + "\n", "\r\n", noData + "\n", Samples.TX));

    assertThat(events.next()).isEqualTo(PRIMARY_INIT);
    assertThat(events.next())
        .isEqualTo(new UnknownEvent("checkpoint", future, "unknown event type"));
    assertThat(events.next()).isEqualTo(new UnknownEvent("tx", noData, "tx event without data"));
    assertThat(events.next()).isInstanceOf(TxEvent.class);
    assertThat(server.connections()).isEqualTo(1);
  }

  @Test
  void oversizeLineIsATypedErrorAndTheNextCallReconnects() throws Exception {
    byte[] chunk = new byte[64 * 1024];
    java.util.Arrays.fill(chunk, (byte) 'x');
    EventSubscription events =
        subscribe(
            exchange -> {
              exchange.startStream().send(Samples.INIT_PRIMARY);
              for (int i = 0; i < 64; i++) { // 4 MiB without a newline
                exchange.send(chunk);
              }
              exchange.send("\n");
              exchange.awaitClientClose();
            },
            stream(Samples.INIT_REPLICA));

    assertThat(events.next()).isEqualTo(PRIMARY_INIT);
    assertThatThrownBy(events::next)
        .isInstanceOfSatisfying(
            LiteFsProtocolException.class,
            e -> assertThat(e.limit()).hasValue(EventSubscription.MAX_EVENT_BYTES))
        .hasMessageContaining("longer than the limit of 1048576 bytes, starting with \"xxxx");
    assertThat(events.next()).isEqualTo(REPLICA_INIT);
    assertThat(server.connections()).isEqualTo(2);
  }

  @Test
  void stalledStreamTimesOutTypedAndTheStreamGoesOnWithTheNextEvent() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    EventSubscription events =
        subscribe(
            exchange -> {
              exchange.startStream().send(Samples.INIT_PRIMARY);
              exchange.await(release);
              exchange.send(Samples.TX);
              exchange.awaitClientClose();
            });

    assertThat(events.next()).isEqualTo(PRIMARY_INIT);
    Duration timeout = Duration.ofMillis(200);
    long start = System.nanoTime();
    assertThatThrownBy(() -> events.next(timeout))
        .isInstanceOfSatisfying(
            LiteFsTimeoutException.class, e -> assertThat(e.timeout()).isEqualTo(timeout))
        .hasMessageContaining("no event from " + server.uri() + "/events within PT0.2S");
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(timeout)
        .isLessThan(Duration.ofSeconds(5));
    release.countDown();
    assertThat(events.next(Duration.ofSeconds(10))).isInstanceOf(TxEvent.class);
    assertThat(server.connections()).isEqualTo(1);
  }

  @Test
  void serverStallingBeforeItsHeadersTimesOutTypedThenTheSameRequestAnswers() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    EventSubscription events =
        subscribe(
            exchange -> {
              exchange.await(release);
              stream(Samples.INIT_REPLICA).run(exchange);
            });

    assertThatThrownBy(() -> events.next(Duration.ofMillis(200)))
        .isInstanceOf(LiteFsTimeoutException.class)
        .hasMessageContaining("the node has not answered yet");
    release.countDown();
    assertThat(events.next(Duration.ofSeconds(10))).isEqualTo(REPLICA_INIT);
    assertThat(server.connections()).isEqualTo(1);
  }

  @Test
  void serverThatNeverAnswersFailsAfterTheRequestTimeoutAndTheNextCallReconnects()
      throws Exception {
    server =
        FakeHttpServer.start().then(FakeExchange::awaitClientClose, stream(Samples.INIT_REPLICA));
    subscription = client(server.uri(), Duration.ofMillis(300)).subscribeEvents();

    assertThatThrownBy(subscription::next)
        .isInstanceOf(LiteFsConnectionException.class)
        .hasMessageContaining("did not answer GET " + server.uri() + "/events within PT0.3S");
    assertThat(subscription.next()).isEqualTo(REPLICA_INIT);
    assertThat(server.connections()).isEqualTo(2);
  }

  @Test
  void closeFromAnotherThreadWakesABlockedNextAtOnceAndAbortsTheConnection() throws Exception {
    CountDownLatch clientClosed = new CountDownLatch(1);
    EventSubscription events =
        subscribe(
            exchange -> {
              exchange.startStream().send(Samples.INIT_PRIMARY);
              exchange.awaitClientClose();
              clientClosed.countDown();
            });
    assertThat(events.next()).isEqualTo(PRIMARY_INIT);

    CompletableFuture<Event> blocked = new CompletableFuture<>();
    Thread reader = readInBackground(events, blocked);
    await().atMost(Duration.ofSeconds(5)).until(() -> isBlocked(reader));

    events.close();

    assertThatThrownBy(() -> blocked.get(5, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("event subscription to " + server.uri() + "/events is closed");
    assertThat(clientClosed.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(events.isClosed()).isTrue();
    assertThatThrownBy(events::next).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> events.next(Duration.ofSeconds(1)))
        .isInstanceOf(IllegalStateException.class);
    events.close(); // idempotent
  }

  @Test
  void closeWakesANextThatWaitsForTheHeaders() throws Exception {
    EventSubscription events = subscribe(FakeExchange::awaitClientClose);
    CompletableFuture<Event> blocked = new CompletableFuture<>();
    Thread reader = readInBackground(events, blocked);
    await().atMost(Duration.ofSeconds(5)).until(() -> server.connections() == 1);
    await().atMost(Duration.ofSeconds(5)).until(() -> isBlocked(reader));

    events.close();

    assertThatThrownBy(() -> blocked.get(5, TimeUnit.SECONDS))
        .cause()
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void interruptWakesABlockedNextTypedKeepsTheFlagAndTheStream() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    EventSubscription events =
        subscribe(
            exchange -> {
              exchange.startStream().send(Samples.INIT_PRIMARY);
              exchange.await(release);
              exchange.send(Samples.TX);
              exchange.awaitClientClose();
            });
    assertThat(events.next()).isEqualTo(PRIMARY_INIT);

    CompletableFuture<Boolean> flagAfterInterrupt = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              try {
                events.next();
                flagAfterInterrupt.completeExceptionally(new AssertionError("no exception"));
              } catch (LiteFsInterruptedException e) {
                flagAfterInterrupt.complete(Thread.currentThread().isInterrupted());
              } catch (RuntimeException e) {
                flagAfterInterrupt.completeExceptionally(e);
              }
            },
            "test-reader");
    reader.start();
    await().atMost(Duration.ofSeconds(5)).until(() -> isBlocked(reader));
    reader.interrupt();

    assertThat(flagAfterInterrupt.get(5, TimeUnit.SECONDS)).isTrue();
    release.countDown();
    assertThat(events.next(Duration.ofSeconds(10))).isInstanceOf(TxEvent.class);
    assertThat(server.connections()).isEqualTo(1);
  }

  @Test
  void refusedConnectionIsAConnectionErrorNamingTheNode() throws Exception {
    URI uri = FakeHttpServer.refusingUri();
    subscription = client(uri, Duration.ofSeconds(5)).subscribeEvents();

    assertThatThrownBy(subscription::next)
        .isInstanceOfSatisfying(
            LiteFsConnectionException.class,
            e -> assertThat(e.uri()).isEqualTo(uri.resolve("/events")))
        .hasMessageContaining("LiteFS node at " + uri + " could not be reached for GET");
  }

  @Test
  void nextRejectsANonPositiveTimeout() throws Exception {
    EventSubscription events = subscribe();
    assertThatThrownBy(() -> events.next(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("timeout must be positive: PT0S");
    assertThatThrownBy(() -> events.next(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("timeout must be positive: PT-1S");
  }

  static boolean isBlocked(Thread thread) {
    Thread.State state = thread.getState();
    return state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING;
  }

  private static Thread readInBackground(EventSubscription events, CompletableFuture<Event> into) {
    Thread reader =
        new Thread(
            () -> {
              try {
                into.complete(events.next());
              } catch (RuntimeException e) {
                into.completeExceptionally(e);
              }
            },
            "test-reader");
    reader.start();
    return reader;
  }
}
