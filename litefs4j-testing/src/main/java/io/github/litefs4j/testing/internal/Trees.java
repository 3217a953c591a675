package io.github.litefs4j.testing.internal;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Deletes a cluster's directory tree, never across a mount.
 *
 * <p>Stateless and thread-safe.
 */
public final class Trees {
  private static final System.Logger LOG = System.getLogger("io.github.litefs4j.testing");

  private Trees() {}

  /**
   * Deletes {@code dir} and everything below it, unless something is still mounted below it (then
   * nothing is deleted). Failures are logged, not thrown: the directory only costs disk space.
   */
  public static void deleteUnlessMounted(Path dir) {
    if (!Mounts.mountsUnder(dir).isEmpty()) {
      LOG.log(Level.WARNING, "not deleting {0}: something is still mounted below it", dir);
      return;
    }
    try {
      Files.walkFileTree(
          dir,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              Files.delete(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
              if (e != null) {
                throw e;
              }
              Files.delete(d);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      LOG.log(Level.WARNING, "cannot delete the LiteFS cluster directory " + dir, e);
    }
  }
}
