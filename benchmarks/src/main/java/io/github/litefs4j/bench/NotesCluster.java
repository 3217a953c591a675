package io.github.litefs4j.bench;

import io.github.litefs4j.examples.notes.NotesApplication;
import io.github.litefs4j.testing.LiteFsCluster;
import io.github.litefs4j.testing.LiteFsNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * P7's setup: a static-lease cluster of a primary and one replica with LiteFS's HTTP proxy on both
 * nodes, and the notes sample (Spring Boot + the litefs4j starter) three times in the runner's JVM:
 *
 * <ul>
 *   <li>{@link #primaryApp}: on the primary (the target of the primary's proxy);
 *   <li>{@link #proxiedReplicaApp}: on the replica behind the replica's proxy, with the starter's
 *       read-your-writes off, reached through {@link #replicaProxy};
 *   <li>{@link #starterReplicaApp}: on the replica, reached directly, with the starter's
 *       event-driven read-your-writes and {@code forward} routing to {@link #primaryApp}.
 * </ul>
 *
 * <p>Thread-safe once started; {@link #close()} stops the applications, then the cluster.
 */
final class NotesCluster implements AutoCloseable {
  static final String DB = "notes.db";
  private static final Pattern ID = Pattern.compile("\"id\":(\\d+)");
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  /**
   * A write's result: the note's id and the {@code __txid} cookie ({@code __txid=<hex>}; null to
   * read without it).
   */
  record Written(long id, String cookie) {}

  final URI primaryApp;
  final URI proxiedReplicaApp;
  final URI replicaProxy;
  final URI starterReplicaApp;
  private final LiteFsCluster cluster;
  private final List<ConfigurableApplicationContext> apps;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final AtomicLong texts = new AtomicLong();

  private NotesCluster(
      LiteFsCluster cluster, List<ConfigurableApplicationContext> apps, URI starterReplicaApp) {
    this.cluster = cluster;
    this.apps = apps;
    this.primaryApp = uri(apps.get(0));
    this.proxiedReplicaApp = uri(apps.get(1));
    this.replicaProxy = cluster.replica(0).proxyUri().orElseThrow();
    this.starterReplicaApp = starterReplicaApp;
  }

  static NotesCluster start(Path litefs, Path parent) throws IOException {
    int[] targets = {freePort(), freePort()};
    LiteFsCluster cluster =
        LiteFsCluster.builder()
            .binary(litefs)
            .baseDir(parent)
            .replicas(1)
            .proxy(DB, index -> targets[index])
            .start();
    List<ConfigurableApplicationContext> apps = new ArrayList<>();
    try {
      LiteFsNode primary = cluster.primary();
      LiteFsNode replica = cluster.replica(0);
      apps.add(app(primary, targets[0]));
      URI primaryUri = uri(apps.get(0));
      String forward = "--litefs.routing.forward.urls." + primary.name() + "=" + primaryUri;
      apps.add(app(replica, targets[1], "--litefs.read-your-writes.enabled=false", forward));
      apps.add(app(replica, 0, forward));
      return new NotesCluster(cluster, apps, uri(apps.get(2)));
    } catch (RuntimeException | Error e) {
      closeAll(apps, cluster);
      throw e;
    }
  }

  /** {@code POST /notes} to {@code base}; completes when the answer is 201. */
  CompletableFuture<Written> write(URI base) {
    String body = "{\"text\":\"p7 note " + texts.incrementAndGet() + "\"}";
    HttpRequest request =
        HttpRequest.newBuilder(base.resolve("/notes"))
            .timeout(TIMEOUT)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
        .thenApply(r -> written(base, r));
  }

  /**
   * {@code GET /notes/<id>} on {@code base} with the cookie; completes when it is 200 with the
   * note.
   */
  CompletableFuture<Void> read(URI base, Written note) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(base.resolve("/notes/" + note.id())).timeout(TIMEOUT).GET();
    if (note.cookie() != null) {
      builder.header("Cookie", note.cookie());
    }
    HttpRequest request = builder.build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
        .thenAccept(
            r -> {
              if (r.statusCode() != 200 || !r.body().contains("\"id\":" + note.id())) {
                throw new IllegalStateException(
                    "GET " + request.uri() + " with " + note.cookie() + ": " + describe(r));
              }
            });
  }

  private static Written written(URI base, HttpResponse<String> r) {
    Matcher id = ID.matcher(r.body());
    String cookie =
        r.headers().allValues("Set-Cookie").stream()
            .filter(c -> c.startsWith("__txid="))
            .map(c -> c.substring(0, c.indexOf(';') < 0 ? c.length() : c.indexOf(';')))
            .findFirst()
            .orElse(null);
    if (r.statusCode() != 201 || !id.find() || cookie == null) {
      throw new IllegalStateException("POST " + base + "/notes: " + describe(r));
    }
    return new Written(Long.parseLong(id.group(1)), cookie);
  }

  private static String describe(HttpResponse<String> r) {
    String body = r.body();
    return r.statusCode()
        + " "
        + r.headers().map()
        + " "
        + (body.length() > 200 ? body.substring(0, 200) + "..." : body);
  }

  private static ConfigurableApplicationContext app(LiteFsNode node, int port, String... extra) {
    List<String> args = new ArrayList<>();
    args.add("--server.port=" + port);
    args.add("--server.address=127.0.0.1");
    args.add("--litefs.mount=" + node.mountDir());
    args.add("--litefs.url=" + node.httpUri());
    args.add("--spring.main.banner-mode=off");
    args.add("--logging.level.root=WARN");
    args.addAll(List.of(extra));
    return NotesApplication.start(args.toArray(String[]::new));
  }

  private static URI uri(ConfigurableApplicationContext app) {
    int port = ((WebServerApplicationContext) app).getWebServer().getPort();
    return URI.create("http://127.0.0.1:" + port);
  }

  /** A port that was free a moment ago (for an application a LiteFS proxy names in advance). */
  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      return s.getLocalPort();
    }
  }

  @Override
  public void close() {
    closeAll(apps, cluster);
  }

  private static void closeAll(List<ConfigurableApplicationContext> apps, LiteFsCluster cluster) {
    try {
      for (int i = apps.size() - 1; i >= 0; i--) {
        apps.get(i).close();
      }
    } finally {
      cluster.close();
    }
  }
}
