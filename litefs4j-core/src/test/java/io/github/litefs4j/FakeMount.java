package io.github.litefs4j;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A plain directory laid out like a LiteFS mount ({@code .lag}, {@code <db>-pos}, {@code
 * .primary}), for unit tests of the file parsing and the waiting logic. Integration tests use the
 * real mount.
 */
final class FakeMount {
  private final Path dir;

  FakeMount(Path dir) {
    this.dir = dir;
    write(".lag", "+0000000000\n");
  }

  Path dir() {
    return dir;
  }

  Path database(String name) {
    return dir.resolve(name);
  }

  void setPosition(String db, Position position) {
    write(db + "-pos", position + "\n");
  }

  void write(String name, String content) {
    try {
      Path tmp = dir.resolve(name + ".tmp");
      Files.writeString(tmp, content, StandardCharsets.ISO_8859_1);
      Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void delete(String name) {
    try {
      Files.deleteIfExists(dir.resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
