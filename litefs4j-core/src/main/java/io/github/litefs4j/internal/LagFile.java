package io.github.litefs4j.internal;

import io.github.litefs4j.LiteFsMountException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Reads and parses LiteFS's {@code .lag} file: {@code %+010d\n}, milliseconds since the last
 * timestamp received from the primary. Stateless, thread-safe. Internal: not exported.
 *
 * <ul>
 *   <li>{@code +0000000000} on the primary;
 *   <li>{@code +2147483647} until initial replication finishes: 12 bytes, one more than the size
 *       LiteFS advertises (11), so the file is read to EOF and the newline is optional;
 *   <li>negative under clock skew (the primary's clock ahead of this node's).
 * </ul>
 */
public final class LagFile {
  /** What {@code .lag} holds while initial replication has not finished. */
  public static final long NOT_REPLICATED = Integer.MAX_VALUE;

  static final String EXPECTED =
      "a signed number of milliseconds (%+010d), then an optional newline, e.g. \"+0000000038\\n\"";

  private static final int MAX_BYTES = 64;

  private LagFile() {}

  /**
   * The {@code .lag} file for a path: {@code <path>/.lag} for a directory (the mount), else {@code
   * <parent>/.lag} (a database in the mount).
   */
  public static Path lagFile(Path dbOrMountDir) {
    if (Files.isDirectory(dbOrMountDir)) {
      return dbOrMountDir.resolve(MountFiles.LAG_FILE);
    }
    Path parent = dbOrMountDir.toAbsolutePath().getParent();
    if (parent == null) {
      throw new IllegalArgumentException("no parent directory: " + dbOrMountDir);
    }
    return parent.resolve(MountFiles.LAG_FILE);
  }

  /**
   * Reads the lag.
   *
   * @throws LiteFsMountException NOT_A_MOUNT if there is no {@code .lag} file, DATABASE_NOT_FOUND
   *     for a database path that does not exist, NOT_REPLICATED if initial replication has not
   *     finished, MALFORMED_FILE if the file holds anything else than a lag
   * @throws io.github.litefs4j.LiteFsException if the file cannot be read
   */
  public static Duration read(Path dbOrMountDir) {
    Path file = lagFile(dbOrMountDir);
    String content;
    try {
      content = MountFiles.read(file, MAX_BYTES);
    } catch (NoSuchFileException e) {
      throw new LiteFsMountException(
          LiteFsMountException.Reason.NOT_A_MOUNT,
          dbOrMountDir
              + " is not on a LiteFS mount: "
              + file
              + " does not exist (LiteFS shows .lag at the root of its mount; is LiteFS"
              + " running, and is the path in its fuse.dir?)",
          file.getParent(),
          null,
          null,
          e);
    } catch (IOException e) {
      throw MountFiles.readFailure(file, e);
    }
    Duration lag = parse(file, content);
    if (!file.getParent().equals(dbOrMountDir) && !Files.exists(dbOrMountDir)) {
      // A database path: the mount's lag is not the answer for a database the node lacks.
      throw new LiteFsMountException(
          LiteFsMountException.Reason.DATABASE_NOT_FOUND,
          "database "
              + dbOrMountDir.getFileName()
              + " does not exist on this node (no "
              + dbOrMountDir
              + "), so it has no lag",
          dbOrMountDir,
          null,
          null,
          null);
    }
    return lag;
  }

  /**
   * Parses the content of a {@code .lag} file.
   *
   * @param file the file, for messages
   * @param content what was read (ISO-8859-1, one char per byte)
   * @return the lag; negative under clock skew
   * @throws LiteFsMountException NOT_REPLICATED for {@code +2147483647}, MALFORMED_FILE for
   *     anything that is not a signed decimal number with an optional trailing newline, or that
   *     does not fit in a {@code long}
   */
  public static Duration parse(Path file, String content) {
    String s = content.endsWith("\n") ? content.substring(0, content.length() - 1) : content;
    if (s.isEmpty() || s.length() > 20) {
      throw MountFiles.malformed(file, content, EXPECTED, null);
    }
    int i = 0;
    boolean negative = false;
    char first = s.charAt(0);
    if (first == '+' || first == '-') {
      negative = first == '-';
      i = 1;
    }
    if (i == s.length()) {
      throw MountFiles.malformed(file, content, EXPECTED, null);
    }
    long value = 0;
    for (; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        throw MountFiles.malformed(file, content, EXPECTED, null);
      }
      int digit = c - '0';
      if (value > (Long.MAX_VALUE - digit) / 10) {
        throw MountFiles.malformed(file, content, EXPECTED + " that fits in 64 bits", null);
      }
      value = value * 10 + digit;
    }
    if (!negative && value == NOT_REPLICATED) {
      throw new LiteFsMountException(
          LiteFsMountException.Reason.NOT_REPLICATED,
          "initial replication has not finished on this node: "
              + file
              + " reads +2147483647, LiteFS's marker for a replica that has not caught up with the"
              + " primary yet",
          file,
          content,
          null,
          null);
    }
    return Duration.ofMillis(negative ? -value : value);
  }
}
