package io.github.litefs4j.examples.notes;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.litefs4j.testing.LiteFsCluster;
import io.github.litefs4j.testing.LiteFsNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The notes sample on a real two-node cluster, one application per node, the way the demo starts
 * it: create, read, update and delete through the replica end up on the primary, and the replica
 * reads its client's own writes.
 */
class NotesIT {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private static final Pattern ID = Pattern.compile("\"id\":(\\d+)");

  private static LiteFsCluster cluster;
  private static final List<ConfigurableApplicationContext> apps = new ArrayList<>();
  private static URI primary;
  private static URI replica;

  @BeforeAll
  static void start() {
    cluster = LiteFsCluster.builder().replicas(1).start();
    primary = startOn(cluster.primary(), List.of());
    replica =
        startOn(
            cluster.replica(0),
            List.of("--litefs.routing.forward.urls." + cluster.primary().name() + "=" + primary));
  }

  @AfterAll
  static void stop() {
    apps.forEach(ConfigurableApplicationContext::close);
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void crudThroughTheReplicaIsWrittenOnThePrimaryAndReadBack() throws Exception {
    HttpResponse<String> created = send(replica, "POST", "/notes", "{\"text\":\"buy milk\"}", null);
    assertThat(created.statusCode()).isEqualTo(201);
    String id = id(created.body());
    String cookie = cookie(created);

    HttpResponse<String> read = send(replica, "GET", "/notes/" + id, null, cookie);
    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(read.body()).contains("\"text\":\"buy milk\"");
    assertThat(send(primary, "GET", "/notes/" + id, null, null).body()).contains("buy milk");

    HttpResponse<String> updated =
        send(replica, "PUT", "/notes/" + id, "{\"text\":\"buy oat milk\"}", cookie);
    assertThat(updated.statusCode()).isEqualTo(200);
    assertThat(send(replica, "GET", "/notes/" + id, null, cookie(updated)).body())
        .contains("buy oat milk");

    HttpResponse<String> deleted = send(replica, "DELETE", "/notes/" + id, null, cookie);
    assertThat(deleted.statusCode()).isEqualTo(204);
    assertThat(send(replica, "GET", "/notes/" + id, null, cookie(deleted)).statusCode())
        .isEqualTo(404);
    assertThat(send(primary, "GET", "/notes/" + id, null, null).statusCode()).isEqualTo(404);
  }

  @Test
  void blankTextIsRefusedWithoutWriting() throws Exception {
    String before = send(primary, "GET", "/notes", null, null).body();
    HttpResponse<String> refused = send(replica, "POST", "/notes", "{\"text\":\"  \"}", null);
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(send(primary, "GET", "/notes", null, null).body()).isEqualTo(before);
  }

  @Test
  void healthReportsEachNodesRole() throws Exception {
    assertThat(send(primary, "GET", "/actuator/health/litefs", null, null).body())
        .contains("\"role\":\"PRIMARY\"");
    assertThat(send(replica, "GET", "/actuator/health/litefs", null, null).body())
        .contains("\"role\":\"REPLICA\"");
  }

  private static URI startOn(LiteFsNode node, List<String> extra) {
    List<String> args = new ArrayList<>();
    args.add("--server.port=0");
    args.add("--server.address=127.0.0.1");
    args.add("--litefs.mount=" + node.mountDir());
    args.add("--litefs.url=" + node.httpUri());
    args.addAll(extra);
    ConfigurableApplicationContext context = NotesApplication.start(args.toArray(String[]::new));
    apps.add(context);
    int port = ((WebServerApplicationContext) context).getWebServer().getPort();
    return URI.create("http://127.0.0.1:" + port);
  }

  private static HttpResponse<String> send(
      URI base, String method, String path, String json, String cookie) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(Duration.ofSeconds(30))
            .method(
                method,
                json == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json));
    if (json != null) {
      request.header("Content-Type", "application/json");
    }
    if (cookie != null) {
      request.header("Cookie", cookie);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String id(String json) {
    Matcher m = ID.matcher(json);
    assertThat(m.find()).as("an id in " + json).isTrue();
    return m.group(1);
  }

  private static String cookie(HttpResponse<?> response) {
    return response.headers().allValues("Set-Cookie").stream()
        .filter(v -> v.startsWith("__txid="))
        .map(v -> v.substring(0, v.indexOf(';')))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no __txid cookie: " + response.headers()));
  }
}
