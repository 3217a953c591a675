package io.github.litefs4j.internal;

import io.github.litefs4j.LiteFS;
import io.github.litefs4j.LiteFsException;
import io.github.litefs4j.internal.OfdLocks.LockType;
import java.nio.file.Path;

/**
 * A HALT wait without a timeout made on the calling thread: {@code open} and the blocking {@code
 * F_OFD_SETLKW} run where {@code withHalt} was called, with no hand-off to a worker thread and
 * back. An interrupt is seen by {@link HaltWatchdog}, which cancels the wait through LiteFS (a FUSE
 * Flush); the call then ends with {@link io.github.litefs4j.LiteFsInterruptedException}. Used only
 * on FUSE mounts, where a flush cancels the wait; if LiteFS never answers the cancellation, the
 * call keeps waiting until LiteFS answers (the caller asked for no timeout).
 *
 * <p>Internal: not exported.
 */
final class CallingThreadHalt {
  private CallingThreadHalt() {}

  /**
   * Opens the lock file and waits for the HALT on this thread.
   *
   * @return the descriptor holding the granted HALT; the caller owns it and the permit
   * @throws io.github.litefs4j.LiteFsInterruptedException if interrupted (nothing held, the permit
   *     released, the flag set)
   * @throws RuntimeException what LiteFS refused, as {@link HaltErrors#refused} (permit released)
   */
  static int acquire(OfdLocks ofd, Path db, Path lockFile, HaltCoordinator.Permit permit) {
    int fd;
    try {
      fd = ofd.open(lockFile.toString());
    } catch (ErrnoException e) {
      permit.release();
      throw HaltErrors.refused(db, lockFile, e);
    } catch (RuntimeException e) {
      permit.release();
      throw e;
    }
    HaltWatchdog.Wait wait =
        new HaltWatchdog.Wait(Thread.currentThread(), ofd, fd, lockFile.toString());
    HaltWatchdog.watch(wait);
    boolean locked = false;
    ErrnoException failure = null;
    RuntimeException unexpected = null;
    try {
      while (true) {
        try {
          ofd.setLock(fd, LockType.WRITE, LiteFS.HALT_BYTE, 1, true);
          locked = true;
          break;
        } catch (ErrnoException e) {
          boolean eintr = e.errno() == Errno.EINTR || e.errno() == Errno.ERESTARTSYS;
          if (!eintr || wait.isCancelled()) {
            failure = e;
            break;
          }
          // Cancelled by a flush from elsewhere (a child process closing an inherited copy): retry.
        }
      }
    } catch (RuntimeException e) {
      unexpected = e;
    }
    // After finish() the watchdog sends no flush, so the descriptor may be used and closed.
    boolean cancelled = wait.finish();
    HaltWatchdog.unwatch(wait);
    if (cancelled || Thread.currentThread().isInterrupted()) {
      // Like a worker-thread wait: an interrupt before the caller goes on means no HALT, even if
      // LiteFS granted it meanwhile (a granted HALT that the flush did not release is unlocked).
      cleanUp(ofd, db, fd, locked, permit);
      throw HaltErrors.interrupted(
          db,
          "LiteFS to grant it (lock file " + lockFile + ")",
          new InterruptedException("interrupted while waiting on the calling thread"));
    }
    if (unexpected != null) {
      cleanUp(ofd, db, fd, locked, permit);
      throw new LiteFsException(
          "HALT on " + db + " failed unexpectedly: " + unexpected, unexpected);
    }
    if (failure != null) {
      cleanUp(ofd, db, fd, locked, permit);
      throw HaltErrors.refused(db, lockFile, failure);
    }
    return fd;
  }

  private static void cleanUp(
      OfdLocks ofd, Path db, int fd, boolean locked, HaltCoordinator.Permit permit) {
    HaltAttempt.unlockAndClose(ofd, db, fd, locked, permit, "after an interrupt");
  }
}
