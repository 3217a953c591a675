package io.github.litefs4j.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What the kernel says, read independently of the fixture's own code. */
final class OsState {
  private OsState() {}

  /** Mount points (5th field of /proc/self/mountinfo) at or below {@code dir}. */
  static List<String> mountsUnder(Path dir) throws IOException {
    String prefix = dir.toAbsolutePath().toString();
    List<String> found = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
      String mountPoint = line.split(" ")[4].replace("\\040", " ");
      if (mountPoint.equals(prefix) || mountPoint.startsWith(prefix + "/")) {
        found.add(mountPoint);
      }
    }
    return found;
  }

  /**
   * The content of {@code .primary} in a mount, empty if it cannot be read. Read, not stat'ed: the
   * kernel caches FUSE directory entries, so a stat may still find a file LiteFS has removed.
   */
  static Optional<String> primaryFile(Path mountDir) {
    try {
      return Optional.of(Files.readString(mountDir.resolve(".primary")));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Whether a process with this pid exists (and is not a zombie). */
  static boolean processExists(long pid) throws IOException {
    Path status = Path.of("/proc/" + pid + "/status");
    if (!Files.exists(status)) {
      return false;
    }
    try {
      return Files.readAllLines(status).stream()
          .noneMatch(l -> l.startsWith("State:") && l.contains("Z"));
    } catch (IOException e) {
      return false; // the process went away while being read
    }
  }
}
