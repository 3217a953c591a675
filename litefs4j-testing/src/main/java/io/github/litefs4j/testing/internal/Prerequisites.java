package io.github.litefs4j.testing.internal;

import io.github.litefs4j.testing.LiteFsClusterException;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a LiteFS node needs on this machine: the {@code litefs} binary, {@code /dev/fuse} and {@code
 * fusermount3} (which LiteFS's FUSE library runs to mount).
 *
 * <p>Stateless and thread-safe.
 */
public final class Prerequisites {
  /** System property naming the {@code litefs} binary. */
  public static final String BINARY_PROPERTY = "litefs4j.binary";

  /** Environment variable naming the {@code litefs} binary. */
  public static final String BINARY_ENV = "LITEFS4J_BINARY";

  static final String INSTALL_HINT =
      "Install LiteFS v0.5.14: run scripts/install-litefs (needs Go and gcc) or set"
          + " -Dlitefs4j.binary=/path/to/litefs (or LITEFS4J_BINARY).";

  static final String FUSE_HINT = "install Debian's fuse3 (apt-get install fuse3)";

  private Prerequisites() {}

  /**
   * Finds the {@code litefs} binary: {@code explicit} if given, else {@code -Dlitefs4j.binary},
   * else {@code LITEFS4J_BINARY}, else {@code litefs} on {@code PATH}. A location that is given but
   * is not an executable file fails; it never falls back to the next source.
   *
   * @throws LiteFsClusterException saying what was looked at and how to install LiteFS
   */
  public static Path resolveBinary(Path explicit) {
    return resolveBinary(
        explicit,
        System.getProperty(BINARY_PROPERTY),
        System.getenv(BINARY_ENV),
        System.getenv("PATH"));
  }

  static Path resolveBinary(Path explicit, String property, String env, String pathVariable) {
    if (explicit != null) {
      return requireExecutable(explicit, "LiteFsCluster.builder().binary(...)");
    }
    if (property != null && !property.isBlank()) {
      return requireExecutable(toPath(property, "-D" + BINARY_PROPERTY), "-D" + BINARY_PROPERTY);
    }
    if (env != null && !env.isBlank()) {
      return requireExecutable(toPath(env, BINARY_ENV), "the environment variable " + BINARY_ENV);
    }
    Optional<Path> onPath = findOnPath("litefs", pathVariable);
    if (onPath.isPresent()) {
      return onPath.get();
    }
    throw new LiteFsClusterException(
        "no litefs binary found: LiteFsCluster.builder().binary(...) was not called, -D"
            + BINARY_PROPERTY
            + " is not set, "
            + BINARY_ENV
            + " is not set, and there is no executable 'litefs' on PATH ("
            + (pathVariable == null ? "PATH is not set" : pathVariable)
            + "). "
            + INSTALL_HINT);
  }

  private static Path toPath(String value, String source) {
    try {
      return Path.of(value);
    } catch (InvalidPathException e) {
      throw new LiteFsClusterException(
          source + " is not a valid path: \"" + value + "\". " + INSTALL_HINT, e);
    }
  }

  private static Path requireExecutable(Path candidate, String source) {
    String problem;
    if (!Files.exists(candidate)) {
      problem = "does not exist";
    } else if (!Files.isRegularFile(candidate)) {
      problem = "is not a regular file";
    } else if (!Files.isExecutable(candidate)) {
      problem = "is not executable";
    } else {
      return candidate.toAbsolutePath();
    }
    throw new LiteFsClusterException(
        "litefs binary "
            + candidate.toAbsolutePath()
            + " "
            + problem
            + " (named by "
            + source
            + "). "
            + INSTALL_HINT);
  }

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
    if (pathVariable == null) {
      return Optional.empty();
    }
    for (String dir : pathVariable.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      try {
        Path candidate = Path.of(dir, name);
        if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
          return Optional.of(candidate.toAbsolutePath());
        }
      } catch (InvalidPathException e) {
        // A malformed PATH entry cannot hold the binary; the next entry may.
        continue;
      }
    }
    return Optional.empty();
  }
}
