package io.github.litefs4j.internal;

/**
 * Names of the Linux error numbers that the HALT lock file can answer, and what each one means for
 * a HALT. Linux numbering (x86_64 and aarch64 share it). Stateless. Internal: not exported.
 */
public final class Errno {
  /** Operation not permitted. */
  public static final int EPERM = 1;

  /** No such file or directory. */
  public static final int ENOENT = 2;

  /** Interrupted system call. */
  public static final int EINTR = 4;

  /** I/O error: LiteFS's answer for any HALT failure it has no errno for. */
  public static final int EIO = 5;

  /** Bad file descriptor. */
  public static final int EBADF = 9;

  /** Resource temporarily unavailable: a non-blocking lock conflicts. */
  public static final int EAGAIN = 11;

  /** Permission denied. */
  public static final int EACCES = 13;

  /** Not a directory. */
  public static final int ENOTDIR = 20;

  /** Is a directory. */
  public static final int EISDIR = 21;

  /** Invalid argument. */
  public static final int EINVAL = 22;

  /** Too many open files in this process. */
  public static final int EMFILE = 24;

  /** Read-only file system. */
  public static final int EROFS = 30;

  /** Resource deadlock would occur. */
  public static final int EDEADLK = 35;

  /** No locks available. */
  public static final int ENOLCK = 37;

  /** Function not implemented. */
  public static final int ENOSYS = 38;

  /** Software caused connection abort: the FUSE connection was aborted. */
  public static final int ECONNABORTED = 103;

  /** Transport endpoint is not connected: the FUSE server (LiteFS) is gone. */
  public static final int ENOTCONN = 107;

  /**
   * The kernel's internal ERESTARTSYS. A FUSE lock wait that LiteFS cancels returns EINTR to the
   * kernel, which turns it into ERESTARTSYS; with no signal pending it leaks to user space as 512.
   */
  public static final int ERESTARTSYS = 512;

  private Errno() {}

  /**
   * The symbolic name of an error number.
   *
   * @param errno the number
   * @return for example {@code "ENOENT"}, or {@code "errno 99"} for a number not listed here
   */
  public static String name(int errno) {
    return switch (errno) {
      case EPERM -> "EPERM";
      case ENOENT -> "ENOENT";
      case EINTR -> "EINTR";
      case EIO -> "EIO";
      case EBADF -> "EBADF";
      case EAGAIN -> "EAGAIN";
      case EACCES -> "EACCES";
      case ENOTDIR -> "ENOTDIR";
      case EISDIR -> "EISDIR";
      case EINVAL -> "EINVAL";
      case EMFILE -> "EMFILE";
      case EROFS -> "EROFS";
      case EDEADLK -> "EDEADLK";
      case ENOLCK -> "ENOLCK";
      case ENOSYS -> "ENOSYS";
      case ECONNABORTED -> "ECONNABORTED";
      case ENOTCONN -> "ENOTCONN";
      case ERESTARTSYS -> "ERESTARTSYS";
      default -> "errno " + errno;
    };
  }

  /**
   * What an error number means for a HALT on a LiteFS lock file.
   *
   * @param errno the number
   * @return a short explanation, never empty
   */
  public static String meaning(int errno) {
    return switch (errno) {
      case ENOENT -> "database does not exist on this node (or the path is not on a LiteFS mount)";
      case EIO ->
          "LiteFS failed the HALT: no primary is reachable, the primary did not grant it within"
              + " LiteFS's own 10 s acquire timeout, this replica could not catch up with the"
              + " primary, or the primary refused the release (see the LiteFS log of both nodes)";
      case ENOSYS ->
          "LiteFS does not support this lock request (it accepts only a blocking write lock on"
              + " byte 72)";
      case EINVAL -> "invalid lock range (LiteFS accepts only byte 72, length 1)";
      case ENOLCK -> "this descriptor already holds or is already waiting for the HALT";
      case EAGAIN -> "the lock is held through another descriptor";
      case EINTR, ERESTARTSYS -> "the wait was cancelled";
      case EBADF -> "bad file descriptor (a read-only descriptor cannot take the HALT)";
      case EACCES, EPERM -> "permission denied";
      case EMFILE -> "too many open files in this process";
      case ENOTCONN, ECONNABORTED -> "the LiteFS FUSE mount is not connected (LiteFS exited)";
      case EROFS -> "read-only file system";
      case ENOTDIR, EISDIR -> "not a LiteFS database path";
      case EDEADLK -> "the kernel detected a lock deadlock";
      default -> "unexpected error";
    };
  }

  /**
   * Name, number and meaning, for messages.
   *
   * @param errno the number
   * @return for example {@code "ENOENT (2): database does not exist on this node (...)"}
   */
  public static String describe(int errno) {
    return name(errno) + " (" + errno + "): " + meaning(errno);
  }
}
