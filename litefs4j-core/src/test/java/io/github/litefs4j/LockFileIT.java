package io.github.litefs4j;

import static io.github.litefs4j.HaltItSupport.OFD;
import static io.github.litefs4j.HaltItSupport.newDatabase;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.litefs4j.internal.Errno;
import io.github.litefs4j.internal.ErrnoException;
import io.github.litefs4j.internal.OfdLocks.LockInfo;
import io.github.litefs4j.internal.OfdLocks.LockType;
import io.github.litefs4j.testing.LiteFsCluster;
import io.github.litefs4j.testing.LiteFsClusterTest;
import io.github.litefs4j.testsupport.Sql;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What LiteFS 0.5.x's {@code <db>-lock} file answers to raw OFD lock calls, on a real replica and
 * primary. These are the facts the HALT code relies on; each test asserts what was measured.
 */
@LiteFsClusterTest(replicas = 1)
class LockFileIT {
  private static final long HALT = LiteFS.HALT_BYTE;

  private final List<Integer> fds = new ArrayList<>();
  private Path replicaDb;
  private Path primaryDb;

  @BeforeEach
  void createDatabase(LiteFsCluster cluster) throws Exception {
    String name = newDatabase(cluster);
    replicaDb = cluster.replica(0).database(name);
    primaryDb = cluster.primary().database(name);
  }

  @AfterEach
  void closeDescriptors() throws ErrnoException {
    for (int fd : fds) {
      OFD.close(fd);
    }
  }

  private int open(Path db) throws ErrnoException {
    int fd = OFD.open(db + "-lock");
    fds.add(fd);
    return fd;
  }

  private static int errnoOf(ThrowingCall call) {
    try {
      call.run();
      return 0;
    } catch (ErrnoException e) {
      return e.errno();
    }
  }

  private interface ThrowingCall {
    void run() throws ErrnoException;
  }

  @Test
  void onlyABlockingWriteLockOnByte72IsAccepted() throws Exception {
    int fd = open(replicaDb);

    assertThat(errnoOf(() -> OFD.setLock(fd, LockType.WRITE, HALT, 1, false)))
        .as("non-blocking F_OFD_SETLK")
        .isEqualTo(Errno.ENOSYS);
    assertThat(errnoOf(() -> OFD.setLock(fd, LockType.READ, HALT, 1, true)))
        .as("F_RDLCK")
        .isEqualTo(Errno.ENOSYS);
    assertThat(errnoOf(() -> OFD.setLock(fd, LockType.WRITE, 71, 1, true)))
        .as("byte 71")
        .isEqualTo(Errno.EINVAL);
    assertThat(errnoOf(() -> OFD.setLock(fd, LockType.WRITE, HALT, 2, true)))
        .as("bytes 72..73")
        .isEqualTo(Errno.EINVAL);
    assertThat(errnoOf(() -> OFD.setLock(fd, LockType.WRITE, HALT, 1, true)))
        .as("F_OFD_SETLKW F_WRLCK on byte 72")
        .isZero();
    assertThat(errnoOf(() -> OFD.setLock(fd, LockType.WRITE, HALT, 1, true)))
        .as("a second wait on the same descriptor")
        .isEqualTo(Errno.ENOLCK);
    assertThat(errnoOf(() -> OFD.setLock(fd, LockType.UNLOCK, HALT, 1, false)))
        .as("F_OFD_SETLK F_UNLCK")
        .isZero();
  }

  @Test
  void getlkReportsTheHaltWithPidMinusOneToEveryDescriptorOfTheReplica() throws Exception {
    int holder = open(replicaDb);
    int other = open(replicaDb);
    assertThat(OFD.getLock(other, LockType.WRITE, HALT, 1).type()).isEqualTo(LockType.UNLOCK);

    OFD.setLock(holder, LockType.WRITE, HALT, 1, true);

    assertThat(OFD.getLock(other, LockType.WRITE, HALT, 1))
        .isEqualTo(new LockInfo(LockType.WRITE, HALT, 1, -1));
    assertThat(OFD.getLock(holder, LockType.WRITE, HALT, 1))
        .as("unlike a plain file, the holder sees it too")
        .isEqualTo(new LockInfo(LockType.WRITE, HALT, 1, -1));

    OFD.setLock(holder, LockType.UNLOCK, HALT, 1, false);
    assertThat(OFD.getLock(other, LockType.WRITE, HALT, 1).type()).isEqualTo(LockType.UNLOCK);
  }

  @Test
  void onThePrimaryTheHaltIsANoOpThatGetlkDoesNotReport() throws Exception {
    int fd = open(primaryDb);
    int other = open(primaryDb);

    OFD.setLock(fd, LockType.WRITE, HALT, 1, true);

    assertThat(OFD.getLock(other, LockType.WRITE, HALT, 1).type()).isEqualTo(LockType.UNLOCK);
    assertThat(OFD.getLock(fd, LockType.WRITE, HALT, 1).type()).isEqualTo(LockType.UNLOCK);
    assertThat(errnoOf(() -> OFD.setLock(fd, LockType.WRITE, HALT, 1, true)))
        .as("a second wait on the same descriptor succeeds too on the primary")
        .isZero();
    Sql.execNoWait(primaryDb, "INSERT INTO t VALUES ('primary writes anyway')");
  }

  @Test
  void closingAnUnrelatedDescriptorOfTheLockFileKeepsTheHalt() throws Exception {
    int holder = open(replicaDb);
    OFD.setLock(holder, LockType.WRITE, HALT, 1, true);

    int unrelated = OFD.open(replicaDb + "-lock");
    OFD.close(unrelated);

    int observer = open(replicaDb);
    assertThat(OFD.getLock(observer, LockType.WRITE, HALT, 1).type()).isEqualTo(LockType.WRITE);
  }

  @Test
  void closingADuplicateOfTheHoldingDescriptorReleasesTheHalt() throws Exception {
    int holder = open(replicaDb);
    int observer = open(replicaDb);
    OFD.setLock(holder, LockType.WRITE, HALT, 1, true);

    OFD.close(OFD.dup(holder));

    assertThat(OFD.getLock(observer, LockType.WRITE, HALT, 1).type()).isEqualTo(LockType.UNLOCK);
  }

  @Test
  void aWaitCancelledByClosingADuplicateSeesErrno512() throws Exception {
    int holder = open(replicaDb);
    int waiter = open(replicaDb);
    OFD.setLock(holder, LockType.WRITE, HALT, 1, true);
    CompletableFuture<Integer> errno =
        CompletableFuture.supplyAsync(
            () -> errnoOf(() -> OFD.setLock(waiter, LockType.WRITE, HALT, 1, true)));

    // Flush until the wait ends: the worker may not have entered fcntl at the first one.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!errno.isDone() && System.nanoTime() < deadline) {
      OFD.close(OFD.dup(waiter));
      try {
        errno.get(50, TimeUnit.MILLISECONDS);
      } catch (java.util.concurrent.TimeoutException e) {
        continue; // still waiting: flush again
      }
    }

    assertThat(errno.get(1, TimeUnit.SECONDS)).isEqualTo(Errno.ERESTARTSYS);
    assertThat(OFD.getLock(waiter, LockType.WRITE, HALT, 1).type())
        .as("the holder still has it")
        .isEqualTo(LockType.WRITE);
  }

  @Test
  void aWaitForAHaltHeldElsewhereFailsWithEioAfterLiteFsOwnTenSeconds() throws Exception {
    int holder = open(replicaDb);
    int waiter = open(replicaDb);
    OFD.setLock(holder, LockType.WRITE, HALT, 1, true);
    long start = System.nanoTime();

    int errno = errnoOf(() -> OFD.setLock(waiter, LockType.WRITE, HALT, 1, true));

    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(errno).isEqualTo(Errno.EIO);
    assertThat(took).isBetween(Duration.ofSeconds(9), Duration.ofSeconds(15));
  }

  @Test
  void aMissingDatabaseHasNoLockFile(LiteFsCluster cluster) {
    Path missing = cluster.replica(0).database("does-not-exist.db");
    assertThatThrownBy(() -> OFD.open(missing + "-lock"))
        .isInstanceOfSatisfying(
            ErrnoException.class, e -> assertThat(e.errno()).isEqualTo(Errno.ENOENT));
  }

  @Test
  void aHaltRequestWithThePrimaryKilledFailsAtOnceWithEio(LiteFsCluster cluster) throws Exception {
    int fd = open(replicaDb);
    cluster.primary().kill();
    long start = System.nanoTime();

    int errno = errnoOf(() -> OFD.setLock(fd, LockType.WRITE, HALT, 1, true));

    assertThat(errno).isEqualTo(Errno.EIO);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
  }
}
