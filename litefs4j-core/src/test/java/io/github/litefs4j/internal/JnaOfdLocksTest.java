package io.github.litefs4j.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.jna.Memory;
import io.github.litefs4j.internal.OfdLocks.LockInfo;
import io.github.litefs4j.internal.OfdLocks.LockType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** OFD lock semantics through the JNA layer, on a plain local file (not FUSE). */
class JnaOfdLocksTest {
  private static final long BYTE = 72;

  @TempDir Path dir;
  private final OfdLocks ofd = JnaOfdLocks.get();
  private final List<Integer> open = Collections.synchronizedList(new ArrayList<>());
  private final ExecutorService pool = Executors.newCachedThreadPool();
  private Path file;

  @BeforeEach
  void createFile() throws IOException {
    file = Files.createFile(dir.resolve("x.db-lock"));
  }

  @AfterEach
  void closeAll() throws ErrnoException {
    pool.shutdownNow();
    for (int fd : open) {
      ofd.close(fd);
    }
  }

  private int openFile() throws ErrnoException {
    int fd = ofd.open(file.toString());
    open.add(fd);
    return fd;
  }

  @Test
  void structFlockHasTheLinux64BitLayoutAndRoundTrips() {
    Memory m = new Memory(JnaOfdLocks.FLOCK_SIZE);
    m.setMemory(0, JnaOfdLocks.FLOCK_SIZE, (byte) 0x5a);
    JnaOfdLocks.write(m, LockType.WRITE, BYTE, 1);

    assertThat(JnaOfdLocks.FLOCK_SIZE).isEqualTo(32);
    assertThat(m.getShort(0)).isEqualTo((short) 1); // l_type F_WRLCK
    assertThat(m.getShort(2)).isEqualTo((short) 0); // l_whence SEEK_SET
    assertThat(m.getLong(8)).isEqualTo(72L); // l_start
    assertThat(m.getLong(16)).isEqualTo(1L); // l_len
    assertThat(m.getInt(24)).isZero(); // l_pid
    assertThat(m.getInt(28)).isZero(); // padding cleared
    assertThat(JnaOfdLocks.read(m)).isEqualTo(new LockInfo(LockType.WRITE, 72, 1, 0));

    m.setShort(0, (short) 2);
    m.setLong(8, 5);
    m.setLong(16, 0);
    m.setInt(24, -1);
    assertThat(JnaOfdLocks.read(m)).isEqualTo(new LockInfo(LockType.UNLOCK, 5, 0, -1));
  }

  @Test
  void twoDescriptorsOfOneProcessConflict() throws ErrnoException {
    int first = openFile();
    int second = openFile();
    ofd.setLock(first, LockType.WRITE, BYTE, 1, true);

    assertThatThrownBy(() -> ofd.setLock(second, LockType.WRITE, BYTE, 1, false))
        .isInstanceOfSatisfying(
            ErrnoException.class,
            e -> {
              assertThat(e.errno()).isEqualTo(Errno.EAGAIN);
              assertThat(e.operation()).isEqualTo("fcntl(F_OFD_SETLK, F_WRLCK)");
              assertThat(e).hasMessageContaining("EAGAIN (11)");
            });
  }

  @Test
  void anotherDescriptorSeesTheLockAsAnOfdLockWithPidMinusOne() throws ErrnoException {
    int holder = openFile();
    int other = openFile();
    ofd.setLock(holder, LockType.WRITE, BYTE, 1, true);

    assertThat(ofd.getLock(other, LockType.WRITE, BYTE, 1))
        .isEqualTo(new LockInfo(LockType.WRITE, BYTE, 1, -1));
    // The holder's own lock never conflicts with itself.
    assertThat(ofd.getLock(holder, LockType.WRITE, BYTE, 1).type()).isEqualTo(LockType.UNLOCK);
  }

  @Test
  void closingAnUnrelatedDescriptorDoesNotReleaseTheLock() throws ErrnoException {
    int holder = openFile();
    int observer = openFile();
    ofd.setLock(holder, LockType.WRITE, BYTE, 1, true);

    int unrelated = ofd.open(file.toString());
    ofd.close(unrelated);

    assertThat(ofd.getLock(observer, LockType.WRITE, BYTE, 1).type()).isEqualTo(LockType.WRITE);
  }

  @Test
  void closingADuplicateDoesNotReleaseTheLockOnAPlainFile() throws ErrnoException {
    // Unlike LiteFS's -lock file, where the FUSE Flush of this close releases the HALT.
    int holder = openFile();
    int observer = openFile();
    ofd.setLock(holder, LockType.WRITE, BYTE, 1, true);

    ofd.close(ofd.dup(holder));

    assertThat(ofd.getLock(observer, LockType.WRITE, BYTE, 1).type()).isEqualTo(LockType.WRITE);
  }

  @Test
  void unlockReleasesTheLock() throws ErrnoException {
    int holder = openFile();
    int other = openFile();
    ofd.setLock(holder, LockType.WRITE, BYTE, 1, true);

    ofd.setLock(holder, LockType.UNLOCK, BYTE, 1, false);

    assertThat(ofd.getLock(other, LockType.WRITE, BYTE, 1).type()).isEqualTo(LockType.UNLOCK);
    ofd.setLock(other, LockType.WRITE, BYTE, 1, false);
  }

  @Test
  void closingTheHoldingDescriptorReleasesTheLock() throws ErrnoException {
    int holder = ofd.open(file.toString());
    int other = openFile();
    ofd.setLock(holder, LockType.WRITE, BYTE, 1, true);

    ofd.close(holder);

    assertThat(ofd.getLock(other, LockType.WRITE, BYTE, 1).type()).isEqualTo(LockType.UNLOCK);
  }

  @Test
  void aBlockingWaitEndsWhenTheHolderUnlocks() throws Exception {
    int holder = openFile();
    int waiter = openFile();
    ofd.setLock(holder, LockType.WRITE, BYTE, 1, true);

    Future<Void> waiting =
        pool.submit(
            () -> {
              ofd.setLock(waiter, LockType.WRITE, BYTE, 1, true);
              return null;
            });
    assertThatThrownBy(() -> waiting.get(200, TimeUnit.MILLISECONDS))
        .isInstanceOf(TimeoutException.class);

    ofd.setLock(holder, LockType.UNLOCK, BYTE, 1, false);

    waiting.get(10, TimeUnit.SECONDS);
    assertThat(ofd.getLock(holder, LockType.WRITE, BYTE, 1).type()).isEqualTo(LockType.WRITE);
  }

  @Test
  void descriptorsOfTwoThreadsConflictLikeTwoProcesses() throws Exception {
    int holder = openFile();
    ofd.setLock(holder, LockType.WRITE, BYTE, 1, true);

    CompletableFuture<Integer> errno =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                int fd = openFile();
                ofd.setLock(fd, LockType.WRITE, BYTE, 1, false);
                return 0;
              } catch (ErrnoException e) {
                return e.errno();
              }
            },
            pool);

    assertThat(errno.get(10, TimeUnit.SECONDS)).isEqualTo(Errno.EAGAIN);
  }

  @Test
  void openingAMissingFileFailsWithEnoent() {
    assertThatThrownBy(() -> ofd.open(dir.resolve("missing.db-lock").toString()))
        .isInstanceOfSatisfying(
            ErrnoException.class,
            e -> {
              assertThat(e.errno()).isEqualTo(Errno.ENOENT);
              assertThat(e.operation()).contains("missing.db-lock");
            });
  }

  @Test
  void aClosedDescriptorFailsWithEbadf() throws ErrnoException {
    int fd = ofd.open(file.toString());
    ofd.close(fd);

    assertThatThrownBy(() -> ofd.setLock(fd, LockType.WRITE, BYTE, 1, false))
        .isInstanceOfSatisfying(
            ErrnoException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EBADF));
    assertThatThrownBy(() -> ofd.close(fd))
        .isInstanceOfSatisfying(
            ErrnoException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EBADF));
  }

  @Test
  void aReadLockIsSharedButConflictsWithAWriteLock() throws ErrnoException {
    int a = openFile();
    int b = openFile();
    ofd.setLock(a, LockType.READ, BYTE, 1, false);
    ofd.setLock(b, LockType.READ, BYTE, 1, false);

    assertThat(ofd.getLock(a, LockType.WRITE, BYTE, 1).type()).isEqualTo(LockType.READ);
    assertThatThrownBy(() -> ofd.setLock(a, LockType.WRITE, BYTE, 1, false))
        .isInstanceOfSatisfying(
            ErrnoException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EAGAIN));
  }

  @Test
  void pathsWithNonAsciiCharactersOpen() throws Exception {
    Path special = Files.createFile(dir.resolve("données é.db-lock"));
    // A name that a lossy encoding (é as '?', or as two Latin-1 chars) would open instead.
    Path lookalike = Files.createFile(dir.resolve("donn?es ?.db-lock"));
    int fd = ofd.open(special.toString());
    open.add(fd);

    // The descriptor is the file of that name, not another one.
    Path opened = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd));
    assertThat(opened).isEqualTo(special.toRealPath());
    assertThat(Files.isSameFile(opened, special)).isTrue();

    // Its lock is on that file: another descriptor of the same name sees it, one of the lookalike
    // does not.
    ofd.setLock(fd, LockType.WRITE, BYTE, 1, false);
    int sameName = ofd.open(special.toString());
    open.add(sameName);
    int otherName = ofd.open(lookalike.toString());
    open.add(otherName);
    assertThat(ofd.getLock(sameName, LockType.WRITE, BYTE, 1))
        .isEqualTo(new LockInfo(LockType.WRITE, BYTE, 1, -1));
    assertThat(ofd.getLock(otherName, LockType.WRITE, BYTE, 1).type()).isEqualTo(LockType.UNLOCK);
  }
}
