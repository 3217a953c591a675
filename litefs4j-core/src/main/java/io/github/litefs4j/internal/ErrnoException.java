package io.github.litefs4j.internal;

/**
 * A system call on a lock file failed with an {@code errno}. Checked, so every caller of {@link
 * OfdLocks} decides what the failure means for it. Internal: not exported.
 */
public final class ErrnoException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String operation;
  private final int errno;

  /**
   * Creates the exception.
   *
   * @param operation the call that failed, for example {@code "fcntl(F_OFD_SETLKW)"}
   * @param errno the error number the call reported
   * @param cause the JNA exception carrying it, or null
   */
  public ErrnoException(String operation, int errno, Throwable cause) {
    super(operation + " failed: " + Errno.describe(errno), cause);
    this.operation = operation;
    this.errno = errno;
  }

  /** The call that failed. */
  public String operation() {
    return operation;
  }

  /** The error number. */
  public int errno() {
    return errno;
  }
}
