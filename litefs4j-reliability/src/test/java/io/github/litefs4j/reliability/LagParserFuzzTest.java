package io.github.litefs4j.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.litefs4j.LiteFS;
import io.github.litefs4j.LiteFsException;
import io.github.litefs4j.LiteFsMountException;
import io.github.litefs4j.internal.LagFile;
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
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Fuzzes the parser of LiteFS's {@code .lag} file ({@code %+010d\n}, milliseconds) with 100,000
 * generated contents, checked against an independent oracle (a regular expression and {@link
 * BigInteger}): a well-formed lag gives exactly its value, {@code +2147483647} gives {@link
 * LiteFsMountException}, everything else {@link LiteFsMountException}. A further 5,000 contents go
 * through the public {@link LiteFS#lag(Path)} on real files, which reads at most 65 bytes.
 */
class LagParserFuzzTest {
  static final int TRIES = 100_000;
  static final int FILE_TRIES = 5_000;

  private static final Pattern WELL_FORMED = Pattern.compile("([+-]?)([0-9]{1,19})\n?");
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

  @Provide
  Arbitrary<Tuple.Tuple2<Kind, Long>> contents() {
    return Combinators.combine(Arbitraries.of(Kind.class), Arbitraries.longs()).as(Tuple::of);
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

  /** What a correct parser must do: the lag, or the exception class. */
  static Object oracle(String content) {
    Matcher m = WELL_FORMED.matcher(content);
    if (!m.matches() || content.replace("\n", "").length() > 20) {
      return LiteFsMountException.class;
    }
    BigInteger magnitude = new BigInteger(m.group(2));
    if (magnitude.bitLength() > 63) {
      return LiteFsMountException.class;
    }
    if (!m.group(1).equals("-") && magnitude.longValue() == Integer.MAX_VALUE) {
      return LiteFsMountException.class;
    }
    long v = magnitude.longValue();
    return Duration.ofMillis(m.group(1).equals("-") ? -v : v);
  }

  @Property(tries = TRIES, shrinking = ShrinkingMode.OFF)
  void everyContentParsesToItsValueOrATypedError(
      @ForAll("contents") Tuple.Tuple2<Kind, Long> recipe) {
    String content = generate(recipe.get1(), new Random(recipe.get2()));
    InputMeter.Outcome outcome = parser.run(content.length(), () -> LagFile.parse(FILE, content));
    Object expected = oracle(content);

    if (expected instanceof Duration lag) {
      assertThat(outcome.thrown()).as("%s %s", recipe, content).isNull();
      assertThat(outcome.value()).isEqualTo(lag);
    } else {
      assertThat(outcome.thrown())
          .as("%s %s", recipe, content)
          .isExactlyInstanceOf((Class<?>) expected);
      assertThat(outcome.thrown().getMessage()).contains(FILE.toString());
    }
  }

  @Property(tries = FILE_TRIES, shrinking = ShrinkingMode.OFF)
  void thePublicReaderOnRealFilesOnlyThrowsLiteFsExceptions(
      @ForAll("contents") Tuple.Tuple2<Kind, Long> recipe) throws IOException {
    String content = generate(recipe.get1(), new Random(recipe.get2()));
    byte[] bytes =
        recipe.get1() == Kind.NON_ASCII
            ? content.getBytes(StandardCharsets.UTF_8)
            : latin1(content);
    Files.write(dir().resolve(".lag"), bytes);
    InputMeter.Outcome outcome = files.run(bytes.length, () -> LiteFS.lag(dir()));

    if (outcome.thrown() != null) {
      assertThat(outcome.thrown()).as("%s", recipe).isInstanceOf(LiteFsException.class);
      assertThat(outcome.thrown().getMessage()).contains(".lag");
    } else {
      // The reader stops after 65 bytes; whatever it accepted must be what the oracle accepts.
      assertThat(outcome.value()).isEqualTo(oracle(new String(bytes, StandardCharsets.ISO_8859_1)));
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

  @AfterContainer
  static void report() throws IOException {
    parser.figures().report();
    files.figures().report();
    if (dir != null) {
      Files.deleteIfExists(dir.resolve(".lag"));
      Files.deleteIfExists(dir);
    }
    assertThat(parser.inputs()).isGreaterThanOrEqualTo(TRIES);
    assertThat(files.inputs()).isGreaterThanOrEqualTo(FILE_TRIES);
    assertThat(parser.maxNanos()).isLessThan(5_000_000_000L);
  }
}
