package io.github.litefs4j.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The parts of the SQLite file header (first 100 bytes) litefs4j checks: the 16-byte magic string
 * and the in-header database size. Thread-safe (stateless). Internal: not exported.
 */
public final class SqliteHeader {
  /** {@code "SQLite format 3\0"}. */
  public static final byte[] MAGIC = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

  /** Length of the SQLite file header. */
  public static final int LENGTH = 100;

  private SqliteHeader() {}

  /** Whether the first 16 bytes of {@code bytes} (at least 16 long) are the SQLite magic. */
  public static boolean hasMagic(byte[] bytes, int length) {
    return length >= MAGIC.length && Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length);
  }

  /**
   * The database size in bytes announced by a 100-byte header (page size times in-header page
   * count), or -1 if the header does not make it reliable (the size is only valid when the change
   * counter equals the version-valid-for number, as SQLite documents).
   */
  public static long announcedSize(byte[] header) {
    if (header.length < LENGTH) {
      return -1;
    }
    int pageSize = u16(header, 16);
    if (pageSize == 1) {
      pageSize = 65536;
    }
    if (pageSize < 512 || Integer.bitCount(pageSize) != 1) {
      return -1;
    }
    long changeCounter = u32(header, 24);
    long pages = u32(header, 28);
    long versionValidFor = u32(header, 92);
    if (pages == 0 || changeCounter != versionValidFor) {
      return -1;
    }
    return pages * pageSize;
  }

  private static int u16(byte[] b, int at) {
    return ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
  }

  private static long u32(byte[] b, int at) {
    return ((long) (b[at] & 0xff) << 24)
        | ((b[at + 1] & 0xff) << 16)
        | ((b[at + 2] & 0xff) << 8)
        | (b[at + 3] & 0xff);
  }

  /** The first 16 bytes as text for a message (Latin-1, to be quoted by the caller). */
  public static String describe(byte[] bytes, int length) {
    return new String(bytes, 0, Math.min(length, MAGIC.length), StandardCharsets.ISO_8859_1);
  }
}
