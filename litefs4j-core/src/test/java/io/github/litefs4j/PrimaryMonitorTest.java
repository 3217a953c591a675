package io.github.litefs4j;

import static io.github.litefs4j.EventSubscriptionTest.stream;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.litefs4j.PrimaryState.Role;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link PrimaryMonitor} against a scripted fault server. */
class PrimaryMonitorTest {
  private static final ReconnectPolicy FAST =
      ReconnectPolicy.builder()
          .initialDelay(Duration.ofMillis(20))
          .maxDelay(Duration.ofMillis(80))
          .build();

  private FaultServer server;
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
    server =
        FaultServer.start()
            .then(
                stream(
                    Samples.INIT_REPLICA,
                    Samples.TX,
                    Samples.CHANGE_DISCONNECTED,
                    Samples.CHANGE_REPLICA,
                    "{\"type\":\"lease\",\"data\":{}}\n",
                    Samples.CHANGE_REPLICA,
                    Samples.CHANGE_PRIMARY));
    monitor(FAST);

    assertThat(nextChange()).containsExactly(PrimaryState.UNKNOWN, PrimaryState.replica("node-a"));
    assertThat(nextChange())
        .containsExactly(PrimaryState.replica("node-a"), PrimaryState.disconnected());
    assertThat(nextChange())
        .containsExactly(PrimaryState.disconnected(), PrimaryState.replica("node-a"));
    // The repeated primaryChange for the same primary, the tx and the unknown event change nothing.
    assertThat(nextChange())
        .containsExactly(PrimaryState.replica("node-a"), PrimaryState.primary());
    assertThat(monitor.isPrimary()).isTrue();
    assertThat(monitor.primaryHostname()).isEmpty();
    assertThat(monitor.state()).isEqualTo(PrimaryState.primary());
    assertThat(changes).isEmpty();
  }

  @Test
  void replicaReportsItsPrimarysHostname() throws Exception {
    server = FaultServer.start().then(stream(Samples.INIT_REPLICA));
    monitor(FAST);

    assertThat(monitor.awaitReady(Duration.ofSeconds(10)))
        .isEqualTo(PrimaryState.replica("node-a"));
    assertThat(monitor.isPrimary()).isFalse();
    assertThat(monitor.primaryHostname()).contains("node-a");
  }

  @Test
  void awaitReadyIgnoresErrorsAndTimesOutWithTheLastOneUntilARealStateIsKnown() throws Exception {
    server = FaultServer.start(); // 503 to everything
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
        FaultServer.start()
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
    assertThat(lost.get(1).lastError()).get().isInstanceOf(EventStreamException.class);
    release.countDown();
    assertThat(nextChange().get(1)).isEqualTo(PrimaryState.replica("node-a"));
  }

  @Test
  void closeWakesAwaitReadyEndsTheThreadAndLeavesAnUnknownClosedState() throws Exception {
    server = FaultServer.start(FaultServer.Exchange::awaitClientClose); // never answers
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
        .isInstanceOf(SubscriptionClosedException.class)
        .hasMessage("primary monitor of LiteFS node at " + server.uri() + " is closed");
    assertThat(OurThreads.alive()).isEmpty();
    assertThat(monitor.state().role()).isEqualTo(Role.UNKNOWN);
    assertThat(monitor.state().lastError()).get().isInstanceOf(SubscriptionClosedException.class);
    assertThatThrownBy(() -> monitor.awaitReady(Duration.ofSeconds(1)))
        .isInstanceOf(SubscriptionClosedException.class);
    monitor.close(); // idempotent
  }

  @Test
  void aRemovedListenerIsNotCalledAndAThrowingListenerDoesNotStopTheMonitor() throws Exception {
    server =
        FaultServer.start()
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
    server = FaultServer.start().then(stream(Samples.INIT_PRIMARY));
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
