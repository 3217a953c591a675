package io.github.litefs4j.spring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A plain directory laid out like a LiteFS mount ({@code .lag}, {@code <db>-pos}). */
public final class FakeMount {
  private FakeMount() {}

  /**
   * Writes {@code .lag} and {@code <db>-pos} into {@code dir}.
   *
   * @return the database path
   */
  public static Path create(Path dir, String db, long txid) {
    try {
      Files.writeString(dir.resolve(".lag"), "+0000000000\n");
      Files.writeString(dir.resolve(db + "-pos"), String.format("%016x/%016x%n", txid, 0xabL));
      return dir.resolve(db);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
