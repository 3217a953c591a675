package io.github.litefs4j.bench;

import io.github.litefs4j.LiteFsClient;
import io.github.litefs4j.PrimaryMonitor;
import io.github.litefs4j.PrimaryState;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * P3, primary-change detection: both clients monitor the replica's event stream; the primary is
 * killed with SIGKILL; the time from the kill until the monitor reports the replica disconnected
 * (no primary). One client per kill, alternating; the primary is restarted between kills.
 */
final class P3PrimaryChange {
  private static final Duration WAIT = Duration.ofSeconds(20);

  private P3PrimaryChange() {}

  static void run(Context c, BenchCluster cluster) throws Exception {
    int rounds = c.config.p3Rounds();
    double[] java = new double[rounds];
    double[] go = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      boolean goFirst = r % 2 == 0;
      if (goFirst) {
        go[r] = goRound(c, cluster);
      }
      java[r] = javaRound(cluster);
      if (!goFirst) {
        go[r] = goRound(c, cluster);
      }
      c.log("P3: round %d: litefs4j %s, Go %s", r + 1, Report.ms(java[r]), Report.ms(go[r]));
    }
    double j = Stats.median(java);
    double g = Stats.median(go);
    c.report.row(
        new Report.Row(
            "P3 primary-change detection",
            "kill -9 of the primary until the monitor reports it, median of " + rounds,
            Report.ms(j),
            Report.ms(g),
            Report.ratio(j / g),
            "<= 1.0x",
            Report.Verdict.of(j / g <= 1.0)));
    String section = "P3 primary-change detection";
    c.report.detail(
        section,
        "Each client's primary monitor follows the replica's `GET /events`. Once it reports the"
            + " replica connected to `node-0`, the runner takes the wall-clock time and kills the"
            + " primary's `litefs` process with SIGKILL (`LiteFsNode.kill()`); the replica sees its"
            + " stream to the primary break and sends `primaryChange` with no hostname. The"
            + " figure is the wall-clock time at which the monitor stores the new state minus"
            + " the kill time. litefs4j: `LiteFsClient.monitorPrimary()`, a listener that"
            + " records the time when the role becomes DISCONNECTED. Go baseline: its monitor"
            + " loop, instrumented to print the time at which it stores the state (litefs-go"
            + " has no callback: its users poll `Hostname()`, so in real use they learn it"
            + " later, by up to their poll interval). One kill per client per round, "
            + rounds
            + " rounds, alternating which client goes first; the primary is restarted and the"
            + " replica reconnected after each kill. Both times come from CLOCK_REALTIME on"
            + " this machine.");
    c.report.detail(section, "- litefs4j, ms per kill: " + Report.list(java, 1e6, "%.2f"));
    c.report.detail(section, "- Go baseline, ms per kill: " + Report.list(go, 1e6, "%.2f"));
  }

  private static double javaRound(BenchCluster cluster) throws Exception {
    LiteFsClient client = LiteFsClient.create(cluster.replica().httpUri());
    CompletableFuture<PrimaryState> connected = new CompletableFuture<>();
    CompletableFuture<Long> disconnected = new CompletableFuture<>();
    try (PrimaryMonitor monitor = client.monitorPrimary()) {
      monitor.addListener(
          (before, now) -> {
            if (now.role() == PrimaryState.Role.DISCONNECTED) {
              disconnected.complete(Context.wallNanos());
            } else if (now.role() == PrimaryState.Role.REPLICA) {
              connected.complete(now);
            }
          });
      if (monitor.state().role() == PrimaryState.Role.REPLICA) {
        connected.complete(monitor.state());
      }
      connected.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      long killed = Context.wallNanos();
      cluster.primary().kill();
      long seen = disconnected.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      return seen - killed;
    } finally {
      restart(cluster);
    }
  }

  private static double goRound(Context c, BenchCluster cluster) throws Exception {
    Process process =
        new ProcessBuilder(c.go.command("monitor", "-url", cluster.replica().httpUri().toString()))
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    LineStream lines = new LineStream(process, "the Go monitor");
    try {
      lines.await(
          m ->
              "state".equals(m.get("event"))
                  && cluster.primary().name().equals(Json.string(m, "hostname")),
          WAIT,
          "the replica connected");
      long killed = Context.wallNanos();
      cluster.primary().kill();
      Map<String, Object> seen =
          lines.await(
              m ->
                  "state".equals(m.get("event"))
                      && Boolean.FALSE.equals(m.get("isPrimary"))
                      && Json.string(m, "hostname").isEmpty(),
              WAIT,
              "the replica disconnected");
      return (long) Json.number(seen, "tNs") - killed;
    } finally {
      process.destroy();
      process.waitFor(5, TimeUnit.SECONDS);
      restart(cluster);
    }
  }

  private static void restart(BenchCluster cluster) {
    cluster.primary().start();
    cluster.replica().awaitConnected(Duration.ofSeconds(30));
  }
}
