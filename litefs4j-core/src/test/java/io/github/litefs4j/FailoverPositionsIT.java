package io.github.litefs4j;

import static io.github.litefs4j.FailoverSupport.ELECTION;
import static io.github.litefs4j.FailoverSupport.WAIT;
import static io.github.litefs4j.FailoverSupport.awaitReplicated;
import static io.github.litefs4j.FailoverSupport.client;
import static io.github.litefs4j.FailoverSupport.rows;
import static io.github.litefs4j.FailoverSupport.survivors;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.litefs4j.ReadYourWrites.Token;
import io.github.litefs4j.testing.LiteFsCluster;
import io.github.litefs4j.testing.LiteFsClusterTest;
import io.github.litefs4j.testing.LiteFsNode;
import io.github.litefs4j.testsupport.Sql;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Positions and read-your-writes tokens across a real failover on a 3-node Consul-leased cluster: a
 * commit lost with a SIGKILLed primary, a TXID the new primary repeats with other content, waits
 * for tokens of the dead primary, and a graceful handoff that loses nothing.
 */
@LiteFsClusterTest(consul = true, replicas = 2)
class FailoverPositionsIT {
  private static final System.Logger LOG = System.getLogger(FailoverPositionsIT.class.getName());
  private static final Duration SHORT_CAP = Duration.ofSeconds(2);

  @Test
  void aTxidTheNewPrimaryRepeatsAfterACommitLostWithTheKilledPrimaryIsADifferentPosition(
      LiteFsCluster cluster) throws Exception {
    LiteFsNode old = cluster.awaitPrimary(ELECTION);
    String db = FailoverSupport.newReplicatedDatabase(cluster, "pos-lost");
    Position replicated = LiteFS.position(old.database(db));
    List<LiteFsNode> survivors = survivors(cluster, old);
    // With the replicas down, the next commit cannot replicate before the primary dies.
    survivors.forEach(cluster::stop);
    Sql.exec(old.database(db), "INSERT INTO t VALUES ('lost')");
    Position lost = LiteFS.position(old.database(db));
    Token lostToken = ReadYourWrites.builder(old.database(db)).build().tokenAfterWrite();
    assertThat(lost.txid()).isEqualTo(replicated.txid() + 1);
    assertThat(lostToken.txid()).isEqualTo(lost.txid());

    cluster.kill(old);
    survivors.forEach(cluster::restart);
    LiteFsNode now = cluster.awaitPrimary(ELECTION);
    LiteFsNode other = survivors.get(survivors.get(0) == now ? 1 : 0);

    // The lost commit is nowhere: both survivors are where replication had got.
    awaitReplicated(survivors, db, replicated);
    assertThat(rows(other, db)).isEmpty();

    // A token issued by the dead primary for the lost commit: a typed timeout, never a hang,
    // with the polling waiter and with the event-driven one.
    Path onOther = other.database(db);
    ReadYourWrites polling = ReadYourWrites.builder(onOther).maxWait(SHORT_CAP).build();
    assertTokenTimesOut(polling, lostToken, replicated);
    try (PositionWaiter events = PositionWaiter.withEvents(client(other))) {
      ReadYourWrites pushed =
          ReadYourWrites.builder(onOther).maxWait(SHORT_CAP).waiter(events).build();
      assertTokenTimesOut(pushed, lostToken, replicated);

      // The new primary reaches the same TXID with other content: another position.
      Sql.exec(now.database(db), "INSERT INTO t VALUES ('written after the failover')");
      Position repeated = LiteFS.position(now.database(db));
      assertThat(repeated.txid()).isEqualTo(lost.txid());
      assertThat(repeated.checksum()).isNotEqualTo(lost.checksum());
      assertThat(repeated).isNotEqualTo(lost);

      // Waits compare the TXID only (the proxy's rule): the old token counts as reached, and the
      // position the wait returns is what tells the caller the content is not the lost one.
      Position reached = pushed.awaitToken(lostToken);
      assertThat(reached).isEqualTo(repeated).isNotEqualTo(lost);
      assertThat(LiteFS.awaitPosition(onOther, lost, WAIT)).isEqualTo(repeated);
      assertThat(rows(other, db)).containsExactly("written after the failover");
    }

    // The killed node comes back with its lost commit on disk; it is resynchronised to the
    // cluster's history rather than imposing its own.
    cluster.restart(old);
    awaitReplicated(cluster.nodes(), db, LiteFS.position(cluster.primary().database(db)));
    assertThat(rows(old, db)).containsExactly("written after the failover");
  }

  @Test
  void waitsInProgressWhenThePrimaryIsKilledEndWithTypedOutcomesAndNeverHang(LiteFsCluster cluster)
      throws Exception {
    LiteFsNode old = cluster.awaitPrimary(ELECTION);
    LiteFsNode replica = cluster.nodes().get(1);
    String db = FailoverSupport.newReplicatedDatabase(cluster, "pos-wait");
    Position replicated = LiteFS.position(old.database(db));
    // A target the dead primary never reaches: a token for commits it had not made yet.
    Position ahead = new Position(replicated.txid() + 5, 0);
    Duration timeout = Duration.ofSeconds(15);
    try (PositionWaiter onReplica = PositionWaiter.withEvents(client(replica));
        PositionWaiter onDead = PositionWaiter.withEvents(client(old))) {
      CompletableFuture<Position> replicaWait =
          CompletableFuture.supplyAsync(
              () -> onReplica.await(replica.database(db), ahead, timeout));
      CompletableFuture<Position> deadEventsWait =
          CompletableFuture.supplyAsync(() -> onDead.await(old.database(db), ahead, timeout));
      CompletableFuture<Position> deadPollingWait =
          CompletableFuture.supplyAsync(
              () -> PositionWaiter.polling().await(old.database(db), ahead, timeout));

      cluster.kill(old);

      // Each wait ends by itself, within its timeout and a margin for a loaded machine.
      Throwable onTheReplica = failure(replicaWait, timeout);
      assertThat(onTheReplica).isInstanceOf(PositionTimeoutException.class);
      assertThat(((PositionTimeoutException) onTheReplica).lastSeen()).contains(replicated);
      // On the dead node's mount the waits cannot read the position any more: a typed error.
      Throwable deadEvents = failure(deadEventsWait, timeout);
      Throwable deadPolling = failure(deadPollingWait, timeout);
      LOG.log(
          System.Logger.Level.INFO,
          "waits on the mount of the killed node ended with: {0} / {1}",
          deadEvents,
          deadPolling);
      assertThat(deadEvents).isInstanceOf(LiteFsException.class);
      assertThat(deadPolling).isInstanceOf(LiteFsException.class);
    }
    cluster.awaitPrimary(ELECTION);
  }

  @Test
  void aGracefulHandoffLosesNoCommitSoTheOldPrimarysTokensAreReachedWithTheSamePosition(
      LiteFsCluster cluster) throws Exception {
    LiteFsNode old = cluster.awaitPrimary(ELECTION);
    LiteFsNode target = cluster.nodes().get(1);
    LiteFsNode other = cluster.nodes().get(2);
    String db = FailoverSupport.newReplicatedDatabase(cluster, "pos-handoff");
    Sql.exec(old.database(db), "INSERT INTO t VALUES ('just before the handoff')");
    Position written = LiteFS.position(old.database(db));
    Token token = Token.of(written);

    client(target).promote();
    assertThat(cluster.awaitPrimary(ELECTION)).isSameAs(target);

    try (PositionWaiter events = PositionWaiter.withEvents(client(other))) {
      // Nothing was lost: the new primary and the other replica have exactly the old position.
      assertThat(LiteFS.awaitPosition(target.database(db), written, WAIT)).isEqualTo(written);
      ReadYourWrites ryw = ReadYourWrites.builder(other.database(db)).waiter(events).build();
      assertThat(ryw.awaitToken(token)).isEqualTo(written);
      // A wait for the new primary's next commit, started before it, completes with it.
      Path onOther = other.database(db);
      CompletableFuture<Position> next =
          CompletableFuture.supplyAsync(
              () -> events.await(onOther, new Position(written.txid() + 1, 0), WAIT));
      Sql.exec(target.database(db), "INSERT INTO t VALUES ('after the handoff')");
      assertThat(next.get(WAIT.toSeconds() * 2, TimeUnit.SECONDS))
          .isEqualTo(LiteFS.position(target.database(db)));
    }
    assertThat(rows(other, db)).containsExactly("just before the handoff", "after the handoff");
  }

  private static void assertTokenTimesOut(ReadYourWrites ryw, Token token, Position lastSeen) {
    assertThatThrownBy(() -> ryw.awaitToken(token))
        .isInstanceOfSatisfying(
            PositionTimeoutException.class,
            e -> {
              assertThat(e.target().txid()).isEqualTo(token.txid());
              assertThat(e.lastSeen()).contains(lastSeen);
              assertThat(e.timeout()).isEqualTo(SHORT_CAP);
            });
  }

  /** What the wait threw; fails the test if it had not ended well after its own timeout. */
  private static Throwable failure(CompletableFuture<Position> wait, Duration timeout)
      throws InterruptedException {
    Throwable thrown = catchThrowable(() -> wait.get(timeout.toSeconds() + 30, TimeUnit.SECONDS));
    assertThat(thrown).as("the wait ended with a failure").isInstanceOf(ExecutionException.class);
    return thrown.getCause();
  }
}
