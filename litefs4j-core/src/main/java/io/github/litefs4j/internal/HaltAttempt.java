package io.github.litefs4j.internal;

import io.github.litefs4j.LiteFS;
import io.github.litefs4j.internal.OfdLocks.LockType;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One HALT request running on a worker thread ({@link HaltThreads#WORKERS}): {@code open}, then the
 * blocking {@code F_OFD_SETLKW}, retried on an EINTR the caller did not ask for. Exactly one party
 * cleans up (closes the descriptor, releases the permit): the caller if the worker completed, else
 * the worker when it ends; an atomic RUNNING / COMPLETED / ABANDONED state decides. Thread-safe.
 * Internal: not exported.
 */
final class HaltAttempt implements Runnable {
  private static final int RUNNING = 0;
  private static final int COMPLETED = 1;
  private static final int ABANDONED = 2;

  private final OfdLocks ofd;
  final Path db;
  final Path lockFile;
  final HaltCoordinator.Permit permit;
  final CountDownLatch done = new CountDownLatch(1);
  final AtomicInteger state = new AtomicInteger(RUNNING);
  volatile boolean cancelRequested;
  volatile int fd = -1;
  volatile boolean locked;
  volatile ErrnoException failure;
  volatile RuntimeException unexpected;

  HaltAttempt(OfdLocks ofd, Path db, Path lockFile, HaltCoordinator.Permit permit) {
    this.ofd = ofd;
    this.db = db;
    this.lockFile = lockFile;
    this.permit = permit;
  }

  @Override
  public void run() {
    try {
      int f = ofd.open(lockFile.toString());
      fd = f;
      while (!cancelRequested) {
        try {
          ofd.setLock(f, LockType.WRITE, LiteFS.HALT_BYTE, 1, true);
          locked = true;
          break;
        } catch (ErrnoException e) {
          if (e.errno() != Errno.EINTR && e.errno() != Errno.ERESTARTSYS) {
            failure = e;
            break;
          }
          // Cancelled by us (the loop ends) or by a flush from elsewhere (retry).
        }
      }
    } catch (ErrnoException e) {
      failure = e;
    } catch (RuntimeException e) {
      unexpected = e;
    }
    if (state.compareAndSet(RUNNING, COMPLETED)) {
      done.countDown();
      return;
    }
    cleanUp();
  }

  /** The caller gives up: true if the worker was still running and now owns the clean-up. */
  boolean abandon() {
    return state.compareAndSet(RUNNING, ABANDONED);
  }

  /** Sends a FUSE Flush on the open file description by closing a duplicate of it. */
  void flush() {
    int f = fd;
    if (f < 0 || state.get() != RUNNING) {
      return;
    }
    try {
      int copy = ofd.dup(f);
      try {
        ofd.close(copy);
      } catch (ErrnoException e) {
        // LiteFS answers the flush of a handle that holds nothing with success; anything else
        // is worth a note but changes nothing: the duplicate is closed either way.
        HaltCoordinator.LOG.log(
            Level.DEBUG, () -> "flush of " + lockFile + " answered " + e.getMessage(), e);
      }
    } catch (ErrnoException e) {
      HaltCoordinator.LOG.log(Level.DEBUG, () -> "cannot dup the descriptor of " + lockFile, e);
    }
  }

  /** Unlocks if locked, closes the descriptor, releases the permit. Called by the last owner. */
  void cleanUp() {
    unlockAndClose(ofd, db, fd, locked, permit, "after giving up");
  }

  /**
   * Unlocks the HALT byte if {@code locked}, closes {@code fd} if open, releases the permit; logs
   * failures (nothing is held afterwards either way).
   */
  static void unlockAndClose(
      OfdLocks ofd, Path db, int fd, boolean locked, HaltCoordinator.Permit permit, String when) {
    try {
      if (fd >= 0) {
        if (locked) {
          try {
            ofd.setLock(fd, LockType.UNLOCK, LiteFS.HALT_BYTE, 1, false);
          } catch (ErrnoException e) {
            HaltCoordinator.LOG.log(
                Level.WARNING,
                () -> "cannot unlock the HALT on " + db + " " + when + ": " + e.getMessage(),
                e);
          }
        }
        try {
          ofd.close(fd);
        } catch (ErrnoException e) {
          HaltCoordinator.LOG.log(
              Level.WARNING,
              () -> "closing the lock file of " + db + " reported " + e.getMessage(),
              e);
        }
      }
    } finally {
      permit.release();
    }
  }
}
