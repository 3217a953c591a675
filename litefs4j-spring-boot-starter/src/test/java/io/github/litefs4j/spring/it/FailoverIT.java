package io.github.litefs4j.spring.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.litefs4j.spring.RoutingMode;
import io.github.litefs4j.testing.LiteFsCluster;
import io.github.litefs4j.testing.LiteFsNode;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Routing follows a real failover: on a Consul-leased cluster of three candidates, the primary's
 * LiteFS is killed, another node takes the lease, and a write sent to the remaining replica is
 * forwarded to the new primary, written once.
 */
class FailoverIT {
  private static final Duration ELECTION = Duration.ofSeconds(30);

  @Test
  void forwardedWritesFollowTheLeaseToTheNewPrimary() throws Exception {
    try (LiteFsCluster cluster = LiteFsCluster.builder().consul().replicas(2).start()) {
      LiteFsNode first = cluster.awaitPrimary(ELECTION);
      try (NodeApps apps = NodeApps.start(cluster, RoutingMode.FORWARD)) {
        String before = "before-" + UUID.randomUUID();
        assertThat(Http.post(apps.replica(0), "/entries", before).statusCode()).isEqualTo(200);
        assertThat(SharedCluster.count(first, before)).isEqualTo(1);
        awaitOn(cluster, before);

        cluster.kill(first);
        LiteFsNode now = cluster.awaitPrimary(ELECTION);
        LiteFsNode replica = cluster.replicas().get(0);
        assertThat(now).isNotSameAs(first);
        URI replicaApp = apps.url(replica);
        await()
            .atMost(ELECTION)
            .until(
                () ->
                    Http.get(replicaApp, "/actuator/health/litefs")
                        .body()
                        .contains("\"primary\":\"" + now.name() + "\""));

        String after = "after-" + UUID.randomUUID();
        HttpResponse<String> answer = Http.post(replicaApp, "/entries", after);

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(SharedCluster.count(now, after)).isEqualTo(1);
        assertThat(SharedCluster.count(now, before)).isEqualTo(1);
        assertThat(Http.get(apps.url(now), "/actuator/health/litefs").body())
            .contains("\"role\":\"PRIMARY\"");
      }
    }
  }

  /** Waits until every running replica has what the primary has; then each holds {@code text}. */
  private static void awaitOn(LiteFsCluster cluster, String text) throws Exception {
    cluster.awaitReplicated(SharedCluster.DATABASE, Duration.ofSeconds(20));
    for (LiteFsNode node : cluster.replicas()) {
      assertThat(SharedCluster.count(node, text)).as(node.name()).isEqualTo(1);
    }
  }
}
