package io.github.litefs4j;

import static io.github.litefs4j.HaltItSupport.OFD;
import static io.github.litefs4j.HaltItSupport.lockSeenByOthers;
import static io.github.litefs4j.HaltItSupport.newDatabase;
import static io.github.litefs4j.HaltItSupport.rows;
import static io.github.litefs4j.testsupport.Sql.exec;
import static io.github.litefs4j.testsupport.Sql.execNoWait;
import static io.github.litefs4j.testsupport.Sql.sqliteCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.litefs4j.internal.OfdLocks.LockInfo;
import io.github.litefs4j.internal.OfdLocks.LockType;
import io.github.litefs4j.testing.LiteFsCluster;
import io.github.litefs4j.testing.LiteFsClusterTest;
import io.github.litefs4j.testing.LiteFsNode;
import io.github.litefs4j.testsupport.Sql;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** HALT through the public API against a real 2-node LiteFS cluster. */
@LiteFsClusterTest(replicas = 1)
class HaltIT {
  private static final int SQLITE_READONLY = 8;
  private static final long HALT = LiteFS.HALT_BYTE;

  private final ExecutorService pool = Executors.newCachedThreadPool();
  private LiteFsCluster cluster;
  private Path replicaDb;
  private Path primaryDb;

  @BeforeEach
  void createDatabase(LiteFsCluster cluster) throws Exception {
    this.cluster = cluster;
    String name = newDatabase(cluster);
    replicaDb = cluster.replica(0).database(name);
    primaryDb = cluster.primary().database(name);
  }

  @AfterEach
  void stopThreads() {
    pool.shutdownNow();
  }

  private LiteFsNode replica() {
    return cluster.replica(0);
  }

  @Test
  void aPlainWriteOnTheReplicaFailsReadOnly() {
    assertThatThrownBy(() -> exec(replicaDb, "INSERT INTO t VALUES ('x')"))
        .isInstanceOfSatisfying(
            SQLException.class, e -> assertThat(sqliteCode(e)).isEqualTo(SQLITE_READONLY));
  }

  @Test
  void haltFromReplicaForwardsWriteToPrimary() throws Exception {
    int rows;
    try (Connection c = Sql.connect(replicaDb);
        Statement stmt = c.createStatement()) {
      rows = LiteFS.withHalt(replicaDb, () -> stmt.executeUpdate("INSERT INTO t VALUES ('fwd')"));
    }

    assertThat(rows).isEqualTo(1);
    assertThat(rows(primaryDb)).containsExactly("fwd");
    cluster.awaitReplicated(replicaDb.getFileName().toString(), Duration.ofSeconds(10));
    assertThat(rows(replicaDb)).containsExactly("fwd");
    assertThat(lockSeenByOthers(replicaDb).type()).isEqualTo(LockType.UNLOCK);
  }

  @Test
  void aHeldHaltOnTheReplicaIsReportedToOtherDescriptorsAndBlocksThePrimary() throws Exception {
    try (HaltLock halt = LiteFS.halt(replicaDb, Duration.ofSeconds(10))) {
      assertThat(halt.isNoOp()).isFalse();
      assertThat(halt.isReportedByNode()).isTrue();
      assertThat(lockSeenByOthers(replicaDb)).isEqualTo(new LockInfo(LockType.WRITE, HALT, 1, -1));
      assertThatThrownBy(() -> execNoWait(primaryDb, "INSERT INTO t VALUES ('primary')"))
          .as("the primary's own writers wait while a replica holds the HALT")
          .isInstanceOfSatisfying(
              SQLException.class, e -> assertThat(sqliteCode(e)).isEqualTo(5 /* BUSY */));
    }
    assertThat(lockSeenByOthers(replicaDb).type()).isEqualTo(LockType.UNLOCK);
    execNoWait(primaryDb, "INSERT INTO t VALUES ('primary')");
  }

  @Test
  void haltOnThePrimaryIsANoOpThatSucceeds() throws Exception {
    try (HaltLock halt = LiteFS.halt(primaryDb, Duration.ofSeconds(5))) {
      assertThat(halt.isNoOp()).isTrue();
      assertThat(halt.isReportedByNode()).isTrue();
      assertThat(halt.isPastTtl()).isFalse();
      // Measured: LiteFS reports no lock on the primary, and other writers are not held back.
      assertThat(lockSeenByOthers(primaryDb).type()).isEqualTo(LockType.UNLOCK);
      execNoWait(primaryDb, "INSERT INTO t VALUES ('other writer')");
    }
    assertThat(rows(primaryDb)).containsExactly("other writer");
  }

  @Test
  void haltTimesOutWhileAnotherProcessHoldsItAndCancelsItsWait() throws Exception {
    int other = OFD.open(replicaDb + "-lock");
    try {
      OFD.setLock(other, LockType.WRITE, HALT, 1, true); // as another process would
      Duration timeout = Duration.ofSeconds(2);
      long start = System.nanoTime();

      assertThatThrownBy(() -> LiteFS.halt(replicaDb, timeout))
          .isInstanceOfSatisfying(
              LiteFsTimeoutException.class,
              e -> {
                assertThat(e.timeout()).isEqualTo(timeout);
                assertThat(e)
                    .hasMessageContaining("still waiting for LiteFS to grant it")
                    .as("LiteFS confirmed the cancellation")
                    .hasMessageNotContaining("background thread");
              });
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(timeout.plusSeconds(3));
    } finally {
      OFD.close(other);
    }
    assertThat(lockSeenByOthers(replicaDb).type()).isEqualTo(LockType.UNLOCK);
    LiteFS.halt(replicaDb, Duration.ofSeconds(5)).close();
  }

  @Test
  void haltWithTimeoutWhileThePrimaryIsKilledFailsFastWithEio() throws Exception {
    cluster.primary().kill();
    Duration timeout = Duration.ofSeconds(2);
    long start = System.nanoTime();

    // Measured: with no primary, LiteFS fails the request at once (EIO), before our timeout.
    assertThatThrownBy(() -> LiteFS.halt(replicaDb, timeout))
        .isInstanceOfSatisfying(
            HaltException.class,
            e -> {
              assertThat(e.errno()).hasValue(5);
              assertThat(e).hasMessageContaining("EIO (5): LiteFS failed the HALT");
            });
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(timeout.plusSeconds(3));

    cluster.primary().start();
    replica().awaitConnected(Duration.ofSeconds(20));
    try (HaltLock halt = LiteFS.halt(replicaDb, Duration.ofSeconds(10))) {
      assertThat(halt.isReportedByNode()).isTrue();
    }
  }

  @Test
  void haltWithTimeoutWhileThePrimaryIsFrozenEndsWithinTheTimeout() throws Exception {
    long pid = cluster.primary().pid();
    HaltItSupport.signal(pid, "STOP");
    try {
      Duration timeout = Duration.ofSeconds(2);
      long start = System.nanoTime();

      assertThatThrownBy(() -> LiteFS.halt(replicaDb, timeout))
          .isInstanceOfSatisfying(
              LiteFsTimeoutException.class,
              e -> assertThat(e).hasMessageNotContaining("background thread"));

      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(timeout.plusSeconds(3));
    } finally {
      HaltItSupport.signal(pid, "CONT");
    }
    // Measured: the primary, once resumed, may still grant the request the replica gave up on
    // (LiteFS 0.5.14 does not notice the cancellation in time) and keep that orphan HALT until its
    // TTL: HALTs then fail with EIO for up to 35 s.
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofSeconds(1))
        .ignoreExceptions()
        .untilAsserted(() -> LiteFS.halt(replicaDb, Duration.ofSeconds(5)).close());
  }

  @Test
  void haltWithoutTimeoutWhileThePrimaryIsFrozenFailsAfterLiteFsOwnTenSeconds() throws Exception {
    long pid = cluster.primary().pid();
    HaltItSupport.signal(pid, "STOP");
    long start = System.nanoTime();
    try {
      assertThatThrownBy(() -> LiteFS.halt(replicaDb))
          .isInstanceOfSatisfying(HaltException.class, e -> assertThat(e.errno()).hasValue(5));
    } finally {
      HaltItSupport.signal(pid, "CONT");
    }
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isBetween(Duration.ofSeconds(9), Duration.ofSeconds(15));
  }

  @Test
  void interruptingAThreadWaitingInHaltEndsItPromptlyWithTheFlagSet() throws Exception {
    int other = OFD.open(replicaDb + "-lock");
    OFD.setLock(other, LockType.WRITE, HALT, 1, true);
    AtomicReference<Thread> waiter = new AtomicReference<>();
    Future<Throwable> outcome;
    try {
      outcome =
          pool.submit(
              () -> {
                waiter.set(Thread.currentThread());
                try {
                  LiteFS.halt(replicaDb).close();
                  return null;
                } catch (LiteFsInterruptedException e) {
                  return Thread.currentThread().isInterrupted() ? e : new AssertionError("flag");
                }
              });
      await().until(() -> waiter.get() != null && waiter.get().getState() == Thread.State.WAITING);
      long start = System.nanoTime();
      waiter.get().interrupt();

      Throwable t = outcome.get(10, TimeUnit.SECONDS);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
      assertThat(t)
          .isInstanceOf(LiteFsInterruptedException.class)
          .hasMessageContaining("LiteFS to grant it")
          .hasMessageNotContaining("background thread");
    } finally {
      OFD.close(other);
    }
    assertThat(lockSeenByOthers(replicaDb).type()).isEqualTo(LockType.UNLOCK);
    pool.submit(() -> LiteFS.halt(replicaDb, Duration.ofSeconds(5)).close())
        .get(10, TimeUnit.SECONDS);
  }

  @Test
  void interruptingAThreadWaitingInWithHaltOnTheCallingThreadEndsItWithTheFlagSet()
      throws Exception {
    int other = OFD.open(replicaDb + "-lock");
    OFD.setLock(other, LockType.WRITE, HALT, 1, true);
    AtomicReference<Thread> waiter = new AtomicReference<>();
    AtomicReference<Boolean> ran = new AtomicReference<>(false);
    Future<Throwable> outcome;
    try {
      outcome =
          pool.submit(
              () -> {
                waiter.set(Thread.currentThread());
                try {
                  LiteFS.withHalt(replicaDb, () -> ran.set(true));
                  return null;
                } catch (LiteFsInterruptedException e) {
                  return Thread.currentThread().isInterrupted() ? e : new AssertionError("flag");
                }
              });
      // withHalt without a timeout waits in fcntl on the calling thread itself.
      await().until(() -> waiter.get() != null && inFcntl(waiter.get()));
      waiter.get().interrupt();

      Throwable t = outcome.get(10, TimeUnit.SECONDS);
      assertThat(t)
          .isInstanceOf(LiteFsInterruptedException.class)
          .hasMessageContaining("LiteFS to grant it")
          .hasCauseInstanceOf(InterruptedException.class);
      assertThat(ran.get()).isFalse();
    } finally {
      OFD.close(other);
    }
    assertThat(lockSeenByOthers(replicaDb).type()).isEqualTo(LockType.UNLOCK);
    assertThat(
            pool.submit(() -> LiteFS.withHalt(replicaDb, () -> "again")).get(10, TimeUnit.SECONDS))
        .isEqualTo("again");
  }

  private static boolean inFcntl(Thread t) {
    for (StackTraceElement e : t.getStackTrace()) {
      if (e.getMethodName().equals("fcntl") && e.getClassName().contains("JnaOfdLocks")) {
        return true;
      }
    }
    return false;
  }

  @Test
  void aWaitCancelledByAFlushWeDidNotSendIsRetried() throws Exception {
    int other = OFD.open(replicaDb + "-lock");
    try {
      OFD.setLock(other, LockType.WRITE, HALT, 1, true);
      Future<HaltLock> halting = pool.submit(() -> LiteFS.halt(replicaDb, Duration.ofSeconds(30)));
      await().until(HaltIT::aWorkerIsInFcntl);
      long start = System.nanoTime();

      // A child process inherits every descriptor and closes it at exec: a FUSE Flush for the
      // waiting descriptor (LiteFS cancels the wait: errno 512) and for the holder's (released).
      Process child = new ProcessBuilder("true").start();
      assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();

      try (HaltLock halt = halting.get(20, TimeUnit.SECONDS)) {
        assertThat(halt.isReportedByNode()).isTrue();
      }
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .as("granted after the retry, not failed by LiteFS's own 10 s timeout")
          .isLessThan(Duration.ofSeconds(9));
    } finally {
      OFD.close(other);
    }
  }

  private static boolean aWorkerIsInFcntl() {
    return Thread.getAllStackTraces().entrySet().stream()
        .anyMatch(
            e ->
                e.getKey().getName().startsWith("litefs4j-halt-")
                    && e.getValue().length > 0
                    && e.getValue()[0].getMethodName().equals("fcntl"));
  }

  @Test
  void twoThreadsHaltingTheSameDatabaseAreSerialized() throws Exception {
    BlockingQueue<String> events = new LinkedBlockingQueue<>();
    CountDownLatch firstHolds = new CountDownLatch(1);
    CountDownLatch firstMayFinish = new CountDownLatch(1);
    Future<?> first =
        pool.submit(
            () -> {
              LiteFS.withHalt(
                  replicaDb,
                  Duration.ofSeconds(10),
                  () -> {
                    exec(replicaDb, "INSERT INTO t VALUES ('first')");
                    events.add("first holds");
                    firstHolds.countDown();
                    firstMayFinish.await();
                    events.add("first releases");
                  });
              return null;
            });
    assertThat(firstHolds.await(20, TimeUnit.SECONDS)).isTrue();
    Future<?> second =
        pool.submit(
            () -> {
              LiteFS.withHalt(
                  replicaDb,
                  Duration.ofSeconds(20),
                  () -> {
                    events.add("second holds");
                    exec(replicaDb, "INSERT INTO t VALUES ('second')");
                  });
              return null;
            });
    assertThat(events.poll(10, TimeUnit.SECONDS)).isEqualTo("first holds");
    assertThat(events.poll(500, TimeUnit.MILLISECONDS)).as("second must wait").isNull();

    firstMayFinish.countDown();
    first.get(20, TimeUnit.SECONDS);
    second.get(20, TimeUnit.SECONDS);

    assertThat(events).containsExactly("first releases", "second holds");
    assertThat(rows(primaryDb)).containsExactly("first", "second");
  }

  @Test
  void closingAnUnrelatedDescriptorOfTheLockFileKeepsTheHalt() throws Exception {
    try (HaltLock halt = LiteFS.halt(replicaDb, Duration.ofSeconds(10))) {
      int unrelated = OFD.open(replicaDb + "-lock");
      assertThat(OFD.getLock(unrelated, LockType.WRITE, HALT, 1).type()).isEqualTo(LockType.WRITE);
      OFD.close(unrelated);

      assertThat(lockSeenByOthers(replicaDb).type()).isEqualTo(LockType.WRITE);
      assertThat(halt.isReportedByNode()).isTrue();
      exec(replicaDb, "INSERT INTO t VALUES ('still forwarded')");
    }
    assertThat(rows(primaryDb)).containsExactly("still forwarded");
  }

  @Test
  void startingAChildProcessWhileHoldingAHaltReleasesIt() throws Exception {
    try (HaltLock halt = LiteFS.halt(replicaDb, Duration.ofSeconds(10))) {
      assertThat(halt.isReportedByNode()).isTrue();

      Process child = new ProcessBuilder("true").start();
      assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();

      // The child inherited the descriptor and closed it at exec: LiteFS took that as an unlock.
      assertThat(halt.isReportedByNode()).isFalse();
      assertThat(lockSeenByOthers(replicaDb).type()).isEqualTo(LockType.UNLOCK);
      assertThatThrownBy(() -> exec(replicaDb, "INSERT INTO t VALUES ('lost')"))
          .isInstanceOfSatisfying(
              SQLException.class, e -> assertThat(sqliteCode(e)).isEqualTo(SQLITE_READONLY));
    }
  }

  @Test
  void withHaltExplainsAWriteThatFailedBecauseAChildProcessReleasedTheHalt() {
    assertThatThrownBy(
            () ->
                LiteFS.withHalt(
                    replicaDb,
                    () -> {
                      new ProcessBuilder("true").start().waitFor();
                      exec(replicaDb, "INSERT INTO t VALUES ('lost')");
                    }))
        .isInstanceOfSatisfying(
            SQLException.class,
            e -> {
              assertThat(sqliteCode(e)).isEqualTo(SQLITE_READONLY);
              assertThat(e.getSuppressed()).hasSize(1);
              assertThat(e.getSuppressed()[0])
                  .isExactlyInstanceOf(HaltException.class)
                  .hasFieldOrPropertyWithValue("reason", HaltException.Reason.LOST)
                  .hasMessageContaining("no longer reports it");
            });
  }

  @Test
  void withHaltPropagatesTheFunctionsExceptionAndReleasesTheHalt() throws Exception {
    SQLException failure = new SQLException("business rule");
    assertThatThrownBy(
            () ->
                LiteFS.withHalt(
                    replicaDb,
                    Duration.ofSeconds(10),
                    () -> {
                      exec(replicaDb, "INSERT INTO t VALUES ('before failure')");
                      throw failure;
                    }))
        .isSameAs(failure);
    assertThat(failure.getSuppressed()).isEmpty();

    assertThat(lockSeenByOthers(replicaDb).type()).isEqualTo(LockType.UNLOCK);
    // Another thread, another descriptor: granted promptly.
    pool.submit(() -> LiteFS.halt(replicaDb, Duration.ofSeconds(5)).close())
        .get(10, TimeUnit.SECONDS);
    // The commit made before the failure stays committed.
    assertThat(rows(primaryDb)).containsExactly("before failure");
  }

  @Test
  void haltOnADatabaseThatDoesNotExistOnTheNodeIsDatabaseNotFound() {
    Path missing = replica().database("missing.db");
    assertThatThrownBy(() -> LiteFS.halt(missing, Duration.ofSeconds(5)))
        .isInstanceOfSatisfying(
            LiteFsMountException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(LiteFsMountException.Reason.DATABASE_NOT_FOUND);
              assertThat(e).hasMessageContaining("database does not exist on this node");
            });
  }
}
