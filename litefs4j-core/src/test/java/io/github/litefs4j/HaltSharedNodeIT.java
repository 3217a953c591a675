package io.github.litefs4j;

import static io.github.litefs4j.HaltItSupport.newDatabase;
import static io.github.litefs4j.HaltItSupport.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.litefs4j.testing.LiteFsCluster;
import io.github.litefs4j.testing.LiteFsClusterTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What LiteFS 0.5.14's HALT is when two client processes share one replica: one HALT per database
 * per node, not per holder; {@code F_OFD_GETLK} reports it to every process; grants are not fair.
 * The second process is {@link HaltClientMain} in a JVM of its own.
 */
@LiteFsClusterTest(replicas = 1)
class HaltSharedNodeIT {
  private LiteFsCluster cluster;
  private Path replicaDb;
  private Path primaryDb;

  @TempDir Path tmp;

  @BeforeEach
  void createDatabase(LiteFsCluster cluster) throws Exception {
    this.cluster = cluster;
    String name = newDatabase(cluster);
    replicaDb = cluster.replica(0).database(name);
    primaryDb = cluster.primary().database(name);
  }

  @Test
  void whileOneProcessHoldsTheHaltEveryProcessOnTheReplicaCanWrite() throws Exception {
    // Started before any HALT: starting a process while holding one releases it (see HaltLock).
    try (ChildClient other = ChildClient.start(replicaDb, tmp.resolve("child.err"))) {
      assertThat(other.ask("insert before")).startsWith("FAILED").contains("readonly");

      try (HaltLock halt = LiteFS.halt(replicaDb, Duration.ofSeconds(10))) {
        assertThat(halt.isNoOp()).isFalse();
        // The other process takes no HALT of its own: its plain insert is forwarded anyway.
        assertThat(other.ask("insert by-the-other-process")).isEqualTo("INSERTED");
      }

      assertThat(other.ask("insert after")).startsWith("FAILED").contains("readonly");
    }
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(rows(primaryDb)).containsExactly("by-the-other-process"));
  }

  @Test
  void getlkReportsAnotherProcesssHaltSoALostHaltReadsAsReportedAgain() throws Exception {
    HaltLock mine = LiteFS.halt(replicaDb, Duration.ofSeconds(10));
    assertThat(mine.isReportedByNode()).isTrue();
    // Starting a process while holding the HALT releases it: the child closes the inherited
    // descriptor when it execs, and LiteFS treats that close as an unlock.
    try (ChildClient other = ChildClient.start(replicaDb, tmp.resolve("child.err"))) {
      await().atMost(Duration.ofSeconds(10)).until(() -> !mine.isReportedByNode());

      assertThat(other.ask("halt")).isEqualTo("HELD");
      // Not ours, yet reported: F_OFD_GETLK answers for the node, not for this descriptor.
      assertThat(mine.isReportedByNode()).isTrue();
      assertThat(mine.isReleased()).isFalse();

      assertThat(other.ask("unhalt")).isEqualTo("RELEASED");
      assertThat(mine.isReportedByNode()).isFalse();
    } finally {
      mine.close();
    }
    assertThat(mine.isReleased()).isTrue();
  }

  @Test
  void grantsAreNotFairAProcessThatRetakesTheHaltGoesAheadOfAWaiter() throws Exception {
    int rounds = 40;
    try (ChildClient other = ChildClient.start(replicaDb, tmp.resolve("child.err"))) {
      // Both processes ask for the HALT, take it and release it, back to back; each request and
      // grant is time-stamped with System.nanoTime (CLOCK_MONOTONIC, the same in both JVMs).
      CountDownLatch first = new CountDownLatch(1);
      CompletableFuture<List<long[]>> mine =
          CompletableFuture.supplyAsync(
              () -> {
                List<long[]> waits = new ArrayList<>();
                for (int i = 0; i < rounds; i++) {
                  long asked = System.nanoTime();
                  try (HaltLock halt = LiteFS.halt(replicaDb, Duration.ofSeconds(30))) {
                    waits.add(new long[] {asked, System.nanoTime()});
                  }
                  first.countDown();
                }
                return waits;
              });
      assertThat(first.await(30, TimeUnit.SECONDS)).isTrue();
      other.send("loop " + rounds);
      List<long[]> theirWaits = new ArrayList<>();
      long asked = 0;
      String line;
      while (!(line = other.answer()).equals("LOOPED")) {
        long t = Long.parseLong(line.substring(line.lastIndexOf(' ') + 1));
        if (line.startsWith("ASK")) {
          asked = t;
        } else {
          assertThat(line).startsWith("GRANT");
          theirWaits.add(new long[] {asked, t});
        }
      }
      List<long[]> myWaits = mine.get(120, TimeUnit.SECONDS);

      // First-come grants: while one process waits, the other is granted at most once more.
      int mostWhileTheyWaited = mostGrantsDuringOneWait(myWaits, theirWaits);
      int mostWhileIWaited = mostGrantsDuringOneWait(theirWaits, myWaits);
      assertThat(Math.max(mostWhileTheyWaited, mostWhileIWaited))
          .as("most grants to one process during a single wait of the other")
          .isGreaterThanOrEqualTo(2);
    }
  }

  /**
   * The most grants in {@code grants} that fall inside one {asked, granted} span of {@code waits}.
   */
  private static int mostGrantsDuringOneWait(List<long[]> grants, List<long[]> waits) {
    int most = 0;
    for (long[] wait : waits) {
      int n = 0;
      for (long[] grant : grants) {
        if (grant[1] > wait[0] && grant[1] < wait[1]) {
          n++;
        }
      }
      most = Math.max(most, n);
    }
    return most;
  }
}
