package io.github.litefs4j.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.litefs4j.Event;
import io.github.litefs4j.EventListener;
import io.github.litefs4j.LiteFsConnectionException;
import io.github.litefs4j.LiteFsException;
import io.github.litefs4j.LiteFsTimeoutException;
import io.github.litefs4j.OurThreads;
import io.github.litefs4j.PrimaryState;
import io.github.litefs4j.ReconnectPolicy;
import io.github.litefs4j.Samples;
import io.github.litefs4j.testsupport.FakeHttpServer;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * What a {@link EventPrimaryMonitor} costs while its node is down and after close: connection
 * attempts (counted through the monitor's tap) and thread CPU time (ThreadMXBean), the two things
 * litefs-go's monitor gets wrong (it hammers a down node and spins after Close).
 */
class EventPrimaryMonitorResourceTest {
  private static final ReconnectPolicy POLICY =
      ReconnectPolicy.builder()
          .initialDelay(Duration.ofMillis(100))
          .maxDelay(Duration.ofSeconds(1))
          .build();

  /** Counts connection attempts: every failed attempt reports one disconnect. */
  static final class AttemptCounter implements EventListener {
    final List<Duration> delays = new CopyOnWriteArrayList<>();
    final List<LiteFsException> causes = new CopyOnWriteArrayList<>();

    @Override
    public void onEvent(Event event) {}

    @Override
    public void onDisconnected(LiteFsException cause, Duration retryIn) {
      causes.add(cause);
      delays.add(retryIn);
    }
  }

  static HttpCalls http(URI uri) {
    return new HttpCalls(uri, null, Duration.ofSeconds(2), Duration.ofSeconds(5), Map.of());
  }

  @Test
  void whileTheNodeIsDownTheMonitorBacksOffAndUsesAlmostNoCpu() throws Exception {
    AttemptCounter attempts = new AttemptCounter();
    EventPrimaryMonitor monitor =
        EventPrimaryMonitor.start(http(FakeHttpServer.refusingUri()), POLICY, attempts);
    try {
      // Warm-up: the first requests of a fresh HttpClient load classes; from the 5th failure on
      // the delay is at its cap (0.5 to 1 s), which makes the window's bounds simple.
      await().atMost(Duration.ofSeconds(10)).until(() -> attempts.delays.size() >= 5);
      int before = attempts.delays.size();
      long cpuBefore = OurThreads.cpuNanos();
      long start = System.nanoTime();

      Duration window = Duration.ofSeconds(5);
      assertThatThrownBy(() -> monitor.awaitReady(window))
          .isInstanceOf(LiteFsTimeoutException.class)
          .cause()
          .isInstanceOf(LiteFsConnectionException.class);

      long elapsedMs = (System.nanoTime() - start) / 1_000_000;
      long cpu = OurThreads.cpuNanos() - cpuBefore;
      int inWindow = attempts.delays.size() - before;
      // Delays at the cap are 500..1000 ms: at least one attempt per full second, at most one per
      // half second (+1 for an attempt at each edge of the window).
      assertThat(inWindow)
          .as("connection attempts in %d ms", elapsedMs)
          .isBetween((int) (elapsedMs / 1000) - 1, (int) (elapsedMs / 500) + 1);
      for (int n = 0; n < attempts.delays.size(); n++) {
        long ceiling = Math.min(1000, 100L << Math.min(n, 10));
        assertThat(attempts.delays.get(n))
            .as("delay %d", n)
            .isBetween(Duration.ofMillis(ceiling / 2), Duration.ofMillis(ceiling));
      }
      assertThat(attempts.causes).allMatch(c -> c instanceof LiteFsConnectionException);
      assertThat(cpu)
          .as(
              "CPU ns of litefs4j-* and HttpClient-* threads in %d ms, %d attempts",
              elapsedMs, inWindow)
          .isLessThan(50_000_000L);
      assertThat(monitor.state().role()).isEqualTo(PrimaryState.Role.UNKNOWN);
    } finally {
      monitor.close();
    }
    assertThat(OurThreads.alive()).isEmpty();
  }

  @Test
  void afterCloseNoThreadOfOursIsAliveAndNoCpuIsUsed() throws Exception {
    try (FakeHttpServer server = FakeHttpServer.start()) {
      server.then(
          exchange -> {
            exchange.startStream().send(Samples.INIT_PRIMARY);
            exchange.awaitClientClose();
          });
      EventPrimaryMonitor monitor =
          EventPrimaryMonitor.start(http(server.uri()), POLICY, new AttemptCounter());
      assertThat(monitor.awaitReady(Duration.ofSeconds(10))).isEqualTo(PrimaryState.primary());
      assertThat(OurThreads.alive())
          .hasSize(2)
          .anyMatch(name -> name.startsWith("litefs4j-events-"))
          .anyMatch(name -> name.startsWith("litefs4j-primary-monitor-"));

      monitor.close();

      assertThat(OurThreads.alive()).isEmpty();
      long cpu = OurThreads.cpuNanosDuring(Duration.ofSeconds(1));
      assertThat(cpu)
          .as("CPU ns of HttpClient-* threads in 1 s after close")
          .isLessThan(20_000_000L);
      assertThat(server.connections()).isEqualTo(1);
    }
  }

  @Test
  void whileTheReplicaIsDisconnectedTheInfoChecksBackOffAndUseAlmostNoCpu() throws Exception {
    // Checks at 100 ms doubling to 400 ms (with jitter: each delay is within [d/2, d]).
    EventPrimaryMonitor.Timing timing =
        new EventPrimaryMonitor.Timing(
            Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(400));
    try (FakeHttpServer server =
        FakeHttpServer.start()
            .answerInfo(() -> Samples.INFO_DISCONNECTED)
            .then(
                exchange -> {
                  exchange.startStream().send(Samples.INIT_DISCONNECTED);
                  exchange.awaitClientClose();
                })) {
      EventPrimaryMonitor monitor =
          EventPrimaryMonitor.start(http(server.uri()), POLICY, new AttemptCounter(), timing);
      try {
        assertThat(monitor.awaitReady(Duration.ofSeconds(10)))
            .isEqualTo(PrimaryState.disconnected());
        // From the 3rd check on the delay is at its cap (200 to 400 ms).
        await().atMost(Duration.ofSeconds(10)).until(() -> server.infoRequests() >= 3);
        int before = server.infoRequests();
        long cpuBefore = OurThreads.cpuNanos();
        long start = System.nanoTime();

        // The window in which the checks are counted; /info keeps saying "no primary".
        await()
            .during(Duration.ofSeconds(3))
            .atMost(Duration.ofSeconds(5))
            .until(monitor::state, PrimaryState.disconnected()::equals);

        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        long cpu = OurThreads.cpuNanos() - cpuBefore;
        int inWindow = server.infoRequests() - before;
        assertThat(inWindow)
            .as("GET /info checks in %d ms", elapsedMs)
            .isBetween((int) (elapsedMs / 400) - 1, (int) (elapsedMs / 200) + 1);
        assertThat(cpu)
            .as(
                "CPU ns of litefs4j-* and HttpClient-* threads in %d ms, %d checks",
                elapsedMs, inWindow)
            .isLessThan(50_000_000L);
        assertThat(monitor.state()).isEqualTo(PrimaryState.disconnected());
        assertThat(server.connections() - server.infoRequests()).as("event streams").isEqualTo(1);
      } finally {
        monitor.close();
      }
      assertThat(OurThreads.alive()).isEmpty();
      int afterClose = server.infoRequests();
      assertThat(OurThreads.cpuNanosDuring(Duration.ofSeconds(1)))
          .as("CPU ns of HttpClient-* threads in 1 s after close")
          .isLessThan(20_000_000L);
      assertThat(server.infoRequests()).as("checks after close").isEqualTo(afterClose);
    }
  }
}
