package io.github.litefs4j.internal;

import io.github.litefs4j.MalformedFileException;
import io.github.litefs4j.NotLiteFsMountException;
import io.github.litefs4j.NotReplicatedException;
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
   * @throws NotLiteFsMountException if there is no {@code .lag} file (not a LiteFS mount)
   * @throws NotReplicatedException if initial replication has not finished
   * @throws MalformedFileException if the file holds anything else than a lag
   * @throws io.github.litefs4j.LiteFsException if the file cannot be read
   */
  public static Duration read(Path dbOrMountDir) {
    Path file = lagFile(dbOrMountDir);
    String content;
    try {
      content = MountFiles.read(file, MAX_BYTES);
    } catch (NoSuchFileException e) {
      NotLiteFsMountException ex =
          new NotLiteFsMountException(
              file.getParent(),
              dbOrMountDir
                  + " is not on a LiteFS mount: "
                  + file
                  + " does not exist (LiteFS shows .lag at the root of its mount; is LiteFS"
                  + " running, and is the path in its fuse.dir?)");
      ex.initCause(e);
      throw ex;
    } catch (IOException e) {
      throw MountFiles.readFailure(file, e);
    }
    return parse(file, content);
  }

  /**
   * Parses the content of a {@code .lag} file.
   *
   * @param file the file, for messages
   * @param content what was read (ISO-8859-1, one char per byte)
   * @return the lag; negative under clock skew
   * @throws NotReplicatedException for {@code +2147483647}
   * @throws MalformedFileException for anything that is not a signed decimal number with an
   *     optional trailing newline, or that does not fit in a {@code long}
   */
  public static Duration parse(Path file, String content) {
    String s = content.endsWith("\n") ? content.substring(0, content.length() - 1) : content;
    if (s.isEmpty() || s.length() > 20) {
      throw new MalformedFileException(file, content, EXPECTED);
    }
    int i = 0;
    boolean negative = false;
    char first = s.charAt(0);
    if (first == '+' || first == '-') {
      negative = first == '-';
      i = 1;
    }
    if (i == s.length()) {
      throw new MalformedFileException(file, content, EXPECTED);
    }
    long value = 0;
    for (; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        throw new MalformedFileException(file, content, EXPECTED);
      }
      int digit = c - '0';
      if (value > (Long.MAX_VALUE - digit) / 10) {
        throw new MalformedFileException(file, content, EXPECTED + " that fits in 64 bits");
      }
      value = value * 10 + digit;
    }
    if (!negative && value == NOT_REPLICATED) {
      throw new NotReplicatedException(file);
    }
    return Duration.ofMillis(negative ? -value : value);
  }
}
