package io.github.litefs4j;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A HALT failed: LiteFS refused it, it was lost or expired while held, or releasing it failed.
 * {@link #reason()} tells which:
 *
 * <ul>
 *   <li>{@link Reason#ACQUIRE_FAILED}: LiteFS refused the HALT with an errno ({@link #errno()}):
 *       EIO when there is no reachable primary or LiteFS's own 10 s acquire timeout ran out. The
 *       function given to {@code withHalt} did not run. (A path that is not on a LiteFS mount, or a
 *       database that does not exist, is a {@link LiteFsMountException}; a wait that ran out is a
 *       {@link LiteFsTimeoutException}; an interrupted one a {@link LiteFsInterruptedException}.)
 *   <li>{@link Reason#LOST}: LiteFS on this node stopped reporting the HALT while the function ran
 *       (added as suppressed to the function's exception).
 *   <li>{@link Reason#EXPIRED}: the HALT had been held past LiteFS's TTL ({@link #heldFor()}), so
 *       the primary had most likely dropped it (added as suppressed to the function's exception).
 *   <li>{@link Reason#UNHALT_FAILED}: releasing failed or got no answer in time. Thrown by {@code
 *       withHalt} when the function succeeded: its writes are committed, and {@link #result()}
 *       carries its result ({@link #hasResult()}).
 * </ul>
 */
public class HaltException extends LiteFsException {
  private static final long serialVersionUID = 1L;

  /** What went wrong with the HALT. */
  public enum Reason {
    /** LiteFS refused the HALT (an errno from {@code open} or {@code fcntl}). */
    ACQUIRE_FAILED,
    /** LiteFS on this node no longer reported the HALT when the function failed. */
    LOST,
    /** The HALT had been held past LiteFS's TTL when the function failed. */
    EXPIRED,
    /** Releasing the HALT failed, or LiteFS did not answer the release in time. */
    UNHALT_FAILED
  }

  private final Reason reason;
  private final transient Path database;
  private final int errno;
  private final String errnoName;
  private final transient Duration heldFor;
  private final boolean hasResult;
  private final transient Object result;

  /**
   * Creates the exception.
   *
   * @param reason what went wrong
   * @param message what failed, naming the database and the errno
   * @param database the database the HALT is on
   * @param errno the errno LiteFS answered, or 0 if none
   * @param errnoName the errno's symbolic name ({@code "EIO"}), or null if none
   * @param heldFor how long the HALT had been held, or null if it was never granted
   * @param cause the underlying failure, or null
   */
  public HaltException(
      Reason reason,
      String message,
      Path database,
      int errno,
      String errnoName,
      Duration heldFor,
      Throwable cause) {
    super(message, cause);
    this.reason = Objects.requireNonNull(reason, "reason");
    this.database = Objects.requireNonNull(database, "database");
    this.errno = errno;
    this.errnoName = errnoName;
    this.heldFor = heldFor;
    this.hasResult = false;
    this.result = null;
  }

  /**
   * A failed release after the function succeeded, carrying the function's result.
   *
   * @param releaseFailure the {@link Reason#UNHALT_FAILED} failure
   * @param message what failed, saying that the function's writes are committed
   * @param result what the function returned (may be null)
   */
  public HaltException(HaltException releaseFailure, String message, Object result) {
    super(message, releaseFailure.getCause());
    this.reason = releaseFailure.reason;
    this.database = releaseFailure.database;
    this.errno = releaseFailure.errno;
    this.errnoName = releaseFailure.errnoName;
    this.heldFor = releaseFailure.heldFor;
    this.hasResult = true;
    this.result = result;
  }

  /**
   * What went wrong.
   *
   * @return the reason
   */
  public Reason reason() {
    return reason;
  }

  /**
   * The database the HALT is on.
   *
   * @return the path as given to the HALT call (not kept when serialized: then null)
   */
  public Path database() {
    return database;
  }

  /**
   * The errno LiteFS answered.
   *
   * @return for example 5 (EIO); empty if the failure has no errno (a release without answer, a
   *     lost or expired HALT)
   */
  public OptionalInt errno() {
    return errno == 0 ? OptionalInt.empty() : OptionalInt.of(errno);
  }

  /**
   * The errno's symbolic name.
   *
   * @return for example {@code "EIO"}; empty if the failure has no errno
   */
  public Optional<String> errnoName() {
    return errno == 0 ? Optional.empty() : Optional.ofNullable(errnoName);
  }

  /**
   * How long the HALT had been held when this happened.
   *
   * @return the duration; empty for {@link Reason#ACQUIRE_FAILED}
   */
  public Optional<Duration> heldFor() {
    return Optional.ofNullable(heldFor);
  }

  /**
   * Whether {@link #result()} holds the result of a function that succeeded before the release
   * failed.
   *
   * @return true only for the {@link Reason#UNHALT_FAILED} thrown by {@code withHalt}
   */
  public boolean hasResult() {
    return hasResult;
  }

  /**
   * The result of the function run under the HALT, which succeeded (its writes are committed).
   *
   * @return the result; null if {@link #hasResult()} is false or the function returned null
   */
  public Object result() {
    return result;
  }
}
