package io.github.litefs4j.internal;

import io.github.litefs4j.LiteFsException;
import io.github.litefs4j.LiteFsInterruptedException;
import io.github.litefs4j.LiteFsMountException;
import io.github.litefs4j.spi.Texts;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.ClosedByInterruptException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reading the small files LiteFS shows in its mount. FUSE files may advertise a size different from
 * their content (LiteFS's {@code .lag} is one byte longer than advertised), so files are read to
 * EOF, never by their size. Thread-safe (stateless). Internal: not exported.
 */
public final class MountFiles {
  /** The file LiteFS always shows at the root of its mount; its presence identifies a mount. */
  public static final String LAG_FILE = ".lag";

  private MountFiles() {}

  /**
   * Reads a small file to EOF, up to {@code max} bytes (a longer file is returned cut at {@code max
   * + 1} bytes, so callers see it is too long).
   *
   * @throws java.nio.file.NoSuchFileException if the file does not exist
   */
  public static String read(Path file, int max) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return new String(in.readNBytes(max + 1), StandardCharsets.ISO_8859_1);
    }
  }

  /**
   * Throws {@link LiteFsMountException} ({@code NOT_A_MOUNT}) unless {@code dir} holds LiteFS's
   * {@code .lag} file. Used after an ENOENT to tell "absent in the mount" from "not a mount at
   * all".
   */
  public static void requireMount(Path dir, String whatFor) {
    if (!Files.exists(dir.resolve(LAG_FILE))) {
      throw notAMount(dir, whatFor, null);
    }
  }

  /** The {@code NOT_A_MOUNT} exception for a directory without {@code .lag}. */
  public static LiteFsMountException notAMount(Path dir, String whatFor, Throwable cause) {
    return new LiteFsMountException(
        LiteFsMountException.Reason.NOT_A_MOUNT,
        dir
            + " is not a LiteFS mount (it has no "
            + LAG_FILE
            + " file; is LiteFS running and is the path its fuse.dir?), needed for "
            + whatFor,
        dir,
        null,
        null,
        cause);
  }

  /** The {@code MALFORMED_FILE} exception for a LiteFS file with unexpected content. */
  public static LiteFsMountException malformed(
      Path file, String content, String expected, Throwable cause) {
    String text = content == null ? "" : content;
    return new LiteFsMountException(
        LiteFsMountException.Reason.MALFORMED_FILE,
        "malformed LiteFS file " + file + ": expected " + expected + ", read " + Texts.quote(text),
        file,
        text,
        expected,
        cause);
  }

  /**
   * The exception for an I/O failure reading a LiteFS file, naming the file. NIO file reads are
   * interruptible: an interrupt surfaces as {@link ClosedByInterruptException}, mapped to {@link
   * LiteFsInterruptedException} with the flag set.
   */
  public static LiteFsException readFailure(Path file, IOException e) {
    if (e instanceof ClosedByInterruptException) {
      Thread.currentThread().interrupt();
      return new LiteFsInterruptedException("interrupted while reading LiteFS file " + file, e);
    }
    return new LiteFsException("could not read LiteFS file " + file + ": " + e, e);
  }
}
