package io.github.litefs4j.bench;

import io.github.litefs4j.LiteFS;
import io.github.litefs4j.internal.JnaOfdLocks;
import io.github.litefs4j.internal.OfdLocks;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;

/**
 * P2, the HALT round trip on a replica: take the HALT, insert one row, commit, release. litefs4j's
 * {@code LiteFS.withHalt} with sqlite-jdbc against the real litefs-go's {@code WithHalt} with
 * go-sqlite3, on the same replica database, in alternating rounds. Each side also times the three
 * phases: acquiring the HALT (until the work starts), the insert, and the release.
 */
final class P2Halt {
  static final String INSERT = "INSERT INTO halt_bench (side, n) VALUES (?, ?)";

  private P2Halt() {}

  /** The samples of one side: total and per phase, in nanoseconds. */
  private record Samples(double[] total, double[] acquire, double[] work, double[] release) {
    static Samples empty() {
      return new Samples(new double[0], new double[0], new double[0], new double[0]);
    }

    Samples plus(Samples o) {
      return new Samples(
          Stats.concat(total, o.total),
          Stats.concat(acquire, o.acquire),
          Stats.concat(work, o.work),
          Stats.concat(release, o.release));
    }
  }

  static void run(Context c, BenchCluster cluster) throws Exception {
    Path db = cluster.replicaDb();
    Samples java = Samples.empty();
    Samples go = Samples.empty();
    Samples floor = Samples.empty();
    double[] getlk = {};
    c.log("P2: one uncounted warm-up round per side");
    goRound(c, db);
    javaRound(c, db);
    floorRound(c, db, new double[c.config.p2PerRound()]);
    for (int r = 0; r < c.config.p2Rounds(); r++) {
      double[] getlkRound = new double[c.config.p2PerRound()];
      for (int k = 0; k < 3; k++) {
        switch ((r + k) % 3) {
          case 0 -> go = go.plus(goRound(c, db));
          case 1 -> java = java.plus(javaRound(c, db));
          default -> floor = floor.plus(floorRound(c, db, getlkRound));
        }
      }
      getlk = Stats.concat(getlk, getlkRound);
      c.log(
          "P2: round %d: p50 litefs4j %s, Go %s, JNA floor %s",
          r + 1,
          Report.ms(Stats.median(java.total())),
          Report.ms(Stats.median(go.total())),
          Report.ms(Stats.median(floor.total())));
    }
    double j50 = Stats.median(java.total());
    double g50 = Stats.median(go.total());
    double j99 = Stats.percentile(java.total(), 99);
    double g99 = Stats.percentile(go.total(), 99);
    c.report.row(
        new Report.Row(
            "P2 HALT round trip on a replica",
            "p50 of " + java.total().length + " per side",
            Report.ms(j50),
            Report.ms(g50),
            Report.ratio(java.total(), go.total(), 50),
            "<= 1.0x",
            Report.Verdict.of(j50 / g50 <= 1.0)));
    c.report.row(
        new Report.Row(
            "P2 HALT round trip on a replica",
            "p99",
            Report.ms(j99),
            Report.ms(g99),
            Report.ratio(java.total(), go.total(), 99),
            "<= 1.0x",
            Report.Verdict.of(j99 / g99 <= 1.0)));
    String section = "P2 HALT round trip on a replica";
    c.report.detail(
        section,
        "On the replica's database `"
            + db.getFileName()
            + "` (WAL journal; both drivers set to `synchronous=NORMAL`, go-sqlite3's built-in WAL"
            + " default, since sqlite-jdbc's FULL would add an fsync through FUSE per commit), one"
            + " connection per round, held open: take the HALT, run"
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
            + " rounds per side after one uncounted warm-up round each, the order of the three (litefs4j, litefs-go, the floor below)"
            + " rotating from round to round. Phases, timed inside each"
            + " side: *acquire* = from the call until the work starts (open `-lock`, the OFD lock"
            + " that LiteFS turns into `POST /halt` on the primary, and the wait until the replica"
            + " has caught up), *insert* = the work (sqlite-jdbc / go-sqlite3 through the FUSE"
            + " mount, the commit forwarded to the primary), *release* = from the end of the work"
            + " until the call returns (unlock = `DELETE /halt`, close).");
    c.report.detail(
        section,
        "A floor, measured in the same rounds: the same OFD calls as litefs-go's `WithHalt`"
            + " (open `-lock`, `F_OFD_SETLKW` write lock, work, unlock, close) made on the calling"
            + " thread through litefs4j's internal JNA mapping, without litefs4j's HALT machinery"
            + " (worker thread for timeouts and interruption, the `F_OFD_GETLK` that tells a"
            + " granted HALT from a no-op on the primary, TTL bookkeeping). After each floor"
            + " round trip's lock is granted, one `F_OFD_GETLK` is timed separately (not part of"
            + " the floor's total).");
    c.report.detail(section, "- litefs4j: " + describe(java));
    c.report.detail(section, "- litefs-go: " + describe(go));
    c.report.detail(section, "- JNA floor: " + describe(floor));
    c.report.detail(
        section,
        "- one `F_OFD_GETLK` on the `-lock` file (a FUSE round trip to LiteFS): median "
            + Report.ms(Stats.median(getlk)));
    c.plot(
        section,
        "p2-halt-round-trip",
        new Plot(
                "P2: HALT round trip on a replica (withHalt + one INSERT), cumulative",
                "scripts/bench --only p2; " + java.total().length + " per side; " + c.loadNote())
            .series("litefs4j", java.total())
            .series("litefs-go", go.total())
            .series("JNA floor", floor.total()),
        "P2, cumulative distribution of the HALT round trip; p50 ratio "
            + Report.ratio(java.total(), go.total(), 50)
            + " (95% bootstrap interval in brackets); reproduce with `scripts/bench --only p2`");
  }

  private static String describe(Samples s) {
    return "p50 "
        + Report.ms(Stats.percentile(s.total(), 50))
        + ", p90 "
        + Report.ms(Stats.percentile(s.total(), 90))
        + ", p99 "
        + Report.ms(Stats.percentile(s.total(), 99))
        + ", max "
        + Report.ms(Stats.max(s.total()))
        + "; phase medians: acquire "
        + Report.ms(Stats.median(s.acquire()))
        + ", insert "
        + Report.ms(Stats.median(s.work()))
        + ", release "
        + Report.ms(Stats.median(s.release()));
  }

  private static Samples goRound(Context c, Path db) {
    Map<String, Object> out =
        c.go.run(
            Duration.ofMinutes(5),
            "halt",
            "-db",
            db.toString(),
            "-n",
            String.valueOf(c.config.p2PerRound()),
            "-warmup",
            String.valueOf(c.config.p2Warmup()));
    return new Samples(
        Json.numbers(out, "latenciesNs"),
        Json.numbers(out, "acquireNs"),
        Json.numbers(out, "workNs"),
        Json.numbers(out, "releaseNs"));
  }

  /** The same work with the OFD calls made directly on this thread (no litefs4j machinery). */
  private static Samples floorRound(Context c, Path db, double[] getlk) throws Exception {
    int warmup = c.config.p2Warmup();
    int n = c.config.p2PerRound();
    Samples s = new Samples(new double[n], new double[n], new double[n], new double[n]);
    JnaOfdLocks ofd = JnaOfdLocks.get();
    String lockFile = db + "-lock";
    try (Connection conn = BenchCluster.open(db)) {
      for (int i = 0; i < warmup + n; i++) {
        long start = System.nanoTime();
        int fd = ofd.open(lockFile);
        long workStart;
        long workEnd;
        long probe = 0;
        try {
          ofd.setLock(fd, OfdLocks.LockType.WRITE, LiteFS.HALT_BYTE, 1, true);
          long beforeProbe = System.nanoTime();
          ofd.getLock(fd, OfdLocks.LockType.WRITE, LiteFS.HALT_BYTE, 1);
          probe = System.nanoTime() - beforeProbe;
          workStart = System.nanoTime();
          try (PreparedStatement insert = conn.prepareStatement(INSERT)) {
            insert.setString(1, "floor");
            insert.setInt(2, i);
            insert.executeUpdate();
          }
          workEnd = System.nanoTime();
          ofd.setLock(fd, OfdLocks.LockType.UNLOCK, LiteFS.HALT_BYTE, 1, true);
        } finally {
          ofd.close(fd);
        }
        long end = System.nanoTime();
        if (i >= warmup) {
          int k = i - warmup;
          s.acquire()[k] = workStart - start - probe;
          s.work()[k] = workEnd - workStart;
          s.release()[k] = end - workEnd;
          s.total()[k] = end - start - probe;
          getlk[k] = probe;
        }
      }
    }
    return s;
  }

  private static Samples javaRound(Context c, Path db) throws SQLException {
    int warmup = c.config.p2Warmup();
    int n = c.config.p2PerRound();
    Samples s = new Samples(new double[n], new double[n], new double[n], new double[n]);
    long[] marks = new long[2];
    try (Connection conn = BenchCluster.open(db)) {
      for (int i = 0; i < warmup + n; i++) {
        int value = i;
        long start = System.nanoTime();
        LiteFS.withHalt(
            db,
            () -> {
              marks[0] = System.nanoTime();
              try (PreparedStatement insert = conn.prepareStatement(INSERT)) {
                insert.setString(1, "java");
                insert.setInt(2, value);
                insert.executeUpdate();
              }
              marks[1] = System.nanoTime();
            });
        long end = System.nanoTime();
        if (i >= warmup) {
          int k = i - warmup;
          s.total()[k] = end - start;
          s.acquire()[k] = marks[0] - start;
          s.work()[k] = marks[1] - marks[0];
          s.release()[k] = end - marks[1];
        }
      }
    }
    return s;
  }
}
