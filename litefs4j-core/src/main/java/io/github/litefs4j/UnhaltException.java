package io.github.litefs4j;

import io.github.litefs4j.internal.Errno;
import java.nio.file.Path;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Releasing a HALT failed. Two forms:
 *
 * <ul>
 *   <li>from {@link HaltLock#unhalt()}: the release failed ({@link #hasResult()} is false);
 *   <li>from {@link LiteFS#withHalt}: <b>the function succeeded and its writes are committed</b>
 *       (each commit was shipped to the primary and applied there when it returned), only the
 *       release failed. {@link #result()} carries what the function returned, so a caller can go on
 *       with it.
 * </ul>
 *
 * <p>Either way this handle no longer holds the HALT and its descriptor is closed (or will be, by a
 * background thread, if LiteFS did not answer). What LiteFS does with the HALT on the primary
 * depends on the failure: after EIO the primary may keep it until its TTL ends (30 to 35 s after
 * granting it), blocking writes on the primary meanwhile.
 */
public class UnhaltException extends LiteFsException {
  private static final long serialVersionUID = 1L;

  private final transient Path database;
  private final int errno;
  private final String detail;
  private final boolean hasResult;
  private final transient Object result;

  /**
   * Creates the exception for a failed release.
   *
   * @param database the database the HALT was for
   * @param errno the error number of the failed call, or empty if there was none (LiteFS did not
   *     answer in time)
   * @param detail what failed
   * @param cause the underlying failure, or null
   */
  public UnhaltException(Path database, OptionalInt errno, String detail, Throwable cause) {
    super("releasing the HALT on " + database + " failed: " + detail, cause);
    this.database = Objects.requireNonNull(database, "database");
    this.errno = errno.orElse(0);
    this.detail = detail;
    this.hasResult = false;
    this.result = null;
  }

  /**
   * Creates the exception for a function that succeeded under the HALT when the release failed.
   *
   * @param failure the release failure
   * @param result what the function returned (may be null)
   */
  public UnhaltException(UnhaltException failure, Object result) {
    super(
        "the function run under the HALT on "
            + failure.database
            + " succeeded and its writes are committed, but releasing the HALT failed: "
            + failure.detail
            + " (the function's result is in UnhaltException.result())",
        failure.getCause());
    this.database = failure.database;
    this.errno = failure.errno;
    this.detail = failure.detail;
    this.hasResult = true;
    this.result = result;
  }

  /**
   * The database the HALT was for.
   *
   * @return the database path as given
   */
  public Path database() {
    return database;
  }

  /**
   * The error number of the failed call.
   *
   * @return the errno, or empty if LiteFS did not answer in time
   */
  public OptionalInt errno() {
    return errno == 0 ? OptionalInt.empty() : OptionalInt.of(errno);
  }

  /**
   * The symbolic name of the error number.
   *
   * @return for example {@code "EIO"}, or empty
   */
  public java.util.Optional<String> errnoName() {
    return errno == 0 ? java.util.Optional.empty() : java.util.Optional.of(Errno.name(errno));
  }

  /**
   * Whether the function run by {@link LiteFS#withHalt} succeeded (then {@link #result()} is what
   * it returned).
   *
   * @return true when thrown by {@code withHalt} after the function returned normally
   */
  public boolean hasResult() {
    return hasResult;
  }

  /**
   * What the function returned: {@code null} for a {@link HaltRunnable}, for a function that
   * returned null, and when {@link #hasResult()} is false. Not serialized.
   *
   * @return the function's result, or null
   */
  public Object result() {
    return result;
  }
}
