package io.github.litefs4j.bench;

import io.github.litefs4j.ReplicationTracker;
import io.github.litefs4j.ReplicationTracker.Required;
import io.github.litefs4j.jdbc.LiteFsDatabase;
import io.github.litefs4j.jdbc.LiteFsDatabaseBuilder;
import io.github.litefs4j.jdbc.WritePolicy;
import io.github.litefs4j.jdbc.WriteResult;
import io.github.litefs4j.testing.LiteFsCluster;
import io.github.litefs4j.testing.LiteFsNode;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * P9, the cost of replicated acknowledgement: on a 3-node static-lease cluster, the same one-row
 * commit on the primary through litefs4j-jdbc's {@code LiteFsDatabase}, plain and with {@code
 * replicatedAcknowledgement(tracker, K, ...)} for K = 1, 2 and all running nodes. The four variants
 * take turns in every round, the order rotating, so that drift of the machine's load reaches each
 * alike.
 */
final class P9Replicated {
  private static final String DB = "p9.db";
  private static final Duration ACK_TIMEOUT = Duration.ofSeconds(10);
  private static final String SECTION = "P9 replicated acknowledgement";

  private P9Replicated() {}

  /** One variant's samples: the time of every commit, and writes/s per round. */
  private record Samples(double[] commits, double[] rates) {}

  static void run(Context c, Path litefs, Path parent) throws Exception {
    int rounds = c.config.p9Rounds();
    int perRound = c.config.p9PerRound();
    Map<String, Samples> samples = new LinkedHashMap<>();
    c.log("P9: starting a static-lease cluster of three nodes");
    try (LiteFsCluster cluster =
            LiteFsCluster.builder().binary(litefs).baseDir(parent).replicas(2).start();
        ReplicationTracker tracker = tracker(cluster)) {
      LiteFsNode primary = cluster.primary();
      Path db = primary.database(DB);
      try (var conn = BenchCluster.open(db);
          var st = conn.createStatement()) {
        st.execute("PRAGMA journal_mode=WAL");
        st.execute("CREATE TABLE IF NOT EXISTS acked (id INTEGER PRIMARY KEY, v TEXT NOT NULL)");
      }
      try (OneConnection source = new OneConnection(db)) {
        measure(c, source, db, tracker, samples, rounds, perRound);
      }
    }
    report(c, samples, rounds, perRound);
  }

  private static void measure(
      Context c,
      DataSource source,
      Path db,
      ReplicationTracker tracker,
      Map<String, Samples> samples,
      int rounds,
      int perRound)
      throws Exception {
    awaitConnected(tracker);
    Map<String, LiteFsDatabase> variants = new LinkedHashMap<>();
    variants.put("plain", handle(source, db, null, null));
    variants.put("K=1", handle(source, db, tracker, Required.nodes(1)));
    variants.put("K=2", handle(source, db, tracker, Required.nodes(2)));
    variants.put("all", handle(source, db, tracker, Required.allRunning()));
    List<String> names = new ArrayList<>(variants.keySet());
    Map<String, double[]> commits = new LinkedHashMap<>();
    Map<String, double[]> rates = new LinkedHashMap<>();
    names.forEach(
        n -> {
          commits.put(n, new double[rounds * perRound]);
          rates.put(n, new double[rounds]);
        });
    // One uncounted pass per variant: class loading, the first connection, the JIT.
    for (String name : names) {
      commitRound(variants.get(name), name, new double[perRound], 0, perRound);
    }
    for (int r = 0; r < rounds; r++) {
      for (int k = 0; k < names.size(); k++) {
        String name = names.get((r + k) % names.size());
        double took = commitRound(variants.get(name), name, commits.get(name), r, perRound);
        rates.get(name)[r] = perRound / (took / 1e9);
      }
      int round = r;
      c.log(
          "P9: round %d: %s",
          r + 1,
          String.join(
              ", ", names.stream().map(n -> n + " " + Report.rate(rates.get(n)[round])).toList()));
    }
    names.forEach(n -> samples.put(n, new Samples(commits.get(n), rates.get(n))));
  }

  /** A tracker of all three nodes, with the default reconnect policy (no node fails here). */
  private static ReplicationTracker tracker(LiteFsCluster cluster) {
    ReplicationTracker.Builder builder = ReplicationTracker.builder();
    for (LiteFsNode node : cluster.nodes()) {
      builder.node(node.httpUri());
    }
    return builder.build();
  }

  private static void awaitConnected(ReplicationTracker tracker) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    Object lock = new Object();
    while (tracker.connectedNodes().size() < tracker.nodes().size()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "P9: the tracker's streams did not all connect within 30 s: "
                + tracker.connectedNodes());
      }
      synchronized (lock) {
        lock.wait(20); // a poll of the tracker's state while the streams connect, not a timing
      }
    }
  }

  private static LiteFsDatabase handle(
      DataSource source, Path db, ReplicationTracker tracker, Required required) {
    LiteFsDatabaseBuilder builder =
        LiteFsDatabase.builder(db, WritePolicy.refuse()).dataSource(source);
    if (tracker != null) {
      builder.replicatedAcknowledgement(tracker, required, ACK_TIMEOUT);
    }
    return builder.build();
  }

  /** Commits {@code n} rows one after the other; returns the round's elapsed nanoseconds. */
  private static double commitRound(LiteFsDatabase db, String name, double[] into, int round, int n)
      throws SQLException {
    long start = System.nanoTime();
    for (int i = 0; i < n; i++) {
      long t0 = System.nanoTime();
      WriteResult<Integer> written =
          db.write(
              conn -> {
                try (PreparedStatement ps =
                    conn.prepareStatement("INSERT INTO acked (v) VALUES (?)")) {
                  ps.setString(1, name);
                  return ps.executeUpdate();
                }
              });
      into[round * n + i] = System.nanoTime() - t0;
      if (!name.equals("plain") && written.acknowledgement().isEmpty()) {
        throw new IllegalStateException("P9: a " + name + " write returned unacknowledged");
      }
    }
    return System.nanoTime() - start;
  }

  private static void report(Context c, Map<String, Samples> samples, int rounds, int perRound)
      throws java.io.IOException {
    Samples plain = samples.get("plain");
    double plain50 = Stats.median(plain.commits());
    double plain99 = Stats.percentile(plain.commits(), 99);
    String plainText = figures(plain);
    c.report.row(
        new Report.Row(
            "P9 plain commit on the primary, 3 nodes (the baseline)",
            "p50 / p99 per commit (writes/s, median of " + rounds + " rounds)",
            plainText,
            "—",
            "",
            "",
            Report.Verdict.NONE));
    for (var e : samples.entrySet()) {
      if (e.getKey().equals("plain")) {
        continue;
      }
      Samples s = e.getValue();
      String k = e.getKey().equals("all") ? "all running (3)" : e.getKey().substring(2);
      c.report.row(
          new Report.Row(
              "P9 replicated acknowledgement, K = " + k,
              "p50 / p99 per commit (writes/s); ratio to the plain commit: p50 · p99 · writes/s",
              figures(s),
              "—",
              Report.ratio(s.commits(), plain.commits(), 50)
                  + " · "
                  + Report.ratio(s.commits(), plain.commits(), 99)
                  + " · "
                  + Report.ratio(s.rates(), plain.rates(), 50),
              "(a cost; no goal) plain: " + plainText,
              Report.Verdict.NONE));
    }
    c.report.detail(
        SECTION,
        "A cluster of three LiteFS nodes with a static lease (litefs4j-testing's"
            + " `LiteFsCluster.builder().replicas(2)`: node-0 is the primary, FUSE mounts and HTTP"
            + " on 127.0.0.1). One `ReplicationTracker` follows all three nodes' `GET /events`."
            + " Each commit is one `LiteFsDatabase.write` of a one-row `INSERT` on the primary"
            + " (litefs4j-jdbc, `WritePolicy.refuse()`, WAL, `synchronous=NORMAL`, on one open sqlite-jdbc connection handed out again for every write, as a connection pool would: opening a connection on the FUSE mount is not timed), timed from the"
            + " call to its return on the calling thread: plain (the write returns when the"
            + " primary committed it and its position is read), and with"
            + " `replicatedAcknowledgement(tracker, K, 10 s)` for K = `Required.nodes(1)` (the"
            + " primary's own `tx` event), `Required.nodes(2)` (the primary and one replica) and"
            + " `Required.allRunning()` (all three). "
            + rounds
            + " rounds of "
            + perRound
            + " commits per variant after one uncounted round each, the order of the four"
            + " rotating per round; writes/s is per round (commits one after the other, one"
            + " writer), its median over the rounds. Ratios are to the plain commit, with 95%"
            + " bootstrap intervals (commits resampled for p50 and p99, rounds for writes/s).");
    for (var e : samples.entrySet()) {
      Samples s = e.getValue();
      c.report.detail(
          SECTION,
          "- "
              + e.getKey()
              + ": "
              + Report.spread(s.commits())
              + "; writes/s per round: "
              + Report.list(s.rates(), 1, "%.0f"));
    }
    c.report.detail(
        SECTION,
        "- cost over the plain commit at p50: "
            + String.join(
                ", ",
                samples.entrySet().stream()
                    .filter(e -> !e.getKey().equals("plain"))
                    .map(
                        e ->
                            e.getKey()
                                + " "
                                + Report.num(
                                    "%+.2f ms",
                                    (Stats.median(e.getValue().commits()) - plain50) / 1e6))
                    .toList())
            + " (plain p99 "
            + Report.ms(plain99)
            + ")");
    Plot plot =
        new Plot(
            "P9: commit time on a 3-node cluster, plain vs replicated acknowledgement",
            rounds * perRound + " commits per variant; " + c.loadNote());
    samples.forEach((name, s) -> plot.series(name, s.commits()));
    c.plot(
        SECTION,
        "p9-replicated-acknowledgement",
        plot,
        "P9, cumulative distribution of the commit time, plain and with replicated acknowledgement"
            + " (K = 1, 2, all); reproduce with `scripts/bench --only p9`");
  }

  private static String figures(Samples s) {
    return Report.ms(Stats.median(s.commits()))
        + " / "
        + Report.ms(Stats.percentile(s.commits(), 99))
        + " ("
        + Report.rate(Stats.median(s.rates()))
        + ")";
  }
}
