package io.github.litefs4j.spring.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.litefs4j.spring.RoutingMode;
import io.github.litefs4j.testing.LiteFsCluster;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bad input on a real cluster in mode forward: a forwarding loop, a primary whose application is
 * down, a primary whose LiteFS is down. Each gets a clear status and a log line, and nothing is
 * lost or written twice.
 */
class FailuresIT {
  private LiteFsCluster cluster;
  private NodeApps apps;
  private final LogRecorder log = new LogRecorder();

  @BeforeEach
  void cluster() {
    cluster = SharedCluster.get();
  }

  @AfterEach
  void stop() {
    log.close();
    if (apps != null) {
      apps.close();
    }
    cluster.ensureRunning();
  }

  @Test
  void forwardingLoopAnswers508AndWritesNothing() throws Exception {
    apps = NodeApps.start(cluster, RoutingMode.FORWARD);
    // Misconfigure replica 0: its forward target for node-0 is replica 1's application.
    URI otherReplica = apps.replica(1);
    apps.stop(cluster.replica(0));
    apps.startOn(
        cluster.replica(0),
        RoutingMode.FORWARD,
        List.of("litefs.routing.forward.urls.node-0=" + otherReplica));
    String text = "loop-" + UUID.randomUUID();

    HttpResponse<String> answer = Http.post(apps.replica(0), "/entries", text);

    assertThat(answer.statusCode()).isEqualTo(508);
    assertThat(answer.body()).contains("forwarding loop or stale primary");
    assertThat(log.warnings()).anyMatch(l -> l.contains("answering 508"));
    assertThat(SharedCluster.countOnPrimary(text)).isZero();
  }

  @Test
  void primaryApplicationDownAnswers502AndWritesNothing() throws Exception {
    apps = NodeApps.start(cluster, RoutingMode.FORWARD);
    apps.stop(cluster.primary());
    String text = "app-down-" + UUID.randomUUID();

    HttpResponse<String> answer = Http.post(apps.replica(0), "/entries", text);

    assertThat(answer.statusCode()).isEqualTo(502);
    assertThat(answer.body()).contains("could not be reached; nothing was written");
    assertThat(log.warnings()).anyMatch(l -> l.contains("failed, answering 502"));
    assertThat(SharedCluster.countOnPrimary(text)).isZero();
  }

  @Test
  void primaryThatAnswersTooLateGets504AndTheWriteIsNotSentTwice() throws Exception {
    apps = NodeApps.start(cluster, RoutingMode.FORWARD, "litefs.routing.forward.timeout=1s");
    CountDownLatch gate = new CountDownLatch(1);
    EntriesApp.slowGate = gate;
    String text = "slow-" + UUID.randomUUID();
    try {
      HttpResponse<String> answer = Http.post(apps.replica(0), "/entries/slow", text);

      assertThat(answer.statusCode()).isEqualTo(504);
      assertThat(answer.body()).contains("may or may not have been made there");
      assertThat(log.warnings()).anyMatch(l -> l.contains("failed, answering 504"));
    } finally {
      gate.countDown();
      EntriesApp.slowGate = new CountDownLatch(0);
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> SharedCluster.countOnPrimary(text) == 1);
    apps.close();
    apps = null;
    assertThat(SharedCluster.countOnPrimary(text)).isEqualTo(1);
  }

  @Test
  void primaryLiteFsDownAnswers503ThenTheRetryIsWrittenOnce() throws Exception {
    apps = NodeApps.start(cluster, RoutingMode.FORWARD);
    URI replica = apps.replica(0);
    String text = "litefs-down-" + UUID.randomUUID();
    cluster.primary().kill();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> Http.get(replica, "/actuator/health/litefs").body().contains("DISCONNECTED"));

    HttpResponse<String> answer = Http.post(replica, "/entries", text);

    assertThat(answer.statusCode()).isEqualTo(503);
    assertThat(answer.headers().firstValue("Retry-After")).contains("1");
    assertThat(answer.body()).contains("knows no primary");
    assertThat(log.warnings()).anyMatch(l -> l.contains("no primary to send the write to"));

    cluster.ensureRunning();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> Http.get(replica, "/actuator/health/litefs").body().contains("\"UP\""));
    assertThat(SharedCluster.countOnPrimary(text)).isZero();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> Http.post(replica, "/entries", text).statusCode() == 200);
    assertThat(SharedCluster.countOnPrimary(text)).isEqualTo(1);
  }
}
