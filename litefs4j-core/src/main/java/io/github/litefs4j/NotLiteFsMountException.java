package io.github.litefs4j;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A directory that should be a LiteFS FUSE mount is not one: it has no {@code .lag} file, which
 * LiteFS always shows at the root of its mount. Usually the path is wrong or LiteFS is not running.
 */
public class NotLiteFsMountException extends LiteFsException {
  private static final long serialVersionUID = 1L;

  private final transient Path directory;

  /**
   * Creates the exception.
   *
   * @param directory the directory that is not a LiteFS mount
   * @param message what failed, naming the directory
   */
  public NotLiteFsMountException(Path directory, String message) {
    super(message);
    this.directory = Objects.requireNonNull(directory, "directory");
  }

  /**
   * The directory that is not a LiteFS mount.
   *
   * @return the directory
   */
  public Path directory() {
    return directory;
  }
}
