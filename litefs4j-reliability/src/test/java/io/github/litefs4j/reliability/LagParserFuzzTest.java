package io.github.litefs4j.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.litefs4j.LiteFS;
import io.github.litefs4j.LiteFsException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzzes the parser of LiteFS's {@code .lag} file ({@code %+010d\n}, milliseconds) with 10,000
 * generated contents (x100 with {@code -Dlitefs4j.long=true}; see {@link Seeds}), checked against
 * an independent oracle (a regular expression and {@link BigInteger}): a well-formed lag gives
 * exactly its value, {@code +2147483647} gives {@code LiteFsMountException} with reason {@code
 * NOT_REPLICATED}, everything else {@code LiteFsMountException} with reason {@code MALFORMED_FILE}.
 * A further 500 contents (x100) go through the public {@link LiteFS#lag(Path)} on real files, which
 * reads at most 65 bytes. Coverage-guided: {@link LagFileJazzerTest}.
 */
class LagParserFuzzTest {
  static final int TRIES = 10_000;
  static final int FILE_TRIES = 500;

  // Any signed decimal of at most 20 characters that fits in 64 bits, so also 20 digits without a
  // sign (leading zeros): LagFileJazzerTest found that this oracle's former limit of 19 digits was
  // stricter than the parser's documented contract (seed found-twenty-digits-unsigned).
  private static final Pattern WELL_FORMED = Pattern.compile("([+-]?)([0-9]{1,20})\n?");
  private static final Path FILE = Path.of("/litefs/.lag");
  private static final InputMeter parser = new InputMeter("LagParserFuzzTest.parse");
  private static final InputMeter files = new InputMeter("LagParserFuzzTest.LiteFS.lag(file)");
  private static Path dir;

  enum Kind {
    VALID,
    TRUNCATED,
    MUTATED,
    HUGE,
    WHITESPACE,
    NON_ASCII,
    RANDOM_BYTES,
    LONG
  }

  /** What the oracle expects instead of a lag. */
  enum Refusal {
    NOT_REPLICATED,
    MALFORMED
  }

  static Stream<Seeds.Case> cases() {
    return Seeds.cases(TRIES);
  }

  static Stream<Seeds.Case> fileCases() {
    return Seeds.cases(FILE_TRIES);
  }

  private static Kind kind(Random r) {
    return Kind.values()[r.nextInt(Kind.values().length)];
  }

  static String generate(Kind kind, Random r) {
    return switch (kind) {
      case VALID -> valid(r);
      case TRUNCATED -> latin1(Garbage.truncate(latin1(valid(r)), r));
      case MUTATED -> latin1(Garbage.mutate(latin1(valid(r)), r));
      case HUGE -> (r.nextBoolean() ? "+" : "-") + Garbage.hugeNumber(r) + "\n";
      case WHITESPACE -> {
        String[] around = {" ", "\t", "\r\n", "\n\n", "\r", "\u0000", ""};
        yield around[r.nextInt(around.length)]
            + valid(r).strip()
            + around[r.nextInt(around.length)];
      }
      case NON_ASCII -> {
        // Digits of other scripts: Character.isDigit says yes, LiteFS never writes them.
        char[] digits = {'\u0663', '\uff11', '\u0967', '\u00b2', '\u00bd'};
        StringBuilder s = new StringBuilder(valid(r));
        s.setCharAt(1 + r.nextInt(s.length() - 2), digits[r.nextInt(digits.length)]);
        yield s.toString();
      }
      case RANDOM_BYTES -> latin1(Garbage.randomBytes(r, 40));
      case LONG -> "+" + "0".repeat(r.nextInt(200_000)) + "1\n";
    };
  }

  private static String valid(Random r) {
    long v =
        switch (r.nextInt(4)) {
          case 0 -> Integer.MAX_VALUE;
          case 1 -> r.nextInt(5000) - 100;
          case 2 -> r.nextInt();
          default -> r.nextLong() / (1 + r.nextInt(1000));
        };
    return String.format("%+010d\n", v);
  }

  /** What a correct parser must do: the lag, or the refusal. */
  static Object oracle(String content) {
    Matcher m = WELL_FORMED.matcher(content);
    if (!m.matches() || content.replace("\n", "").length() > 20) {
      return Refusal.MALFORMED;
    }
    BigInteger magnitude = new BigInteger(m.group(2));
    if (magnitude.bitLength() > 63) {
      return Refusal.MALFORMED;
    }
    if (!m.group(1).equals("-") && magnitude.longValue() == Integer.MAX_VALUE) {
      return Refusal.NOT_REPLICATED;
    }
    long v = magnitude.longValue();
    return Duration.ofMillis(m.group(1).equals("-") ? -v : v);
  }

  /** Whether {@code t} is the refusal the oracle expects. */
  static boolean is(Refusal expected, Throwable t) {
    return expected == Refusal.MALFORMED
        ? CoreUnderTest.isMalformedFile(t)
        : CoreUnderTest.isNotReplicated(t);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void everyContentParsesToItsValueOrATypedError(Seeds.Case inputs) {
    inputs.forEachInput((seed, r) -> parsesToItsValueOrATypedError(r));
  }

  private static void parsesToItsValueOrATypedError(Random r) {
    Kind recipe = kind(r);
    String content = generate(recipe, r);
    InputMeter.Outcome outcome =
        parser.run(content.length(), () -> CoreUnderTest.parseLag(FILE, content));
    Object expected = oracle(content);

    if (expected instanceof Duration lag) {
      assertThat(outcome.thrown()).as("%s %s", recipe, content).isNull();
      assertThat(outcome.value()).isEqualTo(lag);
    } else {
      assertThat(outcome.thrown())
          .as("%s %s", recipe, content)
          .matches(t -> is((Refusal) expected, t), "is the refusal " + expected);
      assertThat(outcome.thrown().getMessage()).contains(FILE.toString());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fileCases")
  void thePublicReaderOnRealFilesOnlyThrowsLiteFsExceptions(Seeds.Case inputs) {
    inputs.forEachInput((seed, r) -> readsOnlyLiteFsExceptions(r));
  }

  private static void readsOnlyLiteFsExceptions(Random r) throws IOException {
    Kind recipe = kind(r);
    String content = generate(recipe, r);
    byte[] bytes =
        recipe == Kind.NON_ASCII ? content.getBytes(StandardCharsets.UTF_8) : latin1(content);
    Files.write(dir().resolve(".lag"), bytes);
    InputMeter.Outcome outcome = files.run(bytes.length, () -> CoreUnderTest.readLag(dir()));

    if (outcome.thrown() != null) {
      assertThat(outcome.thrown()).as("%s", recipe).isInstanceOf(LiteFsException.class);
      assertThat(outcome.thrown().getMessage()).contains(".lag");
    } else {
      // The reader stops after 65 bytes; whatever it accepted must be what the oracle accepts.
      assertThat(outcome.value())
          .as("%s", recipe)
          .isEqualTo(oracle(new String(bytes, StandardCharsets.ISO_8859_1)));
    }
  }

  private static synchronized Path dir() {
    if (dir == null) {
      try {
        dir = Files.createTempDirectory("l4j-lagfuzz");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return dir;
  }

  private static byte[] latin1(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static String latin1(byte[] b) {
    return new String(b, StandardCharsets.ISO_8859_1);
  }

  @AfterAll
  static void report() throws IOException {
    parser.figures().put("runSeed", Seeds.hex(Seeds.runSeed())).report();
    files.figures().report();
    if (dir != null) {
      Files.deleteIfExists(dir.resolve(".lag"));
      Files.deleteIfExists(dir);
    }
    assertThat(parser.inputs()).isGreaterThanOrEqualTo(Seeds.inputs(TRIES));
    assertThat(files.inputs()).isGreaterThanOrEqualTo(Seeds.inputs(FILE_TRIES));
    assertThat(parser.maxNanos()).isLessThan(5_000_000_000L);
  }
}
