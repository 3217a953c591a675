package io.github.litefs4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.litefs4j.internal.FilePositionWaiter;
import io.github.litefs4j.internal.TxSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The waiting logic on a directory laid out like a mount; the real cluster is in the ITs. */
class PositionWaiterTest {
  /** Long enough that only events and gaps can wake a waiter during a test. */
  static final Duration NO_SAFETY_REREAD = Duration.ofHours(1);

  @TempDir Path tmp;
  FakeMount mount;
  Path db;
  ExecutorService executor;

  @BeforeEach
  void setUp() {
    mount = new FakeMount(tmp);
    db = mount.database("app.db");
    mount.setPosition("app.db", new Position(5, 0x55));
    executor = Executors.newCachedThreadPool();
  }

  @AfterEach
  void tearDown() throws InterruptedException {
    executor.shutdownNow();
    assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void returnsAtOnceWhenTheTargetIsAlreadyReached() {
    assertThat(LiteFS.awaitPosition(db, new Position(5, 0), Duration.ofSeconds(5)))
        .isEqualTo(new Position(5, 0x55));
    assertThat(LiteFS.awaitPosition(db, new Position(3, 0), Duration.ofSeconds(5)))
        .isEqualTo(new Position(5, 0x55));
  }

  @Test
  void pollingReturnsOnceThePosFileReachesTheTarget() throws Exception {
    Future<Position> waiting =
        executor.submit(() -> LiteFS.awaitPosition(db, new Position(7, 0), Duration.ofSeconds(30)));
    mount.setPosition("app.db", new Position(6, 0x66));
    mount.setPosition("app.db", new Position(7, 0x77));
    assertThat(waiting.get(30, TimeUnit.SECONDS)).isEqualTo(new Position(7, 0x77));
  }

  @Test
  void timesOutWithATypedExceptionStatingTheLastPosition() {
    long start = System.nanoTime();
    assertThatThrownBy(() -> LiteFS.awaitPosition(db, new Position(6, 0), Duration.ofMillis(200)))
        .isInstanceOf(PositionTimeoutException.class)
        .hasMessageContaining("0000000000000006")
        .hasMessageContaining("0000000000000005/0000000000000055")
        .satisfies(
            e -> {
              PositionTimeoutException t = (PositionTimeoutException) e;
              assertThat(t.database()).isEqualTo(db);
              assertThat(t.target()).isEqualTo(new Position(6, 0));
              assertThat(t.lastSeen()).contains(new Position(5, 0x55));
              assertThat(t.timeout()).isEqualTo(Duration.ofMillis(200));
            });
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(200));
  }

  @Test
  void aDatabaseThatDoesNotExistYetIsWaitedFor() throws Exception {
    Path later = mount.database("later.db");
    Future<Position> waiting =
        executor.submit(
            () -> LiteFS.awaitPosition(later, new Position(1, 0), Duration.ofSeconds(30)));
    mount.setPosition("later.db", new Position(1, 0x11));
    assertThat(waiting.get(30, TimeUnit.SECONDS)).isEqualTo(new Position(1, 0x11));
  }

  @Test
  void anAbsentDatabaseTimesOutSayingSo() {
    assertThatThrownBy(
            () ->
                LiteFS.awaitPosition(
                    mount.database("never.db"), new Position(1, 0), Duration.ofMillis(50)))
        .isInstanceOf(PositionTimeoutException.class)
        .hasMessageContaining("does not exist on this node")
        .satisfies(e -> assertThat(((PositionTimeoutException) e).lastSeen()).isEmpty());
  }

  @Test
  void targetZeroIsReachedByAnAbsentDatabase() {
    assertThat(
            LiteFS.awaitPosition(mount.database("never.db"), Position.ZERO, Duration.ofSeconds(1)))
        .isEqualTo(Position.ZERO);
  }

  @Test
  void comparesTxidsUnsigned() {
    mount.setPosition("app.db", new Position(Long.parseUnsignedLong("8000000000000000", 16), 1));
    assertThat(LiteFS.awaitPosition(db, new Position(1, 0), Duration.ofSeconds(1)).txid())
        .isEqualTo(Long.MIN_VALUE);
  }

  @Test
  void notAMountFailsAtOnce() {
    Path elsewhere = tmp.resolve("plain").resolve("app.db");
    assertThatThrownBy(
            () -> LiteFS.awaitPosition(elsewhere, new Position(9, 0), Duration.ofMinutes(10)))
        .isInstanceOf(LiteFsMountException.class)
        .hasFieldOrPropertyWithValue("reason", LiteFsMountException.Reason.NOT_A_MOUNT);
  }

  @Test
  void aMalformedPosFileFailsAtOnce() {
    mount.write("app.db-pos", "nonsense\n");
    assertThatThrownBy(() -> LiteFS.awaitPosition(db, new Position(9, 0), Duration.ofMinutes(10)))
        .isInstanceOf(LiteFsMountException.class)
        .hasFieldOrPropertyWithValue("reason", LiteFsMountException.Reason.MALFORMED_FILE);
  }

  @Test
  void rejectsTimeoutsThatAreNotPositive() {
    assertThatThrownBy(() -> LiteFS.awaitPosition(db, new Position(1, 0), Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("timeout must be positive: PT-1S");
    assertThatThrownBy(() -> LiteFS.awaitPosition(db, new Position(1, 0), Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aHugeTimeoutIsAccepted() throws Exception {
    Future<Position> waiting =
        executor.submit(
            () -> LiteFS.awaitPosition(db, new Position(6, 0), Duration.ofSeconds(Long.MAX_VALUE)));
    mount.setPosition("app.db", new Position(6, 0x66));
    assertThat(waiting.get(30, TimeUnit.SECONDS)).isEqualTo(new Position(6, 0x66));
  }

  @Test
  void interruptionRestoresTheFlagAndThrowsTyped() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    AtomicBoolean flagAfter = new AtomicBoolean();
    Thread waiter =
        new Thread(
            () -> {
              started.countDown();
              try {
                LiteFS.awaitPosition(db, new Position(9, 0), Duration.ofMinutes(10));
              } catch (RuntimeException e) {
                thrown.set(e);
                flagAfter.set(Thread.currentThread().isInterrupted());
              }
            },
            "test-waiter");
    waiter.start();
    assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
    waiter.interrupt();
    waiter.join(TimeUnit.SECONDS.toMillis(30));
    assertThat(waiter.isAlive()).isFalse();
    assertThat(thrown.get())
        .isInstanceOf(LiteFsInterruptedException.class)
        .hasMessageContaining("app.db");
    assertThat(flagAfter).isTrue();
  }

  @Test
  void anEventThatReachesTheTargetCompletesTheWaitWhileThePosFileIsBehind() throws Exception {
    FakeTxSource source = new FakeTxSource(true);
    try (PositionWaiter waiter = FilePositionWaiter.withSource(source, NO_SAFETY_REREAD)) {
      assertThat(waiter.isEventDriven()).isTrue();
      Future<Position> waiting =
          executor.submit(() -> waiter.await(db, new Position(8, 0), Duration.ofSeconds(30)));
      Awaitility.await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> source.listenerCount("app.db") == 1);
      // The -pos file stays behind; the event alone completes the wait.
      source.emit("other.db", new Position(9, 0x99));
      source.emit("app.db", new Position(7, 0x77));
      source.emit("app.db", new Position(8, 0x88));
      assertThat(waiting.get(30, TimeUnit.SECONDS)).isEqualTo(new Position(8, 0x88));
      Awaitility.await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> source.listenerCount("app.db") == 0);
    }
    assertThat(source.closed).isTrue();
  }

  @Test
  void whileTheEventStreamIsDownTheWaiterFallsBackToThePosFile() throws Exception {
    FakeTxSource source = new FakeTxSource(false);
    try (PositionWaiter waiter = FilePositionWaiter.withSource(source, NO_SAFETY_REREAD)) {
      Future<Position> waiting =
          executor.submit(() -> waiter.await(db, new Position(6, 0), Duration.ofSeconds(30)));
      mount.setPosition("app.db", new Position(6, 0x66));
      assertThat(waiting.get(30, TimeUnit.SECONDS)).isEqualTo(new Position(6, 0x66));
    }
  }

  @Test
  void aGapMakesTheWaiterReReadThePosFile() throws Exception {
    FakeTxSource source = new FakeTxSource(true);
    try (PositionWaiter waiter = FilePositionWaiter.withSource(source, NO_SAFETY_REREAD)) {
      Future<Position> waiting =
          executor.submit(() -> waiter.await(db, new Position(6, 0), Duration.ofSeconds(30)));
      Awaitility.await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> source.listenerCount("app.db") == 1);
      mount.setPosition("app.db", new Position(6, 0x66));
      source.gap("app.db");
      assertThat(waiting.get(30, TimeUnit.SECONDS)).isEqualTo(new Position(6, 0x66));
    }
  }

  @Test
  void aClosedWaiterRefusesNewWaitsAndCloseIsIdempotent() {
    FakeTxSource source = new FakeTxSource(true);
    PositionWaiter waiter = FilePositionWaiter.withSource(source, NO_SAFETY_REREAD);
    waiter.close();
    waiter.close();
    assertThat(source.closeCount).isEqualTo(1);
    assertThatThrownBy(() -> waiter.await(db, new Position(1, 0), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void thePollingWaiterIsSharedAndCloseDoesNothing() {
    PositionWaiter polling = PositionWaiter.polling();
    polling.close();
    assertThat(polling.isEventDriven()).isFalse();
    assertThat(polling.await(db, new Position(5, 0), Duration.ofSeconds(1)))
        .isEqualTo(new Position(5, 0x55));
  }

  /** A tx source driven by the test. */
  static final class FakeTxSource implements TxSource {
    final Map<String, List<Listener>> listeners = new ConcurrentHashMap<>();
    volatile boolean live;
    volatile boolean closed;
    volatile int closeCount;

    FakeTxSource(boolean live) {
      this.live = live;
    }

    @Override
    public Runnable register(String db, Listener listener) {
      List<Listener> list = listeners.computeIfAbsent(db, k -> new CopyOnWriteArrayList<>());
      list.add(listener);
      return () -> list.remove(listener);
    }

    int listenerCount(String db) {
      return listeners.getOrDefault(db, List.of()).size();
    }

    void emit(String db, Position position) {
      listeners.getOrDefault(db, List.of()).forEach(l -> l.onPosition(position));
    }

    void gap(String db) {
      listeners.getOrDefault(db, List.of()).forEach(Listener::onGap);
    }

    @Override
    public boolean isLive() {
      return live;
    }

    @Override
    public synchronized void close() {
      closed = true;
      closeCount++;
    }
  }
}
