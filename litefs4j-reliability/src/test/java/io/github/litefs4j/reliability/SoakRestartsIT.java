package io.github.litefs4j.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.litefs4j.Event;
import io.github.litefs4j.EventListener;
import io.github.litefs4j.EventWatcher;
import io.github.litefs4j.LiteFsClient;
import io.github.litefs4j.LiteFsException;
import io.github.litefs4j.PrimaryMonitor;
import io.github.litefs4j.PrimaryState;
import io.github.litefs4j.ReconnectPolicy;
import io.github.litefs4j.TxEvent;
import io.github.litefs4j.testing.LiteFsCluster;
import io.github.litefs4j.testing.LiteFsNode;
import io.github.litefs4j.testsupport.Sql;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Soak: a push subscription and a primary monitor on a replica live through 100 restarts of that
 * replica (1,000 with {@code -Dlitefs4j.long=true}). After each restart both reconnect (the
 * subscription reports a gap and delivers the next transaction, the monitor says REPLICA again).
 * Threads, open file descriptors and the heap retained after GC are measured after 5 warm-up
 * restarts and after the last one: none may grow beyond noise.
 */
class SoakRestartsIT {
  private static final int RESTARTS = Figures.longRun() ? 1000 : 100;
  private static final int WARM_UP = 5;
  private static final int MAX_EXTRA_THREADS = 2;
  private static final int MAX_EXTRA_FDS = 8;
  private static final long MAX_EXTRA_HEAP = 4L << 20;

  private final BlockingQueue<Boolean> connects = new LinkedBlockingQueue<>();
  private final BlockingQueue<TxEvent> txs = new LinkedBlockingQueue<>();
  private final AtomicInteger disconnects = new AtomicInteger();

  @Test
  void aSubscriptionAndAMonitorSurviveRestartsOfTheirNodeWithoutGrowth() throws Exception {
    try (LiteFsCluster cluster = LiteFsCluster.builder().replicas(1).start()) {
      LiteFsNode replica = cluster.replica(0);
      Path primaryDb = cluster.primary().database("soak.db");
      Sql.exec(primaryDb, "CREATE TABLE t (id INTEGER NOT NULL)");
      LiteFsClient client = LiteFsClient.create(replica.httpUri());
      ReconnectPolicy policy =
          ReconnectPolicy.builder()
              .initialDelay(Duration.ofMillis(50))
              .maxDelay(Duration.ofSeconds(1))
              .build();

      ProcessResources before = null;
      long start = 0;
      try (EventWatcher watcher = client.subscribe(new Recorder(), policy);
          PrimaryMonitor monitor = client.monitorPrimary(policy)) {
        assertThat(connects.poll(10, TimeUnit.SECONDS)).isFalse(); // first connect: no gap
        awaitReplica(monitor);
        for (int i = 1; i <= WARM_UP + RESTARTS; i++) {
          if (i == WARM_UP + 1) {
            before = ProcessResources.measure();
            start = System.nanoTime();
          }
          restartOnce(replica, primaryDb, monitor, i);
        }
        assertThat(watcher.isConnected()).isTrue();
      }
      long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      ProcessResources after = ProcessResources.measure();

      Figures.of("SoakRestartsIT")
          .put("restarts", RESTARTS)
          .put("warmUpRestarts", WARM_UP)
          .put("elapsedMs", elapsedMs)
          .put("msPerRestart", elapsedMs / RESTARTS)
          .put("watcherDisconnects", disconnects.get())
          .put("threadsBefore", before.threads())
          .put("threadsAfter", after.threads())
          .put("litefs4jThreadsBefore", before.litefs4jThreads())
          .put("litefs4jThreadsAfterClose", after.litefs4jThreads())
          .put("httpClientThreadsBefore", before.httpClientThreads())
          .put("httpClientThreadsAfter", after.httpClientThreads())
          .put("fdsBefore", before.fds())
          .put("fdsAfter", after.fds())
          .put("heapMiBBefore", String.format("%.2f", before.heapBytes() / 1048576.0))
          .put("heapMiBAfter", String.format("%.2f", after.heapBytes() / 1048576.0))
          .report();

      // "before" was measured with the watcher and the monitor open (one thread of ours for the
      // watcher, the monitor's own), "after" once they are closed: none of ours may be left, and
      // the others may not grow beyond noise.
      assertThat(before.litefs4jThreads()).isGreaterThanOrEqualTo(2);
      assertThat(after.litefs4jThreads()).isZero();
      assertThat(after.threads())
          .isLessThanOrEqualTo(before.threads() - before.litefs4jThreads() + MAX_EXTRA_THREADS);
      assertThat(after.fds()).isLessThanOrEqualTo(before.fds() + MAX_EXTRA_FDS);
      assertThat(after.heapBytes()).isLessThanOrEqualTo(before.heapBytes() + MAX_EXTRA_HEAP);
    }
  }

  private void restartOnce(LiteFsNode replica, Path primaryDb, PrimaryMonitor monitor, int i)
      throws Exception {
    if (i % 2 == 0) {
      replica.kill();
    } else {
      replica.stop();
    }
    replica.start();
    Boolean gap = connects.poll(30, TimeUnit.SECONDS);
    assertThat(gap).as("restart %d: the subscription reconnected and reported a gap", i).isTrue();
    awaitReplica(monitor);
    // The stream is live: the next transaction of the primary arrives on it.
    Sql.exec(primaryDb, "INSERT INTO t VALUES (" + i + ")");
    String pos = Sql.posFile(primaryDb);
    TxEvent tx;
    do {
      tx = txs.poll(30, TimeUnit.SECONDS);
      assertThat(tx).as("restart %d: the tx event of position %s", i, pos).isNotNull();
    } while (!tx.position().toString().equals(pos));
    connects.clear();
  }

  private static void awaitReplica(PrimaryMonitor monitor) {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> monitor.state().role() == PrimaryState.Role.REPLICA);
  }

  private final class Recorder implements EventListener {
    @Override
    public void onEvent(Event event) {
      if (event instanceof TxEvent tx) {
        txs.add(tx);
      }
    }

    @Override
    public void onConnected(boolean gap) {
      connects.add(gap);
    }

    @Override
    public void onDisconnected(LiteFsException cause, Duration retryIn) {
      disconnects.incrementAndGet();
    }
  }
}
