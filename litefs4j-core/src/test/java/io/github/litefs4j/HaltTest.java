package io.github.litefs4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.litefs4j.internal.Errno;
import io.github.litefs4j.internal.ErrnoException;
import io.github.litefs4j.internal.HaltCoordinator;
import io.github.litefs4j.internal.JnaOfdLocks;
import io.github.litefs4j.internal.OfdLocks;
import io.github.litefs4j.internal.OfdLocks.LockType;
import io.github.litefs4j.internal.ScriptedOfdLocks;
import io.github.litefs4j.internal.ScriptedOfdLocks.Report;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HALT handling on a plain local file, where the lock is a real OFD lock: timeouts, interrupts,
 * serialization inside the JVM, release paths, TTL. LiteFS's own answers are covered by HaltIT.
 */
class HaltTest {
  private static final Duration GRACE = Duration.ofMillis(200);

  @TempDir Path dir;
  private Path db;
  private Path lockFile;
  private final OfdLocks raw = JnaOfdLocks.get();
  private final ScriptedOfdLocks scripted = new ScriptedOfdLocks();
  private HaltCoordinator coordinator;
  private final ExecutorService pool = Executors.newCachedThreadPool();
  private final List<Integer> foreign = new ArrayList<>();

  @BeforeEach
  void createDatabase() throws IOException {
    db = Files.createFile(dir.resolve("app.db"));
    lockFile = Files.createFile(dir.resolve("app.db-lock"));
    coordinator =
        new HaltCoordinator(scripted, Duration.ofSeconds(30), GRACE, Duration.ofSeconds(2));
  }

  @AfterEach
  void release() throws ErrnoException {
    pool.shutdownNow();
    for (int fd : foreign) {
      raw.close(fd);
    }
  }

  /** A lock held through a descriptor of our own: another process, as far as OFD locks go. */
  private int holdForeignLock() throws ErrnoException {
    int fd = raw.open(lockFile.toString());
    foreign.add(fd);
    raw.setLock(fd, LockType.WRITE, LiteFS.HALT_BYTE, 1, true);
    return fd;
  }

  private LockType seenByOthers() throws ErrnoException {
    int fd = raw.open(lockFile.toString());
    try {
      return raw.getLock(fd, LockType.WRITE, LiteFS.HALT_BYTE, 1).type();
    } finally {
      raw.close(fd);
    }
  }

  private HaltLock halt(Duration timeout) {
    return coordinator.acquire(db, timeout);
  }

  @Test
  void haltTakesAnOfdWriteLockOnByte72AndUnhaltReleasesIt() throws Exception {
    HaltLock lock = halt(Duration.ofSeconds(5));

    assertThat(seenByOthers()).isEqualTo(LockType.WRITE);
    assertThat(lock.database()).isEqualTo(db);
    assertThat(lock.isReportedByNode()).isTrue();
    assertThat(lock.acquiredAt()).isBeforeOrEqualTo(java.time.Instant.now());

    lock.unhalt();

    assertThat(seenByOthers()).isEqualTo(LockType.UNLOCK);
    assertThat(lock.isReportedByNode()).isFalse();
    assertThat(scripted.opens()).isEqualTo(1);
    assertThat(scripted.closes()).isEqualTo(1);
  }

  @Test
  void closeIsIdempotentAndClosesTheDescriptorOnce() throws Exception {
    HaltLock lock = halt(Duration.ofSeconds(5));

    lock.close();
    lock.close();
    lock.unhalt();

    assertThat(scripted.closes()).isEqualTo(1);
    assertThat(seenByOthers()).isEqualTo(LockType.UNLOCK);
  }

  @Test
  void aLockLiteFsDoesNotReportToItsHolderIsANoOpWithoutTtl() {
    try (HaltLock lock = halt(Duration.ofSeconds(5))) {
      assertThat(lock.isNoOp()).isTrue();
      assertThat(lock.isPastTtl()).isFalse();
      assertThat(lock.toString()).contains("app.db").contains("no-op");
    }
  }

  @Test
  void aLockLiteFsReportsIsNotANoOp() {
    scripted.report(Report.HELD);
    try (HaltLock lock = halt(Duration.ofSeconds(5))) {
      assertThat(lock.isNoOp()).isFalse();
      assertThat(lock.isReportedByNode()).isTrue();
      scripted.report(Report.DROPPED);
      assertThat(lock.isReportedByNode()).isFalse();
    }
  }

  @Test
  void aMissingLockFileIsEnoentSayingTheDatabaseDoesNotExist() throws Exception {
    Path missing = dir.resolve("missing.db");

    // Outside a mount (no .lag): the same exception as lag and position give for that path.
    assertThatThrownBy(() -> coordinator.acquire(missing, Duration.ofSeconds(5)))
        .isInstanceOfSatisfying(
            LiteFsMountException.class,
            e -> assertThat(e.reason()).isEqualTo(LiteFsMountException.Reason.NOT_A_MOUNT));
    Files.writeString(dir.resolve(".lag"), "+0000000000\n");
    assertThatThrownBy(() -> coordinator.acquire(missing, Duration.ofSeconds(5)))
        .isInstanceOfSatisfying(
            LiteFsMountException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(LiteFsMountException.Reason.DATABASE_NOT_FOUND);
              assertThat(e.path()).isEqualTo(missing);
              assertThat(e)
                  .hasMessageContaining("HALT on " + missing)
                  .hasMessageContaining("missing.db-lock")
                  .hasMessageContaining("database does not exist on this node");
              assertThat(e.getCause()).isInstanceOf(ErrnoException.class);
            });
    // Nothing left behind: the database's permit was released.
    Files.createFile(dir.resolve("missing.db-lock"));
    coordinator.acquire(missing, Duration.ofSeconds(5)).close();
  }

  @Test
  void haltTimesOutWhileAnotherDescriptorHoldsTheLock() throws Exception {
    int other = holdForeignLock();
    Duration timeout = Duration.ofMillis(300);
    long start = System.nanoTime();

    assertThatThrownBy(() -> halt(timeout))
        .isInstanceOfSatisfying(
            LiteFsTimeoutException.class,
            e -> {
              assertThat(e.timeout()).isEqualTo(timeout);
              assertThat(e)
                  .hasMessageContaining("no HALT on " + db + " within PT0.3S")
                  .hasMessageContaining("LiteFS to grant it")
                  .hasMessageContaining("a background thread releases the HALT");
            });
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(scripted.flushes()).isPositive();
    // Timeout, then the cancel grace (a plain file ignores the Flush), then a generous margin.
    assertThat(took).isLessThan(timeout.plus(GRACE).plusSeconds(3));

    // The same thread may ask again: it waits for the abandoned wait, which holds the permit.
    assertThatThrownBy(() -> halt(Duration.ofMillis(100)))
        .isInstanceOf(LiteFsTimeoutException.class)
        .hasMessageContaining("or a cancelled wait of this JVM to end");

    // The abandoned wait gets the lock once the holder lets go, and releases it at once.
    raw.setLock(other, LockType.UNLOCK, LiteFS.HALT_BYTE, 1, false);
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(scripted.closes()).isEqualTo(1));
    assertThat(seenByOthers()).isEqualTo(LockType.UNLOCK);
    halt(Duration.ofSeconds(5)).close();
  }

  @Test
  void interruptingAThreadWaitingForTheLockEndsItWithTheFlagSet() throws Exception {
    int other = holdForeignLock();
    AtomicReference<Thread> waiter = new AtomicReference<>();
    Future<Throwable> outcome =
        pool.submit(
            () -> {
              waiter.set(Thread.currentThread());
              try {
                halt(null).close();
                return null;
              } catch (Throwable t) {
                assertThat(Thread.currentThread().isInterrupted()).isTrue();
                return t;
              }
            });
    // Waiting in LiteFS, i.e. its worker opened the lock file.
    await().untilAsserted(() -> assertThat(scripted.opens()).isEqualTo(1));
    waiter.get().interrupt();

    Throwable t = outcome.get(10, TimeUnit.SECONDS);
    assertThat(t)
        .isInstanceOf(LiteFsInterruptedException.class)
        .isInstanceOf(LiteFsInterruptedException.class)
        .hasMessageContaining("interrupted while waiting for LiteFS to grant it")
        .hasMessageContaining("HALT on " + db);
    assertThat(t.getCause()).isInstanceOf(InterruptedException.class);

    raw.setLock(other, LockType.UNLOCK, LiteFS.HALT_BYTE, 1, false);
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(scripted.closes()).isEqualTo(1));
    halt(Duration.ofSeconds(5)).close();
  }

  @Test
  void aSecondThreadGetsTheHaltOnlyAfterTheFirstUnhalts() throws Exception {
    BlockingQueue<String> events = new LinkedBlockingQueue<>();
    HaltLock first = halt(Duration.ofSeconds(5));
    events.add("first halted");
    CountDownLatch secondStarted = new CountDownLatch(1);
    Future<?> second =
        pool.submit(
            () -> {
              secondStarted.countDown();
              try (HaltLock lock = halt(Duration.ofSeconds(10))) {
                events.add("second halted");
              }
              return null;
            });
    assertThat(secondStarted.await(10, TimeUnit.SECONDS)).isTrue();
    // The second waits in the JVM, before opening any descriptor.
    assertThat(events.poll(300, TimeUnit.MILLISECONDS)).isEqualTo("first halted");
    assertThat(events.poll(300, TimeUnit.MILLISECONDS)).isNull();
    assertThat(scripted.opens()).isEqualTo(1);

    events.add("first unhalting");
    first.unhalt();

    second.get(10, TimeUnit.SECONDS);
    assertThat(events).containsExactly("first unhalting", "second halted");
  }

  @Test
  void aSecondThreadTimesOutWaitingForTheJvmHolder() throws Exception {
    try (HaltLock first = halt(Duration.ofSeconds(5))) {
      Future<Throwable> second = pool.submit(() -> catching(() -> halt(Duration.ofMillis(200))));

      assertThat(second.get(10, TimeUnit.SECONDS))
          .isInstanceOf(LiteFsTimeoutException.class)
          .hasMessageContaining("another thread of this JVM to unhalt the same database");
      assertThat(scripted.opens()).isEqualTo(1);
      assertThat(first.isReportedByNode()).isTrue();
    }
  }

  @Test
  void interruptingAThreadWaitingForTheJvmHolderEndsItWithTheFlagSet() throws Exception {
    try (HaltLock first = halt(Duration.ofSeconds(5))) {
      AtomicReference<Thread> waiter = new AtomicReference<>();
      CountDownLatch started = new CountDownLatch(1);
      Future<Boolean> flagSet =
          pool.submit(
              () -> {
                waiter.set(Thread.currentThread());
                started.countDown();
                try {
                  halt(null).close();
                  return false;
                } catch (LiteFsInterruptedException e) {
                  assertThat(e).hasMessageContaining("another thread of this JVM");
                  return Thread.currentThread().isInterrupted();
                }
              });
      assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
      await().until(() -> waiter.get().getState() == Thread.State.WAITING);
      waiter.get().interrupt();

      assertThat(flagSet.get(10, TimeUnit.SECONDS)).isTrue();
      assertThat(first.isReportedByNode()).isTrue();
    }
  }

  @Test
  void theSameThreadAskingAgainGetsAnIllegalStateInsteadOfADeadlock() {
    try (HaltLock first = halt(Duration.ofSeconds(5))) {
      assertThatThrownBy(() -> halt(Duration.ofSeconds(5)))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("this thread already holds the HALT on " + db);
      assertThatThrownBy(() -> coordinator.acquire(dir.resolve("./app.db"), null))
          .isInstanceOf(IllegalStateException.class);
      assertThat(first.isReportedByNode()).isTrue();
    }
    halt(Duration.ofSeconds(5)).close();
  }

  @Test
  void haltsOfDifferentDatabasesDoNotWaitForEachOther() throws Exception {
    Path other = Files.createFile(dir.resolve("other.db"));
    Files.createFile(dir.resolve("other.db-lock"));
    try (HaltLock a = halt(Duration.ofSeconds(5));
        HaltLock b = coordinator.acquire(other, Duration.ofSeconds(5))) {
      assertThat(a.isReportedByNode()).isTrue();
      assertThat(b.isReportedByNode()).isTrue();
    }
  }

  @Test
  void timeoutsMustBePositive() {
    assertThatThrownBy(() -> LiteFS.halt(db, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("timeout must be positive: PT0S");
    assertThatThrownBy(() -> LiteFS.halt(db, Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("timeout must be positive: PT-1S");
    assertThatThrownBy(() -> LiteFS.withHalt(db, Duration.ofSeconds(-1), () -> 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("timeout must be positive: PT-1S");
    assertThatThrownBy(() -> LiteFS.halt(db, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("timeout");
  }

  @Test
  void aHugeTimeoutIsAccepted() {
    coordinator.acquire(db, Duration.ofDays(365_000_000L)).close();
  }

  @Test
  void withHaltReturnsTheResultAndReleases() throws Exception {
    int result =
        coordinator.withHalt(
            db,
            Duration.ofSeconds(5),
            () -> {
              assertThat(seenByOthers()).isEqualTo(LockType.WRITE);
              return 42;
            });

    assertThat(result).isEqualTo(42);
    assertThat(seenByOthers()).isEqualTo(LockType.UNLOCK);
  }

  @Test
  void withHaltPropagatesTheFunctionsExceptionWithTheLockReleased() throws Exception {
    java.sql.SQLException boom = new java.sql.SQLException("boom");

    assertThatThrownBy(
            () ->
                coordinator.withHalt(
                    db,
                    Duration.ofSeconds(5),
                    () -> {
                      throw boom;
                    }))
        .isSameAs(boom);
    assertThat(boom.getSuppressed()).isEmpty();
    assertThat(seenByOthers()).isEqualTo(LockType.UNLOCK);
    // Another thread gets it at once.
    pool.submit(() -> halt(Duration.ofSeconds(5)).close()).get(10, TimeUnit.SECONDS);
  }

  @Test
  void withHaltPropagatesErrorsAndRuntimeExceptionsToo() throws Exception {
    AssertionError error = new AssertionError("err");
    assertThatThrownBy(
            () ->
                coordinator.withHalt(
                    db,
                    null,
                    () -> {
                      throw error;
                    }))
        .isSameAs(error);
    IllegalStateException runtime = new IllegalStateException("rt");
    assertThatThrownBy(
            () ->
                coordinator.withHalt(
                    db,
                    null,
                    () -> {
                      throw runtime;
                    }))
        .isSameAs(runtime);
    assertThat(seenByOthers()).isEqualTo(LockType.UNLOCK);
  }

  @Test
  void anUnhaltFailureAfterTheFunctionSucceededCarriesItsResult() throws Exception {
    scripted.failUnlocksWith(Errno.EIO);

    assertThatThrownBy(() -> coordinator.withHalt(db, null, () -> "written"))
        .isInstanceOfSatisfying(
            HaltException.class,
            e -> {
              assertThat(e.hasResult()).isTrue();
              assertThat(e.result()).isEqualTo("written");
              assertThat(e.errno()).hasValue(5);
              assertThat(e.errnoName()).contains("EIO");
              assertThat(e.database()).isEqualTo(db);
              assertThat(e)
                  .hasMessageContaining("the function run under the HALT on " + db + " succeeded")
                  .hasMessageContaining("its writes are committed")
                  .hasMessageContaining("releasing the HALT failed")
                  .hasMessageContaining("EIO (5)");
            });
    assertThat(scripted.closes()).isEqualTo(1);
    scripted.failUnlocksWith(0);
    halt(Duration.ofSeconds(5)).close();
  }

  @Test
  void anUnhaltFailureAfterTheFunctionFailedIsSuppressed() {
    scripted.failUnlocksWith(Errno.EIO);
    IllegalStateException boom = new IllegalStateException("boom");

    assertThatThrownBy(
            () ->
                coordinator.withHalt(
                    db,
                    null,
                    () -> {
                      throw boom;
                    }))
        .isSameAs(boom);
    assertThat(boom.getSuppressed()).hasSize(1);
    assertThat(boom.getSuppressed()[0])
        .isInstanceOfSatisfying(
            HaltException.class,
            e -> {
              assertThat(e.hasResult()).isFalse();
              assertThat(e).hasMessageStartingWith("releasing the HALT on " + db + " failed");
            });
  }

  @Test
  void unhaltThatLiteFsNeverAnswersGivesUpAfterTheUnhaltTimeout() throws Exception {
    CountDownLatch stall = new CountDownLatch(1);
    HaltCoordinator c =
        new HaltCoordinator(scripted, Duration.ofSeconds(30), GRACE, Duration.ofMillis(300));
    HaltLock lock = c.acquire(db, Duration.ofSeconds(5));
    scripted.stallUnlocksUntil(stall);

    assertThatThrownBy(lock::unhalt)
        .isInstanceOfSatisfying(
            HaltException.class,
            e -> {
              assertThat(e.errno()).isEmpty();
              assertThat(e).hasMessageContaining("LiteFS did not answer the unlock within PT0.3S");
              assertThat(e)
                  .hasMessageContaining("within the primary's PT30S TTL")
                  .hasMessageContaining("probably unreachable");
            });
    assertThat(lock.isReportedByNode()).isFalse();
    // The JVM no longer blocks the next HALT: it waits for the (still held) OFD lock instead.
    assertThatThrownBy(() -> c.acquire(db, Duration.ofMillis(200)))
        .isInstanceOf(LiteFsTimeoutException.class)
        .hasMessageContaining("LiteFS to grant it");

    stall.countDown();
    await().untilAsserted(() -> assertThat(seenByOthers()).isEqualTo(LockType.UNLOCK));
    scripted.stallUnlocksUntil(null);
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> c.acquire(db, Duration.ofSeconds(1)).close());
  }

  @Test
  void anUnansweredUnhaltPastTheTtlBlamesTheExpiredHaltNotTheNetwork() throws Exception {
    scripted.report(Report.HELD);
    CountDownLatch stall = new CountDownLatch(1);
    HaltCoordinator c =
        new HaltCoordinator(scripted, Duration.ofMillis(100), GRACE, Duration.ofMillis(300));
    HaltLock lock = c.acquire(db, Duration.ofSeconds(5));
    await().until(lock::isPastTtl);
    scripted.stallUnlocksUntil(stall);
    try {
      assertThatThrownBy(lock::unhalt)
          .isInstanceOf(HaltException.class)
          .hasFieldOrPropertyWithValue("reason", HaltException.Reason.UNHALT_FAILED)
          .hasMessageContaining("past the primary's PT0.1S TTL")
          .hasMessageContaining("deadlocks a replica")
          .hasMessageNotContaining("unreachable");
    } finally {
      stall.countDown();
      scripted.stallUnlocksUntil(null);
    }
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> c.acquire(db, Duration.ofSeconds(1)).close());
  }

  @Test
  void unhaltKeepsTheInterruptFlag() {
    HaltLock lock = halt(Duration.ofSeconds(5));
    Thread.currentThread().interrupt();
    try {
      lock.unhalt();
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void holdingPastTheTtlIsLoggedAndExplainsAFailure() throws Exception {
    scripted.report(Report.HELD);
    HaltCoordinator c =
        new HaltCoordinator(scripted, Duration.ofMillis(200), GRACE, Duration.ofSeconds(2));
    BlockingQueue<LogRecord> warnings = captureWarnings();
    java.sql.SQLException failure = new java.sql.SQLException("attempt to write a readonly db");

    try {
      assertThatThrownBy(
              () ->
                  c.withHalt(
                      db,
                      null,
                      () -> {
                        LogRecord warning = warnings.poll(10, TimeUnit.SECONDS);
                        assertThat(warning).isNotNull();
                        assertThat(warning.getMessage())
                            .contains("the HALT on " + db + " has been held for")
                            .contains("past LiteFS's HALT TTL of PT0.2S");
                        throw failure;
                      }))
          .isSameAs(failure);
    } finally {
      stopCapturing();
    }
    assertThat(failure.getSuppressed()).hasSize(1);
    assertThat(failure.getSuppressed()[0])
        .isInstanceOfSatisfying(
            HaltException.class,
            e -> {
              assertThat(e.heldFor().orElseThrow()).isGreaterThanOrEqualTo(Duration.ofMillis(200));
              assertThat(e.database()).isEqualTo(db);
              assertThat(e)
                  .isInstanceOf(HaltException.class)
                  .hasFieldOrPropertyWithValue("reason", HaltException.Reason.EXPIRED)
                  .hasMessageContaining("the HALT on " + db + " had been held for")
                  .hasMessageContaining("past LiteFS's HALT TTL of PT0.2S")
                  .hasMessageContaining("most likely expired");
            });
  }

  @Test
  void isPastTtlTurnsTrueAfterTheTtlAndFalseAfterRelease() {
    scripted.report(Report.HELD);
    HaltCoordinator c =
        new HaltCoordinator(scripted, Duration.ofMillis(100), GRACE, Duration.ofSeconds(2));
    HaltLock lock = c.acquire(db, Duration.ofSeconds(5));

    await().atMost(Duration.ofSeconds(10)).until(lock::isPastTtl);
    assertThat(lock.heldFor()).isGreaterThanOrEqualTo(Duration.ofMillis(100));
    lock.close();
    assertThat(lock.isPastTtl()).isFalse();
  }

  @Test
  void noTtlWarningWhenReleasedInTime() throws Exception {
    scripted.report(Report.HELD);
    HaltCoordinator c =
        new HaltCoordinator(scripted, Duration.ofMillis(300), GRACE, Duration.ofSeconds(2));
    BlockingQueue<LogRecord> warnings = captureWarnings();
    try {
      c.acquire(db, Duration.ofSeconds(5)).close();
      assertThat(warnings.poll(600, TimeUnit.MILLISECONDS)).isNull();
    } finally {
      stopCapturing();
    }
  }

  @Test
  void aFailureAfterLiteFsDroppedTheHaltCarriesHaltLost() {
    scripted.report(Report.HELD);
    IllegalStateException failure = new IllegalStateException("readonly");

    assertThatThrownBy(
            () ->
                coordinator.withHalt(
                    db,
                    null,
                    () -> {
                      scripted.report(Report.DROPPED);
                      throw failure;
                    }))
        .isSameAs(failure);
    assertThat(failure.getSuppressed()).hasSize(1);
    assertThat(failure.getSuppressed()[0])
        .isExactlyInstanceOf(HaltException.class)
        .hasFieldOrPropertyWithValue("reason", HaltException.Reason.LOST)
        .hasMessageContaining("was no longer held when the function failed")
        .hasMessageContaining("child process");
  }

  private static final Logger JUL = Logger.getLogger("io.github.litefs4j.HaltLock");
  private final List<Handler> handlers = new ArrayList<>();

  private BlockingQueue<LogRecord> captureWarnings() {
    BlockingQueue<LogRecord> records = new LinkedBlockingQueue<>();
    Handler h =
        new Handler() {
          @Override
          public void publish(LogRecord r) {
            if (r.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue()) {
              records.add(r);
            }
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    JUL.addHandler(h);
    handlers.add(h);
    return records;
  }

  private void stopCapturing() {
    for (Handler h : handlers) {
      JUL.removeHandler(h);
    }
    handlers.clear();
  }

  private interface Action {
    void run() throws Exception;
  }

  private static Throwable catching(Action a) {
    try {
      a.run();
      return null;
    } catch (Throwable t) {
      return t;
    }
  }
}
