package io.github.litefs4j;

import io.github.litefs4j.spi.LiteFsRuntime;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Entry point for the LiteFS features reached through the FUSE mount: HALT, lag, positions and the
 * primary's hostname. Static methods only; thread-safe.
 */
public final class LiteFS {
  /**
   * The byte of {@code <db>-lock} whose write lock is LiteFS's HALT lock (LiteFS's {@code
   * LockTypeHalt}); the one definition litefs4j uses.
   */
  public static final int HALT_BYTE = 72;

  private LiteFS() {}

  /**
   * Work run under a HALT by {@code withHalt} that returns a value. The exception type is inferred
   * from the lambda: one that throws {@code SQLException} makes {@code withHalt} throw it, one that
   * throws nothing checked makes it throw nothing checked. A {@link java.util.concurrent.Callable}
   * is passed as {@code callable::call}.
   *
   * @param <T> the result type
   * @param <E> the checked exception the work may throw ({@link RuntimeException} if none)
   */
  @FunctionalInterface
  public interface HaltCallable<T, E extends Exception> {
    /**
     * Runs the work while the HALT is held.
     *
     * @return the result, handed back by {@code withHalt}
     * @throws E if the work fails; {@code withHalt} rethrows it after releasing the HALT
     */
    T call() throws E;
  }

  /**
   * Work without a result run under a HALT by {@code withHalt}; see {@link HaltCallable}.
   *
   * @param <E> the checked exception the work may throw ({@link RuntimeException} if none)
   */
  @FunctionalInterface
  public interface HaltRunnable<E extends Exception> {
    /**
     * Runs the work while the HALT is held.
     *
     * @throws E if the work fails; {@code withHalt} rethrows it after releasing the HALT
     */
    void run() throws E;
  }

  /**
   * Takes the HALT lock on a database, so that this replica may write to it: while the HALT is
   * held, each commit on this node is shipped to the primary and applied there. Waits as long as
   * LiteFS takes (its own 10 s acquire timeout, then EIO; waiting for another thread of this JVM
   * that holds the HALT has no limit). Prefer {@link #halt(Path, Duration)} or {@link
   * #withHalt(Path, HaltCallable)}.
   *
   * <p>litefs-go's {@code Halt}: a blocking write lock ({@code F_OFD_SETLKW}) on byte {@value
   * #HALT_BYTE} of {@code <db>-lock}. On the primary a no-op that succeeds at once. HALT is slow
   * (every commit is a round trip to the primary) and the primary keeps it at most about 30 s: use
   * it for migrations and low write rates. LiteFS keeps <b>one HALT per database per node</b>, not
   * per holder, and grants are not fair; see {@link HaltLock}.
   *
   * <p>Interruptible: an interrupt cancels the wait (also inside LiteFS); no HALT is held then.
   *
   * @param db the database path in the LiteFS mount, for example {@code /litefs/app.db}
   * @return the held HALT; release it with {@link HaltLock#close()} (try-with-resources)
   * @throws HaltException ACQUIRE_FAILED if LiteFS refuses it, with the errno: EIO if there is no
   *     reachable primary or LiteFS's 10 s acquire timeout ran out
   * @throws LiteFsMountException DATABASE_NOT_FOUND if the database does not exist on this node,
   *     NOT_A_MOUNT if the path is not on a LiteFS mount (the same as lag and position throw)
   * @throws LiteFsInterruptedException if the thread is interrupted while waiting
   * @throws IllegalStateException if this thread already holds the HALT on this database
   * @throws UnsupportedOperationException on an operating system other than 64-bit Linux
   */
  public static HaltLock halt(Path db) {
    return LiteFsRuntime.get().halt(Objects.requireNonNull(db, "db"), null);
  }

  /**
   * Like {@link #halt(Path)}, but the whole wait (for another thread of this JVM, then for LiteFS)
   * is bounded. On timeout the wait inside LiteFS is cancelled first, so no HALT is held
   * afterwards; the call returns within the timeout plus a few milliseconds (at most 1 s more if
   * LiteFS does not confirm the cancellation, which is then finished in the background).
   *
   * @param db the database path in the LiteFS mount
   * @param timeout how long to wait at most; positive
   * @return the held HALT
   * @throws LiteFsTimeoutException if the HALT is not granted in time
   * @throws HaltException ACQUIRE_FAILED if LiteFS refuses it (see {@link #halt(Path)})
   * @throws LiteFsMountException if the path is off a mount or the database absent
   * @throws LiteFsInterruptedException if the thread is interrupted while waiting
   * @throws IllegalArgumentException if the timeout is not positive
   * @throws IllegalStateException if this thread already holds the HALT on this database
   */
  public static HaltLock halt(Path db, Duration timeout) {
    return LiteFsRuntime.get().halt(Objects.requireNonNull(db, "db"), positive(timeout));
  }

  /**
   * Runs {@code fn} while holding the HALT on {@code db}, then releases it; litefs-go's {@code
   * WithHalt}. Only commits made while the HALT is held are forwarded to the primary.
   *
   * <pre>{@code
   * int rows = LiteFS.withHalt(db, () -> stmt.executeUpdate("UPDATE t SET v = v + 1"));
   * }</pre>
   *
   * <ul>
   *   <li>If {@code fn} throws, its exception propagates after the release. A failed release is
   *       added to it as suppressed, and so is a {@link HaltException} EXPIRED (held past LiteFS's
   *       30 s TTL) or LOST (LiteFS no longer reported it).
   *   <li>If {@code fn} succeeds but the release fails: {@link HaltException} UNHALT_FAILED; fn's
   *       writes are committed and {@link HaltException#result()} carries its result.
   *   <li>Running past the TTL is logged as a WARNING (System.Logger {@code
   *       io.github.litefs4j.HaltLock}).
   * </ul>
   *
   * @param <T> the result type
   * @param <E> the checked exception {@code fn} throws, inferred from the lambda
   * @param db the database path in the LiteFS mount
   * @param fn the work; runs on the calling thread
   * @return what {@code fn} returned
   * @throws E what {@code fn} threw
   * @throws HaltException ACQUIRE_FAILED ({@code fn} does not run), UNHALT_FAILED (it ran)
   * @throws LiteFsMountException if the path is off a mount or the database absent
   * @throws LiteFsInterruptedException if interrupted while waiting ({@code fn} does not run)
   * @throws IllegalStateException if this thread already holds the HALT on this database
   */
  public static <T, E extends Exception> T withHalt(Path db, HaltCallable<T, E> fn) throws E {
    return LiteFsRuntime.get()
        .withHalt(Objects.requireNonNull(db, "db"), null, Objects.requireNonNull(fn, "fn"));
  }

  /**
   * Like {@link #withHalt(Path, HaltCallable)}, for work without a result.
   *
   * @param <E> the checked exception {@code fn} throws, inferred from the lambda
   * @param db the database path in the LiteFS mount
   * @param fn the work; runs on the calling thread
   * @throws E what {@code fn} threw
   * @throws HaltException see {@link #withHalt(Path, HaltCallable)}
   */
  public static <E extends Exception> void withHalt(Path db, HaltRunnable<E> fn) throws E {
    LiteFsRuntime.get().withHalt(Objects.requireNonNull(db, "db"), null, callable(fn));
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
   * @throws LiteFsTimeoutException if the HALT is not granted in time ({@code fn} does not run)
   * @throws HaltException see {@link #withHalt(Path, HaltCallable)}
   * @throws IllegalArgumentException if the timeout is not positive
   */
  public static <T, E extends Exception> T withHalt(
      Path db, Duration timeout, HaltCallable<T, E> fn) throws E {
    return LiteFsRuntime.get()
        .withHalt(
            Objects.requireNonNull(db, "db"), positive(timeout), Objects.requireNonNull(fn, "fn"));
  }

  /**
   * Like {@link #withHalt(Path, HaltRunnable)}, waiting at most {@code timeout} for the HALT.
   *
   * @param <E> the checked exception {@code fn} throws, inferred from the lambda
   * @param db the database path in the LiteFS mount
   * @param timeout how long to wait for the HALT at most; positive
   * @param fn the work; runs on the calling thread
   * @throws E what {@code fn} threw
   * @throws LiteFsTimeoutException if the HALT is not granted in time ({@code fn} does not run)
   * @throws HaltException see {@link #withHalt(Path, HaltCallable)}
   * @throws IllegalArgumentException if the timeout is not positive
   */
  public static <E extends Exception> void withHalt(Path db, Duration timeout, HaltRunnable<E> fn)
      throws E {
    LiteFsRuntime.get().withHalt(Objects.requireNonNull(db, "db"), positive(timeout), callable(fn));
  }

  /**
   * How far this node is behind the primary, from the mount's {@code .lag} file (litefs-go's {@code
   * Lag}): zero on the primary; on a connected replica usually below about 1 s; on a replica that
   * lost its primary growing with the wall clock; <b>negative</b> when the primary's clock is ahead
   * (returned as is).
   *
   * @param dbOrMountDir the mount directory, or a database in it (then the {@code .lag} of its
   *     directory is read, and the database must exist on this node)
   * @return the lag, with millisecond precision
   * @throws LiteFsMountException NOT_A_MOUNT if there is no {@code .lag} file, DATABASE_NOT_FOUND
   *     for a database this node does not have, NOT_REPLICATED if the node has not finished its
   *     initial replication ({@code +2147483647}), MALFORMED_FILE for anything else than a lag
   * @throws LiteFsException if the file cannot be read (the cause is the I/O failure)
   */
  public static Duration lag(Path dbOrMountDir) {
    return LiteFsRuntime.get().lag(Objects.requireNonNull(dbOrMountDir, "dbOrMountDir"));
  }

  /**
   * The database's replication position on this node, from its {@code <db>-pos} file: the same
   * value as the {@code tx} event of the last transaction this node applied. See {@link Position}
   * for what comparing positions means after a failover.
   *
   * @param db the database path in the LiteFS mount, for example {@code /litefs/app.db}
   * @return the position
   * @throws LiteFsMountException DATABASE_NOT_FOUND if the database does not exist on this node,
   *     NOT_A_MOUNT if its directory is not a LiteFS mount, MALFORMED_FILE if the file does not
   *     hold {@code %016x/%016x\n}
   * @throws LiteFsException if the file cannot be read (the cause is the I/O failure)
   */
  public static Position position(Path db) {
    return LiteFsRuntime.get().position(Objects.requireNonNull(db, "db"));
  }

  /**
   * The primary's hostname as this node knows it, from the mount's {@code .primary} file. As on
   * every litefs4j API that reports a primary hostname, it is <b>empty on the primary itself</b>
   * and <b>empty on a disconnected replica</b> (primary down, election under way): empty does not
   * mean "this node is primary"; {@link LiteFsClient#info()} ({@link NodeInfo#isPrimary()}) or
   * {@link PrimaryMonitor#isPrimary()} tell the two apart.
   *
   * @param mountDir the LiteFS mount directory ({@code fuse.dir})
   * @return the primary's hostname, or empty on the primary and on a disconnected replica
   * @throws LiteFsMountException NOT_A_MOUNT if the directory is not a LiteFS mount, MALFORMED_FILE
   *     if the file holds no hostname, or white space or control characters
   * @throws LiteFsException if the file cannot be read (the cause is the I/O failure)
   */
  public static Optional<String> primaryHostname(Path mountDir) {
    return LiteFsRuntime.get().primaryHostname(Objects.requireNonNull(mountDir, "mountDir"));
  }

  /**
   * Waits until the database on this node reaches {@code target} (its TXID at least the target's,
   * unsigned; the checksum is not compared), re-reading the {@code -pos} file with a short backoff
   * ({@link PositionWaiter#polling()}); {@link PositionWaiter#withEvents(LiteFsClient)} waits on
   * events instead. TXIDs can repeat after a failover: see {@link PositionWaiter}.
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

  private static Duration positive(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive: " + timeout);
    }
    return timeout;
  }

  private static <E extends Exception> HaltCallable<Void, E> callable(HaltRunnable<E> fn) {
    Objects.requireNonNull(fn, "fn");
    return () -> {
      fn.run();
      return null;
    };
  }
}
