package io.github.litefs4j.bench;

import io.github.litefs4j.LiteFS;
import io.github.litefs4j.LiteFsClient;
import io.github.litefs4j.Position;
import io.github.litefs4j.PositionWaiter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;

/**
 * P4, read-your-writes release: commit on the primary, then wait on the replica until its position
 * reaches the primary's. litefs4j's waiters against the two polls other clients use: every 1 ms
 * (the LiteFS proxy's method) and every 30 ms (litefs-js's).
 */
final class P4ReadYourWrites {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private P4ReadYourWrites() {}

  /** A way to wait until the replica's database reaches a position. */
  private interface Waiter {
    void await(Path replicaDb, Position target) throws Exception;
  }

  private record Strategy(String name, Waiter waiter) {}

  static void run(Context c, BenchCluster cluster) throws Exception {
    Path primaryDb = cluster.primaryDb();
    Path replicaDb = cluster.replicaDb();
    try (PositionWaiter events =
            PositionWaiter.withEvents(LiteFsClient.create(cluster.replica().httpUri()));
        Connection primary = BenchCluster.open(primaryDb);
        PreparedStatement insert = primary.prepareStatement("INSERT INTO ryw (v) VALUES (?)")) {
      List<Strategy> strategies =
          List.of(
              new Strategy(
                  "litefs4j `LiteFS.awaitPosition`",
                  (db, target) -> LiteFS.awaitPosition(db, target, TIMEOUT)),
              new Strategy(
                  "litefs4j `PositionWaiter.withEvents`",
                  (db, target) -> events.await(db, target, TIMEOUT)),
              new Strategy("1 ms `-pos` poll (LiteFS proxy)", (db, target) -> poll(db, target, 1)),
              new Strategy("30 ms `-pos` poll (litefs-js)", (db, target) -> poll(db, target, 30)));
      int n = c.config.p4Samples();
      double[][] samples = new double[strategies.size()][n];
      c.log("P4: %d commits per strategy, %d strategies in rotating order", n, strategies.size());
      for (int warm = 0; warm < 5; warm++) {
        for (Strategy s : strategies) {
          sample(insert, primaryDb, replicaDb, s, warm);
        }
      }
      for (int i = 0; i < n; i++) {
        for (int k = 0; k < strategies.size(); k++) {
          int idx = (i + k) % strategies.size();
          samples[idx][i] = sample(insert, primaryDb, replicaDb, strategies.get(idx), i);
        }
      }
      report(c, strategies, samples);
    }
  }

  /** Commits one row on the primary, then waits; returns the nanoseconds from commit to release. */
  private static long sample(
      PreparedStatement insert, Path primaryDb, Path replicaDb, Strategy s, int value)
      throws Exception {
    insert.setInt(1, value);
    insert.executeUpdate();
    long committed = System.nanoTime();
    Position target = LiteFS.position(primaryDb);
    s.waiter().await(replicaDb, target);
    return System.nanoTime() - committed;
  }

  private static void poll(Path db, Position target, long intervalMillis) throws Exception {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (!LiteFS.position(db).isAtLeast(target)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the replica did not reach " + target + " in " + TIMEOUT);
      }
      Thread.sleep(intervalMillis);
    }
  }

  private static void report(Context c, List<Strategy> strategies, double[][] samples) {
    int k1 = 2;
    int k30 = 3;
    double poll1 = Stats.percentile(samples[k1], 50);
    double poll30Mean = mean(samples[k30]);
    for (int k = 0; k < 2; k++) {
      double p50 = Stats.percentile(samples[k], 50);
      double avg = mean(samples[k]);
      boolean met = p50 - poll1 <= 2e6 && avg <= poll30Mean / 2;
      c.report.row(
          new Report.Row(
              "P4 read-your-writes release",
              strategies.get(k).name() + ": p50 / p99 (mean)",
              Report.ms(p50)
                  + " / "
                  + Report.ms(Stats.percentile(samples[k], 99))
                  + " ("
                  + Report.ms(avg)
                  + ")",
              "—",
              "",
              "p50 within 2 ms of the 1 ms poll's ("
                  + Report.ms(poll1)
                  + "); mean at most half the 30 ms poll's ("
                  + Report.ms(poll30Mean)
                  + ")",
              Report.Verdict.of(met)));
    }
    String section = "P4 read-your-writes release";
    c.report.detail(
        section,
        "Commit one row on the primary with sqlite-jdbc (autocommit); from the moment the commit"
            + " returns: read the primary's position (`LiteFS.position`, the `-pos` file) and wait"
            + " until the replica's `-pos` reaches it. Four waiting strategies in rotating order,"
            + " one commit each per turn, "
            + samples[0].length
            + " commits each (after 5 warm-up turns): litefs4j's `LiteFS.awaitPosition` (reads"
            + " `-pos`, then re-reads after 1, 2, 4, 4... ms), litefs4j's event-driven"
            + " `PositionWaiter.withEvents` (re-reads `-pos` as soon as the replica's event"
            + " stream reports a tx of that database), and two plain loops that read `-pos` and"
            + " sleep 1 ms (what the LiteFS proxy does for a read carrying a `__txid` cookie) or"
            + " 30 ms (litefs-js's interval). litefs-go has no such helper, hence no Go column. All"
            + " in the runner's JVM.");
    c.report.detail(
        section,
        "Every strategy checks once at once. When replication has finished by then (a FUSE read"
            + " of `-pos` takes a while), each returns equally fast; otherwise the poll interval"
            + " decides. So the 30 ms poll's p50 only says how often its first check hits; its"
            + " mean says what it costs. The goal's second half (\"well under the 30 ms poll\")"
            + " is therefore judged on the mean: at most half of the 30 ms poll's.");
    for (int k = 0; k < strategies.size(); k++) {
      c.report.detail(
          section,
          "- "
              + strategies.get(k).name()
              + ": p50 "
              + Report.ms(Stats.percentile(samples[k], 50))
              + ", p90 "
              + Report.ms(Stats.percentile(samples[k], 90))
              + ", p99 "
              + Report.ms(Stats.percentile(samples[k], 99))
              + ", mean "
              + Report.ms(mean(samples[k]))
              + ", min "
              + Report.ms(Stats.min(samples[k]))
              + ", max "
              + Report.ms(Stats.max(samples[k])));
    }
  }

  private static double mean(double[] samples) {
    double sum = 0;
    for (double v : samples) {
      sum += v;
    }
    return sum / samples.length;
  }
}
