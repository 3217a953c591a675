package io.github.litefs4j;

import static io.github.litefs4j.HaltItSupport.newDatabase;
import static io.github.litefs4j.HaltItSupport.rows;
import static io.github.litefs4j.testsupport.Sql.exec;
import static io.github.litefs4j.testsupport.Sql.execNoWait;
import static io.github.litefs4j.testsupport.Sql.sqliteCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.litefs4j.testing.LiteFsCluster;
import io.github.litefs4j.testing.LiteFsClusterTest;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * A function that runs past the primary's HALT TTL, against real LiteFS 0.5.14. In its own class
 * (own cluster): it leaves the replica's replication deadlocked, as LiteFS does, and restarts it.
 */
@LiteFsClusterTest(replicas = 1)
class HaltTtlIT {
  private static final Logger JUL = Logger.getLogger("io.github.litefs4j.HaltLock");

  @Test
  void aFunctionRunningPastTheTtlIsWarnedAndItsFailureExplained(LiteFsCluster cluster)
      throws Exception {
    String name = newDatabase(cluster);
    Path replicaDb = cluster.replica(0).database(name);
    Path primaryDb = cluster.primary().database(name);
    BlockingQueue<LogRecord> warnings = new LinkedBlockingQueue<>();
    Handler handler = collecting(warnings);
    JUL.addHandler(handler);
    AtomicLong primaryWroteAfterNanos = new AtomicLong();
    long start = System.nanoTime();

    try {
      assertThatThrownBy(
              () ->
                  LiteFS.withHalt(
                      replicaDb,
                      Duration.ofSeconds(10),
                      () -> {
                        exec(replicaDb, "INSERT INTO t VALUES ('in time')");
                        // The primary's own writers are held back until the primary expires the
                        // HALT: 30 to 35 s after granting it.
                        await()
                            .atMost(Duration.ofSeconds(45))
                            .pollInterval(Duration.ofMillis(500))
                            .ignoreExceptions()
                            .until(
                                () -> execNoWait(primaryDb, "INSERT INTO t VALUES ('primary')"),
                                n -> n == 1);
                        primaryWroteAfterNanos.set(System.nanoTime() - start);
                        LogRecord warning = warnings.poll(10, TimeUnit.SECONDS);
                        assertThat(warning).isNotNull();
                        assertThat(warning.getMessage())
                            .contains("the HALT on " + replicaDb + " has been held for")
                            .contains("past LiteFS's HALT TTL of PT30S");
                        // The replica still believes it holds the HALT; its commit now fails.
                        exec(replicaDb, "INSERT INTO t VALUES ('too late')");
                      }))
          .isInstanceOfSatisfying(
              SQLException.class,
              e -> {
                // Measured on LiteFS 0.5.14: SQLITE_BUSY, because the replica's replication
                // deadlocked on the primary's transaction while it held the local write lock.
                assertThat(sqliteCode(e)).isEqualTo(5);
                assertThat(e.getSuppressed()).hasSize(2);
                assertThat(e.getSuppressed()[0])
                    .isInstanceOfSatisfying(
                        HaltException.class,
                        x -> {
                          assertThat(x.heldFor().orElseThrow())
                              .isGreaterThan(Duration.ofSeconds(30));
                          assertThat(x).hasMessageContaining("most likely expired");
                        });
                // ...and the unlock gets no answer from the deadlocked replica.
                assertThat(e.getSuppressed()[1])
                    .isInstanceOf(HaltException.class)
                    .hasFieldOrPropertyWithValue("reason", HaltException.Reason.UNHALT_FAILED)
                    .hasMessageContaining("LiteFS did not answer the unlock within PT15S")
                    .hasMessageContaining("past the primary's PT30S TTL");
              });
    } finally {
      JUL.removeHandler(handler);
    }
    assertThat(Duration.ofNanos(primaryWroteAfterNanos.get()))
        .isBetween(Duration.ofSeconds(29), Duration.ofSeconds(41));
    assertThat(rows(primaryDb)).containsExactly("in time", "primary");

    // Only a restart of the replica's LiteFS ends the deadlock; the stuck unlock ends with it.
    cluster.replica(0).kill();
    cluster.replica(0).start();
    cluster.awaitReplicated(name, Duration.ofSeconds(20));
    assertThat(rows(replicaDb)).containsExactly("in time", "primary");
    LiteFS.halt(replicaDb, Duration.ofSeconds(10)).close();
  }

  private static Handler collecting(BlockingQueue<LogRecord> into) {
    return new Handler() {
      @Override
      public void publish(LogRecord r) {
        if (r.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue()) {
          into.add(r);
        }
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
  }
}
