package io.github.litefs4j.bench;

import io.github.litefs4j.LiteFsClient;
import io.github.litefs4j.PrimaryMonitor;
import io.github.litefs4j.PrimaryState;
import io.github.litefs4j.testing.LiteFsNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * P8's three watchers of one node, started together: a blocking socket on the node's own {@code
 * /events} (when does the node say it is primary), litefs4j's {@code PrimaryMonitor} and the Go
 * baseline's monitor (when does each report a primary hostname). Times are wall-clock nanoseconds.
 */
final class NodeWatch implements AutoCloseable {
  private final LiteFsNode node;
  private final Socket socket;
  private final CompletableFuture<Void> socketReady = new CompletableFuture<>();
  private final CompletableFuture<Long> becamePrimary = new CompletableFuture<>();
  private final PrimaryMonitor monitor;
  private final CompletableFuture<Void> monitorReady = new CompletableFuture<>();
  private final Map<String, CompletableFuture<Long>> javaReports = new ConcurrentHashMap<>();
  private final Process goProcess;
  private final LineStream goLines;

  private NodeWatch(Context c, LiteFsNode node) throws IOException {
    this.node = node;
    URI uri = node.httpUri();
    socket = new Socket(uri.getHost(), uri.getPort());
    OutputStream out = socket.getOutputStream();
    out.write(
        ("GET /events HTTP/1.1\r\nHost: " + uri.getAuthority() + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    out.flush();
    Thread reader = new Thread(this::readSocket, "bench-p8-socket-" + node.name());
    reader.setDaemon(true);
    reader.start();
    monitor = LiteFsClient.create(uri).monitorPrimary();
    monitor.addListener((before, now) -> onState(now));
    onState(monitor.state());
    goProcess =
        new ProcessBuilder(c.go.command("monitor", "-url", uri.toString()))
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    goLines = new LineStream(goProcess, "the Go monitor of " + node.name());
  }

  static NodeWatch open(Context c, LiteFsNode node) throws IOException {
    return new NodeWatch(c, node);
  }

  LiteFsNode node() {
    return node;
  }

  /** Waits until each watcher has the node's current state. */
  void awaitConnected(Duration timeout) throws Exception {
    socketReady.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    monitorReady.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    goLines.await(m -> "state".equals(m.get("event")), timeout, "its first state");
  }

  /** The watch of the node (not {@code old}) whose own stream first said it is primary. */
  static NodeWatch firstPrimary(List<NodeWatch> watches, LiteFsNode old, Duration timeout)
      throws Exception {
    CompletableFuture<?>[] futures =
        watches.stream()
            .filter(w -> w.node != old)
            .map(w -> w.becamePrimary)
            .toArray(CompletableFuture[]::new);
    CompletableFuture.anyOf(futures).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    NodeWatch first = null;
    for (NodeWatch w : watches) {
      if (w.node != old
          && w.becamePrimary.isDone()
          && (first == null || w.leaseAt() < first.leaseAt())) {
        first = w;
      }
    }
    return first;
  }

  /** When the node's own stream said it is primary. */
  long leaseAt() {
    return becamePrimary.join();
  }

  /** When litefs4j's monitor first reported {@code hostname} as the primary. */
  long javaSaw(String hostname, Duration timeout) throws Exception {
    return report(hostname).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** When the Go baseline's monitor stored {@code hostname} as the primary. */
  long goSaw(String hostname, Duration timeout) throws Exception {
    Map<String, Object> seen =
        goLines.await(
            m ->
                "state".equals(m.get("event"))
                    && Boolean.FALSE.equals(m.get("isPrimary"))
                    && hostname.equals(Json.string(m, "hostname")),
            timeout,
            "the new primary " + hostname);
    return (long) Json.number(seen, "tNs");
  }

  private CompletableFuture<Long> report(String hostname) {
    return javaReports.computeIfAbsent(hostname, h -> new CompletableFuture<>());
  }

  private void onState(PrimaryState now) {
    long at = Context.wallNanos();
    if (now.role() == PrimaryState.Role.UNKNOWN) {
      return;
    }
    monitorReady.complete(null);
    if (now.role() == PrimaryState.Role.REPLICA) {
      now.primaryHostname().ifPresent(h -> report(h).complete(at));
    }
  }

  private void readSocket() {
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (line.contains("\"type\":\"init\"")) {
          socketReady.complete(null);
        } else if (line.contains("\"primaryChange\"") && line.contains("\"isPrimary\":true")) {
          becamePrimary.complete(Context.wallNanos());
        }
      }
    } catch (IOException e) {
      // closed after the round, or the node was killed
    }
  }

  @Override
  public void close() throws Exception {
    socket.close();
    monitor.close();
    goProcess.destroy();
    goProcess.waitFor(5, TimeUnit.SECONDS);
  }
}
