package io.github.litefs4j.internal;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * {@link OfdLocks} through JNA direct mapping of libc's {@code open}, {@code fcntl}, {@code dup}
 * and {@code close} (fixed 3-argument prototypes, valid for the variadic calls on the x86_64 and
 * aarch64 ABIs). Linux on 64-bit only: {@code F_OFD_*} are Linux calls, and the {@code struct
 * flock} layout below is the 64-bit one.
 *
 * <p>Thread-safe: each thread reuses its own 32-byte {@code struct flock}. Internal: not exported.
 */
public final class JnaOfdLocks implements OfdLocks {
  static final int F_OFD_GETLK = 36;
  static final int F_OFD_SETLK = 37;
  static final int F_OFD_SETLKW = 38;
  static final int O_RDWR = 2;
  static final int O_CLOEXEC = 02000000;

  /** {@code sizeof(struct flock)} on 64-bit Linux. */
  static final int FLOCK_SIZE = 32;

  static final int L_TYPE = 0;
  static final int L_WHENCE = 2;
  static final int L_START = 8;
  static final int L_LEN = 16;
  static final int L_PID = 24;
  private static final short SEEK_SET = 0;

  private static final JnaOfdLocks INSTANCE = new JnaOfdLocks();

  private final ThreadLocal<Memory> flock = ThreadLocal.withInitial(() -> new Memory(FLOCK_SIZE));
  private final Charset pathCharset = pathCharset();

  private JnaOfdLocks() {}

  /**
   * The shared instance; loads libc on first use.
   *
   * @throws UnsupportedOperationException on an operating system other than 64-bit Linux
   * @throws UnsatisfiedLinkError if JNA cannot load libc
   */
  public static JnaOfdLocks get() {
    Libc.ensureLoaded();
    return INSTANCE;
  }

  @Override
  public int open(String path) throws ErrnoException {
    byte[] encoded = path.getBytes(pathCharset);
    byte[] cString = Arrays.copyOf(encoded, encoded.length + 1);
    try {
      return Libc.open(cString, O_RDWR | O_CLOEXEC, 0);
    } catch (LastErrorException e) {
      throw new ErrnoException("open(" + path + ")", e.getErrorCode(), e);
    }
  }

  @Override
  public void setLock(int fd, LockType type, long start, long length, boolean wait)
      throws ErrnoException {
    Memory m = flock.get();
    write(m, type, start, length);
    int cmd = wait ? F_OFD_SETLKW : F_OFD_SETLK;
    try {
      Libc.fcntl(fd, cmd, m);
    } catch (LastErrorException e) {
      throw new ErrnoException(fcntlName(cmd, type), e.getErrorCode(), e);
    }
  }

  @Override
  public LockInfo getLock(int fd, LockType type, long start, long length) throws ErrnoException {
    Memory m = flock.get();
    write(m, type, start, length);
    try {
      Libc.fcntl(fd, F_OFD_GETLK, m);
    } catch (LastErrorException e) {
      throw new ErrnoException(fcntlName(F_OFD_GETLK, type), e.getErrorCode(), e);
    }
    return read(m);
  }

  @Override
  public int dup(int fd) throws ErrnoException {
    try {
      return Libc.dup(fd);
    } catch (LastErrorException e) {
      throw new ErrnoException("dup(" + fd + ")", e.getErrorCode(), e);
    }
  }

  @Override
  public void close(int fd) throws ErrnoException {
    try {
      Libc.close(fd);
    } catch (LastErrorException e) {
      throw new ErrnoException("close(" + fd + ")", e.getErrorCode(), e);
    }
  }

  /** Writes a {@code struct flock} (whence SEEK_SET, pid 0). */
  static void write(Pointer m, LockType type, long start, long length) {
    m.clear(FLOCK_SIZE);
    m.setShort(L_TYPE, type.code());
    m.setShort(L_WHENCE, SEEK_SET);
    m.setLong(L_START, start);
    m.setLong(L_LEN, length);
    m.setInt(L_PID, 0);
  }

  /** Reads a {@code struct flock}. */
  static LockInfo read(Pointer m) {
    return new LockInfo(
        LockType.of(m.getShort(L_TYPE)), m.getLong(L_START), m.getLong(L_LEN), m.getInt(L_PID));
  }

  private static String fcntlName(int cmd, LockType type) {
    String name =
        switch (cmd) {
          case F_OFD_GETLK -> "F_OFD_GETLK";
          case F_OFD_SETLK -> "F_OFD_SETLK";
          default -> "F_OFD_SETLKW";
        };
    String lock =
        switch (type) {
          case READ -> "F_RDLCK";
          case WRITE -> "F_WRLCK";
          case UNLOCK -> "F_UNLCK";
        };
    return "fcntl(" + name + ", " + lock + ")";
  }

  private static Charset pathCharset() {
    // The charset the JDK itself uses for file names.
    String name = System.getProperty("sun.jnu.encoding");
    try {
      return name == null ? StandardCharsets.UTF_8 : Charset.forName(name);
    } catch (IllegalArgumentException e) {
      return StandardCharsets.UTF_8;
    }
  }

  /** The direct-mapped libc calls; registered on first use. */
  private static final class Libc {
    private static volatile boolean loaded;

    static native int open(byte[] path, int flags, int mode) throws LastErrorException;

    static native int fcntl(int fd, int cmd, Pointer arg) throws LastErrorException;

    static native int dup(int fd) throws LastErrorException;

    static native int close(int fd) throws LastErrorException;

    static void ensureLoaded() {
      if (loaded) {
        return;
      }
      synchronized (Libc.class) {
        if (loaded) {
          return;
        }
        if (!Platform.isLinux() || !Platform.is64Bit()) {
          throw new UnsupportedOperationException(
              "LiteFS HALT locks need 64-bit Linux (F_OFD_SETLKW); this is "
                  + System.getProperty("os.name")
                  + " "
                  + System.getProperty("os.arch"));
        }
        Native.register(Libc.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
        loaded = true;
      }
    }
  }
}
