package io.github.litefs4j.bench;

import io.github.litefs4j.testing.LiteFsCluster;
import io.github.litefs4j.testing.LiteFsNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * P8, failover detection on a Consul-leased cluster of three nodes: the time from the new primary
 * holding the lease (its own {@code /events} stream sends {@code primaryChange} with {@code
 * isPrimary:true}, read by a blocking socket) until each other running node's monitor reports the
 * new primary's hostname: litefs4j's {@code PrimaryMonitor} and the Go baseline's monitor, both
 * watching the same node in the same round. The lease moves by a handoff ({@code POST /promote}) in
 * most rounds and by a SIGKILL of the primary (lease expiry and election) in a few.
 */
final class P8Failover {
  private static final Duration CHANGE = Duration.ofSeconds(40);

  private P8Failover() {}

  /** What one side measured: every (new primary holds the lease → node reports it) delay. */
  private record Delays(List<Double> handoff, List<Double> kill) {
    Delays() {
      this(new ArrayList<>(), new ArrayList<>());
    }

    double[] all() {
      return Stats.concat(array(handoff), array(kill));
    }

    static double[] array(List<Double> l) {
      return l.stream().mapToDouble(Double::doubleValue).toArray();
    }
  }

  static void run(Context c, Path litefs, Path parent) throws Exception {
    Delays java = new Delays();
    Delays go = new Delays();
    List<String> log = new ArrayList<>();
    c.log("P8: starting a Consul-leased cluster of three nodes");
    try (LiteFsCluster cluster =
        LiteFsCluster.builder().consul().binary(litefs).baseDir(parent).replicas(2).start()) {
      cluster.awaitPrimary(Duration.ofSeconds(60));
      int handoffs = c.config.p8Handoffs();
      int kills = c.config.p8Kills();
      for (int r = 0; r < handoffs + kills; r++) {
        boolean kill = r >= handoffs;
        LiteFsNode primary = cluster.awaitPrimary(Duration.ofSeconds(60));
        List<LiteFsNode> replicas = cluster.replicas();
        LiteFsNode target = replicas.get(r % replicas.size());
        String round = round(c, cluster, primary, target, kill, java, go);
        log.add(round);
        c.log("P8: round %d (%s): %s", r + 1, kill ? "kill" : "handoff", round);
      }
    }
    double[] j = java.all();
    double[] g = go.all();
    double j50 = Stats.median(j);
    double g50 = Stats.median(g);
    c.report.row(
        new Report.Row(
            "P8 failover detection (Consul lease)",
            "new primary holds the lease until another node's monitor reports it: p50 / p99 of "
                + j.length
                + " per side",
            Report.ms(j50) + " / " + Report.ms(Stats.percentile(j, 99)),
            Report.ms(g50) + " / " + Report.ms(Stats.percentile(g, 99)),
            Report.ratio(j, g, 50),
            "p50 within 100 ms of the Go baseline's",
            Report.Verdict.of(j50 - g50 <= 100e6)));
    String section = "P8 failover detection (Consul lease)";
    c.report.detail(
        section,
        "A cluster of three LiteFS nodes with a Consul lease (litefs4j-testing's"
            + " `LiteFsCluster.builder().consul().replicas(2)`; one Consul agent in dev mode, TTL 3 s"
            + " as the fixture sets it). Per round, every running node is watched three ways at once:"
            + " a blocking socket on its `GET /events` that takes the wall-clock time at which the"
            + " node's own stream sends `primaryChange` with `isPrimary:true` (*the new primary"
            + " holds the lease*: LiteFS sends it once it has acquired the lease in Consul),"
            + " litefs4j's `LiteFsClient.monitorPrimary()` with a listener, and the Go baseline's"
            + " monitor (`benchmarks/go`, a subprocess printing the time at which it stores a new"
            + " state). Then the lease moves: "
            + c.config.p8Handoffs()
            + " rounds by `LiteFsCluster.handoff(target)` (`POST /promote` on a replica, the"
            + " primary hands the lease over), then "
            + c.config.p8Kills()
            + " by SIGKILL of the primary (its lease expires and a replica is elected; the killed"
            + " node is restarted afterwards and joins as a replica). The figure, per other running"
            + " node and side: the time at which the monitor reports the new primary's hostname"
            + " minus the time at which the new primary's own stream said it holds the lease. Both"
            + " monitors watch the same node in the same round, so LiteFS's own delay (the replica"
            + " noticing the change and reconnecting) is in both; the difference is the clients'.");
    c.report.detail(
        section,
        "- litefs4j ms per node and round: handoff "
            + Report.list(Delays.array(java.handoff()), 1e6, "%.1f")
            + "; kill "
            + Report.list(Delays.array(java.kill()), 1e6, "%.1f"));
    c.report.detail(
        section,
        "- Go baseline ms per node and round: handoff "
            + Report.list(Delays.array(go.handoff()), 1e6, "%.1f")
            + "; kill "
            + Report.list(Delays.array(go.kill()), 1e6, "%.1f"));
    c.report.detail(section, "- rounds: " + String.join("; ", log));
    c.plot(
        section,
        "p8-failover-detection",
        new Plot(
                "P8: new primary holds the lease → another node's monitor reports it, cumulative",
                "scripts/bench --only p8; " + j.length + " per side; " + c.loadNote())
            .series("litefs4j PrimaryMonitor", j)
            .series("Go baseline monitor", g),
        "P8, cumulative distribution of the failover detection delay; p50 ratio "
            + Report.ratio(j, g, 50)
            + "; reproduce with `scripts/bench --only p8`");
  }

  /** One change of primary; adds a delay per other running node and side. */
  private static String round(
      Context c,
      LiteFsCluster cluster,
      LiteFsNode primary,
      LiteFsNode target,
      boolean kill,
      Delays java,
      Delays go)
      throws Exception {
    List<NodeWatch> watches = new ArrayList<>();
    try {
      for (LiteFsNode node : cluster.nodes()) {
        if (node.isRunning()) {
          watches.add(NodeWatch.open(c, node));
        }
      }
      for (NodeWatch w : watches) {
        w.awaitConnected(Duration.ofSeconds(20));
      }
      if (kill) {
        cluster.kill(primary);
      } else {
        cluster.handoff(target, CHANGE);
      }
      NodeWatch leader = NodeWatch.firstPrimary(watches, primary, CHANGE);
      String newPrimary = leader.node().name();
      StringBuilder text = new StringBuilder(primary.name() + " → " + newPrimary + ":");
      for (NodeWatch w : watches) {
        if (w == leader || (kill && w.node() == primary)) {
          continue;
        }
        double dj = w.javaSaw(newPrimary, CHANGE) - leader.leaseAt();
        double dg = w.goSaw(newPrimary, CHANGE) - leader.leaseAt();
        (kill ? java.kill() : java.handoff()).add(dj);
        (kill ? go.kill() : go.handoff()).add(dg);
        text.append(
            String.format(
                Locale.ROOT,
                " %s litefs4j %.1f ms, Go %.1f ms",
                w.node().name(),
                dj / 1e6,
                dg / 1e6));
      }
      return text.toString();
    } finally {
      for (NodeWatch w : watches) {
        w.close();
      }
      if (kill) {
        cluster.restart(primary);
      }
      cluster.awaitPrimary(Duration.ofSeconds(60));
    }
  }
}
