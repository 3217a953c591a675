package io.github.litefs4j.testing.internal;

import io.github.litefs4j.testing.LiteFsClusterException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a LiteFS node needs on this machine besides the binary (see {@link Provisioner}): {@code
 * /dev/fuse} and {@code fusermount3} (which LiteFS's FUSE library runs to mount).
 *
 * <p>Stateless and thread-safe.
 */
public final class Prerequisites {
  static final String FUSE_HINT = "install Debian's fuse3 (apt-get install fuse3)";

  private Prerequisites() {}

  /**
   * Checks that FUSE can be used: {@code /dev/fuse} exists and {@code fusermount3} is on {@code
   * PATH}.
   *
   * @throws LiteFsClusterException naming what is missing and how to install it
   */
  public static void checkFuse() {
    checkFuse(Path.of("/dev/fuse"), System.getenv("PATH"));
  }

  static void checkFuse(Path devFuse, String pathVariable) {
    List<String> problems = new ArrayList<>();
    if (!Files.exists(devFuse)) {
      problems.add(
          devFuse
              + " is missing: LiteFS needs FUSE ("
              + FUSE_HINT
              + "; in a container, start it with --device /dev/fuse --cap-add SYS_ADMIN)");
    }
    if (findOnPath("fusermount3", pathVariable).isEmpty()) {
      problems.add(
          "fusermount3 is not on PATH ("
              + (pathVariable == null ? "PATH is not set" : pathVariable)
              + "): LiteFS mounts through it; "
              + FUSE_HINT);
    }
    if (!problems.isEmpty()) {
      throw new LiteFsClusterException(
          "LiteFS cannot mount on this machine: " + String.join("; ", problems));
    }
  }

  /** The command that unmounts FUSE: {@code fusermount3}, else {@code fusermount}. */
  static String fusermountCommand() {
    return findOnPath("fusermount3", System.getenv("PATH")).isPresent()
        ? "fusermount3"
        : "fusermount";
  }

  static Optional<Path> findOnPath(String name, String pathVariable) {
    return Executables.findOnPath(name, pathVariable);
  }
}
