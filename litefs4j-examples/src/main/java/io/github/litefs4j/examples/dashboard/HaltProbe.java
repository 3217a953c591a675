package io.github.litefs4j.examples.dashboard;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Asks LiteFS whether a HALT is held on a node, the only way LiteFS tells: {@code F_OFD_GETLK} on
 * the database's {@code -lock} file, byte 72. On a replica it reports a write lock (pid -1) while
 * any process on that node holds the HALT: it cannot say which process, nor which replica holds a
 * HALT granted by the primary. On the primary it reports nothing (a HALT there is a no-op).
 *
 * <p>The probe opens and closes its own descriptor; closing an unrelated descriptor does not
 * release a HALT (docs/LITEFS-FACTS.md, {@code LockFileIT}). Linux on 64-bit only.
 *
 * <p>Thread-safe: each call uses its own descriptor and {@code struct flock}.
 */
final class HaltProbe {
  private static final int O_RDWR = 2;
  private static final int O_CLOEXEC = 02000000;
  private static final int F_OFD_GETLK = 36;
  private static final short F_WRLCK = 1;
  private static final short F_UNLCK = 2;
  private static final long HALT_BYTE = 72;

  /** What the probe saw. */
  enum Result {
    /** A HALT is held on this node (by some process on it). */
    HELD,
    /** No HALT is held on this node. */
    NONE,
    /** The database does not exist on the node yet, or the node is down. */
    NO_DATABASE
  }

  private HaltProbe() {}

  /**
   * Asks the node whose mount holds {@code db}.
   *
   * @param db the database path in the mount
   * @return what LiteFS reports
   * @throws IllegalStateException if the lock call fails otherwise (the errno is in the message)
   */
  static Result probe(Path db) {
    Path lock = db.resolveSibling(db.getFileName() + "-lock");
    if (!Files.exists(db)) {
      return Result.NO_DATABASE;
    }
    int fd;
    try {
      fd = Libc.open(lock.toString(), O_RDWR | O_CLOEXEC, 0);
    } catch (LastErrorException e) {
      return Result.NO_DATABASE;
    }
    try (Memory flock = new Memory(32)) {
      flock.clear();
      flock.setShort(0, F_WRLCK); // l_type
      flock.setShort(2, (short) 0); // l_whence = SEEK_SET
      flock.setLong(8, HALT_BYTE); // l_start
      flock.setLong(16, 1); // l_len
      Libc.fcntl(fd, F_OFD_GETLK, flock);
      return flock.getShort(0) == F_UNLCK ? Result.NONE : Result.HELD;
    } catch (LastErrorException e) {
      throw new IllegalStateException(
          "F_OFD_GETLK on " + lock + " failed: errno " + e.getErrorCode(), e);
    } finally {
      try {
        Libc.close(fd);
      } catch (LastErrorException ignored) {
        // nothing to undo: the descriptor held no lock
      }
    }
  }

  /** libc through JNA direct mapping (fixed 3-argument prototypes, valid on x86_64 and aarch64). */
  private static final class Libc {
    static {
      Native.register(Platform.C_LIBRARY_NAME);
    }

    static native int open(String path, int flags, int mode) throws LastErrorException;

    static native int fcntl(int fd, int cmd, Pointer flock) throws LastErrorException;

    static native int close(int fd) throws LastErrorException;
  }
}
