package io.github.litefs4j.internal;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Real OFD locks on a plain file, with a few LiteFS behaviours scripted on top for unit tests:
 * {@code F_OFD_GETLK} reporting the HALT to its own holder (as LiteFS does on a replica), failing
 * unlocks, a stalled unlock. Counts opens and closes. Thread-safe.
 */
public final class ScriptedOfdLocks implements OfdLocks {
  /** What {@code getLock} answers. */
  public enum Report {
    /** Like a plain file: the holder does not see its own lock (LiteFS primary: no-op HALT). */
    REAL,
    /** Like a LiteFS replica holding the HALT: a write lock with pid -1. */
    HELD,
    /** Like a LiteFS replica that dropped the HALT. */
    DROPPED
  }

  private final OfdLocks real = JnaOfdLocks.get();
  private final AtomicReference<Report> report = new AtomicReference<>(Report.REAL);
  private final AtomicInteger unlockErrno = new AtomicInteger();
  private final AtomicReference<CountDownLatch> unlockGate = new AtomicReference<>();
  private final AtomicInteger opens = new AtomicInteger();
  private final AtomicInteger closes = new AtomicInteger();
  private final AtomicInteger flushes = new AtomicInteger();
  private final java.util.Set<Integer> duplicates =
      java.util.concurrent.ConcurrentHashMap.newKeySet();

  /** Makes {@code getLock} answer as given. */
  public ScriptedOfdLocks report(Report r) {
    report.set(r);
    return this;
  }

  /** Makes every unlock fail with this errno (0: succeed). */
  public ScriptedOfdLocks failUnlocksWith(int errno) {
    unlockErrno.set(errno);
    return this;
  }

  /** Makes unlocks wait until the latch opens (null: don't wait). */
  public ScriptedOfdLocks stallUnlocksUntil(CountDownLatch gate) {
    unlockGate.set(gate);
    return this;
  }

  /** How many descriptors were opened through {@link #open}. */
  public int opens() {
    return opens.get();
  }

  /** How many descriptors from {@link #open} were closed. */
  public int closes() {
    return closes.get();
  }

  /** How many duplicates were closed (each one a FUSE Flush on LiteFS). */
  public int flushes() {
    return flushes.get();
  }

  @Override
  public int open(String path) throws ErrnoException {
    int fd = real.open(path);
    opens.incrementAndGet();
    return fd;
  }

  @Override
  public void setLock(int fd, LockType type, long start, long length, boolean wait)
      throws ErrnoException {
    if (type == LockType.UNLOCK) {
      CountDownLatch gate = unlockGate.get();
      if (gate != null) {
        try {
          gate.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      int errno = unlockErrno.get();
      if (errno != 0) {
        real.setLock(fd, type, start, length, wait);
        throw new ErrnoException("fcntl(F_OFD_SETLK, F_UNLCK)", errno, null);
      }
    }
    real.setLock(fd, type, start, length, wait);
  }

  @Override
  public LockInfo getLock(int fd, LockType type, long start, long length) throws ErrnoException {
    return switch (report.get()) {
      case REAL -> real.getLock(fd, type, start, length);
      case HELD -> new LockInfo(LockType.WRITE, start, length, -1);
      case DROPPED -> new LockInfo(LockType.UNLOCK, start, length, 0);
    };
  }

  @Override
  public int dup(int fd) throws ErrnoException {
    int copy = real.dup(fd);
    duplicates.add(copy);
    return copy;
  }

  @Override
  public void close(int fd) throws ErrnoException {
    if (duplicates.remove(fd)) {
      flushes.incrementAndGet();
    } else {
      closes.incrementAndGet();
    }
    real.close(fd);
  }
}
