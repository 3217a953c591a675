package io.github.litefs4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.litefs4j.testing.LiteFsCluster;
import io.github.litefs4j.testing.LiteFsClusterTest;
import io.github.litefs4j.testing.LiteFsNode;
import io.github.litefs4j.testsupport.Sql;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Positions and waiting for them, on a real two-node LiteFS cluster. */
@LiteFsClusterTest(replicas = 1)
class PositionsIT {
  private static final String DB = "positions.db";

  private LiteFsNode primary;
  private LiteFsNode replica;
  private ExecutorService executor;

  @BeforeEach
  void setUp(LiteFsCluster cluster) throws Exception {
    primary = cluster.primary();
    replica = cluster.replica(0);
    executor = Executors.newCachedThreadPool();
    Sql.exec(primary.database(DB), "CREATE TABLE IF NOT EXISTS t(id INTEGER PRIMARY KEY, v TEXT)");
    LiteFS.awaitPosition(
        replica.database(DB), LiteFS.position(primary.database(DB)), Duration.ofSeconds(30));
  }

  @AfterEach
  void tearDown() throws InterruptedException {
    executor.shutdownNow();
    assertThat(executor.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void positionAfterAPrimaryWriteEqualsItsTxEvent() throws Exception {
    TxEvent onPrimary;
    TxEvent onReplica;
    try (EventSubscription primaryEvents =
            LiteFsClient.create(primary.httpUri()).subscribeEvents();
        EventSubscription replicaEvents =
            LiteFsClient.create(replica.httpUri()).subscribeEvents()) {
      assertThat(primaryEvents.next(Duration.ofSeconds(30))).isInstanceOf(InitEvent.class);
      assertThat(replicaEvents.next(Duration.ofSeconds(30))).isInstanceOf(InitEvent.class);
      Sql.exec(primary.database(DB), "INSERT INTO t(v) VALUES ('one transaction')");
      onPrimary = nextTx(primaryEvents, DB);
      onReplica = nextTx(replicaEvents, DB);
    }
    Position position = LiteFS.position(primary.database(DB));
    assertThat(position).isEqualTo(onPrimary.position());
    assertThat(position.txid()).isGreaterThan(1);
    assertThat(position.checksum()).isNotZero();
    // The file holds exactly what Position formats, plus the newline (34 bytes).
    assertThat(Files.readString(primary.mountDir().resolve(DB + "-pos")))
        .isEqualTo(position + "\n")
        .hasSize(34);
    // The replica applies the very same position (same TXID and checksum).
    assertThat(onReplica.position()).isEqualTo(position);
    assertThat(LiteFS.position(replica.database(DB))).isEqualTo(position);
  }

  private static TxEvent nextTx(EventSubscription events, String db) {
    while (true) {
      Event event = events.next(Duration.ofSeconds(30));
      if (event instanceof TxEvent tx && tx.database().equals(db)) {
        return tx;
      }
    }
  }

  @Test
  void awaitPositionOnTheReplicaReturnsAfterAPrimaryWrite() throws Exception {
    Position before = LiteFS.position(primary.database(DB));
    Position target = new Position(before.txid() + 1, 0);
    CompletableFuture<Position> waiting =
        CompletableFuture.supplyAsync(
            () -> LiteFS.awaitPosition(replica.database(DB), target, Duration.ofSeconds(60)),
            executor);
    Sql.exec(primary.database(DB), "INSERT INTO t(v) VALUES ('polled')");
    Position written = LiteFS.position(primary.database(DB));
    assertThat(waiting.get(60, TimeUnit.SECONDS)).isEqualTo(written);
    assertThat(Sql.query(replica.database(DB), "SELECT v FROM t ORDER BY id DESC LIMIT 1"))
        .containsExactly("polled");
  }

  @Test
  void eventDrivenAwaitOnTheReplicaReturnsAfterAPrimaryWrite() throws Exception {
    try (PositionWaiter waiter =
        PositionWaiter.withEvents(LiteFsClient.create(replica.httpUri()))) {
      assertThat(waiter.isEventDriven()).isTrue();
      Position before = LiteFS.position(primary.database(DB));
      Position target = new Position(before.txid() + 1, 0);
      CompletableFuture<Position> waiting =
          CompletableFuture.supplyAsync(
              () -> waiter.await(replica.database(DB), target, Duration.ofSeconds(60)), executor);
      Sql.exec(primary.database(DB), "INSERT INTO t(v) VALUES ('evented')");
      Position written = LiteFS.position(primary.database(DB));
      assertThat(waiting.get(60, TimeUnit.SECONDS)).isEqualTo(written);
    }
  }

  @Test
  void awaitPositionTimesOutWhileThePrimaryIsDown() throws Exception {
    Position replicaAt = LiteFS.position(replica.database(DB));
    primary.kill();
    Position target = new Position(replicaAt.txid() + 1, 0);
    Path db = replica.database(DB);
    long start = System.nanoTime();
    assertThatThrownBy(() -> LiteFS.awaitPosition(db, target, Duration.ofSeconds(1)))
        .isInstanceOf(PositionTimeoutException.class)
        .hasMessageContaining(DB)
        .satisfies(
            e -> {
              PositionTimeoutException t = (PositionTimeoutException) e;
              assertThat(t.lastSeen()).contains(replicaAt);
              assertThat(t.target()).isEqualTo(target);
            });
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(1))
        .isLessThan(Duration.ofSeconds(20));

    // Event-driven: the replica's event stream is up, but no tx event comes.
    try (PositionWaiter waiter =
        PositionWaiter.withEvents(LiteFsClient.create(replica.httpUri()))) {
      assertThatThrownBy(() -> waiter.await(db, target, Duration.ofSeconds(1)))
          .isInstanceOf(PositionTimeoutException.class)
          .satisfies(
              e -> assertThat(((PositionTimeoutException) e).lastSeen()).contains(replicaAt));
    }
  }

  @Test
  void positionOfADatabaseThatDoesNotExistIsDatabaseNotFound() {
    assertThatThrownBy(() -> LiteFS.position(replica.database("missing.db")))
        .isInstanceOf(LiteFsMountException.class)
        .hasFieldOrPropertyWithValue("reason", LiteFsMountException.Reason.DATABASE_NOT_FOUND)
        .hasMessageContaining("missing.db");
  }
}
