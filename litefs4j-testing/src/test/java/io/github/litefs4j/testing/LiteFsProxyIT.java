package io.github.litefs4j.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.litefs4j.testsupport.Sql;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * LiteFS's built-in HTTP proxy on a real two-node cluster, each node's proxy in front of a small
 * application on that node that reads and writes the node's database with sqlite-jdbc.
 */
class LiteFsProxyIT {
  private static final String DB = "proxy.db";
  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private static final List<App> apps = new ArrayList<>();
  private static LiteFsCluster cluster;

  @BeforeAll
  static void start() throws Exception {
    apps.add(new App("node-0"));
    apps.add(new App("node-1"));
    cluster =
        LiteFsCluster.builder()
            .replicas(1)
            .proxy(DB, index -> apps.get(index).port(), List.of("/static/*"))
            .start();
    for (int i = 0; i < apps.size(); i++) {
      apps.get(i).serve(cluster.nodes().get(i).database(DB));
    }
    Sql.exec(
        cluster.primary().database(DB), "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)");
    cluster.awaitReplicated(DB, Duration.ofSeconds(10));
  }

  @AfterAll
  static void stop() {
    apps.forEach(App::close);
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void eachNodesProxyHasItsOwnPortAndForwardsAReadToThatNodesApplication() throws Exception {
    for (LiteFsNode node : cluster.nodes()) {
      URI proxy = node.proxyUri().orElseThrow();
      assertThat(proxy.getPort()).isNotEqualTo(node.httpPort());
      HttpResponse<String> read = send("GET", proxy.resolve("/notes"), null);
      assertThat(read.statusCode()).isEqualTo(200);
      assertThat(read.body()).startsWith(node.name() + " notes=");
    }
    assertThat(cluster.primary().proxyUri()).isNotEqualTo(cluster.replica(0).proxyUri());
  }

  @Test
  void writeThroughThePrimaryProxySetsTheTxidCookieAndAReadWithItOnTheReplicaSeesTheWrite()
      throws Exception {
    LiteFsNode primary = cluster.primary();
    int before = count(primary);

    HttpResponse<String> write =
        send("POST", primary.proxyUri().orElseThrow().resolve("/notes"), null);

    assertThat(write.statusCode()).isEqualTo(201);
    String cookie =
        write.headers().allValues("Set-Cookie").stream()
            .filter(c -> c.startsWith("__txid="))
            .findFirst()
            .orElseThrow();
    String txid = cookie.substring("__txid=".length(), cookie.indexOf(';'));
    String position = Files.readString(primary.mountDir().resolve(DB + "-pos"));
    assertThat(txid).matches("[0-9a-f]{16}").isEqualTo(position.substring(0, 16));

    HttpResponse<String> read =
        send(
            "GET", cluster.replica(0).proxyUri().orElseThrow().resolve("/notes"), "__txid=" + txid);
    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(read.body()).isEqualTo("node-1 notes=" + (before + 1));
  }

  @Test
  void writeThroughTheReplicaProxyIsAnsweredWithFlyReplayAndReachesNoApplication()
      throws Exception {
    LiteFsNode replica = cluster.replica(0);
    int before = count(cluster.primary());
    int writesBefore = apps.get(0).writes.get() + apps.get(1).writes.get();

    HttpResponse<String> write =
        send("POST", replica.proxyUri().orElseThrow().resolve("/notes"), null);

    assertThat(write.statusCode()).isEqualTo(200);
    assertThat(write.headers().firstValue("fly-replay")).contains("instance=node-0");
    assertThat(write.body()).isEmpty();
    assertThat(apps.get(0).writes.get() + apps.get(1).writes.get()).isEqualTo(writesBefore);
    assertThat(count(cluster.primary())).isEqualTo(before);
  }

  @Test
  void aPassthroughPathIsForwardedWithoutACookie() throws Exception {
    HttpResponse<String> write =
        send("POST", cluster.primary().proxyUri().orElseThrow().resolve("/static/x"), null);

    assertThat(write.statusCode()).isEqualTo(200);
    assertThat(write.body()).isEqualTo("node-0 static");
    assertThat(write.headers().allValues("Set-Cookie")).isEmpty();
  }

  private static int count(LiteFsNode node) throws SQLException {
    return Integer.parseInt(Sql.query(node.database(DB), "SELECT count(*) FROM notes").get(0));
  }

  private static HttpResponse<String> send(String method, URI uri, String cookie)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(30))
            .method(method, HttpRequest.BodyPublishers.noBody());
    if (cookie != null) {
      request.header("Cookie", cookie);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /**
   * The application behind one node's proxy: {@code GET /notes} counts the rows of this node's
   * database, {@code POST /notes} inserts one, {@code /static/*} answers without touching it.
   */
  private static final class App implements AutoCloseable {
    private final String name;
    private final HttpServer server;
    private final AtomicInteger writes = new AtomicInteger();
    private volatile Path db;

    App(String name) throws IOException {
      this.name = name;
      this.server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.createContext("/notes", this::notes);
      server.createContext("/static/", e -> answer(e, 200, name + " static"));
    }

    int port() {
      return server.getAddress().getPort();
    }

    void serve(Path database) {
      this.db = database;
      server.start();
    }

    private void notes(HttpExchange exchange) throws IOException {
      try {
        if (exchange.getRequestMethod().equals("POST")) {
          writes.incrementAndGet();
          Sql.exec(db, "INSERT INTO notes (text) VALUES ('from " + name + "')");
          answer(exchange, 201, name + " wrote");
        } else {
          String n = Sql.query(db, "SELECT count(*) FROM notes").get(0);
          answer(exchange, 200, name + " notes=" + n);
        }
      } catch (SQLException e) {
        answer(exchange, 500, name + " " + e);
      }
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status, bytes.length);
      exchange.getResponseBody().write(bytes);
      exchange.close();
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }
}
