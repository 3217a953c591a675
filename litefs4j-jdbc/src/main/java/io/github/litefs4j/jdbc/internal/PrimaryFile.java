package io.github.litefs4j.jdbc.internal;

import io.github.litefs4j.LiteFS;
import io.github.litefs4j.LiteFsException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads the mount's {@code .primary} file through {@link LiteFS#primaryHostname(Path)}, treating
 * one more case as "absent".
 *
 * <p>Measured on LiteFS 0.5.14: after a replica loses its primary, a process that had looked the
 * file up before keeps seeing it in the kernel's FUSE dentry cache (stat and open succeed for at
 * least 10 s), while reading it fails with ENOENT. Core then cannot confirm the absence with a stat
 * and reports a read failure; here such a failure (an I/O error whose cause is ENOENT) means the
 * file is gone. Stateless; thread-safe.
 */
public final class PrimaryFile {
  private static final String ENOENT_MESSAGE = "No such file or directory";

  private PrimaryFile() {}

  /** The primary's hostname, or empty on the primary and on a replica without a primary. */
  public static Optional<String> read(Path mountDir) {
    try {
      return LiteFS.primaryHostname(mountDir);
    } catch (LiteFsException e) {
      if (e.getClass() == LiteFsException.class && isEnoent(e.getCause())) {
        return Optional.empty();
      }
      throw e;
    }
  }

  private static boolean isEnoent(Throwable cause) {
    return cause instanceof NoSuchFileException
        || (cause instanceof IOException && ENOENT_MESSAGE.equals(cause.getMessage()));
  }
}
