package io.github.litefs4j.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * P6, lag and position reads on the FUSE mount: litefs4j's {@code LiteFS.lag} / {@code
 * LiteFS.position} (JMH) against Go's {@code os.ReadFile} and parse (as litefs-go's {@code Lag}),
 * on the replica's mount, alternating.
 */
final class P6Reads {
  private P6Reads() {}

  static void run(Context c, BenchCluster cluster) {
    Path db = cluster.replicaDb();
    double[] javaLag = {};
    double[] javaPos = {};
    double[] goLag = {};
    double[] goPos = {};
    for (int i = 0; i < c.config.repeats(); i++) {
      c.log("P6: round %d of %d", i + 1, c.config.repeats());
      Map<String, Object> go =
          c.go.run(
              Duration.ofMinutes(3),
              "reads",
              "-db",
              db.toString(),
              "-n",
              String.valueOf(c.config.readOps()),
              "-rounds",
              "5");
      goLag = Stats.concat(goLag, Json.numbers(go, "lagNs"));
      goPos = Stats.concat(goPos, Json.numbers(go, "positionNs"));
      Map<String, double[]> java =
          Jmh.run(
              c.config,
              MountReadBenchmark.class,
              c.jmhLog("reads-" + i),
              TimeUnit.NANOSECONDS,
              "db",
              db.toString());
      javaLag = Stats.concat(javaLag, java.get("lag"));
      javaPos = Stats.concat(javaPos, java.get("position"));
    }
    row(c, "P6 `lag()` read", javaLag, goLag);
    row(c, "P6 `position()` read", javaPos, goPos);
    String section = "P6 lag and position reads";
    c.report.detail(
        section,
        "On the replica's FUSE mount, quiet cluster. litefs4j: `LiteFS.lag(db)` and"
            + " `LiteFS.position(db)` in JMH (1 fork, "
            + c.config.jmhIterations()
            + " x 1 s iterations per repeat, average time). Go: `os.ReadFile` of `.lag` beside"
            + " the database + `strconv.ParseInt` (what litefs-go's `Lag` does at bcdba8b), and"
            + " `os.ReadFile` of `<db>-pos` + two `strconv.ParseUint`; rounds of "
            + c.config.readOps()
            + " calls, 5 rounds per repeat. Each read goes through the kernel's FUSE layer to the"
            + " `litefs` process (open, read, close), which dominates both.");
    c.report.detail(
        section,
        "- litefs4j lag ns per iteration: "
            + Report.list(javaLag, 1, "%,.0f")
            + "; position: "
            + Report.list(javaPos, 1, "%,.0f"));
    c.report.detail(
        section,
        "- Go lag ns per round: "
            + Report.list(goLag, 1, "%,.0f")
            + "; position: "
            + Report.list(goPos, 1, "%,.0f"));
  }

  private static void row(Context c, String metric, double[] java, double[] go) {
    double j = Stats.median(java);
    double g = Stats.median(go);
    c.report.row(
        new Report.Row(
            metric,
            "ns per call on the FUSE mount, median",
            Report.ns(j),
            Report.ns(g),
            Report.ratio(java, go, 50),
            "<= 1.5x",
            Report.Verdict.of(j / g <= 1.5)));
  }
}
