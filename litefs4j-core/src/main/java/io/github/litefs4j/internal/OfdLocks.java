package io.github.litefs4j.internal;

/**
 * Open file description (OFD) locks on a file, by raw descriptor: the few calls a HALT needs. Kept
 * this small so that an FFM implementation (Java 22+) can replace the JNA one.
 *
 * <p>OFD locks belong to the open file description, not to the process: two descriptors opened
 * separately in one process conflict, and closing an unrelated descriptor of the same file does not
 * release them (unlike the POSIX process locks of {@link java.nio.channels.FileChannel#lock}). On
 * LiteFS's {@code -lock} file, however, every {@code close} of a descriptor sends a FUSE Flush for
 * its open file description, which LiteFS treats as an unlock.
 *
 * <p>Implementations are thread-safe; a descriptor may be used from several threads, but closing it
 * while another thread may still pass its number to a call is the caller's responsibility.
 * Internal: not exported.
 */
public interface OfdLocks {
  /** Lock types of {@code struct flock.l_type}. */
  enum LockType {
    /** {@code F_RDLCK}. */
    READ(0),
    /** {@code F_WRLCK}. */
    WRITE(1),
    /** {@code F_UNLCK}. */
    UNLOCK(2);

    private final short code;

    LockType(int code) {
      this.code = (short) code;
    }

    /** The {@code l_type} value. */
    public short code() {
      return code;
    }

    /**
     * The type for an {@code l_type} value.
     *
     * @throws IllegalArgumentException for an unknown value
     */
    public static LockType of(short code) {
      for (LockType t : values()) {
        if (t.code == code) {
          return t;
        }
      }
      throw new IllegalArgumentException("unknown l_type " + code);
    }
  }

  /**
   * What {@code F_OFD_GETLK} answered.
   *
   * @param type {@link LockType#UNLOCK} if nothing conflicts, else the conflicting lock's type
   * @param start the conflicting lock's first byte
   * @param length its length (0 = to the end of the file)
   * @param pid -1 for an OFD lock (and for LiteFS's HALT), else the holder's process id
   */
  record LockInfo(LockType type, long start, long length, int pid) {}

  /**
   * Opens a file read-write with {@code O_CLOEXEC}.
   *
   * @param path the file
   * @return the descriptor
   * @throws ErrnoException if {@code open} fails (ENOENT, EACCES, ...)
   */
  int open(String path) throws ErrnoException;

  /**
   * Sets or clears a lock: {@code F_OFD_SETLKW} if {@code wait}, else {@code F_OFD_SETLK}.
   *
   * <p>A blocking wait cannot be interrupted by {@link Thread#interrupt()}; on LiteFS's lock file a
   * FUSE Flush for the same open file description (closing any descriptor of it) cancels it.
   *
   * @throws ErrnoException on failure (EAGAIN for a conflicting non-blocking request, EINTR or 512
   *     for a cancelled wait, ...)
   */
  void setLock(int fd, LockType type, long start, long length, boolean wait) throws ErrnoException;

  /**
   * Asks which lock would conflict with a lock of {@code type} ({@code F_OFD_GETLK}).
   *
   * @throws ErrnoException on failure
   */
  LockInfo getLock(int fd, LockType type, long start, long length) throws ErrnoException;

  /**
   * Duplicates a descriptor ({@code dup}): the copy shares the open file description.
   *
   * @throws ErrnoException on failure
   */
  int dup(int fd) throws ErrnoException;

  /**
   * Closes a descriptor. On Linux the descriptor is closed even when an error is reported (which on
   * FUSE is the answer to the Flush).
   *
   * @throws ErrnoException if {@code close} reports an error
   */
  void close(int fd) throws ErrnoException;
}
