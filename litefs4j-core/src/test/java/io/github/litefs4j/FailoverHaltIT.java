package io.github.litefs4j;

import static io.github.litefs4j.FailoverSupport.ELECTION;
import static io.github.litefs4j.FailoverSupport.client;
import static io.github.litefs4j.FailoverSupport.rows;
import static io.github.litefs4j.FailoverSupport.signalKill;
import static io.github.litefs4j.HaltItSupport.lockSeenByOthers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.litefs4j.internal.OfdLocks.LockType;
import io.github.litefs4j.testing.LiteFsCluster;
import io.github.litefs4j.testing.LiteFsClusterTest;
import io.github.litefs4j.testing.LiteFsNode;
import io.github.litefs4j.testsupport.Sql;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * HALT on a replica whose primary goes away mid-section, on a 3-node Consul-leased cluster: by
 * SIGKILL, and by a graceful handoff of the lease to the other replica. Nothing in a HALT section
 * here starts a child process (that alone would release the HALT): the kill is a plain signal.
 */
@LiteFsClusterTest(consul = true, replicas = 2)
class FailoverHaltIT {
  private static final System.Logger LOG = System.getLogger(FailoverHaltIT.class.getName());
  private static final Duration HALT_WAIT = Duration.ofSeconds(15);

  @Test
  void withHaltOnAReplicaWhosePrimaryIsKilledMidSectionFailsTypedReleasesTheHaltAndTheNextHaltWorks(
      LiteFsCluster cluster) throws Exception {
    LiteFsNode old = cluster.awaitPrimary(ELECTION);
    LiteFsNode replica = cluster.nodes().get(1);
    String db = FailoverSupport.newReplicatedDatabase(cluster, "halt-kill");
    Path onReplica = replica.database(db);

    Throwable thrown =
        catchThrowable(
            () ->
                LiteFS.withHalt(
                    onReplica,
                    HALT_WAIT,
                    () -> {
                      Sql.exec(onReplica, "INSERT INTO t VALUES ('before the kill')");
                      signalKill(old, replica);
                      Sql.exec(onReplica, "INSERT INTO t VALUES ('after the kill')");
                    }));
    LOG.log(Level.INFO, "withHalt across a SIGKILL of the primary threw: {0}", describe(thrown));
    cluster.kill(old); // removes the stale mount; the process is dead already

    // The section's own failure comes out (SQLite's error for the commit that had no primary),
    // with the failed release (LiteFS answers EIO: no primary to release it on) suppressed.
    assertThat(thrown).isInstanceOf(SQLException.class);
    assertUnhaltFailedSuppressed(thrown);
    // The HALT is released on this node: no lock is reported, and this thread may take it again.
    assertThat(lockSeenByOthers(onReplica).type()).isEqualTo(LockType.UNLOCK);

    LiteFsNode primary = awaitPrimaryOtherThan(cluster, replica, cluster.nodes().get(2));
    assertThat(
            LiteFS.withHalt(
                onReplica,
                HALT_WAIT,
                () -> {
                  Sql.exec(onReplica, "INSERT INTO t VALUES ('next halt')");
                  return LiteFS.position(onReplica);
                }))
        .isEqualTo(LiteFS.position(primary.database(db)));
    assertThat(rows(primary, db)).contains("next halt").doesNotContain("after the kill");
  }

  @Test
  void aHaltLockHeldWhileThePrimaryIsKilledFailsTypedAndTheNextHaltWorksAgainstTheNewPrimary(
      LiteFsCluster cluster) throws Exception {
    LiteFsNode old = cluster.awaitPrimary(ELECTION);
    LiteFsNode replica = cluster.nodes().get(2);
    String db = FailoverSupport.newReplicatedDatabase(cluster, "halt-lock-kill");
    Path onReplica = replica.database(db);

    HaltLock halt = LiteFS.halt(onReplica, HALT_WAIT);
    Throwable released;
    try {
      assertThat(halt.isNoOp()).isFalse();
      Sql.exec(onReplica, "INSERT INTO t VALUES ('before the kill')");
      signalKill(old, replica);
      Throwable write = catchThrowable(() -> Sql.exec(onReplica, "INSERT INTO t VALUES ('x')"));
      LOG.log(Level.INFO, "a write under a HALT whose primary died threw: {0}", describe(write));
      assertThat(write).isInstanceOf(SQLException.class);
    } finally {
      released = catchThrowable(halt::close);
    }
    LOG.log(Level.INFO, "releasing a HALT whose primary died threw: {0}", describe(released));
    cluster.kill(old);

    assertThat(released)
        .isInstanceOfSatisfying(
            HaltException.class,
            e -> assertThat(e.reason()).isEqualTo(HaltException.Reason.UNHALT_FAILED));
    assertThat(halt.isReleased()).isTrue();
    assertThat(lockSeenByOthers(onReplica).type()).isEqualTo(LockType.UNLOCK);

    LiteFsNode now = awaitPrimaryOtherThan(cluster, replica, cluster.nodes().get(1));
    try (HaltLock next = LiteFS.halt(onReplica, HALT_WAIT)) {
      assertThat(next.isNoOp()).isFalse();
      Sql.exec(onReplica, "INSERT INTO t VALUES ('next halt')");
    }
    assertThat(rows(now, db)).contains("next halt").doesNotContain("x");
  }

  @Test
  void withHaltOnAReplicaWhileTheLeaseIsHandedOffMidSectionFailsTypedAndTheNextHaltWorks(
      LiteFsCluster cluster) throws Exception {
    LiteFsNode old = cluster.awaitPrimary(ELECTION);
    LiteFsNode replica = cluster.nodes().get(1);
    LiteFsNode target = cluster.nodes().get(2);
    String db = FailoverSupport.newReplicatedDatabase(cluster, "halt-handoff");
    Path onReplica = replica.database(db);
    AtomicReference<Throwable> promote = new AtomicReference<>();

    Throwable thrown =
        catchThrowable(
            () ->
                LiteFS.withHalt(
                    onReplica,
                    HALT_WAIT,
                    () -> {
                      Sql.exec(onReplica, "INSERT INTO t VALUES ('before the handoff')");
                      // LiteFS hands the lease over although a replica holds a HALT.
                      promote.set(catchThrowable(client(target)::promote));
                      Sql.exec(onReplica, "INSERT INTO t VALUES ('after the handoff')");
                    }));
    LOG.log(Level.INFO, "withHalt across a handoff threw: {0}", describe(thrown));

    assertThat(promote.get()).as("promote while a replica holds a HALT").isNull();
    assertThat(thrown).isInstanceOf(SQLException.class);
    assertUnhaltFailedSuppressed(thrown);
    assertThat(lockSeenByOthers(onReplica).type()).isEqualTo(LockType.UNLOCK);
    long start = System.nanoTime();
    assertThat(cluster.awaitPrimary(ELECTION)).isSameAs(target);
    LOG.log(
        Level.INFO,
        "after a handoff that failed a HALT section, every node agreed in {0} ms",
        (System.nanoTime() - start) / 1_000_000);

    start = System.nanoTime();
    LiteFS.withHalt(
        onReplica, HALT_WAIT, () -> Sql.exec(onReplica, "INSERT INTO t VALUES ('next halt')"));
    LOG.log(Level.INFO, "the next HALT took {0} ms", (System.nanoTime() - start) / 1_000_000);
    assertThat(rows(target, db))
        .contains("before the handoff", "next halt")
        .doesNotContain("after the handoff");
  }

  /**
   * The primary after the election, handed off to {@code fallback} if the election chose {@code
   * replica}: the next HALT must again be taken on a replica.
   */
  private static LiteFsNode awaitPrimaryOtherThan(
      LiteFsCluster cluster, LiteFsNode replica, LiteFsNode fallback) {
    LiteFsNode now = cluster.awaitPrimary(ELECTION);
    return now == replica ? cluster.handoff(fallback, ELECTION) : now;
  }

  private static void assertUnhaltFailedSuppressed(Throwable thrown) {
    assertThat(thrown.getSuppressed())
        .anySatisfy(
            s ->
                assertThat(s)
                    .isInstanceOfSatisfying(
                        HaltException.class,
                        e -> assertThat(e.reason()).isEqualTo(HaltException.Reason.UNHALT_FAILED)));
  }

  private static String describe(Throwable t) {
    if (t == null) {
      return "nothing";
    }
    return t + " suppressed " + Arrays.toString(t.getSuppressed());
  }
}
