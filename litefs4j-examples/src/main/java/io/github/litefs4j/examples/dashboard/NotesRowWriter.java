package io.github.litefs4j.examples.dashboard;

import io.github.litefs4j.Position;
import io.github.litefs4j.PrimaryMonitor;
import io.github.litefs4j.ReadYourWrites;
import io.github.litefs4j.examples.notes.NotesApplication;
import io.github.litefs4j.testing.LiteFsNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Writes through the notes sample, a Spring Boot application on litefs4j-spring-boot-starter,
 * started once per node on its own port: {@code POST /notes} to the chosen node's application. On a
 * replica the starter forwards the request to the primary's application ({@code forward} mode); the
 * answer's {@code __txid} cookie carries the commit's TXID.
 *
 * <p>Each application knows every node's application address ({@code
 * litefs.routing.forward.urls.node-N}), since any node may become primary. The row's mark ends its
 * text as {@code [mark]}, so the dashboard finds it in the notes table on every node.
 *
 * <p>Thread-safe.
 */
final class NotesRowWriter implements RowWriter {
  private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");
  private static final Duration TIMEOUT = Duration.ofSeconds(15);
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

  private final DemoCluster cluster;
  private final Rows rows = new Rows("notes.db", "notes", "substr(text, -9, 8)");
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();
  private final Map<String, URI> apps = new LinkedHashMap<>();
  private final Map<String, ConfigurableApplicationContext> contexts = new LinkedHashMap<>();

  NotesRowWriter(DemoCluster cluster) throws IOException {
    this.cluster = cluster;
    for (LiteFsNode node : cluster.nodes()) {
      apps.put(node.name(), URI.create("http://127.0.0.1:" + freePort()));
    }
  }

  @Override
  public Rows rows() {
    return rows;
  }

  @Override
  public String description() {
    return "POST /notes to the chosen node's notes application (Spring Boot + litefs4j starter;"
        + " a replica forwards the write to the primary's application)";
  }

  /** The address of each node's application, in node order. */
  Map<String, URI> apps() {
    return new LinkedHashMap<>(apps);
  }

  /** Starts the applications, the primary's first (it runs the Flyway migration). */
  @Override
  public void prepare(LiteFsNode primary) {
    start(primary);
    for (LiteFsNode node : cluster.nodes()) {
      if (node != primary) {
        start(node);
      }
    }
  }

  /** The node crashed: its application goes with it. */
  @Override
  public void nodeKilled(LiteFsNode node) {
    ConfigurableApplicationContext context;
    synchronized (contexts) {
      context = contexts.remove(node.name());
    }
    if (context != null) {
      context.close();
    }
  }

  /** The node is back: so is its application, on the same port. */
  @Override
  public void nodeRestarted(LiteFsNode node) {
    start(node);
  }

  /** Starts the node's application and waits until the starter knows the node's role. */
  private void start(LiteFsNode node) {
    List<String> args = new ArrayList<>();
    args.add("--server.address=127.0.0.1");
    args.add("--server.port=" + apps.get(node.name()).getPort());
    args.add("--litefs.mount=" + node.mountDir());
    args.add("--litefs.url=" + node.httpUri());
    apps.forEach((name, uri) -> args.add("--litefs.routing.forward.urls." + name + "=" + uri));
    args.add("--spring.main.banner-mode=off");
    args.add("--logging.level.root=WARN");
    synchronized (contexts) {
      if (!contexts.containsKey(node.name())) {
        ConfigurableApplicationContext context =
            NotesApplication.start(args.toArray(String[]::new));
        contexts.put(node.name(), context);
        context.getBean(PrimaryMonitor.class).awaitReady(READY_TIMEOUT); // event-driven
      }
    }
  }

  @Override
  public Written write(LiteFsNode via, String text) throws IOException, InterruptedException {
    String mark = UUID.randomUUID().toString().substring(0, 8);
    String body = "{\"text\":" + Json.write(text + " [" + mark + "]") + "}";
    String appliedOn = RowWriter.primaryAsSeenBy(via);
    long start = System.nanoTime();
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(apps.get(via.name()).resolve("/notes"))
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    if (response.statusCode() != 201) {
      throw new IllegalStateException(
          "POST /notes on "
              + via.name()
              + "'s application answered "
              + response.statusCode()
              + ": "
              + response.body().strip());
    }
    Matcher id = ID.matcher(response.body());
    String cookie = String.join("; ", response.headers().allValues("Set-Cookie"));
    long txid =
        ReadYourWrites.Token.fromCookieHeader(cookie.replace(",", ";"))
            .orElseThrow(() -> new IllegalStateException("no __txid cookie in " + cookie))
            .txid();
    return new Written(
        id.find() ? Long.parseLong(id.group(1)) : -1,
        mark,
        via.name(),
        appliedOn,
        new Position(txid, 0),
        took,
        appliedOn.equals(via.name())
            ? "POST /notes on the primary's application"
            : "POST /notes on "
                + via.name()
                + "'s application, forwarded by the starter to "
                + appliedOn);
  }

  @Override
  public void close() {
    List<ConfigurableApplicationContext> open;
    synchronized (contexts) {
      open = new ArrayList<>(contexts.values());
      contexts.clear();
    }
    open.forEach(ConfigurableApplicationContext::close);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
