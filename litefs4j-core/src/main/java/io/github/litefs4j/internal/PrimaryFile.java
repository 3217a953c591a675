package io.github.litefs4j.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.ClosedByInterruptException;
import java.nio.charset.StandardCharsets;
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
    InputStream in;
    try {
      in = Files.newInputStream(file);
    } catch (NoSuchFileException e) {
      MountFiles.requireMount(mountDir, "the primary hostname");
      return Optional.empty();
    } catch (IOException e) {
      throw MountFiles.readFailure(file, e);
    }
    try (in) {
      content = new String(in.readNBytes(MAX_BYTES + 1), StandardCharsets.ISO_8859_1);
    } catch (ClosedByInterruptException e) {
      throw MountFiles.readFailure(file, e);
    } catch (IOException e) {
      // The kernel caches the directory entry, so the open can succeed after the replica lost its
      // primary; LiteFS then fails the read with ENOENT (its only read error for this file). A
      // mount that died in between is caught by the mount check.
      MountFiles.requireMount(mountDir, "the primary hostname");
      return Optional.empty();
    }
    String hostname = content.endsWith("\n") ? content.substring(0, content.length() - 1) : content;
    if (hostname.isEmpty() || hostname.length() > MAX_BYTES - 1) {
      throw MountFiles.malformed(file, content, FORMAT, null);
    }
    for (int i = 0; i < hostname.length(); i++) {
      char c = hostname.charAt(i);
      if (c <= 0x20 || c >= 0x7f) {
        throw MountFiles.malformed(file, content, FORMAT, null);
      }
    }
    return Optional.of(hostname);
  }
}
