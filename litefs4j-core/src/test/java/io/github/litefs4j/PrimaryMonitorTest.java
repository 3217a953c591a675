package io.github.litefs4j;

import static io.github.litefs4j.EventSubscriptionTest.stream;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.litefs4j.PrimaryState.Role;
import io.github.litefs4j.testsupport.FakeExchange;
import io.github.litefs4j.testsupport.FakeHttpServer;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link PrimaryMonitor} against a scripted fault server. */
class PrimaryMonitorTest {
  private static final ReconnectPolicy FAST =
      ReconnectPolicy.builder()
          .initialDelay(Duration.ofMillis(20))
          .maxDelay(Duration.ofMillis(80))
          .build();

  private FakeHttpServer server;
  private PrimaryMonitor monitor;
  private final BlockingQueue<List<PrimaryState>> changes = new LinkedBlockingQueue<>();

  @AfterEach
  void tearDown() throws IOException {
    if (monitor != null) {
      monitor.close();
    }
    if (server != null) {
      server.close();
    }
    assertThat(OurThreads.alive()).as("litefs4j threads after close").isEmpty();
  }

  private PrimaryMonitor monitor(ReconnectPolicy policy) {
    monitor =
        EventSubscriptionTest.client(server.uri(), Duration.ofSeconds(5)).monitorPrimary(policy);
    monitor.addListener((before, now) -> changes.add(List.of(before, now)));
    return monitor;
  }

  private List<PrimaryState> nextChange() throws InterruptedException {
    List<PrimaryState> change = changes.poll(10, TimeUnit.SECONDS);
    assertThat(change).as("a state change within 10 s").isNotNull();
    return change;
  }

  @Test
  void followsInitAndPrimaryChangeEventsThroughEveryRole() throws Exception {
    CountDownLatch sendPrimary = new CountDownLatch(1);
    server =
        FakeHttpServer.start()
            .answerInfo(() -> Samples.INFO_REPLICA)
            .then(
                exchange -> {
                  exchange.startStream();
                  for (String line :
                      List.of(
                          Samples.INIT_REPLICA,
                          Samples.TX,
                          Samples.CHANGE_DISCONNECTED,
                          Samples.CHANGE_REPLICA,
                          "{\"type\":\"lease\",\"data\":{}}\n",
                          Samples.CHANGE_REPLICA)) {
                    exchange.send(line);
                  }
                  exchange.await(sendPrimary);
                  exchange.send(Samples.CHANGE_PRIMARY);
                  exchange.awaitClientClose();
                });
    monitor(FAST);

    assertThat(nextChange()).containsExactly(PrimaryState.UNKNOWN, PrimaryState.replica("node-a"));
    assertThat(nextChange())
        .containsExactly(PrimaryState.replica("node-a"), PrimaryState.disconnected());
    // Held for the settle time, then confirmed with GET /info.
    assertThat(nextChange())
        .containsExactly(PrimaryState.disconnected(), PrimaryState.replica("node-a"));
    assertThat(server.infoRequests()).isPositive();
    sendPrimary.countDown();
    // The repeated primaryChange for the same primary, the tx and the unknown event change nothing.
    assertThat(nextChange())
        .containsExactly(PrimaryState.replica("node-a"), PrimaryState.primary());
    assertThat(monitor.isPrimary()).isTrue();
    assertThat(monitor.primaryHostname()).isEmpty();
    assertThat(monitor.state()).isEqualTo(PrimaryState.primary());
    assertThat(changes).isEmpty();
  }

  @Test
  void aPrimaryAnnouncedAndWithdrawnByFailedReconnectsIsNotReported() throws Exception {
    // What a LiteFS replica sends while its primary is down: each reconnect attempt announces the
    // primary and withdraws it when the attempt fails, milliseconds later.
    server =
        FakeHttpServer.start()
            .answerInfo(() -> Samples.INFO_DISCONNECTED)
            .then(
                stream(
                    Samples.INIT_REPLICA,
                    Samples.CHANGE_DISCONNECTED,
                    Samples.CHANGE_REPLICA,
                    Samples.CHANGE_DISCONNECTED,
                    Samples.CHANGE_REPLICA,
                    Samples.CHANGE_DISCONNECTED,
                    Samples.CHANGE_REPLICA,
                    Samples.CHANGE_DISCONNECTED,
                    Samples.CHANGE_PRIMARY));
    monitor(FAST);

    assertThat(nextChange()).containsExactly(PrimaryState.UNKNOWN, PrimaryState.replica("node-a"));
    assertThat(nextChange())
        .containsExactly(PrimaryState.replica("node-a"), PrimaryState.disconnected());
    assertThat(nextChange())
        .as("no REPLICA in between")
        .containsExactly(PrimaryState.disconnected(), PrimaryState.primary());
    assertThat(changes).isEmpty();
  }

  @Test
  void aPrimaryAnnouncedButNotConfirmedByInfoIsHeldUntilInfoNamesIt() throws Exception {
    // The event says REPLICA but /info says the replica has no primary (its attempt failed and the
    // withdrawal never came): the monitor stays DISCONNECTED until /info names the primary.
    AtomicInteger infos = new AtomicInteger();
    server =
        FakeHttpServer.start()
            .answerInfo(
                () ->
                    infos.incrementAndGet() == 1 ? Samples.INFO_DISCONNECTED : Samples.INFO_REPLICA)
            .then(stream(Samples.INIT_DISCONNECTED, Samples.CHANGE_REPLICA));
    BlockingQueue<Integer> infosAtReplica = new LinkedBlockingQueue<>();
    monitor =
        EventSubscriptionTest.client(server.uri(), Duration.ofSeconds(5)).monitorPrimary(FAST);
    monitor.addListener(
        (before, now) -> {
          if (now.role() == Role.REPLICA) {
            infosAtReplica.add(server.infoRequests());
          }
          changes.add(List.of(before, now));
        });

    assertThat(nextChange()).containsExactly(PrimaryState.UNKNOWN, PrimaryState.disconnected());
    assertThat(nextChange())
        .containsExactly(PrimaryState.disconnected(), PrimaryState.replica("node-a"));
    // 1: the confirmation that said "no primary"; 2: a later check that named it; 3: its
    // confirmation.
    assertThat(infosAtReplica.poll()).isGreaterThanOrEqualTo(3);
  }

  @Test
  void aDisconnectedStateIsCheckedWithInfoWhenNoEventFollows() throws Exception {
    // The node never sends the primaryChange that would end DISCONNECTED: GET /info corrects it.
    server =
        FakeHttpServer.start()
            .answerInfo(() -> Samples.INFO_REPLICA)
            .then(stream(Samples.INIT_DISCONNECTED));
    monitor(FAST);

    assertThat(nextChange()).containsExactly(PrimaryState.UNKNOWN, PrimaryState.disconnected());
    assertThat(nextChange())
        .containsExactly(PrimaryState.disconnected(), PrimaryState.replica("node-a"));
    assertThat(server.infoRequests()).as("a check and its confirmation").isGreaterThanOrEqualTo(2);
    assertThat(server.connections() - server.infoRequests()).as("event streams").isEqualTo(1);
  }

  @Test
  void aListenerIsNotToldAboutTheChangeThatLedToTheStateItWasAddedIn() throws Exception {
    CountDownLatch sendPrimary = new CountDownLatch(1);
    server =
        FakeHttpServer.start()
            .then(
                exchange -> {
                  exchange.startStream().send(Samples.INIT_REPLICA);
                  exchange.await(sendPrimary);
                  exchange.send(Samples.CHANGE_PRIMARY);
                  exchange.awaitClientClose();
                });
    CountDownLatch firstListenerRuns = new CountDownLatch(1);
    CountDownLatch releaseFirstListener = new CountDownLatch(1);
    monitor =
        EventSubscriptionTest.client(server.uri(), Duration.ofSeconds(5)).monitorPrimary(FAST);
    monitor.addListener(
        (before, now) -> {
          firstListenerRuns.countDown();
          try {
            releaseFirstListener.await(10, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });

    assertThat(monitor.awaitReady(Duration.ofSeconds(10)))
        .isEqualTo(PrimaryState.replica("node-a"));
    assertThat(firstListenerRuns.await(10, TimeUnit.SECONDS)).isTrue();
    // Added while the change UNKNOWN -> REPLICA is still being delivered to the first listener.
    monitor.addListener((before, now) -> changes.add(List.of(before, now)));
    releaseFirstListener.countDown();
    sendPrimary.countDown();

    assertThat(nextChange())
        .as("the first change after the listener was added")
        .containsExactly(PrimaryState.replica("node-a"), PrimaryState.primary());
  }

  @Test
  void replicaReportsItsPrimarysHostname() throws Exception {
    server = FakeHttpServer.start().then(stream(Samples.INIT_REPLICA));
    monitor(FAST);

    assertThat(monitor.awaitReady(Duration.ofSeconds(10)))
        .isEqualTo(PrimaryState.replica("node-a"));
    assertThat(monitor.isPrimary()).isFalse();
    assertThat(monitor.primaryHostname()).contains("node-a");
  }

  @Test
  void awaitReadyIgnoresErrorsAndTimesOutWithTheLastOneUntilARealStateIsKnown() throws Exception {
    server = FakeHttpServer.start(); // 503 to everything
    monitor(FAST);

    assertThatThrownBy(() -> monitor.awaitReady(Duration.ofMillis(500)))
        .isInstanceOfSatisfying(
            LiteFsTimeoutException.class,
            e -> {
              assertThat(e.timeout()).isEqualTo(Duration.ofMillis(500));
              assertThat(e.getCause()).isInstanceOf(LiteFsHttpException.class);
            })
        .hasMessageContaining("the primary status of LiteFS node at " + server.uri())
        .hasMessageContaining("is not known after PT0.5S; last error: ")
        .hasMessageContaining("HTTP 503");
    assertThat(server.connections()).isGreaterThan(1);
    assertThat(monitor.state().role()).isEqualTo(Role.UNKNOWN);
    assertThat(monitor.state().lastError()).get().isInstanceOf(LiteFsHttpException.class);
    assertThat(monitor.isPrimary()).isFalse();
    assertThat(changes).as("errors while unknown are no state change").isEmpty();

    server.fallback(stream(Samples.INIT_PRIMARY));

    assertThat(monitor.awaitReady(Duration.ofSeconds(10))).isEqualTo(PrimaryState.primary());
    assertThat(nextChange().get(1)).isEqualTo(PrimaryState.primary());
  }

  @Test
  void aBrokenStreamMakesTheStateUnknownWithTheErrorUntilTheReconnect() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    server =
        FakeHttpServer.start()
            .then(
                exchange -> {
                  exchange.startStream().send(Samples.INIT_REPLICA);
                  exchange.end();
                },
                exchange -> {
                  exchange.await(release);
                  stream(Samples.INIT_REPLICA).run(exchange);
                });
    monitor(FAST);

    assertThat(nextChange().get(1)).isEqualTo(PrimaryState.replica("node-a"));
    List<PrimaryState> lost = nextChange();
    assertThat(lost.get(1).role()).isEqualTo(Role.UNKNOWN);
    assertThat(lost.get(1).lastError())
        .get()
        .isInstanceOf(LiteFsProtocolException.class)
        .hasFieldOrPropertyWithValue("reason", LiteFsProtocolException.Reason.EVENT_STREAM);
    release.countDown();
    assertThat(nextChange().get(1)).isEqualTo(PrimaryState.replica("node-a"));
  }

  @Test
  void closeWakesAwaitReadyEndsTheThreadAndLeavesAnUnknownClosedState() throws Exception {
    server = FakeHttpServer.start(FakeExchange::awaitClientClose); // never answers
    monitor(FAST);
    CompletableFuture<PrimaryState> waiting = new CompletableFuture<>();
    Thread waiter =
        new Thread(
            () -> {
              try {
                waiting.complete(monitor.awaitReady(Duration.ofSeconds(60)));
              } catch (RuntimeException e) {
                waiting.completeExceptionally(e);
              }
            },
            "test-waiter");
    waiter.start();
    await().atMost(Duration.ofSeconds(5)).until(() -> EventSubscriptionTest.isBlocked(waiter));
    await().atMost(Duration.ofSeconds(5)).until(() -> server.connections() == 1);

    monitor.close();

    assertThatThrownBy(() -> waiting.get(5, TimeUnit.SECONDS))
        .cause()
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("primary monitor of LiteFS node at " + server.uri() + " is closed");
    assertThat(OurThreads.alive()).isEmpty();
    assertThat(monitor.state().role()).isEqualTo(Role.UNKNOWN);
    assertThat(monitor.state().lastError().orElseThrow()).hasMessageEndingWith("is closed");
    assertThatThrownBy(() -> monitor.awaitReady(Duration.ofSeconds(1)))
        .isInstanceOf(IllegalStateException.class);
    monitor.close(); // idempotent
  }

  @Test
  void aRemovedListenerIsNotCalledAndAThrowingListenerDoesNotStopTheMonitor() throws Exception {
    server =
        FakeHttpServer.start()
            .then(
                stream(Samples.INIT_REPLICA, Samples.CHANGE_DISCONNECTED, Samples.CHANGE_PRIMARY));
    BlockingQueue<PrimaryState> removedSaw = new LinkedBlockingQueue<>();
    PrimaryMonitor.Listener removed = (before, now) -> removedSaw.add(now);
    monitor =
        EventSubscriptionTest.client(server.uri(), Duration.ofSeconds(5)).monitorPrimary(FAST);
    monitor.addListener(
        (before, now) -> {
          throw new IllegalStateException("listener bug");
        });
    monitor.addListener(removed);
    monitor.removeListener(removed);
    monitor.addListener((before, now) -> changes.add(List.of(before, now)));

    assertThat(nextChange().get(1)).isEqualTo(PrimaryState.replica("node-a"));
    assertThat(nextChange().get(1)).isEqualTo(PrimaryState.disconnected());
    assertThat(nextChange().get(1)).isEqualTo(PrimaryState.primary());
    assertThat(removedSaw).isEmpty();
  }

  @Test
  void awaitReadyRejectsANonPositiveTimeout() throws Exception {
    server = FakeHttpServer.start().then(stream(Samples.INIT_PRIMARY));
    monitor(FAST);
    assertThatThrownBy(() -> monitor.awaitReady(Duration.ofMillis(-5)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("timeout must be positive: PT-0.005S");
  }

  @Test
  void stateRecordChecksThatItsPartsFit() {
    assertThatThrownBy(() -> new PrimaryState(Role.REPLICA, Optional.empty(), Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new PrimaryState(
                    Role.PRIMARY, Optional.empty(), Optional.of(new LiteFsException("x"))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(PrimaryState.of(new InitEvent(false, Optional.empty())))
        .isEqualTo(PrimaryState.disconnected());
    assertThat(PrimaryState.of(new PrimaryChangeEvent(true, Optional.empty())).role())
        .isEqualTo(Role.PRIMARY);
  }
}
