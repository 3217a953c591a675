package io.github.litefs4j.internal;

import io.github.litefs4j.MalformedFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code .primary} file at the root of the mount: {@code <primary hostname>\n}, present only on
 * a replica connected to a primary. Thread-safe (stateless). Internal: not exported.
 */
public final class PrimaryFile {
  /** The file name in the mount. */
  public static final String NAME = ".primary";

  private static final int MAX_BYTES = 1024;
  private static final String FORMAT = "\"<hostname>\\n\" (printable ASCII, no spaces)";

  private PrimaryFile() {}

  /** The hostname in the file, or empty if the file is absent; a non-mount directory throws. */
  public static Optional<String> read(Path mountDir) {
    Objects.requireNonNull(mountDir, "mountDir");
    Path file = mountDir.resolve(NAME);
    String content;
    try {
      content = MountFiles.read(file, MAX_BYTES);
    } catch (NoSuchFileException e) {
      MountFiles.requireMount(mountDir, "the primary hostname");
      return Optional.empty();
    } catch (IOException e) {
      // LiteFS answers ENOENT on read when the primary went away between open and read.
      if (Files.notExists(file)) {
        MountFiles.requireMount(mountDir, "the primary hostname");
        return Optional.empty();
      }
      throw MountFiles.readFailure(file, e);
    }
    String hostname = content.endsWith("\n") ? content.substring(0, content.length() - 1) : content;
    if (hostname.isEmpty() || hostname.length() > MAX_BYTES - 1) {
      throw new MalformedFileException(file, content, FORMAT);
    }
    for (int i = 0; i < hostname.length(); i++) {
      char c = hostname.charAt(i);
      if (c <= 0x20 || c >= 0x7f) {
        throw new MalformedFileException(file, content, FORMAT);
      }
    }
    return Optional.of(hostname);
  }
}
