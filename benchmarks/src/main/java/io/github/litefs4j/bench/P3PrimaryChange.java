package io.github.litefs4j.bench;

import io.github.litefs4j.LiteFsClient;
import io.github.litefs4j.PrimaryMonitor;
import io.github.litefs4j.PrimaryState;
import io.github.litefs4j.testing.LiteFsClusterException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

/**
 * P3, primary-change detection: a client follows the replica's event stream; the primary is killed
 * with SIGKILL; the time from the kill until the client reports the replica disconnected (no
 * primary). One client per kill, in rotating order; the primary is restarted between kills. Besides
 * litefs4j and the Go baseline, two floors are measured the same way: a blocking socket that reads
 * the raw stream, and the JDK's HttpClient with a plain line subscriber (the transport litefs4j
 * uses), so the report can say where the time goes.
 */
final class P3PrimaryChange {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static int restarts;
  private static P3Breakdown breakdown = new P3Breakdown();

  private P3PrimaryChange() {}

  /** One client watching the replica for one kill. */
  interface Watch extends AutoCloseable {
    /** Waits until the client reports the replica connected to the primary. */
    void awaitConnected() throws Exception;

    /** Waits until the client reports it disconnected; returns that wall-clock time (ns). */
    long awaitDisconnected() throws Exception;

    @Override
    void close() throws Exception;
  }

  private interface WatchFactory {
    Watch open() throws Exception;
  }

  static void run(Context c, BenchCluster cluster) throws Exception {
    URI replica = cluster.replica().httpUri();
    String primaryName = cluster.primary().name();
    Map<String, WatchFactory> variants = new LinkedHashMap<>();
    variants.put("litefs4j", () -> litefs4j(replica));
    variants.put("go", () -> go(c, replica, primaryName));
    variants.put("socket", () -> socket(replica, primaryName));
    variants.put("jdk", () -> jdkHttpClient(replica, primaryName));
    breakdown = new P3Breakdown();
    variants.put("tap", () -> breakdown.open(replica));
    List<String> names = new ArrayList<>(variants.keySet());
    int rounds = c.config.p3Rounds();
    Map<String, double[]> times = new LinkedHashMap<>();
    names.forEach(n -> times.put(n, new double[rounds]));
    c.log("P3: one warm-up kill per client (class loading; not counted)");
    for (String name : names) {
      round(cluster, variants.get(name));
    }
    breakdown = new P3Breakdown(); // the warm-up kills are not counted
    int floorRounds = Math.min(rounds, c.config.p3FloorRounds());
    times.put("jdk", new double[floorRounds]);
    times.put("tap", new double[floorRounds]);
    for (int r = 0; r < rounds; r++) {
      // The socket floor in every round, next to litefs4j and Go: it bounds what any JVM client
      // can reach, so it needs the repetitions too. The JDK floor and the tap only in the first
      // rounds: they say where the time goes.
      List<String> turn = r < floorRounds ? names : names.subList(0, 3);
      for (int k = 0; k < turn.size(); k++) {
        String name = turn.get((r + k) % turn.size());
        times.get(name)[r] = round(cluster, variants.get(name));
      }
      c.log(
          "P3: round %d: litefs4j %s, Go %s, socket %s%s",
          r + 1,
          Report.ms(times.get("litefs4j")[r]),
          Report.ms(times.get("go")[r]),
          Report.ms(times.get("socket")[r]),
          r < floorRounds
              ? ", JDK HttpClient "
                  + Report.ms(times.get("jdk")[r])
                  + ", litefs4j tapped "
                  + Report.ms(times.get("tap")[r])
              : "");
    }
    double j = Stats.median(times.get("litefs4j"));
    double g = Stats.median(times.get("go"));
    double s = Stats.median(times.get("socket"));
    double h = Stats.median(times.get("jdk"));
    c.report.row(
        new Report.Row(
            "P3 primary-change detection",
            "kill -9 of the primary until the monitor reports it, median of " + rounds,
            Report.ms(j),
            Report.ms(g),
            Report.ratio(times.get("litefs4j"), times.get("go"), 50),
            "< 1.0x, the interval's upper bound included",
            Report.Verdict.of(
                Stats.ratioInterval(times.get("litefs4j"), times.get("go"), 50)[1] < 1.0)));
    c.report.row(
        new Report.Row(
            "P3 floor: a blocking socket, no library (context for P3)",
            "the same kills, read by a thread blocked in `read`, median of " + rounds,
            Report.ms(s),
            Report.ms(g),
            Report.ratio(times.get("socket"), times.get("go"), 50),
            "",
            Report.Verdict.NONE));
    String section = "P3 primary-change detection";
    c.report.detail(
        section,
        "A client follows the replica's `GET /events`. Once it reports the replica connected to"
            + " `node-0`, the runner takes the wall-clock time and kills the primary's `litefs`"
            + " process with SIGKILL (`LiteFsNode.kill()`); the replica sees its stream from the"
            + " primary break and sends `primaryChange` without a hostname. The figure is the"
            + " wall-clock time at which the client reports the new state minus the kill time"
            + " (both CLOCK_REALTIME of this machine). litefs4j: `LiteFsClient.monitorPrimary()`"
            + " with a listener that takes the time when the role becomes DISCONNECTED. Go"
            + " baseline: its monitor loop, instrumented to print the time at which it stores the"
            + " state (litefs-go has no callback: its users poll `Hostname()` and learn it later,"
            + " by up to their poll interval). One kill per client per round, "
            + rounds
            + " rounds after one uncounted warm-up kill per client (class loading), the order"
            + " rotating; after each kill the primary is restarted, then the replica (a starting replica"
            + " connects at once, a running one retries once a second), and the runner waits until"
            + " the replica is connected.");
    c.report.detail(
        section,
        "The socket floor is measured in every round, in the rotation with the two clients"
            + " compared: every JVM client, litefs4j included, reads the same bytes and then does"
            + " more, so the floor's ratio to the Go baseline bounds what a JVM client can reach"
            + " here. The JDK floor and the tapped litefs4j below are measured in the first "
            + floorRounds
            + " rounds only (they say where the time goes).");
    c.report.detail(
        section,
        "Two floors, measured the same way in the same rounds: a blocking `java.net.Socket` in"
            + " the runner's JVM that sends the request by hand and reads the raw chunked stream"
            + " line by line (when the bytes reach user space: LiteFS's own detection plus one"
            + " wake-up), and the JDK's `HttpClient` (HTTP/1.1) with"
            + " `BodyHandlers.fromLineSubscriber` (the transport litefs4j uses, without"
            + " litefs4j).");
    c.report.detail(
        section, "- litefs4j, ms per kill: " + Report.list(times.get("litefs4j"), 1e6, "%.2f"));
    c.report.detail(
        section, "- Go baseline, ms per kill: " + Report.list(times.get("go"), 1e6, "%.2f"));
    c.report.detail(
        section,
        "- floor, blocking socket: median "
            + Report.ms(s)
            + "; per kill: "
            + Report.list(times.get("socket"), 1e6, "%.2f"));
    c.report.detail(
        section,
        "- floor, JDK HttpClient line subscriber: median "
            + Report.ms(h)
            + "; per kill: "
            + Report.list(times.get("jdk"), 1e6, "%.2f"));
    c.report.detail(
        section,
        "- medians above the socket floor: litefs4j "
            + Report.num("%+.2f ms", (j - s) / 1e6)
            + " (of which the JDK HttpClient "
            + Report.num("%+.2f ms", (h - s) / 1e6)
            + "), Go baseline "
            + Report.num("%+.2f ms", (g - s) / 1e6));
    breakdown.report(c, section);
  }

  private static double round(BenchCluster cluster, WatchFactory factory) throws Exception {
    try (Watch watch = factory.open()) {
      watch.awaitConnected();
      long killed = Context.wallNanos();
      breakdown.killed();
      cluster.primary().kill();
      return watch.awaitDisconnected() - killed;
    } finally {
      restart(cluster);
    }
  }

  /**
   * Restarts the killed primary, then the replica, and waits until the replica is connected. The
   * replica is restarted because a running replica retries its connection to the primary only once
   * a second (about 1 s per kill), while a starting one connects at once (about 0.25 s): so the
   * kills are cheaper and P3 can afford more of them. Each round's client connects afresh anyway.
   * If the replica does not connect, it is restarted once more (logged).
   */
  private static void restart(BenchCluster cluster) {
    cluster.primary().start();
    cluster.replica().stop();
    cluster.replica().start();
    try {
      cluster.replica().awaitConnected(Duration.ofSeconds(15));
    } catch (LiteFsClusterException e) {
      // Seen once in many kills: after the restart the replica's stream from the primary kept
      // ending ("next frame: unexpected EOF") and it never reconnected. Not what P3 measures;
      // log both nodes, restart the replica and go on.
      restarts++;
      System.err.println(
          "P3: the replica did not connect after the restarts; restarting it again. "
              + e.getMessage()
              + "\n--- primary log tail:\n"
              + cluster.primary().logTail(40));
      cluster.replica().stop();
      cluster.replica().start();
    }
  }

  private static Watch litefs4j(URI replica) {
    CompletableFuture<Void> connected = new CompletableFuture<>();
    CompletableFuture<Long> disconnected = new CompletableFuture<>();
    PrimaryMonitor monitor = LiteFsClient.create(replica).monitorPrimary();
    monitor.addListener(
        (before, now) -> {
          if (now.role() == PrimaryState.Role.DISCONNECTED) {
            disconnected.complete(Context.wallNanos());
          } else if (now.role() == PrimaryState.Role.REPLICA) {
            connected.complete(null);
          }
        });
    if (monitor.state().role() == PrimaryState.Role.REPLICA) {
      connected.complete(null);
    }
    return futures(connected, disconnected, monitor::close);
  }

  private static Watch go(Context c, URI replica, String primaryName) throws IOException {
    Process process =
        new ProcessBuilder(c.go.command("monitor", "-url", replica.toString()))
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    LineStream lines = new LineStream(process, "the Go monitor");
    return new Watch() {
      @Override
      public void awaitConnected() throws Exception {
        lines.await(
            m -> "state".equals(m.get("event")) && primaryName.equals(Json.string(m, "hostname")),
            WAIT,
            "the replica connected");
      }

      @Override
      public long awaitDisconnected() throws Exception {
        Map<String, Object> seen =
            lines.await(
                m ->
                    "state".equals(m.get("event"))
                        && Boolean.FALSE.equals(m.get("isPrimary"))
                        && Json.string(m, "hostname").isEmpty(),
                WAIT,
                "the replica disconnected");
        return (long) Json.number(seen, "tNs");
      }

      @Override
      public void close() throws Exception {
        process.destroy();
        process.waitFor(5, TimeUnit.SECONDS);
      }
    };
  }

  /** The floor: a blocking socket reading the raw stream. */
  private static Watch socket(URI replica, String primaryName) throws IOException {
    Socket socket = new Socket(replica.getHost(), replica.getPort());
    OutputStream out = socket.getOutputStream();
    out.write(
        ("GET /events HTTP/1.1\r\nHost: " + replica.getAuthority() + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    out.flush();
    CompletableFuture<Void> connected = new CompletableFuture<>();
    CompletableFuture<Long> disconnected = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                  onLine(line, primaryName, connected, disconnected);
                }
              } catch (IOException e) {
                // closed after the round
              }
            },
            "bench-p3-socket");
    reader.setDaemon(true);
    reader.start();
    return futures(connected, disconnected, socket::close);
  }

  /** The transport floor: the JDK HttpClient with a plain line subscriber. */
  private static Watch jdkHttpClient(URI replica, String primaryName) {
    CompletableFuture<Void> connected = new CompletableFuture<>();
    CompletableFuture<Long> disconnected = new CompletableFuture<>();
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    CompletableFuture<HttpResponse<Void>> response =
        client.sendAsync(
            HttpRequest.newBuilder(replica.resolve("/events")).build(),
            HttpResponse.BodyHandlers.fromLineSubscriber(
                new Flow.Subscriber<String>() {
                  @Override
                  public void onSubscribe(Flow.Subscription subscription) {
                    subscription.request(Long.MAX_VALUE);
                  }

                  @Override
                  public void onNext(String line) {
                    onLine(line, primaryName, connected, disconnected);
                  }

                  @Override
                  public void onError(Throwable error) {}

                  @Override
                  public void onComplete() {}
                }));
    return futures(connected, disconnected, () -> response.cancel(true));
  }

  private static void onLine(
      String line,
      String primaryName,
      CompletableFuture<Void> connected,
      CompletableFuture<Long> disconnected) {
    if (line.contains("\"isPrimary\":false")) {
      if (line.contains("\"hostname\":\"" + primaryName + "\"")) {
        connected.complete(null);
      } else if (line.contains("\"primaryChange\"")) {
        disconnected.complete(Context.wallNanos());
      }
    }
  }

  private interface Closer {
    void close() throws Exception;
  }

  private static Watch futures(
      CompletableFuture<Void> connected, CompletableFuture<Long> disconnected, Closer closer) {
    return new Watch() {
      @Override
      public void awaitConnected() throws Exception {
        connected.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      }

      @Override
      public long awaitDisconnected() throws Exception {
        return disconnected.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      }

      @Override
      public void close() throws Exception {
        closer.close();
      }
    };
  }
}
