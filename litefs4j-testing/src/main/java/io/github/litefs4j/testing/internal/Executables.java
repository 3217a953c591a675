package io.github.litefs4j.testing.internal;

import io.github.litefs4j.testing.LiteFsClusterException;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Looks up executables: a named one that must be there, or one on {@code PATH}.
 *
 * <p>Stateless and thread-safe.
 */
final class Executables {
  private Executables() {}

  /**
   * The absolute path of {@code candidate} if it is an executable regular file.
   *
   * @param source who named it, for the message ("-Dlitefs4j.binary")
   * @param hint what to do instead, appended to the message
   * @throws LiteFsClusterException saying what is wrong with it
   */
  static Path require(Path candidate, String source, String hint) {
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
        candidate.getFileName()
            + " binary "
            + candidate.toAbsolutePath()
            + " "
            + problem
            + " (named by "
            + source
            + "). "
            + hint);
  }

  /** The first executable regular file {@code name} in the directories of {@code pathVariable}. */
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
