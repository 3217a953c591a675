package io.github.litefs4j.internal;

import io.github.litefs4j.LiteFsMountException;
import io.github.litefs4j.Position;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The {@code <db>-pos} file: {@code %016x/%016x\n}, TXID and post-apply checksum. Thread-safe
 * (stateless). Internal: not exported.
 */
public final class PosFile {
  /** The format LiteFS writes, for error messages. */
  public static final String FORMAT = "\"%016x/%016x\\n\" (TXID/checksum, 34 bytes)";

  private static final int MAX_BYTES = 64;

  private PosFile() {}

  /** The {@code -pos} file of a database path: {@code /mnt/app.db} -> {@code /mnt/app.db-pos}. */
  public static Path of(Path db) {
    Objects.requireNonNull(db, "db");
    Path name = db.getFileName();
    if (name == null) {
      throw new IllegalArgumentException("not a database path (no file name): " + db);
    }
    return db.resolveSibling(name + "-pos");
  }

  /**
   * Reads the position, or returns null if the database does not exist on this node (the mount
   * itself is checked: a directory that is not a LiteFS mount throws).
   */
  public static Position readOrNull(Path db) {
    Path file = of(db);
    String content;
    try {
      content = MountFiles.read(file, MAX_BYTES);
    } catch (NoSuchFileException e) {
      Path dir = file.toAbsolutePath().getParent();
      MountFiles.requireMount(dir, "the position of " + db.getFileName());
      return null;
    } catch (IOException e) {
      throw MountFiles.readFailure(file, e);
    }
    return parse(file, content);
  }

  /**
   * Reads the position; a database absent from the node throws {@link LiteFsMountException}
   * DATABASE_NOT_FOUND.
   */
  public static Position read(Path db) {
    Path file = of(db);
    String content;
    try {
      content = MountFiles.read(file, MAX_BYTES);
    } catch (NoSuchFileException e) {
      Path dir = file.toAbsolutePath().getParent();
      String name = db.getFileName().toString();
      MountFiles.requireMount(dir, "the position of " + name);
      throw new LiteFsMountException(
          LiteFsMountException.Reason.DATABASE_NOT_FOUND,
          "database " + name + " does not exist on this node (no " + file + ")",
          db,
          null,
          null,
          e);
    } catch (IOException e) {
      throw MountFiles.readFailure(file, e);
    }
    return parse(file, content);
  }

  static Position parse(Path file, String content) {
    try {
      if (!content.endsWith("\n")) {
        throw new IllegalArgumentException("no trailing newline");
      }
      return Position.parse(content);
    } catch (IllegalArgumentException e) {
      throw MountFiles.malformed(file, content, FORMAT, e);
    }
  }
}
