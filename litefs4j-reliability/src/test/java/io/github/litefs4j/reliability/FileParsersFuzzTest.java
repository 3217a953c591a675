package io.github.litefs4j.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.litefs4j.LiteFS;
import io.github.litefs4j.LiteFsException;
import io.github.litefs4j.Position;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzzes the readers of LiteFS's {@code <db>-pos} and {@code .primary} files through the public API
 * ({@link LiteFS#position(Path)}, {@link LiteFS#primaryHostname(Path)}) on real files, 10,000
 * generated contents each (x100 with {@code -Dlitefs4j.long=true}; see {@link Seeds}), against
 * independent oracles: exactly the documented format gives its value; anything else (truncations,
 * non-ASCII digits, invalid UTF-8, control characters, huge numbers, files of up to 100 KB) gives
 * {@code LiteFsMountException} with reason {@code MALFORMED_FILE}, naming the file. Coverage-guided
 * fuzzing of the {@code -pos} reader: {@link PosFileJazzerTest}.
 */
class FileParsersFuzzTest {
  static final int TRIES = 10_000;

  private static final Pattern POS =
      Pattern.compile("[0-9a-fA-F]{16}/[0-9a-fA-F]{16}\n", Pattern.DOTALL);
  private static final InputMeter posMeter = new InputMeter("FileParsersFuzzTest.LiteFS.position");
  private static final InputMeter primaryMeter =
      new InputMeter("FileParsersFuzzTest.LiteFS.primaryHostname");
  private static Path dir;

  enum Kind {
    VALID,
    TRUNCATED,
    MUTATED,
    INVALID_UTF8,
    NON_ASCII,
    HUGE,
    LONG,
    RANDOM_BYTES,
    NO_NEWLINE,
    ABSENT
  }

  static Stream<Seeds.Case> cases() {
    return Seeds.cases(TRIES);
  }

  private static Kind kind(Random r) {
    return Kind.values()[r.nextInt(Kind.values().length)];
  }

  // ---- -pos ------------------------------------------------------------------------------------

  static byte[] posContent(Kind kind, Random r) {
    return switch (kind) {
      case VALID, ABSENT -> validPos(r);
      case TRUNCATED -> Garbage.truncate(validPos(r), r);
      case MUTATED -> Garbage.mutate(validPos(r), r);
      case INVALID_UTF8 -> Garbage.invalidUtf8(validPos(r), r);
      case NON_ASCII -> {
        String s = new String(validPos(r), StandardCharsets.US_ASCII);
        String[] digits = {"\uff10", "\u0663", "\u0967", "\uff21", "\u00e9"};
        int at = r.nextInt(33);
        yield Garbage.utf8(
            s.substring(0, at) + digits[r.nextInt(digits.length)] + s.substring(at + 1));
      }
      case HUGE ->
          Garbage.utf8(hex(r, 17 + r.nextInt(40)) + "/" + hex(r, 16 + r.nextInt(40)) + "\n");
      case LONG ->
          Garbage.utf8(
              "0".repeat(r.nextInt(100_000)) + new String(validPos(r), StandardCharsets.US_ASCII));
      case RANDOM_BYTES -> Garbage.randomBytes(r, 80);
      case NO_NEWLINE -> {
        byte[] v = validPos(r);
        yield r.nextBoolean()
            ? java.util.Arrays.copyOf(v, 33)
            : Garbage.utf8(new String(v, StandardCharsets.US_ASCII).replace("\n", "\r\n"));
      }
    };
  }

  private static byte[] validPos(Random r) {
    String s = new Position(r.nextLong(), r.nextLong()) + "\n";
    return Garbage.utf8(r.nextInt(5) == 0 ? s.toUpperCase(Locale.ROOT) : s);
  }

  private static String hex(Random r, int n) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < n; i++) {
      s.append("0123456789abcdef".charAt(r.nextInt(16)));
    }
    return s.toString();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void theDbPosFileGivesItsPositionOrTheMalformedFileRefusal(Seeds.Case inputs) {
    inputs.forEachInput((seed, r) -> posGivesItsPositionOrMalformed(r));
  }

  private static void posGivesItsPositionOrMalformed(Random r) throws IOException {
    Kind recipe = kind(r);
    byte[] bytes = posContent(recipe, r);
    Path db = dir().resolve("fuzz.db");
    Path file = dir().resolve("fuzz.db-pos");
    Files.write(file, bytes);
    InputMeter.Outcome outcome = posMeter.run(bytes.length, () -> CoreUnderTest.readPosition(db));

    String text = new String(bytes, StandardCharsets.ISO_8859_1);
    if (POS.matcher(text).matches()) {
      assertThat(outcome.thrown()).as("%s %s", recipe, text).isNull();
      assertThat(outcome.value())
          .isEqualTo(
              new Position(
                  Long.parseUnsignedLong(text.substring(0, 16), 16),
                  Long.parseUnsignedLong(text.substring(17, 33), 16)));
    } else {
      assertThat(outcome.thrown())
          .as("%s %s", recipe, Texts.printable(text))
          .matches(
              CoreUnderTest::isMalformedFile,
              "is exactly LiteFsMountException with reason MALFORMED_FILE")
          .hasMessageContaining(file.toString());
    }
  }

  // ---- .primary --------------------------------------------------------------------------------

  static byte[] primaryContent(Kind kind, Random r) {
    return switch (kind) {
      case VALID, ABSENT -> Garbage.utf8(hostname(r) + "\n");
      case TRUNCATED -> Garbage.truncate(Garbage.utf8(hostname(r) + "\n"), r);
      case MUTATED -> Garbage.mutate(Garbage.utf8(hostname(r) + "\n"), r);
      case INVALID_UTF8 -> Garbage.invalidUtf8(Garbage.utf8(hostname(r) + "\n"), r);
      case NON_ASCII -> Garbage.utf8(hostname(r) + Garbage.text(r, 1 + r.nextInt(5)) + "\n");
      case HUGE -> Garbage.utf8("a".repeat(1000 + r.nextInt(60)) + "\n");
      case LONG -> Garbage.utf8("h".repeat(r.nextInt(100_000)) + "\n");
      case RANDOM_BYTES -> Garbage.randomBytes(r, 64);
      case NO_NEWLINE -> Garbage.utf8(r.nextBoolean() ? hostname(r) : hostname(r) + "\r\n");
    };
  }

  private static String hostname(Random r) {
    return switch (r.nextInt(4)) {
      case 0 -> "node-" + r.nextInt(10);
      case 1 -> "fly-" + Long.toHexString(r.nextLong()) + ".vm.app.internal";
      case 2 -> "h" + Garbage.digits(r, 20);
      default -> "a_b.c-d" + (char) ('!' + r.nextInt(94));
    };
  }

  /** What a correct reader of {@code .primary} returns: the hostname, or null for "malformed". */
  static Optional<String> primaryOracle(byte[] bytes) {
    String text = new String(bytes, StandardCharsets.ISO_8859_1);
    String host = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    if (host.isEmpty() || host.length() > 1023) {
      return null;
    }
    for (char c : host.toCharArray()) {
      if (c <= 0x20 || c >= 0x7f) {
        return null;
      }
    }
    return Optional.of(host);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void thePrimaryFileGivesAHostnameEmptyOrTheMalformedFileRefusal(Seeds.Case inputs) {
    inputs.forEachInput((seed, r) -> primaryGivesAHostnameEmptyOrMalformed(r));
  }

  private static void primaryGivesAHostnameEmptyOrMalformed(Random r) throws IOException {
    Kind recipe = kind(r);
    byte[] bytes = primaryContent(recipe, r);
    Path file = dir().resolve(".primary");
    if (recipe == Kind.ABSENT) {
      Files.deleteIfExists(file);
    } else {
      Files.write(file, bytes);
    }
    InputMeter.Outcome outcome =
        primaryMeter.run(bytes.length, () -> CoreUnderTest.readPrimaryHostname(dir()));

    Optional<String> expected = recipe == Kind.ABSENT ? Optional.empty() : primaryOracle(bytes);
    if (expected != null) {
      assertThat(outcome.thrown()).as("%s", recipe).isNull();
      assertThat(outcome.value()).isEqualTo(expected);
    } else {
      assertThat(outcome.thrown())
          .as("%s", recipe)
          .isInstanceOf(LiteFsException.class)
          .matches(
              CoreUnderTest::isMalformedFile,
              "is exactly LiteFsMountException with reason MALFORMED_FILE")
          .hasMessageContaining(file.toString());
    }
  }

  private static synchronized Path dir() {
    if (dir == null) {
      try {
        dir = Files.createTempDirectory("l4j-filefuzz");
        Files.writeString(dir.resolve(".lag"), "+0000000000\n"); // looks like a LiteFS mount
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return dir;
  }

  @AfterAll
  static void report() throws IOException {
    posMeter.figures().put("runSeed", Seeds.hex(Seeds.runSeed())).report();
    primaryMeter.figures().report();
    if (dir != null) {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    assertThat(posMeter.inputs()).isGreaterThanOrEqualTo(Seeds.inputs(TRIES));
    assertThat(primaryMeter.inputs()).isGreaterThanOrEqualTo(Seeds.inputs(TRIES));
    assertThat(posMeter.maxNanos()).isLessThan(5_000_000_000L);
    assertThat(primaryMeter.maxNanos()).isLessThan(5_000_000_000L);
  }
}
