package io.github.litefs4j.internal;

import io.github.litefs4j.HaltException;
import io.github.litefs4j.HaltException.Reason;
import io.github.litefs4j.LiteFsInterruptedException;
import io.github.litefs4j.LiteFsMountException;
import io.github.litefs4j.LiteFsTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The exceptions of the HALT path, with their messages. Stateless; thread-safe. Internal: not
 * exported.
 */
final class HaltErrors {
  private HaltErrors() {}

  /**
   * LiteFS refused a HALT. ENOENT is a path problem, not a HALT one: {@link LiteFsMountException}
   * ({@code NOT_A_MOUNT} when the directory has no {@code .lag}, else {@code DATABASE_NOT_FOUND}),
   * the same exception lag and position throw for the same path.
   */
  static RuntimeException refused(Path db, Path lockFile, ErrnoException f) {
    if (f.errno() == Errno.ENOENT) {
      Path dir = db.toAbsolutePath().getParent();
      if (dir == null || !Files.exists(dir.resolve(MountFiles.LAG_FILE))) {
        return MountFiles.notAMount(dir == null ? db : dir, "a HALT on " + db, f);
      }
      return new LiteFsMountException(
          LiteFsMountException.Reason.DATABASE_NOT_FOUND,
          "HALT on "
              + db
              + ": the database does not exist on this node ("
              + f.operation()
              + " of "
              + lockFile
              + " failed with "
              + Errno.describe(f.errno())
              + ")",
          db,
          null,
          null,
          f);
    }
    return withErrno(Reason.ACQUIRE_FAILED, db, f, null);
  }

  /** A failure asking LiteFS whether the HALT is still reported. */
  static HaltException queryFailed(Path db, ErrnoException f, Duration heldFor) {
    return withErrno(Reason.LOST, db, f, heldFor);
  }

  private static HaltException withErrno(
      Reason reason, Path db, ErrnoException f, Duration heldFor) {
    return new HaltException(
        reason,
        "HALT on " + db + ": " + f.operation() + " failed with " + Errno.describe(f.errno()),
        db,
        f.errno(),
        Errno.name(f.errno()),
        heldFor,
        f);
  }

  static LiteFsTimeoutException timedOut(Path db, Duration timeout, String waitingFor) {
    return new LiteFsTimeoutException(
        "no HALT on " + db + " within " + timeout + ": still waiting for " + waitingFor,
        timeout,
        null);
  }

  static LiteFsInterruptedException interrupted(Path db, String waitingFor, Throwable cause) {
    return new LiteFsInterruptedException(
        "interrupted while waiting for "
            + waitingFor
            + " (HALT on "
            + db
            + "); no HALT is held, the interrupt flag is set again",
        cause);
  }

  static HaltException expired(Path db, Duration heldFor, Duration ttl) {
    return new HaltException(
        Reason.EXPIRED,
        "the HALT on "
            + db
            + " had been held for "
            + heldFor
            + " when the function failed, past LiteFS's HALT TTL of "
            + ttl
            + ": the primary drops a HALT 30 to 35 s after granting it, without renewal, so it had"
            + " most likely expired (keep work under a HALT well below the TTL)",
        db,
        0,
        null,
        heldFor,
        null);
  }

  static HaltException lost(Path db, Duration heldFor) {
    return new HaltException(
        Reason.LOST,
        "the HALT on "
            + db
            + " was no longer held when the function failed: LiteFS on this node no longer"
            + " reports it (a child process may have closed an inherited descriptor, which LiteFS"
            + " treats as an unlock)",
        db,
        0,
        null,
        heldFor,
        null);
  }

  static HaltException unhaltFailed(
      Path db, int errno, String detail, Duration heldFor, Throwable cause) {
    return new HaltException(
        Reason.UNHALT_FAILED,
        "releasing the HALT on " + db + " failed: " + detail,
        db,
        errno,
        errno == 0 ? null : Errno.name(errno),
        heldFor,
        cause);
  }

  /** The release failed after the function succeeded: carry its result. */
  static HaltException unhaltFailedAfterSuccess(HaltException failure, Object result) {
    String prefix = "releasing the HALT on " + failure.database() + " failed: ";
    String message = failure.getMessage();
    String detail = message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    return new HaltException(
        failure,
        "the function run under the HALT on "
            + failure.database()
            + " succeeded and its writes are committed, but releasing the HALT failed: "
            + detail
            + " (the function's result is in HaltException.result())",
        result);
  }
}
