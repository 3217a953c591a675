package io.github.litefs4j.testing.internal;

import io.github.litefs4j.testing.LiteFsClusterException;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * FUSE mounts of this machine, read from {@code /proc/self/mountinfo} (never by touching the mount
 * point: a stale FUSE mount answers {@code ENOTCONN}), and removed with {@code fusermount3 -u},
 * falling back to a lazy {@code fusermount3 -uz} and {@code umount -l}.
 *
 * <p>Stateless and thread-safe.
 */
public final class Mounts {
  private static final System.Logger LOG = System.getLogger("io.github.litefs4j.testing");
  private static final Path MOUNTINFO = Path.of("/proc/self/mountinfo");
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(10);

  /** One line of mountinfo: the mount point and the file system type. */
  public record Mount(Path mountPoint, String fsType) {
    /** Whether this is a FUSE mount ({@code fuse} or {@code fuse.<subtype>}). */
    public boolean isFuse() {
      return fsType.equals("fuse") || fsType.startsWith("fuse.");
    }
  }

  private Mounts() {}

  /** Every mount of this process's mount namespace. */
  public static List<Mount> list() {
    try {
      return parse(Files.readString(MOUNTINFO, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + MOUNTINFO, e);
    }
  }

  /**
   * Parses the text of a mountinfo file. Lines that do not have the documented shape (mount point
   * in the 5th field, file system type after the {@code " - "} separator) are ignored.
   */
  public static List<Mount> parse(String mountinfo) {
    List<Mount> mounts = new ArrayList<>();
    for (String line : mountinfo.split("\n")) {
      String[] fields = line.split(" ");
      if (fields.length < 5) {
        continue;
      }
      int separator = -1;
      for (int i = 5; i < fields.length; i++) {
        if (fields[i].equals("-")) {
          separator = i;
          break;
        }
      }
      if (separator < 0 || separator + 1 >= fields.length) {
        continue;
      }
      mounts.add(new Mount(Path.of(unescape(fields[4])), fields[separator + 1]));
    }
    return mounts;
  }

  /** Decodes the octal escapes ({@code \040} for a space, ...) the kernel writes in mountinfo. */
  static String unescape(String field) {
    if (field.indexOf('\\') < 0) {
      return field;
    }
    StringBuilder out = new StringBuilder(field.length());
    for (int i = 0; i < field.length(); i++) {
      char c = field.charAt(i);
      if (c == '\\' && isOctal(field, i + 1)) {
        out.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
        i += 3;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static boolean isOctal(String s, int from) {
    if (from + 3 > s.length()) {
      return false;
    }
    for (int i = from; i < from + 3; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '7') {
        return false;
      }
    }
    return true;
  }

  /** Whether a FUSE file system is mounted exactly at {@code mountPoint}. */
  public static boolean isFuseMounted(Path mountPoint) {
    Path target = mountPoint.toAbsolutePath().normalize();
    for (Mount mount : list()) {
      if (mount.isFuse() && mount.mountPoint().equals(target)) {
        return true;
      }
    }
    return false;
  }

  /** Every mount (of any type) at or below {@code dir}. */
  public static List<Path> mountsUnder(Path dir) {
    Path root = dir.toAbsolutePath().normalize();
    List<Path> found = new ArrayList<>();
    for (Mount mount : list()) {
      if (mount.mountPoint().startsWith(root)) {
        found.add(mount.mountPoint());
      }
    }
    return found;
  }

  /**
   * Makes sure no FUSE mount remains at {@code mountPoint}: {@code fusermount3 -u}, then the lazy
   * {@code fusermount3 -uz}, then {@code umount -l}. Does nothing when nothing is mounted there.
   *
   * @param nodeName the node the mount belongs to, for messages
   * @throws LiteFsClusterException when the mount is still there after every attempt
   */
  public static void unmount(String nodeName, Path mountPoint) {
    if (!isFuseMounted(mountPoint)) {
      return;
    }
    String fusermount = Prerequisites.fusermountCommand();
    List<List<String>> attempts =
        List.of(
            List.of(fusermount, "-u", mountPoint.toString()),
            List.of(fusermount, "-uz", mountPoint.toString()),
            List.of("umount", "-l", mountPoint.toString()));
    List<String> outputs = new ArrayList<>();
    for (List<String> command : attempts) {
      String output = run(command);
      if (!isFuseMounted(mountPoint)) {
        LOG.log(Level.DEBUG, "{0}: unmounted {1} with {2}", nodeName, mountPoint, command);
        return;
      }
      outputs.add(String.join(" ", command) + ": " + output);
    }
    throw new LiteFsClusterException(
        nodeName
            + ": cannot unmount the FUSE mount "
            + mountPoint
            + "; tried:\n  "
            + String.join("\n  ", outputs));
  }

  private static String run(List<String> command) {
    Path output = null;
    try {
      output = Files.createTempFile("litefs4j-unmount-", ".log");
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(output.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .start();
      if (!process.waitFor(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        return "did not end within " + COMMAND_TIMEOUT;
      }
      String text = Files.readString(output, StandardCharsets.UTF_8).strip();
      return "exit " + process.exitValue() + (text.isEmpty() ? "" : ", " + text);
    } catch (IOException e) {
      return "cannot run: " + e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LiteFsClusterException("interrupted while running " + command, e);
    } finally {
      if (output != null) {
        try {
          Files.deleteIfExists(output);
        } catch (IOException e) {
          LOG.log(Level.DEBUG, "cannot delete " + output, e);
        }
      }
    }
  }
}
