package io.github.litefs4j.spring.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.litefs4j.spring.RoutingMode;
import io.github.litefs4j.testing.LiteFsCluster;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Health, info and meters report each node's role over real HTTP. */
class ActuatorIT {
  private static NodeApps apps;

  @BeforeAll
  static void start() {
    LiteFsCluster cluster = SharedCluster.get();
    apps = NodeApps.start(cluster, RoutingMode.REFUSE);
  }

  @AfterAll
  static void stop() {
    if (apps != null) {
      apps.close();
    }
  }

  @Test
  void healthIsUpWithTheRoleOfEachNode() {
    HttpResponse<String> primary = Http.get(apps.primary(), "/actuator/health/litefs");
    assertThat(primary.statusCode()).isEqualTo(200);
    assertThat(primary.body())
        .contains("\"status\":\"UP\"")
        .contains("\"role\":\"PRIMARY\"")
        .contains("\"lagMillis\":0")
        .contains("\"txid\":\"");

    HttpResponse<String> replica = Http.get(apps.replica(0), "/actuator/health/litefs");
    assertThat(replica.statusCode()).isEqualTo(200);
    assertThat(replica.body())
        .contains("\"status\":\"UP\"")
        .contains("\"role\":\"REPLICA\"")
        .contains("\"primary\":\"node-0\"");
  }

  @Test
  void infoNamesTheRoleAndTheRoutingMode() {
    assertThat(Http.get(apps.replica(1), "/actuator/info").body())
        .contains("\"litefs\":{")
        .contains("\"role\":\"REPLICA\"")
        .contains("\"routingMode\":\"REFUSE\"");
  }

  @Test
  void primaryGaugeIsOneOnlyOnThePrimary() {
    assertThat(Http.get(apps.primary(), "/actuator/metrics/litefs.primary").body())
        .contains("\"value\":1.0");
    assertThat(Http.get(apps.replica(0), "/actuator/metrics/litefs.primary").body())
        .contains("\"value\":0.0");
  }

  @Test
  void lagIsMeasuredOnAReplica() {
    HttpResponse<String> lag = Http.get(apps.replica(0), "/actuator/metrics/litefs.lag");
    assertThat(lag.statusCode()).isEqualTo(200);
    assertThat(lag.body()).contains("\"baseUnit\":\"seconds\"").doesNotContain("NaN");
  }

  @Test
  void routedRequestsAreCountedByModeAndOutcome() {
    Http.post(apps.replica(1), "/entries", "metric-" + UUID.randomUUID());
    HttpResponse<String> refused =
        Http.get(
            apps.replica(1),
            "/actuator/metrics/litefs.routing.requests?tag=mode:refuse&tag=outcome:refused");
    assertThat(refused.statusCode()).isEqualTo(200);
    assertThat(refused.body()).contains("\"statistic\":\"COUNT\"").doesNotContain("\"value\":0.0");
  }
}
