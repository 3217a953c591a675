package io.github.litefs4j.internal;

import io.github.litefs4j.LiteFS;
import io.github.litefs4j.LiteFsException;
import io.github.litefs4j.internal.OfdLocks.LockInfo;
import io.github.litefs4j.internal.OfdLocks.LockType;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Takes HALT locks: a write lock on byte 72 of {@code <db>-lock} with {@code F_OFD_SETLKW}, with a
 * timeout and interruption although the blocking call itself cannot be interrupted.
 *
 * <ol>
 *   <li>HALTs of one database (same absolute, normalized path) are serialized inside the JVM by a
 *       {@code Semaphore(1)}, taken interruptibly and with the timeout <em>before</em> any
 *       descriptor is opened. A thread that already holds the HALT of a database and asks again
 *       gets an {@link IllegalStateException} instead of a deadlock.
 *   <li>{@code open} and the blocking {@code fcntl} run on a daemon worker ({@link HaltThreads});
 *       the caller waits for it with the remaining timeout, interruptibly.
 *   <li>On timeout or interrupt the caller cancels the pending wait with a FUSE Flush on the same
 *       open file description: it closes a {@code dup} of the descriptor (never the descriptor
 *       itself, whose number the worker may be about to pass to {@code fcntl}: a reused number
 *       would lock an unrelated file). LiteFS then answers the wait with EINTR (seen as 512), and
 *       releases a HALT that was granted at that moment. The flush is repeated every 20 ms for up
 *       to {@code cancelGrace}, in case the worker had not entered {@code fcntl} yet.
 *   <li>Exactly one party closes the descriptor and releases the permit: the caller if the worker
 *       finished, else the worker when it finishes (an atomic RUNNING / COMPLETED / ABANDONED state
 *       decides). A late success of an abandoned worker is unlocked and closed at once.
 *   <li>EINTR or 512 from a wait the caller did not cancel (for example a child process closed an
 *       inherited copy of the descriptor) is retried.
 * </ol>
 *
 * <p>Thread-safe. Internal: not exported.
 */
public final class HaltCoordinator {
  /** LiteFS 0.5.x's HALT TTL on the primary (expiry checked every 5 s, no renewal). */
  public static final Duration LITEFS_TTL = Duration.ofSeconds(30);

  /** Logger of everything HALT: {@code io.github.litefs4j.HaltLock}. */
  static final Logger LOG = System.getLogger("io.github.litefs4j.HaltLock");

  private static final Duration DEFAULT_CANCEL_GRACE = Duration.ofSeconds(1);
  private static final Duration DEFAULT_UNHALT_TIMEOUT = Duration.ofSeconds(15);
  private static final long REFLUSH_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

  private static final String OTHER_THREAD =
      "another thread of this JVM to unhalt the same database (or a cancelled wait of this JVM to"
          + " end)";

  private final OfdLocks ofd;
  private final Duration ttl;
  private final Duration cancelGrace;
  private final Duration unhaltTimeout;
  private final ConcurrentHashMap<Path, Gate> gates = new ConcurrentHashMap<>();

  /**
   * A coordinator with LiteFS's TTL, a 1 s cancel grace and a 15 s unhalt timeout.
   *
   * @param ofd the lock calls
   */
  public HaltCoordinator(OfdLocks ofd) {
    this(ofd, LITEFS_TTL, DEFAULT_CANCEL_GRACE, DEFAULT_UNHALT_TIMEOUT);
  }

  /**
   * A coordinator with explicit durations (tests).
   *
   * @param ofd the lock calls
   * @param ttl after how long a held HALT counts as past the primary's TTL
   * @param cancelGrace how long to wait for LiteFS to confirm a cancelled wait
   * @param unhaltTimeout how long to wait for LiteFS to answer an unlock
   */
  public HaltCoordinator(OfdLocks ofd, Duration ttl, Duration cancelGrace, Duration unhaltTimeout) {
    this.ofd = Objects.requireNonNull(ofd, "ofd");
    this.ttl = requirePositive(ttl, "ttl");
    this.cancelGrace = requirePositive(cancelGrace, "cancelGrace");
    this.unhaltTimeout = requirePositive(unhaltTimeout, "unhaltTimeout");
  }

  /**
   * Checks a timeout argument.
   *
   * @return the duration
   * @throws NullPointerException if null
   * @throws IllegalArgumentException if zero or negative ("timeout must be positive: PT-1S")
   */
  public static Duration requirePositive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + d);
    }
    return d;
  }

  /** The lock file of a database: {@code <db>-lock} next to it. */
  public static Path lockFile(Path db) {
    Path name = db.getFileName();
    if (name == null) {
      throw new IllegalArgumentException("not a database file path: " + db);
    }
    return db.resolveSibling(name + "-lock");
  }

  /**
   * Takes the HALT on {@code db}.
   *
   * @param db the database path in a LiteFS mount
   * @param timeout how long to wait at most, or null to wait as long as LiteFS takes
   * @return the held HALT
   * @throws io.github.litefs4j.LiteFsTimeoutException if not granted within the timeout
   * @throws io.github.litefs4j.LiteFsInterruptedException if the thread is interrupted (flag set
   *     again)
   * @throws io.github.litefs4j.LiteFsMountException if the database or mount does not exist
   * @throws io.github.litefs4j.HaltException if open or fcntl fails with another errno
   * @throws IllegalStateException if this thread already holds the HALT on {@code db}
   */
  public HaltHandle acquire(Path db, Duration timeout) {
    return acquire(db, timeout, false);
  }

  /**
   * {@link #acquire(Path, Duration)}; with {@code onCallingThread}, no timeout and a lock file on a
   * FUSE mount, the wait runs on the calling thread ({@link CallingThreadHalt}) instead of a
   * worker.
   */
  private HaltHandle acquire(Path db, Duration timeout, boolean onCallingThread) {
    Objects.requireNonNull(db, "db");
    if (timeout != null) {
      requirePositive(timeout, "timeout");
    }
    long start = System.nanoTime();
    Path lockFile = lockFile(db);
    Path key = db.toAbsolutePath().normalize();
    Gate gate = gates.computeIfAbsent(key, k -> new Gate());
    Thread me = Thread.currentThread();
    if (gate.holder.get() == me) {
      throw new IllegalStateException(
          "this thread already holds the HALT on "
              + db
              + ": LiteFS grants one HALT per database and litefs4j one per database per thread;"
              + " unhalt the first one before asking again");
    }
    Permit permit = takePermit(gate, db, timeout, start, me);
    if (onCallingThread && timeout == null && gate.onFuse(lockFile)) {
      int fd = CallingThreadHalt.acquire(ofd, db, lockFile, permit);
      return new HaltHandle(ofd, db, fd, permit, grantedAsNoOp(db, fd), ttl, unhaltTimeout);
    }

    HaltAttempt attempt = new HaltAttempt(ofd, db, lockFile, permit);
    try {
      HaltThreads.WORKERS.execute(attempt);
    } catch (RejectedExecutionException e) {
      permit.release();
      throw new LiteFsException("cannot start the HALT worker thread for " + db, e);
    }

    boolean done;
    InterruptedException interrupted = null;
    try {
      if (timeout == null) {
        attempt.done.await();
        done = true;
      } else {
        done = attempt.done.await(remaining(start, timeout), TimeUnit.NANOSECONDS);
      }
    } catch (InterruptedException e) {
      interrupted = e;
      done = false;
    }

    if (!done) {
      boolean abandoned = giveUp(attempt);
      String waitingFor =
          "LiteFS to grant it (lock file "
              + lockFile
              + ")"
              + (abandoned
                  ? "; LiteFS did not confirm the cancellation within "
                      + cancelGrace
                      + ", a background thread releases the HALT if it is granted later"
                  : "");
      if (interrupted != null) {
        Thread.currentThread().interrupt();
        throw HaltErrors.interrupted(db, waitingFor, interrupted);
      }
      throw HaltErrors.timedOut(db, timeout, waitingFor);
    }

    if (attempt.unexpected != null) {
      attempt.cleanUp();
      throw new LiteFsException(
          "HALT on " + db + " failed unexpectedly: " + attempt.unexpected, attempt.unexpected);
    }
    if (attempt.failure != null) {
      attempt.cleanUp();
      throw HaltErrors.refused(db, lockFile, attempt.failure);
    }
    boolean noOp = grantedAsNoOp(db, attempt.fd);
    return new HaltHandle(ofd, db, attempt.fd, permit, noOp, ttl, unhaltTimeout);
  }

  /**
   * Runs {@code fn} under the HALT on {@code db}: acquire, run on the calling thread, release. A
   * failure of {@code fn} propagates after the release, with a lost or expired HALT and a failed
   * release added as suppressed; a failed release after a success throws {@link
   * io.github.litefs4j.HaltException} UNHALT_FAILED carrying the result. Without a timeout, on a
   * FUSE mount, the wait runs on the calling thread (no hand-off to a worker and back); an
   * interrupt then cancels it through LiteFS within about 10 ms ({@link HaltWatchdog}).
   *
   * @param db the database path in a LiteFS mount
   * @param timeout how long to wait for the HALT at most, or null
   * @param fn the work
   * @return what {@code fn} returned
   * @throws E what {@code fn} threw
   */
  public <T, E extends Exception> T withHalt(
      Path db, Duration timeout, LiteFS.HaltCallable<T, E> fn) throws E {
    HaltHandle halt = acquire(db, timeout, true);
    T result;
    try {
      result = fn.call();
    } catch (Throwable t) {
      halt.releaseAfterFailure(t);
      throw t;
    }
    halt.releaseAfterSuccess(result);
    return result;
  }

  private Permit takePermit(Gate gate, Path db, Duration timeout, long start, Thread me) {
    try {
      if (timeout == null) {
        gate.permits.acquire();
      } else if (!gate.permits.tryAcquire(remaining(start, timeout), TimeUnit.NANOSECONDS)) {
        throw HaltErrors.timedOut(db, timeout, OTHER_THREAD);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw HaltErrors.interrupted(db, OTHER_THREAD, e);
    }
    gate.holder.set(me);
    return new Permit(gate, me);
  }

  /**
   * After the HALT was granted: does LiteFS report it? On a replica {@code F_OFD_GETLK} answers a
   * write lock with pid -1 while the node holds the HALT; on the primary, where the HALT is a
   * no-op, it answers "unlocked".
   */
  private boolean grantedAsNoOp(Path db, int fd) {
    try {
      LockInfo info = ofd.getLock(fd, LockType.WRITE, LiteFS.HALT_BYTE, 1);
      return info.type() == LockType.UNLOCK;
    } catch (ErrnoException e) {
      LOG.log(
          Level.DEBUG,
          () -> "cannot ask LiteFS whether it reports the HALT on " + db + ": " + e.getMessage(),
          e);
      return false;
    }
  }

  /**
   * Cancels a pending wait and decides who cleans up.
   *
   * @return true if the worker is abandoned (it cleans up when it ends), false if it completed and
   *     this method cleaned up
   */
  private boolean giveUp(HaltAttempt attempt) {
    attempt.cancelRequested = true;
    long deadline = System.nanoTime() + cancelGrace.toNanos();
    boolean completed = false;
    boolean interruptedAgain = false;
    while (true) {
      attempt.flush();
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        break;
      }
      try {
        if (attempt.done.await(Math.min(left, REFLUSH_NANOS), TimeUnit.NANOSECONDS)) {
          completed = true;
          break;
        }
      } catch (InterruptedException e) {
        interruptedAgain = true;
      }
    }
    if (interruptedAgain) {
      Thread.currentThread().interrupt();
    }
    if (!completed && attempt.abandon()) {
      // The worker now owns the permit; the caller may ask again (and then waits for it).
      attempt.permit.disown();
      LOG.log(
          Level.WARNING,
          () ->
              "LiteFS did not confirm the cancelled HALT wait on "
                  + attempt.db
                  + " within "
                  + cancelGrace
                  + "; a background thread releases it when the wait ends");
      return true;
    }
    attempt.cleanUp();
    return false;
  }

  private static long remaining(long start, Duration timeout) {
    return saturatedNanos(timeout) - (System.nanoTime() - start);
  }

  static long saturatedNanos(Duration d) {
    try {
      return d.toNanos();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE / 2;
    }
  }

  /** The in-JVM serialization of HALTs on one database. */
  private static final class Gate {
    final Semaphore permits = new Semaphore(1);
    final AtomicReference<Thread> holder = new AtomicReference<>();
    private volatile Boolean fuse;

    /**
     * Whether the lock file is on a FUSE file system (where a flush cancels a HALT wait); asked
     * once per database. False when it cannot be told (the worker path then reports any error).
     */
    boolean onFuse(Path lockFile) {
      Boolean f = fuse;
      if (f == null) {
        try {
          f = Files.getFileStore(lockFile).type().startsWith("fuse");
        } catch (IOException | RuntimeException e) {
          return false;
        }
        fuse = f;
      }
      return f;
    }
  }

  /** One taken permit; released exactly once, by whoever owns it last. */
  static final class Permit {
    private final Gate gate;
    private final Thread owner;
    private final AtomicBoolean released = new AtomicBoolean();

    private Permit(Gate gate, Thread owner) {
      this.gate = gate;
      this.owner = owner;
    }

    /** The owner thread no longer counts as holding the HALT (the permit stays taken). */
    void disown() {
      gate.holder.compareAndSet(owner, null);
    }

    void release() {
      if (released.compareAndSet(false, true)) {
        gate.holder.compareAndSet(owner, null);
        gate.permits.release();
      }
    }
  }
}
