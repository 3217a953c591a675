package io.github.litefs4j.internal;

import io.github.litefs4j.HaltException;
import io.github.litefs4j.HaltLock;
import io.github.litefs4j.LiteFS;
import io.github.litefs4j.internal.HaltCoordinator.Permit;
import io.github.litefs4j.internal.OfdLocks.LockType;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A granted HALT: the descriptor of {@code <db>-lock}, the in-JVM permit, and the TTL warning.
 * Released exactly once. Thread-safe. Internal: not exported ({@link io.github.litefs4j.HaltLock}
 * is the public face).
 */
public final class HaltHandle implements HaltLock {
  private final OfdLocks ofd;
  private final Path db;
  private final int fd;
  private final Permit permit;
  private final Instant acquiredAt;
  private final long acquiredNanos;
  private final boolean noOp;
  private final Duration ttl;
  private final Duration unhaltTimeout;
  private final AtomicBoolean released = new AtomicBoolean();

  /**
   * Keeps {@link #isReportedByNode()} from using the descriptor number while the release closes it.
   */
  private final ReentrantReadWriteLock fdInUse = new ReentrantReadWriteLock();

  HaltHandle(
      OfdLocks ofd,
      Path db,
      int fd,
      Permit permit,
      boolean noOp,
      Duration ttl,
      Duration unhaltTimeout) {
    this.ofd = ofd;
    this.db = db;
    this.fd = fd;
    this.permit = permit;
    this.acquiredAt = Instant.now();
    this.acquiredNanos = System.nanoTime();
    this.noOp = noOp;
    this.ttl = ttl;
    this.unhaltTimeout = unhaltTimeout;
    if (!noOp) {
      TtlWarnings.watch(this, acquiredNanos + HaltCoordinator.saturatedNanos(ttl));
    }
  }

  /** The database as given to {@code halt}. */
  @Override
  public Path database() {
    return db;
  }

  /** When LiteFS granted the HALT (wall clock). */
  @Override
  public Instant acquiredAt() {
    return acquiredAt;
  }

  /** How long since LiteFS granted the HALT. */
  @Override
  public Duration heldFor() {
    return Duration.ofNanos(System.nanoTime() - acquiredNanos);
  }

  /** True if LiteFS did not report the HALT right after granting it (this node is primary). */
  @Override
  public boolean isNoOp() {
    return noOp;
  }

  /** The TTL used for {@link #isPastTtl()}. */
  public Duration ttl() {
    return ttl;
  }

  /** True if a HALT that LiteFS reported has been held longer than the primary's TTL. */
  @Override
  public boolean isReleased() {
    return released.get();
  }

  @Override
  public boolean isPastTtl() {
    return !noOp && !released.get() && System.nanoTime() - acquiredNanos >= ttl.toNanos();
  }

  /**
   * Not released, and (unless a no-op) LiteFS still reports it: {@code F_OFD_GETLK} answers a write
   * lock.
   *
   * @throws HaltException if LiteFS cannot be asked
   */
  @Override
  public boolean isReportedByNode() {
    if (released.get()) {
      return false;
    }
    if (noOp) {
      return true;
    }
    if (!fdInUse.readLock().tryLock()) {
      return false; // being released
    }
    try {
      if (released.get()) {
        return false;
      }
      return ofd.getLock(fd, LockType.WRITE, LiteFS.HALT_BYTE, 1).type() == LockType.WRITE;
    } catch (ErrnoException e) {
      throw HaltErrors.queryFailed(db, e, heldFor());
    } finally {
      fdInUse.readLock().unlock();
    }
  }

  /**
   * Releases the HALT: {@code F_OFD_SETLK F_UNLCK}, then {@code close}, on a worker thread, waiting
   * at most the unhalt timeout (not interruptible; the interrupt flag is kept). Idempotent: only
   * the first call does anything.
   *
   * @throws HaltException UNHALT_FAILED if the unlock fails or LiteFS does not answer in time
   */
  public void release() {
    if (!released.compareAndSet(false, true)) {
      return;
    }
    Duration heldBeforeRelease = heldFor();
    TtlWarnings.unwatch(this);
    Unlock unlock = new Unlock();
    try {
      HaltThreads.WORKERS.execute(unlock);
    } catch (RejectedExecutionException e) {
      unlock.run();
    }
    boolean finished = awaitUninterruptibly(unlock.done, unhaltTimeout);
    permit.release();
    if (!finished) {
      throw HaltErrors.unhaltFailed(
          db,
          0,
          "LiteFS did not answer the unlock within "
              + unhaltTimeout
              + unanswered(heldBeforeRelease)
              + "; a background thread closes the descriptor if LiteFS ever answers",
          heldBeforeRelease,
          null);
    }
    if (unlock.unexpected != null) {
      throw HaltErrors.unhaltFailed(
          db, 0, "unexpected failure: " + unlock.unexpected, heldBeforeRelease, unlock.unexpected);
    }
    if (unlock.failure != null) {
      ErrnoException f = unlock.failure;
      throw HaltErrors.unhaltFailed(
          db,
          f.errno(),
          f.getMessage()
              + "; the descriptor was closed, which also asks LiteFS to release; the primary"
              + " drops the HALT at the latest when its TTL ends",
          heldBeforeRelease,
          f);
    }
  }

  @Override
  public void unhalt() {
    release();
  }

  @Override
  public void close() {
    release();
  }

  @Override
  public String toString() {
    return "HaltLock["
        + db
        + (released.get() ? ", released" : ", held for " + heldFor())
        + (noOp ? ", no-op" : "")
        + "]";
  }

  /**
   * After the function run under the HALT threw: adds an expired or lost HALT to {@code failure} as
   * suppressed, releases, and adds a failed release as suppressed. Never masks {@code failure}.
   */
  public void releaseAfterFailure(Throwable failure) {
    if (isPastTtl()) {
      failure.addSuppressed(HaltErrors.expired(db, heldFor(), ttl));
    } else {
      try {
        if (!noOp && !isReportedByNode()) {
          failure.addSuppressed(HaltErrors.lost(db, heldFor()));
        }
      } catch (RuntimeException e) {
        failure.addSuppressed(e);
      }
    }
    try {
      release();
    } catch (HaltException e) {
      failure.addSuppressed(e);
    }
  }

  /**
   * After the function run under the HALT returned: releases.
   *
   * @throws HaltException UNHALT_FAILED carrying {@code result} if the release fails
   */
  public void releaseAfterSuccess(Object result) {
    try {
      release();
    } catch (HaltException e) {
      throw HaltErrors.unhaltFailedAfterSuccess(e, result);
    }
  }

  /** Why LiteFS may not have answered, from how long the HALT was held. */
  private String unanswered(Duration held) {
    String why =
        held.compareTo(ttl) >= 0
            ? ", past the primary's "
                + ttl
                + " TTL (LiteFS 0.5.x deadlocks a replica that still holds a HALT the primary"
                + " has expired once the primary commits: its replication stays stuck until"
                + " LiteFS restarts)"
            : ", within the primary's "
                + ttl
                + " TTL: the primary is probably unreachable (stopped, or a network partition;"
                + " LiteFS waits on a forwarded commit or unlock without a timeout of its own)";
    return " after holding the HALT for " + held + why;
  }

  /** Logs that the HALT is past the TTL, unless released ({@link TtlWarnings} calls it). */
  void warnPastTtl() {
    if (!released.get()) {
      HaltCoordinator.LOG.log(
          Level.WARNING,
          () ->
              "the HALT on "
                  + db
                  + " has been held for "
                  + heldFor()
                  + ", past LiteFS's HALT TTL of "
                  + ttl
                  + ": the primary drops a HALT 30 to 35 s after granting it, without renewal,"
                  + " and does not tell the replica; unhalt as soon as possible");
    }
  }

  private static boolean awaitUninterruptibly(CountDownLatch latch, Duration timeout) {
    long deadline = System.nanoTime() + HaltCoordinator.saturatedNanos(timeout);
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return latch.await(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Unlock and close, on a worker thread (LiteFS may never answer). */
  private final class Unlock implements Runnable {
    final CountDownLatch done = new CountDownLatch(1);
    volatile ErrnoException failure;
    volatile RuntimeException unexpected;

    @Override
    public void run() {
      fdInUse.writeLock().lock();
      try {
        try {
          ofd.setLock(fd, LockType.UNLOCK, LiteFS.HALT_BYTE, 1, false);
        } catch (ErrnoException e) {
          failure = e;
        }
        try {
          ofd.close(fd);
        } catch (ErrnoException e) {
          if (failure == null) {
            // The unlock succeeded, so nothing is held; the close error is the answer to the
            // Flush, which had nothing left to release.
            HaltCoordinator.LOG.log(
                Level.DEBUG, () -> "closing the lock file of " + db + ": " + e.getMessage(), e);
          }
        }
      } catch (RuntimeException e) {
        unexpected = e;
      } finally {
        fdInUse.writeLock().unlock();
        done.countDown();
      }
    }
  }
}
