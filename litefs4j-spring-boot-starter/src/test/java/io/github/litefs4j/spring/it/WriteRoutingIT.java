package io.github.litefs4j.spring.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.litefs4j.spring.RoutingMode;
import io.github.litefs4j.testing.LiteFsCluster;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Writes sent to a replica end up on the primary, exactly once, in every routing mode: the test
 * application runs on each node of a real cluster and is driven over real HTTP.
 */
class WriteRoutingIT {
  private LiteFsCluster cluster;

  @BeforeEach
  void cluster() {
    cluster = SharedCluster.get();
  }

  @ParameterizedTest
  @EnumSource(RoutingMode.class)
  void writeSentToAReplicaEndsUpOnThePrimaryOnce(RoutingMode mode) throws Exception {
    String text = "routing-" + mode + "-" + UUID.randomUUID();
    try (NodeApps apps = NodeApps.start(cluster, mode)) {
      HttpResponse<String> answer = Http.post(apps.replica(0), "/entries", text);
      switch (mode) {
        case FORWARD, HALT -> {
          assertThat(answer.statusCode()).isEqualTo(200);
          assertThat(Http.txidCookie(answer)).isPresent();
        }
        case FLY_REPLAY -> {
          assertThat(answer.statusCode()).isEqualTo(421);
          assertThat(answer.headers().firstValue("fly-replay")).contains("instance=node-0");
          assertThat(SharedCluster.countOnPrimary(text)).isZero();
          answer = replayAsFlysProxyDoes(apps, answer, text);
          assertThat(answer.statusCode()).isEqualTo(200);
        }
        case REFUSE -> {
          assertThat(answer.statusCode()).isEqualTo(503);
          assertThat(answer.headers().firstValue("Retry-After")).contains("1");
          assertThat(SharedCluster.countOnPrimary(text)).isZero();
          answer = Http.post(apps.primary(), "/entries", text);
          assertThat(answer.statusCode()).isEqualTo(200);
        }
      }
      assertThat(SharedCluster.countOnPrimary(text)).isEqualTo(1);
      URI replica = apps.replica(0);
      cluster.awaitReplicated(SharedCluster.DATABASE, Duration.ofSeconds(10));
      assertThat(Http.get(replica, "/entries/count?text=" + text).body()).isEqualTo("1");
    }
  }

  @Test
  void annotationsOverrideTheMethodRule() throws Exception {
    String text = "annotated-" + UUID.randomUUID();
    try (NodeApps apps = NodeApps.start(cluster, RoutingMode.REFUSE)) {
      HttpResponse<String> touch = Http.get(apps.replica(0), "/entries/touch?text=" + text);
      assertThat(touch.statusCode()).as("@LiteFsWrite GET on a replica is a write").isEqualTo(503);

      HttpResponse<String> search = Http.post(apps.replica(0), "/entries/search", text);
      assertThat(search.statusCode()).as("@LiteFsRead POST on a replica is a read").isEqualTo(200);
      assertThat(search.body()).isEqualTo("0");

      assertThat(Http.get(apps.primary(), "/entries/touch?text=" + text).statusCode())
          .isEqualTo(200);
      assertThat(SharedCluster.countOnPrimary(text)).isEqualTo(1);
    }
  }

  @Test
  void forwardedWriteCarriesThePrimarysCookieAndBodyBack() throws Exception {
    String text = "forwarded-" + UUID.randomUUID();
    try (NodeApps apps = NodeApps.start(cluster, RoutingMode.FORWARD)) {
      HttpResponse<String> answer = Http.post(apps.replica(1), "/entries", text);
      assertThat(answer.statusCode()).isEqualTo(200);
      long id = Long.parseLong(answer.body());
      assertThat(Http.get(apps.primary(), "/entries/" + id).body()).isEqualTo(text);
      assertThat(Http.txidCookie(answer))
          .hasValueSatisfying(c -> assertThat(c).matches("__txid=[0-9a-f]{16}"));
    }
  }

  /** Fly's proxy: sends the same request again to the instance the header names. */
  private HttpResponse<String> replayAsFlysProxyDoes(
      NodeApps apps, HttpResponse<String> replay, String body) {
    String instance =
        replay.headers().firstValue("fly-replay").orElseThrow().substring("instance=".length());
    URI target =
        apps.url(
            cluster.nodes().stream()
                .filter(n -> n.name().equals(instance))
                .findFirst()
                .orElseThrow());
    return Http.post(target, "/entries", body);
  }
}
