package io.github.litefs4j.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.litefs4j.LiteFsConnectionException;
import io.github.litefs4j.LiteFsTimeoutException;
import io.github.litefs4j.OurThreads;
import io.github.litefs4j.PrimaryState;
import io.github.litefs4j.ReconnectPolicy;
import io.github.litefs4j.internal.EventPrimaryMonitorResourceTest.AttemptCounter;
import io.github.litefs4j.testing.LiteFsCluster;
import io.github.litefs4j.testing.LiteFsClusterTest;
import io.github.litefs4j.testing.LiteFsNode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The monitor's cost while a real node is down for 10 s: attempts follow the backoff, no CPU. */
@LiteFsClusterTest(replicas = 1)
class EventPrimaryMonitorNodeDownIT {
  private static final ReconnectPolicy POLICY =
      ReconnectPolicy.builder()
          .initialDelay(Duration.ofMillis(100))
          .maxDelay(Duration.ofSeconds(1))
          .build();

  @Test
  void whileItsNodeIsDownForTenSecondsTheMonitorBacksOffAndUsesAlmostNoCpu(LiteFsCluster cluster) {
    LiteFsNode replica = cluster.replica(0);
    AttemptCounter attempts = new AttemptCounter();
    EventPrimaryMonitor monitor =
        EventPrimaryMonitor.start(
            EventPrimaryMonitorResourceTest.http(replica.httpUri()), POLICY, attempts);
    try {
      assertThat(monitor.awaitReady(Duration.ofSeconds(15)))
          .isEqualTo(PrimaryState.replica("node-0"));

      replica.kill();
      // From the 5th failure on the delay is at its cap (0.5 to 1 s).
      await().atMost(Duration.ofSeconds(15)).until(() -> attempts.delays.size() >= 5);
      int before = attempts.delays.size();
      long cpuBefore = OurThreads.cpuNanos();
      long start = System.nanoTime();

      assertThatThrownBy(() -> monitor.awaitReady(Duration.ofSeconds(10)))
          .isInstanceOf(LiteFsTimeoutException.class)
          .cause()
          .isInstanceOf(LiteFsConnectionException.class);

      long elapsedMs = (System.nanoTime() - start) / 1_000_000;
      long cpu = OurThreads.cpuNanos() - cpuBefore;
      int inWindow = attempts.delays.size() - before;
      assertThat(inWindow)
          .as("connection attempts in %d ms", elapsedMs)
          .isBetween((int) (elapsedMs / 1000) - 1, (int) (elapsedMs / 500) + 1);
      assertThat(cpu)
          .as(
              "CPU ns of litefs4j-* and HttpClient-* threads in %d ms, %d attempts",
              elapsedMs, inWindow)
          .isLessThan(100_000_000L);

      replica.start();

      // The fixture returns once the replica is connected to the primary. Whatever the order of
      // the monitor's reconnect and LiteFS's own, the monitor ends on REPLICA: events, and GET
      // /info checks while it sees DISCONNECTED.
      await()
          .atMost(Duration.ofSeconds(20))
          .untilAsserted(
              () ->
                  assertThat(monitor.state())
                      .as(
                          () ->
                              "monitor state; /info checks are due while DISCONNECTED. Replica log:\n"
                                  + replica.logTail(40))
                      .isEqualTo(PrimaryState.replica("node-0")));
    } finally {
      monitor.close();
    }
    assertThat(OurThreads.alive()).isEmpty();
  }
}
