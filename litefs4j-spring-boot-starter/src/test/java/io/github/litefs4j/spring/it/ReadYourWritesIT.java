package io.github.litefs4j.spring.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.litefs4j.LiteFS;
import io.github.litefs4j.spring.RoutingMode;
import io.github.litefs4j.spring.internal.TxidCookies;
import io.github.litefs4j.testing.LiteFsCluster;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Read-your-writes across nodes with the {@code __txid} cookie in the LiteFS proxy's format: a
 * write made through one replica (forwarded to the primary) is seen by a read on another replica
 * that carries the cookie, and such a read waits for the replica's event stream, capped.
 */
class ReadYourWritesIT {
  private static LiteFsCluster cluster;
  private static NodeApps apps;

  @BeforeAll
  static void start() {
    cluster = SharedCluster.get();
    apps = NodeApps.start(cluster, RoutingMode.FORWARD, "litefs.read-your-writes.max-wait=2s");
  }

  @AfterAll
  static void stop() {
    if (apps != null) {
      apps.close();
    }
  }

  @Test
  void writeThroughOneReplicaIsReadOnAnotherWithTheCookie() {
    String text = "ryw-" + UUID.randomUUID();
    HttpResponse<String> write = Http.post(apps.replica(0), "/entries", text);
    assertThat(write.statusCode()).isEqualTo(200);
    String cookie = Http.txidCookie(write).orElseThrow();

    HttpResponse<String> read = Http.get(apps.replica(1), "/entries/" + write.body(), cookie);
    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(read.body()).isEqualTo(text);
  }

  @Test
  void cookieNamesThePrimarysTxidInTheProxysFormat() {
    HttpResponse<String> write = Http.post(apps.primary(), "/entries", "fmt-" + UUID.randomUUID());
    String setCookie =
        write.headers().allValues("Set-Cookie").stream()
            .filter(v -> v.startsWith("__txid="))
            .findFirst()
            .orElseThrow();
    assertThat(setCookie).matches("__txid=[0-9a-f]{16}; Path=/; Max-Age=300; HttpOnly");
    long onPrimary = LiteFS.position(cluster.primary().database(SharedCluster.DATABASE)).txid();
    assertThat(TxidCookies.txidOf(setCookie)).isLessThanOrEqualTo(onPrimary).isPositive();
  }

  @Test
  void readWaitsForAWriteThatCommitsAfterItArrived() throws Exception {
    String text = "later-" + UUID.randomUUID();
    long next = LiteFS.position(cluster.primary().database(SharedCluster.DATABASE)).txid() + 1;
    String cookie = TxidCookies.NAME + "=" + String.format("%016x", next);

    CompletableFuture<HttpResponse<String>> read =
        Http.getAsync(apps.replica(1), "/entries/count?text=" + text, cookie);
    await().atMost(Duration.ofSeconds(10)).until(ReadYourWritesIT::aRequestWaitsForAPosition);
    assertThat(read).isNotDone();

    assertThat(Http.post(apps.primary(), "/entries", text).statusCode()).isEqualTo(200);
    HttpResponse<String> answer = read.get(30, TimeUnit.SECONDS);
    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.body()).as("the read ran after the later write replicated").isEqualTo("1");
  }

  @Test
  void cookieAheadOfTheClusterAnswers503AfterTheCap() {
    long ahead = LiteFS.position(cluster.primary().database(SharedCluster.DATABASE)).txid() + 1000;
    HttpResponse<String> read =
        Http.get(
            apps.replica(0),
            "/entries/count?text=x",
            TxidCookies.NAME + "=" + String.format("%016x", ahead));
    assertThat(read.statusCode()).isEqualTo(503);
    assertThat(read.headers().firstValue("Retry-After")).contains("1");
    assertThat(read.body()).contains("has not reached the client's last write within PT2S");
  }

  @Test
  void malformedCookieAnswers400AndDeletesIt() {
    HttpResponse<String> read = Http.get(apps.replica(0), "/entries/count?text=x", "__txid=zz");
    assertThat(read.statusCode()).isEqualTo(400);
    assertThat(read.headers().allValues("Set-Cookie")).anyMatch(v -> v.startsWith("__txid=;"));
  }

  private static boolean aRequestWaitsForAPosition() {
    return Thread.getAllStackTraces().values().stream()
        .anyMatch(
            stack ->
                Arrays.stream(stack)
                    .anyMatch(
                        f ->
                            f.getClassName().equals("io.github.litefs4j.PositionWaiter")
                                && f.getMethodName().equals("await")));
  }
}
