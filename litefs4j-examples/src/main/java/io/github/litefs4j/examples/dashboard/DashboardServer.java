package io.github.litefs4j.examples.dashboard;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Serves the dashboard on 127.0.0.1 with the JDK's own HTTP server (no web framework: the page must
 * keep running while the nodes and their applications die, and it needs nothing else): the page and
 * its script from the classpath, {@code GET /events} (server-sent events), and the actions as
 * {@code POST /api/...}. POSTs from another origin are refused, so no other web page can drive the
 * cluster.
 *
 * <p>Thread-safe.
 */
final class DashboardServer implements AutoCloseable {
  private static final String RESOURCES = "/io/github/litefs4j/examples/dashboard/";

  private final HttpServer server;
  private final ExecutorService executor =
      Executors.newCachedThreadPool(Dashboard.daemonThreads("demo-http"));
  private final Dashboard dashboard;
  private final Actions actions;

  private DashboardServer(HttpServer server, Dashboard dashboard, Actions actions) {
    this.server = server;
    this.dashboard = dashboard;
    this.actions = actions;
  }

  /**
   * Starts the server.
   *
   * @param port the port on 127.0.0.1, or 0 for a free one
   * @param dashboard the model
   * @param actions what the buttons do
   * @return the running server
   * @throws IOException if the port cannot be bound
   */
  static DashboardServer start(int port, Dashboard dashboard, Actions actions) throws IOException {
    HttpServer http =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
    DashboardServer server = new DashboardServer(http, dashboard, actions);
    http.setExecutor(server.executor);
    http.createContext("/", server::handle);
    http.start();
    return server;
  }

  /** The page's address, {@code http://127.0.0.1:<port>/}. */
  URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      String method = exchange.getRequestMethod();
      if (method.equals("GET")) {
        switch (path) {
          case "/", "/index.html" -> resource(exchange, "index.html", "text/html");
          case "/dashboard.js" -> resource(exchange, "dashboard.js", "text/javascript");
          case "/dashboard.css" -> resource(exchange, "dashboard.css", "text/css");
          case "/events" -> dashboard.hub().serve(exchange, dashboard::hello);
          case "/api/state" -> json(exchange, 200, dashboard.state());
          default -> text(exchange, 404, "not found: " + path);
        }
      } else if (method.equals("POST") && path.startsWith("/api/")) {
        post(exchange, path);
      } else {
        text(exchange, 405, "method not allowed: " + method + " " + path);
      }
    }
  }

  private void post(HttpExchange exchange, String path) throws IOException {
    String origin = exchange.getRequestHeaders().getFirst("Origin");
    String own = uri().toString().replaceAll("/$", "");
    if (origin != null && !origin.equals(own)) {
      text(exchange, 403, "cross-origin request refused: " + origin);
      return;
    }
    Map<String, String> form = form(exchange.getRequestBody());
    try {
      switch (path) {
        case "/api/write" ->
            json(
                exchange,
                200,
                actions.write(form.getOrDefault("node", ""), form.get("text")).json());
        case "/api/kill-primary" -> done(exchange, () -> "killed " + actions.killPrimary().name());
        case "/api/restart" ->
            done(
                exchange,
                () -> {
                  var restarted = actions.restartDown();
                  return restarted.isEmpty()
                      ? "every node is running"
                      : "restarted " + names(restarted);
                });
        case "/api/handoff" ->
            done(exchange, () -> "lease handed to " + actions.handoffPrimary().name());
        default -> text(exchange, 404, "not found: " + path);
      }
    } catch (Actions.Refused e) {
      Map<String, Object> error = new LinkedHashMap<>();
      error.put("error", e.getMessage());
      json(exchange, 409, error);
    } catch (RuntimeException e) {
      Map<String, Object> error = new LinkedHashMap<>();
      error.put("error", CoreErrors.describe(e));
      dashboard.log("demo", "error", path + " failed: " + CoreErrors.describe(e));
      json(exchange, 500, error);
    }
  }

  private static String names(java.util.List<io.github.litefs4j.testing.LiteFsNode> nodes) {
    return String.join(", ", nodes.stream().map(n -> n.name()).toList());
  }

  private static void done(HttpExchange exchange, Supplier<String> action) throws IOException {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("message", action.get());
    json(exchange, 200, result);
  }

  private static Map<String, String> form(InputStream body) throws IOException {
    String text = new String(body.readNBytes(64 * 1024), StandardCharsets.UTF_8);
    Map<String, String> form = new HashMap<>();
    for (String pair : text.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        form.put(
            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return form;
  }

  private static void resource(HttpExchange exchange, String name, String type) throws IOException {
    try (InputStream in = DashboardServer.class.getResourceAsStream(RESOURCES + name)) {
      if (in == null) {
        text(exchange, 500, "missing from the classpath: " + RESOURCES + name);
        return;
      }
      send(exchange, 200, type + "; charset=utf-8", in.readAllBytes());
    }
  }

  private static void json(HttpExchange exchange, int status, Map<String, Object> value)
      throws IOException {
    send(
        exchange,
        status,
        "application/json; charset=utf-8",
        Json.write(value).getBytes(StandardCharsets.UTF_8));
  }

  private static void text(HttpExchange exchange, int status, String text) throws IOException {
    send(exchange, status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
  }

  private static void send(HttpExchange exchange, int status, String type, byte[] body)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  /** Stops serving: open event streams end, requests under way get up to a second. */
  @Override
  public void close() {
    dashboard.hub().close();
    server.stop(1);
    executor.shutdownNow();
  }
}
