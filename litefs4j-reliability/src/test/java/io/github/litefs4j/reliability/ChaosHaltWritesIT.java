package io.github.litefs4j.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.litefs4j.HaltLock;
import io.github.litefs4j.LiteFS;
import io.github.litefs4j.testing.LiteFsCluster;
import io.github.litefs4j.testsupport.Sql;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Chaos: an application on the replica writes through {@link LiteFS#withHalt} (1,000 inserts by
 * default, 5,000 with {@code -Dlitefs4j.long=true}, each row a unique id) while the test kills the
 * primary with SIGKILL and restarts it at random moments. Afterwards every acknowledged insert is
 * on the primary and on the replica exactly once, every failure was a typed exception (a {@code
 * LiteFsException} or an {@code SQLException} with an SQLite result code), and a new HALT succeeds.
 */
class ChaosHaltWritesIT {
  private static final int WRITES = Figures.longRun() ? 5_000 : 1_000;
  private static final long HALT_TIMEOUT_MS = 3_000;
  private static final long PAUSE_AFTER_FAILURE_MS = 25;
  private static final Duration STUCK_AFTER = Duration.ofSeconds(5);
  private final List<String> replicaStuck = new ArrayList<>();
  private long behindSince = -1;
  private static final long WRITER_LIMIT_MS =
      TimeUnit.MINUTES.toMillis(Figures.longRun() ? 60 : 12);

  @Test
  void everyAcknowledgedHaltWriteSurvivesPrimaryCrashesExactlyOnce() throws Exception {
    Random random = new Random();
    long seed = random.nextLong();
    random.setSeed(seed);
    try (LiteFsCluster cluster = LiteFsCluster.builder().replicas(1).start()) {
      Path primaryDb = cluster.primary().database("chaos.db");
      Path replicaDb = cluster.replica(0).database("chaos.db");
      Sql.exec(primaryDb, "CREATE TABLE t (id INTEGER NOT NULL)"); // no key: duplicates would show
      cluster.awaitReplicated("chaos.db", Duration.ofSeconds(20));

      int kills = 0;
      long downMillis = 0;
      long start = System.nanoTime();
      Files.createDirectories(Path.of("target"));
      Path stderr = Path.of("target", "chaos-writer.stderr");
      ChildJvm writer =
          ChildJvm.start(
              HaltWriterMain.class,
              stderr,
              replicaDb.toString(),
              Integer.toString(WRITES),
              "1",
              Long.toString(HALT_TIMEOUT_MS),
              Long.toString(PAUSE_AFTER_FAILURE_MS));
      try {
        // Kill and restart the primary at random moments until the writer is done.
        while (!awaitUptime(writer, 200 + random.nextInt(1_300), cluster, replicaDb, primaryDb)) {
          if (System.nanoTime() - start > TimeUnit.MILLISECONDS.toNanos(WRITER_LIMIT_MS)) {
            throw new AssertionError(
                "the writer did not finish within "
                    + WRITER_LIMIT_MS
                    + " ms; last output: "
                    + tail(writer.output()));
          }
          cluster.primary().kill();
          kills++;
          long down = 100 + random.nextInt(1_400);
          downMillis += down;
          writer.hasExited(down);
          cluster.primary().start();
        }
        assertThat(writer.awaitExit(10_000)).isTrue();
        assertThat(writer.exitValue()).as("writer exit; stderr in %s", stderr).isZero();
      } finally {
        writer.close();
      }
      long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      Files.write(Path.of("target", "chaos-writer.log"), writer.output());

      // The primary is back: the replica reconnects and catches up (restarted, and counted, if the
      // LiteFS bug left it stuck: the writer can finish within the 5 s the run's check waits,
      // its last HALTs all failing fast), a new HALT succeeds, the nodes converge.
      cluster.ensureRunning();
      cluster.replica(0).awaitConnected(Duration.ofSeconds(30));
      awaitCaughtUp(cluster, replicaDb, primaryDb, Duration.ofSeconds(60));
      // Bounded past the primary's HALT TTL (30-35 s): a HALT the replica asked for just before a
      // kill can keep the next one waiting that long (PartitionIT.haltAfterCut sees ~33 s).
      try (HaltLock halt = LiteFS.halt(replicaDb, Duration.ofSeconds(45))) {
        assertThat(halt.isReportedByNode()).as("a new HALT after the chaos").isTrue();
      }
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  !Sql.posFile(primaryDb).isEmpty()
                      && Sql.posFile(replicaDb).equals(Sql.posFile(primaryDb)));

      Outcomes outcomes = Outcomes.parse(writer.output());
      Map<Long, Integer> onPrimary = Sql.countsById(primaryDb, "t");
      Map<Long, Integer> onReplica = Sql.countsById(replicaDb, "t");
      Set<Long> lostOnPrimary = missing(outcomes.acknowledged, onPrimary);
      Set<Long> lostOnReplica = missing(outcomes.acknowledged, onReplica);
      Set<Long> duplicated = new HashSet<>();
      onPrimary.forEach(
          (id, n) -> {
            if (n > 1) duplicated.add(id);
          });
      onReplica.forEach(
          (id, n) -> {
            if (n > 1) duplicated.add(id);
          });
      long failedButApplied = outcomes.failed.stream().filter(onPrimary::containsKey).count();
      Set<Long> unknownRows = new HashSet<>(onPrimary.keySet());
      unknownRows.removeAll(outcomes.attempted);

      Figures.of("ChaosHaltWritesIT")
          .put("seed", seed)
          .put("attempted", outcomes.attempted.size())
          .put("acknowledged", outcomes.acknowledged.size())
          .put("acknowledgedButUnhaltFailed", outcomes.unhaltFailed)
          .put("failed", outcomes.failed.size())
          .put("failedByKind", outcomes.failedByKind)
          .put("failedButAppliedOnPrimary", failedButApplied)
          .put("lost", lostOnPrimary.size() + lostOnReplica.size())
          .put("duplicated", duplicated.size())
          .put("primaryKills", kills)
          .put("replicaStuckRestarts", replicaStuck.size())
          .put(
              "remoteCommitErrorsInReplicaLog",
              countInLog(cluster.replica(0).logFile(), "commit error"))
          .put("primaryDownMs", downMillis)
          .put("elapsedMs", elapsedMs)
          .put("rowsOnPrimary", onPrimary.size())
          .put("maxAckLatencyMs", outcomes.maxAckMicros / 1000)
          .report();

      assertThat(outcomes.attempted).hasSize(WRITES);
      assertThat(kills).as("the primary was killed during the run").isGreaterThanOrEqualTo(3);
      assertThat(outcomes.failed).as("the chaos made some writes fail").isNotEmpty();
      assertThat(outcomes.untyped).as("failures that were not typed exceptions").isEmpty();
      assertThat(lostOnPrimary).as("acknowledged but missing on the primary").isEmpty();
      assertThat(lostOnReplica).as("acknowledged but missing on the replica").isEmpty();
      assertThat(duplicated).as("ids stored more than once").isEmpty();
      assertThat(unknownRows).as("rows nobody attempted").isEmpty();
      assertThat(onReplica).isEqualTo(onPrimary);
    }
  }

  /**
   * Lets the primary run for {@code millis} while the writer works; true if the writer exited.
   * LiteFS 0.5.14 can leave the replica stuck after the primary died during a forwarded commit (it
   * stays behind the primary, every HALT fails); only restarting the replica's LiteFS recovers it.
   * Like an operator would, this restarts a replica that stayed behind a running primary for {@link
   * #STUCK_AFTER}, and counts it.
   */
  private boolean awaitUptime(
      ChildJvm writer, long millis, LiteFsCluster cluster, Path replicaDb, Path primaryDb)
      throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    while (System.nanoTime() < end) {
      if (writer.hasExited(100)) {
        return true;
      }
      restartIfStuck(cluster, replicaDb, primaryDb);
    }
    return false;
  }

  /**
   * After the writer: waits until the replica's position equals the primary's, restarting a replica
   * that stays behind for {@link #STUCK_AFTER} as during the run.
   */
  private void awaitCaughtUp(
      LiteFsCluster cluster, Path replicaDb, Path primaryDb, Duration timeout) {
    behindSince = -1;
    await()
        .atMost(timeout)
        .pollInterval(Duration.ofMillis(100))
        .untilAsserted(
            () ->
                assertThat(restartIfStuck(cluster, replicaDb, primaryDb))
                    .as(
                        () ->
                            "the replica behind the primary: "
                                + Sql.posFile(replicaDb)
                                + " vs "
                                + Sql.posFile(primaryDb)
                                + "; stuck restarts "
                                + replicaStuck)
                    .isFalse());
  }

  /**
   * One look at the positions: restarts the replica's LiteFS (and records it) when it has been
   * behind a running primary for {@link #STUCK_AFTER}; true while it is behind.
   */
  private boolean restartIfStuck(LiteFsCluster cluster, Path replicaDb, Path primaryDb) {
    String primaryPos = Sql.posFile(primaryDb);
    String replicaPos = Sql.posFile(replicaDb);
    if (primaryPos.isEmpty() || replicaPos.equals(primaryPos)) {
      behindSince = -1;
      return false;
    }
    long now = System.nanoTime();
    if (behindSince < 0) {
      behindSince = now;
    } else if (now - behindSince > STUCK_AFTER.toNanos()) {
      replicaStuck.add(replicaPos + " behind " + primaryPos);
      cluster.replica(0).stop();
      cluster.replica(0).start();
      behindSince = -1;
    }
    return true;
  }

  private static Set<Long> missing(Set<Long> ids, Map<Long, Integer> present) {
    Set<Long> out = new HashSet<>(ids);
    out.removeAll(present.keySet());
    return out;
  }

  private static long countInLog(Path log, String text) throws java.io.IOException {
    try (var lines = Files.lines(log)) {
      return lines.filter(l -> l.contains(text)).count();
    }
  }

  private static String tail(List<String> lines) {
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 10), lines.size()));
  }

  /** The writer's report, one line per attempt. */
  private static final class Outcomes {
    final Set<Long> attempted = new HashSet<>();
    final Set<Long> acknowledged = new HashSet<>();
    final Set<Long> failed = new HashSet<>();
    final Map<String, Integer> failedByKind = new TreeMap<>();
    final List<String> untyped = new ArrayList<>();
    int unhaltFailed;
    long maxAckMicros;

    static Outcomes parse(List<String> lines) {
      Outcomes o = new Outcomes();
      for (String line : lines) {
        if (!line.startsWith("A ")) {
          continue;
        }
        String[] f = line.split(" ", 6);
        long id = Long.parseLong(f[1]);
        o.attempted.add(id);
        long micros = Long.parseLong(f[3]);
        switch (f[2]) {
          case "OK" -> {
            o.acknowledged.add(id);
            o.maxAckMicros = Math.max(o.maxAckMicros, micros);
          }
          case "UNHALT" -> {
            // The insert committed (withHalt's function returned); only the release failed.
            o.acknowledged.add(id);
            o.unhaltFailed++;
            o.failedByKind.merge("acknowledged+" + f[4], 1, Integer::sum);
          }
          default -> {
            o.failed.add(id);
            String kind = f[4];
            o.failedByKind.merge(kind, 1, Integer::sum);
            if (!isTyped(kind)) {
              o.untyped.add(line);
            }
          }
        }
      }
      return o;
    }

    /** A litefs4j exception, or an SQL failure that carries an SQLite result code. */
    private static boolean isTyped(String kind) {
      return kind.startsWith("HaltException(")
          || kind.startsWith("LiteFs")
          || kind.startsWith("SQLiteException(SQLITE_")
          || kind.startsWith("SQLException(SQLITE_");
    }
  }
}
