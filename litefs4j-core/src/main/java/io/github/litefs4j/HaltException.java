package io.github.litefs4j;

import io.github.litefs4j.internal.Errno;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Opening the database's {@code -lock} file or a lock call on it failed with an {@code errno}:
 * LiteFS (or the kernel) refused the HALT. The message names the database, the call and the errno
 * with what it means, for example {@code ENOENT (2): database does not exist on this node}.
 *
 * <p>Numbers a HALT can meet on LiteFS 0.5.x: ENOENT (no such database on this node, or not a
 * LiteFS mount), EIO (LiteFS failed the HALT: no reachable primary, LiteFS's own 10 s acquire
 * timeout, the replica could not catch up), ENOTCONN (LiteFS exited, the mount is dead). ENOSYS,
 * EINVAL and ENOLCK mean a request LiteFS does not accept (a non-blocking or read lock, another
 * byte, a second wait on one descriptor); litefs4j never makes those.
 *
 * <p>No HALT is held when this is thrown by {@link LiteFS#halt}.
 */
public class HaltException extends LiteFsException {
  private static final long serialVersionUID = 1L;

  private final transient Path database;
  private final String operation;
  private final int errno;

  /**
   * Creates the exception.
   *
   * @param database the database the HALT was for
   * @param operation the call that failed, for example {@code "open(/litefs/app.db-lock)"}
   * @param errno the error number the call reported
   * @param cause the underlying failure, or null
   */
  public HaltException(Path database, String operation, int errno, Throwable cause) {
    super(
        "HALT on " + database + ": " + operation + " failed with " + Errno.describe(errno), cause);
    this.database = Objects.requireNonNull(database, "database");
    this.operation = operation;
    this.errno = errno;
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
   * The call that failed.
   *
   * @return for example {@code "fcntl(F_OFD_SETLKW, F_WRLCK)"}
   */
  public String operation() {
    return operation;
  }

  /**
   * The Linux error number.
   *
   * @return for example 2 for ENOENT, 5 for EIO
   */
  public int errno() {
    return errno;
  }

  /**
   * The symbolic name of {@link #errno()}.
   *
   * @return for example {@code "ENOENT"}, or {@code "errno 99"} for an unusual number
   */
  public String errnoName() {
    return Errno.name(errno);
  }
}
