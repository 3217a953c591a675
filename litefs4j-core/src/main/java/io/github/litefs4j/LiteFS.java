package io.github.litefs4j;

import io.github.litefs4j.internal.HaltCoordinator;
import io.github.litefs4j.internal.JnaOfdLocks;
import io.github.litefs4j.internal.LagFile;
import io.github.litefs4j.internal.PosFile;
import io.github.litefs4j.internal.PrimaryFile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Entry point for the LiteFS features reached through the FUSE mount. Static methods only;
 * thread-safe.
 */
public final class LiteFS {
  /**
   * The byte of {@code <db>-lock} whose write lock is LiteFS's HALT lock (LiteFS's {@code
   * LockTypeHalt}).
   */
  public static final int HALT_BYTE = 72;

  private static volatile HaltCoordinator haltCoordinator;

  private LiteFS() {}

  // ---- HALT -----------------------------------------------------------------------------------

  /**
   * Takes the HALT lock on a database, so that this replica may write to it: while the HALT is
   * held, each commit on this node is shipped to the primary and applied there. Waits as long as
   * LiteFS takes: LiteFS has its own 10 s acquire timeout (then {@link HaltException} EIO), but
   * waiting for another thread of this JVM that holds the HALT on the same database has no limit.
   * Prefer {@link #halt(Path, Duration)} or {@link #withHalt(Path, HaltCallable)}.
   *
   * <p>Equivalent of litefs-go's {@code Halt}: a blocking write lock ({@code F_OFD_SETLKW}) on byte
   * {@value #HALT_BYTE} of {@code <db>-lock}. On the primary it is a no-op that succeeds at once.
   * HALT is slow (every commit is a round trip to the primary, after the replica caught up with it)
   * and the primary keeps it at most about 30 s: use it for migrations and low write rates, not as
   * the normal write path. See {@link HaltLock} for everything that can release it early.
   *
   * <p>Interruptible: an interrupt cancels the wait (also inside LiteFS), and {@link
   * HaltInterruptedException} is thrown with the flag set again.
   *
   * @param db the database path in the LiteFS mount, for example {@code /litefs/app.db}; the
   *     database must exist on this node
   * @return the held HALT; release it with {@link HaltLock#close()} (try-with-resources)
   * @throws HaltException if LiteFS refuses it, with the errno: ENOENT if the database does not
   *     exist on this node or the path is not on a LiteFS mount, EIO if there is no reachable
   *     primary or LiteFS's 10 s acquire timeout ran out
   * @throws HaltInterruptedException if the thread is interrupted while waiting
   * @throws IllegalStateException if this thread already holds the HALT on this database
   * @throws UnsupportedOperationException on an operating system other than 64-bit Linux
   */
  public static HaltLock halt(Path db) {
    return new HaltLock(haltCoordinator().acquire(db, null));
  }

  /**
   * Takes the HALT lock on a database, waiting at most {@code timeout}: like {@link #halt(Path)},
   * but the whole wait (for another thread of this JVM, then for LiteFS) is bounded. On timeout the
   * wait inside LiteFS is cancelled before {@link HaltTimeoutException} is thrown, so no HALT is
   * held afterwards; the call returns within the timeout plus a few milliseconds (at most 1 s more
   * if LiteFS does not confirm the cancellation, which is then finished in the background).
   *
   * @param db the database path in the LiteFS mount; the database must exist on this node
   * @param timeout how long to wait at most; positive
   * @return the held HALT; release it with {@link HaltLock#close()} (try-with-resources)
   * @throws HaltTimeoutException if the HALT is not granted in time
   * @throws HaltException if LiteFS refuses it, with the errno (see {@link #halt(Path)})
   * @throws HaltInterruptedException if the thread is interrupted while waiting
   * @throws IllegalArgumentException if the timeout is not positive
   * @throws IllegalStateException if this thread already holds the HALT on this database
   * @throws UnsupportedOperationException on an operating system other than 64-bit Linux
   */
  public static HaltLock halt(Path db, Duration timeout) {
    HaltCoordinator.requirePositive(timeout, "timeout");
    return new HaltLock(haltCoordinator().acquire(db, timeout));
  }

  /**
   * Runs {@code fn} while holding the HALT on {@code db}, then releases it; the equivalent of
   * litefs-go's {@code WithHalt}. Open the JDBC connection inside {@code fn} or before: either
   * works, but only commits made while the HALT is held are forwarded to the primary.
   *
   * <pre>{@code
   * int rows = LiteFS.withHalt(db, () -> stmt.executeUpdate("UPDATE t SET v = v + 1"));
   * }</pre>
   *
   * <ul>
   *   <li>If {@code fn} throws, its exception propagates after the HALT is released. A failed
   *       release is added to it as suppressed; so is a {@link HaltExpiredException} if the HALT
   *       had been held past LiteFS's 30 s TTL, or a {@link HaltLostException} if LiteFS no longer
   *       reported it.
   *   <li>If {@code fn} succeeds but the release fails, {@link UnhaltException} is thrown: fn's
   *       writes are committed, and {@link UnhaltException#result()} carries its result.
   *   <li>Running past the TTL is logged as a WARNING (System.Logger {@code
   *       io.github.litefs4j.HaltLock}) when it happens.
   * </ul>
   *
   * @param <T> the result type
   * @param <E> the checked exception {@code fn} throws, inferred from the lambda
   * @param db the database path in the LiteFS mount
   * @param fn the work; runs on the calling thread
   * @return what {@code fn} returned
   * @throws E what {@code fn} threw
   * @throws HaltException if LiteFS refuses the HALT ({@code fn} does not run)
   * @throws HaltInterruptedException if interrupted while waiting for the HALT ({@code fn} does not
   *     run)
   * @throws UnhaltException if {@code fn} succeeded but the release failed
   * @throws IllegalStateException if this thread already holds the HALT on this database
   */
  public static <T, E extends Exception> T withHalt(Path db, HaltCallable<T, E> fn) throws E {
    return withHalt(haltCoordinator(), db, null, fn);
  }

  /**
   * Like {@link #withHalt(Path, HaltCallable)}, for work without a result.
   *
   * <pre>{@code
   * LiteFS.withHalt(db, () -> {
   *   stmt.executeUpdate("INSERT INTO t VALUES (1)");
   * });
   * }</pre>
   *
   * @param <E> the checked exception {@code fn} throws, inferred from the lambda
   * @param db the database path in the LiteFS mount
   * @param fn the work; runs on the calling thread
   * @throws E what {@code fn} threw
   * @throws HaltException if LiteFS refuses the HALT ({@code fn} does not run)
   * @throws HaltInterruptedException if interrupted while waiting for the HALT
   * @throws UnhaltException if {@code fn} succeeded but the release failed
   * @throws IllegalStateException if this thread already holds the HALT on this database
   */
  public static <E extends Exception> void withHalt(Path db, HaltRunnable<E> fn) throws E {
    withHalt(haltCoordinator(), db, null, asCallable(fn));
  }

  /**
   * Like {@link #withHalt(Path, HaltCallable)}, waiting at most {@code timeout} for the HALT (the
   * timeout does not limit {@code fn}).
   *
   * @param <T> the result type
   * @param <E> the checked exception {@code fn} throws, inferred from the lambda
   * @param db the database path in the LiteFS mount
   * @param timeout how long to wait for the HALT at most; positive
   * @param fn the work; runs on the calling thread
   * @return what {@code fn} returned
   * @throws E what {@code fn} threw
   * @throws HaltTimeoutException if the HALT is not granted in time ({@code fn} does not run)
   * @throws HaltException if LiteFS refuses the HALT ({@code fn} does not run)
   * @throws HaltInterruptedException if interrupted while waiting for the HALT
   * @throws UnhaltException if {@code fn} succeeded but the release failed
   * @throws IllegalArgumentException if the timeout is not positive
   * @throws IllegalStateException if this thread already holds the HALT on this database
   */
  public static <T, E extends Exception> T withHalt(
      Path db, Duration timeout, HaltCallable<T, E> fn) throws E {
    HaltCoordinator.requirePositive(timeout, "timeout");
    return withHalt(haltCoordinator(), db, timeout, fn);
  }

  /**
   * Like {@link #withHalt(Path, HaltRunnable)}, waiting at most {@code timeout} for the HALT (the
   * timeout does not limit {@code fn}).
   *
   * @param <E> the checked exception {@code fn} throws, inferred from the lambda
   * @param db the database path in the LiteFS mount
   * @param timeout how long to wait for the HALT at most; positive
   * @param fn the work; runs on the calling thread
   * @throws E what {@code fn} threw
   * @throws HaltTimeoutException if the HALT is not granted in time ({@code fn} does not run)
   * @throws HaltException if LiteFS refuses the HALT ({@code fn} does not run)
   * @throws HaltInterruptedException if interrupted while waiting for the HALT
   * @throws UnhaltException if {@code fn} succeeded but the release failed
   * @throws IllegalArgumentException if the timeout is not positive
   * @throws IllegalStateException if this thread already holds the HALT on this database
   */
  public static <E extends Exception> void withHalt(Path db, Duration timeout, HaltRunnable<E> fn)
      throws E {
    HaltCoordinator.requirePositive(timeout, "timeout");
    withHalt(haltCoordinator(), db, timeout, asCallable(fn));
  }

  static <T, E extends Exception> T withHalt(
      HaltCoordinator coordinator, Path db, Duration timeout, HaltCallable<T, E> fn) throws E {
    Objects.requireNonNull(fn, "fn");
    HaltLock lock = new HaltLock(coordinator.acquire(db, timeout));
    T result;
    try {
      result = fn.call();
    } catch (Throwable t) {
      lock.releaseAfterFailure(t);
      throw t;
    }
    lock.releaseAfterSuccess(result);
    return result;
  }

  static HaltLock halt(HaltCoordinator coordinator, Path db, Duration timeout) {
    return new HaltLock(coordinator.acquire(db, timeout));
  }

  private static <E extends Exception> HaltCallable<Void, E> asCallable(HaltRunnable<E> fn) {
    Objects.requireNonNull(fn, "fn");
    return () -> {
      fn.run();
      return null;
    };
  }

  private static HaltCoordinator haltCoordinator() {
    HaltCoordinator c = haltCoordinator;
    if (c == null) {
      synchronized (LiteFS.class) {
        c = haltCoordinator;
        if (c == null) {
          c = new HaltCoordinator(JnaOfdLocks.get());
          haltCoordinator = c;
        }
      }
    }
    return c;
  }

  // ---- Lag ------------------------------------------------------------------------------------

  /**
   * How far this node is behind the primary, from the mount's {@code .lag} file: the time since the
   * last timestamp this node received from the primary. The equivalent of litefs-go's {@code Lag}.
   *
   * <ul>
   *   <li>Zero on the primary.
   *   <li>On a connected replica usually below about 1 s (the primary's heartbeat interval).
   *   <li>On a replica that lost its primary it keeps growing with the wall clock (measured on
   *       LiteFS 0.5.14: about 1 s per second after the primary was killed).
   *   <li><b>Negative</b> when the primary's clock is ahead of this node's (clock skew): the value
   *       is returned as is, not clamped.
   * </ul>
   *
   * @param dbOrMountDir the mount directory, or any file in it (a database): for a directory its
   *     {@code .lag} is read, for anything else the {@code .lag} of its parent directory
   * @return the lag, with millisecond precision
   * @throws NotReplicatedException if the node has not finished its initial replication ({@code
   *     .lag} reads {@code +2147483647})
   * @throws NotLiteFsMountException if there is no {@code .lag} file: the path is not on a LiteFS
   *     mount
   * @throws MalformedFileException if {@code .lag} holds anything else than a lag (quoted in the
   *     message)
   * @throws LiteFsException if the file cannot be read (the cause is the I/O failure)
   */
  public static Duration lag(Path dbOrMountDir) {
    Objects.requireNonNull(dbOrMountDir, "dbOrMountDir");
    return LagFile.read(dbOrMountDir);
  }

  // ---- Positions and the primary file (issue "Everything else a node offers") ----

  /**
   * The database's replication position on this node, read from its {@code <db>-pos} file.
   *
   * <p>The same value as the {@code tx} event of the last transaction this node applied. See {@link
   * Position} for what comparing positions means after a failover.
   *
   * @param db the database path in the LiteFS mount, for example {@code /litefs/app.db}
   * @return the position
   * @throws DatabaseNotFoundException if the database does not exist on this node (ENOENT)
   * @throws NotLiteFsMountException if the database's directory is not a LiteFS mount
   * @throws MalformedFileException if the file does not hold {@code %016x/%016x\n}
   * @throws LiteFsException if the file cannot be read (the cause is the I/O failure)
   */
  public static Position position(Path db) {
    return PosFile.read(db);
  }

  /**
   * The hostname of the primary as this replica knows it, from the mount's {@code .primary} file.
   *
   * <p>The file exists only on a replica that is connected to a primary, so the result is empty in
   * two different situations: <b>on the primary itself</b>, and <b>on a replica that is
   * disconnected</b> (the primary is down or an election is under way). Empty therefore does not
   * mean "this node is primary"; use {@link LiteFsClient#info()} (or events) to tell the two apart.
   *
   * @param mountDir the LiteFS mount directory ({@code fuse.dir})
   * @return the primary's hostname, or empty on the primary and on a disconnected replica
   * @throws NotLiteFsMountException if the directory is not a LiteFS mount
   * @throws MalformedFileException if the file holds no hostname, or white space or control
   *     characters
   * @throws LiteFsException if the file cannot be read (the cause is the I/O failure)
   */
  public static Optional<String> primaryHostname(Path mountDir) {
    return PrimaryFile.read(mountDir);
  }

  /**
   * Waits until the database on this node reaches {@code target} (its TXID is at least the
   * target's, compared unsigned; the checksum is not compared), by re-reading the {@code -pos} file
   * with a short backoff ({@link PositionWaiter#polling()}). For an event-driven wait, use {@link
   * PositionWaiter#withEvents(LiteFsClient)}.
   *
   * <p>TXIDs can repeat after a failover: "reached" means "applied at least as many transactions",
   * not "has the same content"; see {@link PositionWaiter}.
   *
   * @param db the database path in the LiteFS mount
   * @param target the position to reach
   * @param timeout how long to wait at most; positive
   * @return the position read, at or past the target
   * @throws PositionTimeoutException if the target is not reached in time
   * @throws LiteFsInterruptedException if the thread is interrupted (the flag is set again)
   * @throws IllegalArgumentException if the timeout is not positive
   */
  public static Position awaitPosition(Path db, Position target, Duration timeout) {
    return PositionWaiter.polling().await(db, target, timeout);
  }
}
