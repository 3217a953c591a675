package io.github.litefs4j.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.litefs4j.Position;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;

/**
 * Coverage-guided fuzzing of the {@code <db>-pos} reader with Jazzer, on a real file through the
 * public {@code LiteFS.position}. Contract checked on every input: exactly {@code %016x/%016x\n}
 * (either case) gives its position, anything else {@code LiteFsMountException} with reason {@code
 * MALFORMED_FILE} naming the file, never another exception; a position written back ({@code
 * toString() + "\n"}) reads as itself.
 *
 * <p>Runs the seed corpus ({@code src/test/resources/.../PosFileJazzerTestInputs}) in every test
 * run; fuzzes with {@code -Pfuzz} (see RELIABILITY.md).
 */
class PosFileJazzerTest {
  private static final Pattern POS =
      Pattern.compile("[0-9a-fA-F]{16}/[0-9a-fA-F]{16}\n", Pattern.DOTALL);
  private static final Path DIR = mount();
  private static final Path DB = DIR.resolve("fuzz.db");
  private static final Path FILE = DIR.resolve("fuzz.db-pos");

  private static Path mount() {
    try {
      Path dir = Files.createTempDirectory("l4j-posjazzer");
      Files.writeString(dir.resolve(".lag"), "+0000000000\n"); // looks like a LiteFS mount
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @FuzzTest(maxDuration = "30s")
  void aPosFileGivesItsPositionOrTheMalformedFileRefusal(byte[] bytes) throws IOException {
    Files.write(FILE, bytes);
    String text = new String(bytes, StandardCharsets.ISO_8859_1);
    Position position;
    try {
      position = CoreUnderTest.readPosition(DB);
    } catch (RuntimeException e) {
      assertThat(POS.matcher(text).matches()).as("refused %s", Texts.printable(text)).isFalse();
      assertThat(e)
          .matches(
              CoreUnderTest::isMalformedFile,
              "is exactly LiteFsMountException with reason MALFORMED_FILE")
          .hasMessageContaining(FILE.toString());
      return;
    }
    assertThat(POS.matcher(text).matches()).as("accepted %s", Texts.printable(text)).isTrue();
    assertThat(position)
        .isEqualTo(
            new Position(
                Long.parseUnsignedLong(text.substring(0, 16), 16),
                Long.parseUnsignedLong(text.substring(17, 33), 16)));
    Files.writeString(FILE, position + "\n");
    assertThat(CoreUnderTest.readPosition(DB)).isEqualTo(position);
  }

  @AfterAll
  static void deleteMount() throws IOException {
    Files.deleteIfExists(FILE);
    Files.deleteIfExists(DIR.resolve(".lag"));
    Files.deleteIfExists(DIR);
  }
}
