package io.github.litefs4j.examples.dashboard;

import io.github.litefs4j.LiteFsException;
import io.github.litefs4j.LiteFsMountException;
import io.github.litefs4j.PositionTimeoutException;
import java.sql.SQLException;

/**
 * The one place where the dashboard names litefs4j-core's exception types, so that a rename in core
 * changes this file only. Everything else asks it what a failure means.
 *
 * <p>Thread-safe (stateless).
 */
final class CoreErrors {
  private CoreErrors() {}

  /**
   * Whether a failure says the node has not finished its initial replication (its {@code .lag}
   * reads the "not replicated" value).
   *
   * @param e the failure
   * @return true for that case
   */
  static boolean isNotReplicated(Throwable e) {
    return e instanceof LiteFsMountException mount
        && mount.reason() == LiteFsMountException.Reason.NOT_REPLICATED;
  }

  /**
   * Whether a failure is litefs4j's way of saying that a node could not be read or reached (a
   * missing mount, an unreachable node, a HALT refused...), as opposed to a bug.
   *
   * @param e the failure
   * @return true for a litefs4j failure
   */
  static boolean isLiteFsFailure(Throwable e) {
    return e instanceof LiteFsException;
  }

  /**
   * Whether a failure is a position wait that ran out of time.
   *
   * @param e the failure
   * @return true for a timed-out position wait
   */
  static boolean isPositionTimeout(Throwable e) {
    return e instanceof PositionTimeoutException;
  }

  /**
   * A one-line description of a failure for the page and the terminal: the type's simple name and
   * its message, and for SQLite errors the driver's message alone.
   *
   * @param e the failure
   * @return the description
   */
  static String describe(Throwable e) {
    if (e instanceof SQLException) {
      return "SQLite: " + e.getMessage();
    }
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }
}
