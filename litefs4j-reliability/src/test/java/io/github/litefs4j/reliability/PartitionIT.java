package io.github.litefs4j.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.litefs4j.Event;
import io.github.litefs4j.EventListener;
import io.github.litefs4j.EventSubscription;
import io.github.litefs4j.EventWatcher;
import io.github.litefs4j.LiteFS;
import io.github.litefs4j.LiteFsClient;
import io.github.litefs4j.LiteFsException;
import io.github.litefs4j.LiteFsTimeoutException;
import io.github.litefs4j.Position;
import io.github.litefs4j.PositionTimeoutException;
import io.github.litefs4j.PositionWaiter;
import io.github.litefs4j.PrimaryChangeEvent;
import io.github.litefs4j.PrimaryMonitor;
import io.github.litefs4j.PrimaryState;
import io.github.litefs4j.ReconnectPolicy;
import io.github.litefs4j.TxEvent;
import io.github.litefs4j.testing.LiteFsCluster;
import io.github.litefs4j.testsupport.Sql;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Partitions: the primary and the replica run in their own network namespaces, on their own
 * addresses, and the test cuts the link between them (both ends down: the replica's connections to
 * the primary go silent, new ones fail) during a HALT, an event subscription and a position wait,
 * then brings it back. A second kind of cut takes down the test's own link to the replica's HTTP
 * API. Measured on LiteFS 0.5.14: a silent cut is not noticed by LiteFS (the replica keeps {@code
 * .primary} and emits no event; only {@code .lag} grows), so the documented signals are the lag,
 * the timeouts of litefs4j, and writes that block until the link returns.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PartitionIT {
  private static final Duration MARGIN = Duration.ofSeconds(5);

  private final ExecutorService pool = Executors.newCachedThreadPool();
  private RootShell shell;
  private Netns netns;
  private LiteFsCluster cluster;
  private Path primaryDb;
  private Path replicaDb;
  private int nextId = 1;

  @BeforeAll
  void startCluster() throws Exception {
    shell = new RootShell(); // before any HALT: see RootShell
    netns = new Netns(shell);
    cluster =
        LiteFsCluster.builder()
            .replicas(1)
            .network(0, netns.primaryNetwork())
            .network(1, netns.replicaNetwork())
            .start();
    assertThat(cluster.primary().httpUri().getHost()).startsWith("10.");
    primaryDb = cluster.primary().database("partition.db");
    replicaDb = cluster.replica(0).database("partition.db");
    Sql.exec(primaryDb, "CREATE TABLE t (id INTEGER NOT NULL)");
    awaitConverged();
  }

  @BeforeEach
  void connected() {
    cluster.replica(0).awaitConnected(Duration.ofSeconds(30));
  }

  @AfterEach
  void heal() throws Exception {
    netns.healReplication();
    netns.healClientLink();
  }

  @AfterAll
  void removeEverything() throws Exception {
    pool.shutdownNow();
    try {
      if (cluster != null) {
        cluster.close();
      }
    } finally {
      if (netns != null) {
        netns.close();
        assertThat(shell.run("ip netns list")).doesNotContain(netns.primaryNs, netns.replicaNs);
      }
      shell.close();
    }
  }

  // ---- HALT ------------------------------------------------------------------------------------

  @Test
  void aHaltAskedForDuringACutTimesOutAndWorksAgainOnceTheLinkReturns() throws Exception {
    netns.cutReplication();
    Duration timeout = Duration.ofSeconds(3);
    long start = System.nanoTime();

    assertThatThrownBy(() -> LiteFS.halt(replicaDb, timeout))
        .isExactlyInstanceOf(LiteFsTimeoutException.class)
        .hasMessageContaining("no HALT on " + replicaDb);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(timeout.plus(MARGIN));
    // LiteFS does not notice a silent cut: .primary still names the primary, the lag grows.
    assertThat(LiteFS.primaryHostname(cluster.replica(0).mountDir())).contains("node-0");
    assertThat(LiteFS.lag(replicaDb)).isGreaterThan(Duration.ofSeconds(2));

    long healedAt = System.nanoTime();
    netns.healReplication();
    // The HALT request that timed out may reach the primary once the link is back (TCP
    // retransmits it) and be granted there as an orphan, which the primary keeps until its TTL
    // (30 to 35 s): HALTs fail with EIO meanwhile. So the first HALT after the cut may take up to
    // about 35 s; every failure until then must be typed.
    int id = nextId++;
    Map<String, Integer> failuresAfterHeal = new TreeMap<>();
    await()
        .atMost(Duration.ofSeconds(50))
        .pollInterval(Duration.ofMillis(250))
        .until(
            () -> {
              try {
                return insertUnderHalt(id) == 1;
              } catch (LiteFsException e) {
                failuresAfterHeal.merge(HaltWriterMain.kind(e), 1, Integer::sum);
                return false;
              }
            });
    Figures.of("PartitionIT.haltAfterCut")
        .put("haltTimeoutDuringCutMs", timeout.toMillis())
        .put("firstHaltAfterHealMs", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - healedAt))
        .put("failuresAfterHeal", failuresAfterHeal)
        .report();
    awaitConverged();
    assertThat(Sql.countsById(primaryDb, "t")).containsEntry((long) id, 1);
    assertThat(LiteFS.lag(replicaDb)).isLessThan(Duration.ofSeconds(3));
  }

  @Test
  void aWriteUnderAHaltBlocksDuringACutAndCompletesExactlyOnceWhenTheLinkReturns()
      throws Exception {
    int id = nextId++;
    CountDownLatch halted = new CountDownLatch(1);
    CountDownLatch cut = new CountDownLatch(1);
    Future<Integer> write =
        pool.submit(
            () ->
                LiteFS.withHalt(
                    replicaDb,
                    Duration.ofSeconds(5),
                    () -> {
                      halted.countDown();
                      assertThat(cut.await(30, TimeUnit.SECONDS)).isTrue();
                      return insert(id);
                    }));
    assertThat(halted.await(10, TimeUnit.SECONDS)).isTrue();
    netns.cutReplication(); // through the shell started before the HALT: releases nothing
    cut.countDown();

    // LiteFS ships the commit to the primary with no timeout: the write waits for the link.
    assertThatThrownBy(() -> write.get(5, TimeUnit.SECONDS))
        .isInstanceOf(java.util.concurrent.TimeoutException.class);
    long healedAt = System.nanoTime();
    netns.healReplication();

    assertThat(write.get(60, TimeUnit.SECONDS)).isEqualTo(1);
    Figures.of("PartitionIT.haltWriteDuringCut")
        .put("blockedAtLeastMs", 5000)
        .put("completedAfterHealMs", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - healedAt))
        .report();
    awaitConverged();
    assertThat(Sql.countsById(primaryDb, "t")).containsEntry((long) id, 1);
    assertThat(Sql.countsById(replicaDb, "t")).containsEntry((long) id, 1);
    LiteFS.halt(replicaDb, Duration.ofSeconds(5)).close(); // and no HALT is left held
  }

  // ---- events ----------------------------------------------------------------------------------

  @Test
  void aSubscriptionOnTheReplicaSeesNoChangeDuringACutAndTransactionsAgainAfterIt()
      throws Exception {
    LiteFsClient client = LiteFsClient.create(cluster.replica(0).httpUri());
    BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    AtomicInteger connects = new AtomicInteger();
    try (EventWatcher watcher = client.subscribe(recorder(events, connects));
        PrimaryMonitor monitor = client.monitorPrimary()) {
      assertThat(monitor.awaitReady(Duration.ofSeconds(10)).role())
          .isEqualTo(PrimaryState.Role.REPLICA);
      await().until(() -> connects.get() == 1);
      events.clear();

      netns.cutReplication();
      Sql.exec(primaryDb, "INSERT INTO t VALUES (" + nextId++ + ")");
      Position target = LiteFS.position(primaryDb);
      // Five seconds of cut: no primaryChange, no tx; the monitor still says REPLICA.
      Event during = events.poll(5, TimeUnit.SECONDS);
      assertThat(during).as("event during the cut").isNull();
      assertThat(monitor.state().role()).isEqualTo(PrimaryState.Role.REPLICA);
      assertThat(LiteFS.lag(replicaDb)).isGreaterThan(Duration.ofSeconds(4));

      netns.healReplication();
      TxEvent tx = nextTx(events, Duration.ofSeconds(60));
      assertThat(tx.position()).isEqualTo(target);
      assertThat(connects.get()).as("the subscription itself never broke").isEqualTo(1);
      assertThat(watcher.isConnected()).isTrue();
    }
  }

  @Test
  void aCutOfTheClientsLinkEndsInTheIdleTimeoutThenAGapAndTheMonitorRecovers() throws Exception {
    LiteFsClient client =
        LiteFsClient.builder()
            .baseUri(cluster.replica(0).httpUri())
            .connectTimeout(Duration.ofSeconds(1))
            .requestTimeout(Duration.ofSeconds(2))
            .build();
    ReconnectPolicy policy =
        ReconnectPolicy.builder()
            .initialDelay(Duration.ofMillis(100))
            .maxDelay(Duration.ofSeconds(1))
            .idleTimeout(Duration.ofSeconds(2))
            .build();
    BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    BlockingQueue<Boolean> gaps = new LinkedBlockingQueue<>();
    BlockingQueue<LiteFsException> failures = new LinkedBlockingQueue<>();
    try (EventWatcher watcher = client.subscribe(listener(events, gaps, failures), policy);
        PrimaryMonitor monitor = client.monitorPrimary(policy);
        EventSubscription pull = client.subscribeEvents()) {
      assertThat(gaps.poll(10, TimeUnit.SECONDS)).isFalse();
      assertThat(monitor.awaitReady(Duration.ofSeconds(10)).role())
          .isEqualTo(PrimaryState.Role.REPLICA);
      assertThat(pull.next(Duration.ofSeconds(5)).type()).isEqualTo("init");

      netns.cutClientLink();
      assertThatThrownBy(() -> pull.next(Duration.ofSeconds(2)))
          .isInstanceOf(LiteFsTimeoutException.class);
      LiteFsException first = failures.poll(10, TimeUnit.SECONDS);
      assertThat(first).as("idle timeout").isInstanceOf(LiteFsTimeoutException.class);
      LiteFsException reconnect = failures.poll(10, TimeUnit.SECONDS);
      assertThat(reconnect).as("a reconnect during the cut").isNotNull();
      await()
          .atMost(Duration.ofSeconds(15))
          .until(() -> monitor.state().role() == PrimaryState.Role.UNKNOWN);

      netns.healClientLink();
      assertThat(gaps.poll(30, TimeUnit.SECONDS)).as("reconnected, reporting a gap").isTrue();
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> monitor.state().role() == PrimaryState.Role.REPLICA);
      assertThat(watcher.isConnected()).isTrue();
      Figures.of("PartitionIT.clientLinkCut")
          .put("firstFailure", first.getClass().getSimpleName())
          .put("reconnectFailure", reconnect.getClass().getSimpleName())
          .put("reconnectFailuresDuringCut", 1 + failures.size())
          .report();
    }
  }

  // ---- awaitPosition ---------------------------------------------------------------------------

  @Test
  void aPositionWaitDuringACutTimesOutWithTheLastPositionAndReachesItAfter() throws Exception {
    Position before = LiteFS.position(replicaDb);
    netns.cutReplication();
    Sql.exec(primaryDb, "INSERT INTO t VALUES (" + nextId++ + ")");
    Position target = LiteFS.position(primaryDb);
    assertThat(target.txid()).isGreaterThan(before.txid());

    Duration timeout = Duration.ofSeconds(2);
    long start = System.nanoTime();
    assertThatThrownBy(() -> LiteFS.awaitPosition(replicaDb, target, timeout))
        .isInstanceOfSatisfying(
            PositionTimeoutException.class,
            e -> {
              assertThat(e.target()).isEqualTo(target);
              assertThat(e.lastSeen()).contains(before);
            });
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(timeout.plus(MARGIN));
    try (PositionWaiter events =
        PositionWaiter.withEvents(LiteFsClient.create(cluster.replica(0).httpUri()))) {
      assertThatThrownBy(() -> events.await(replicaDb, target, timeout))
          .isInstanceOf(PositionTimeoutException.class);

      CompletableFuture<Position> polling =
          CompletableFuture.supplyAsync(
              () -> LiteFS.awaitPosition(replicaDb, target, Duration.ofSeconds(60)), pool);
      CompletableFuture<Position> driven =
          CompletableFuture.supplyAsync(
              () -> events.await(replicaDb, target, Duration.ofSeconds(60)), pool);
      assertThat(polling).isNotDone();
      netns.healReplication();
      assertThat(polling.get(60, TimeUnit.SECONDS).isAtLeast(target)).isTrue();
      assertThat(driven.get(60, TimeUnit.SECONDS).isAtLeast(target)).isTrue();
    }
  }

  // ---- helpers ---------------------------------------------------------------------------------

  private int insert(int id) throws Exception {
    try (Connection c = Sql.connect(replicaDb);
        Statement s = c.createStatement()) {
      return s.executeUpdate("INSERT INTO t VALUES (" + id + ")");
    }
  }

  private int insertUnderHalt(int id) throws Exception {
    return LiteFS.withHalt(replicaDb, Duration.ofSeconds(5), () -> insert(id));
  }

  private void awaitConverged() {
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> Sql.posFile(replicaDb).equals(Sql.posFile(primaryDb)));
  }

  private static TxEvent nextTx(BlockingQueue<Event> events, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Event e = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      assertThat(e).as("a tx event").isNotNull();
      if (e instanceof TxEvent tx) {
        return tx;
      }
      assertThat(e).isNotInstanceOf(PrimaryChangeEvent.class);
    }
  }

  private static EventListener recorder(BlockingQueue<Event> events, AtomicInteger connects) {
    return new EventListener() {
      @Override
      public void onEvent(Event event) {
        if (!event.type().equals("init")) {
          events.add(event);
        }
      }

      @Override
      public void onConnected(boolean gap) {
        connects.incrementAndGet();
      }
    };
  }

  private static EventListener listener(
      BlockingQueue<Event> events,
      BlockingQueue<Boolean> gaps,
      BlockingQueue<LiteFsException> failures) {
    return new EventListener() {
      @Override
      public void onEvent(Event event) {
        events.add(event);
      }

      @Override
      public void onConnected(boolean gap) {
        gaps.add(gap);
      }

      @Override
      public void onDisconnected(LiteFsException cause, Duration retryIn) {
        failures.add(cause);
      }
    };
  }
}
