package io.github.litefs4j.bench;

import io.github.litefs4j.LiteFS;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;

/**
 * P2, the HALT round trip on a replica: take the HALT, insert one row, commit, release. litefs4j's
 * {@code LiteFS.withHalt} with sqlite-jdbc against the real litefs-go's {@code WithHalt} with
 * go-sqlite3, on the same replica database, in alternating rounds.
 */
final class P2Halt {
  static final String INSERT = "INSERT INTO halt_bench (side, n) VALUES (?, ?)";

  private P2Halt() {}

  static void run(Context c, BenchCluster cluster) throws Exception {
    Path db = cluster.replicaDb();
    double[] java = {};
    double[] go = {};
    for (int r = 0; r < c.config.p2Rounds(); r++) {
      boolean goFirst = r % 2 == 0;
      if (goFirst) {
        go = Stats.concat(go, goRound(c, db));
      }
      java = Stats.concat(java, javaRound(c, db));
      if (!goFirst) {
        go = Stats.concat(go, goRound(c, db));
      }
      c.log(
          "P2: round %d: p50 litefs4j %s, Go %s",
          r + 1, Report.ms(Stats.median(java)), Report.ms(Stats.median(go)));
    }
    double j50 = Stats.percentile(java, 50);
    double g50 = Stats.percentile(go, 50);
    double j99 = Stats.percentile(java, 99);
    double g99 = Stats.percentile(go, 99);
    c.report.row(
        new Report.Row(
            "P2 HALT round trip on a replica",
            "p50 of " + java.length + " per side",
            Report.ms(j50),
            Report.ms(g50),
            Report.ratio(j50 / g50),
            "<= 1.05x",
            Report.Verdict.of(j50 / g50 <= 1.05)));
    c.report.row(
        new Report.Row(
            "P2 HALT round trip on a replica",
            "p99",
            Report.ms(j99),
            Report.ms(g99),
            Report.ratio(j99 / g99),
            "<= 1.05x",
            Report.Verdict.of(j99 / g99 <= 1.05)));
    String section = "P2 HALT round trip on a replica";
    c.report.detail(
        section,
        "On the replica's database `"
            + db.getFileName()
            + "` (WAL journal), one connection per round, held open: take the HALT, run"
            + " `INSERT INTO halt_bench (side, n) VALUES (?, ?)` in autocommit (one commit,"
            + " shipped to the primary by LiteFS), release. litefs4j: `LiteFS.withHalt(db, fn)`"
            + " with sqlite-jdbc, a statement prepared per insert. litefs-go: the real"
            + " `litefs.WithHalt(path, fn)` (module proxy version 34ea5dc) with go-sqlite3's"
            + " `db.Exec` (which also prepares per call). Each round: "
            + c.config.p2Warmup()
            + " untimed, then "
            + c.config.p2PerRound()
            + " timed round trips; "
            + c.config.p2Rounds()
            + " rounds per side, alternating which side goes first.");
    c.report.detail(
        section,
        "- litefs4j: p50 "
            + Report.ms(j50)
            + ", p90 "
            + Report.ms(Stats.percentile(java, 90))
            + ", p99 "
            + Report.ms(j99)
            + ", max "
            + Report.ms(Stats.max(java)));
    c.report.detail(
        section,
        "- litefs-go: p50 "
            + Report.ms(g50)
            + ", p90 "
            + Report.ms(Stats.percentile(go, 90))
            + ", p99 "
            + Report.ms(g99)
            + ", max "
            + Report.ms(Stats.max(go)));
  }

  private static double[] goRound(Context c, Path db) {
    return Json.numbers(
        c.go.run(
            Duration.ofMinutes(5),
            "halt",
            "-db",
            db.toString(),
            "-n",
            String.valueOf(c.config.p2PerRound()),
            "-warmup",
            String.valueOf(c.config.p2Warmup())),
        "latenciesNs");
  }

  private static double[] javaRound(Context c, Path db) throws SQLException {
    int warmup = c.config.p2Warmup();
    int n = c.config.p2PerRound();
    double[] latencies = new double[n];
    try (Connection conn = BenchCluster.open(db)) {
      for (int i = 0; i < warmup + n; i++) {
        int value = i;
        long start = System.nanoTime();
        LiteFS.withHalt(
            db,
            () -> {
              try (PreparedStatement insert = conn.prepareStatement(INSERT)) {
                insert.setString(1, "java");
                insert.setInt(2, value);
                insert.executeUpdate();
              }
            });
        long elapsed = System.nanoTime() - start;
        if (i >= warmup) {
          latencies[i - warmup] = elapsed;
        }
      }
    }
    return latencies;
  }
}
