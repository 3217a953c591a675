package io.github.litefs4j.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.litefs4j.reliability.CoreUnderTest.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzzes the read-your-writes token parsers with 10,000 generated inputs each (x100 with {@code
 * -Dlitefs4j.long=true}; see {@link Seeds}): {@code ReadYourWrites.Token.parse} (a token value)
 * against an oracle (exactly 16 ASCII hex digits), and {@code
 * ReadYourWrites.Token.fromCookieHeader} (a whole {@code Cookie} header) against the cookie the
 * header was built with; damaged headers (CR/LF, NUL, invalid characters, 64 KiB and longer) may
 * only give a token, nothing, or the refusal: exactly {@code IllegalArgumentException}, saying the
 * token is invalid or the header too long. A token written back ({@code setCookieHeader()}) never
 * holds anything but the cookie. The parsers are reached through {@link CoreUnderTest};
 * coverage-guided: {@link TokenJazzerTest}.
 */
class TokenFuzzTest {
  static final int TRIES = 10_000;
  private static final Pattern HEX16 = Pattern.compile("[0-9a-fA-F]{16}");
  private static final Pattern SET_COOKIE =
      Pattern.compile("__txid=[0-9a-f]{16}; Path=/; Max-Age=[0-9]+; HttpOnly");
  private static final InputMeter values =
      new InputMeter("TokenFuzzTest.ReadYourWrites.Token.parse");
  private static final InputMeter headers = new InputMeter("TokenFuzzTest.fromCookieHeader");

  /** Marks a header whose {@code __txid} value a correct parser refuses. */
  private static final Object REFUSED = new Object();

  static Stream<Seeds.Case> cases() {
    return Seeds.cases(TRIES);
  }

  static String value(int kind, Random r) {
    String valid = CoreUnderTest.tokenOf(r.nextLong()).value();
    return switch (kind) {
      case 0, 1 -> r.nextBoolean() ? valid : valid.toUpperCase(Locale.ROOT);
      case 2 -> valid.substring(0, r.nextInt(16));
      case 3 -> valid + Garbage.digits(r, 10);
      case 4 -> " " + valid;
      case 5 -> valid.substring(0, 8) + "\r\nSet-Cookie: admin=1" + valid.substring(8);
      case 6 ->
          valid.replace(valid.charAt(r.nextInt(16)), "\uff10\u0663\u0967".charAt(r.nextInt(3)));
      case 7 -> "-" + valid.substring(1);
      case 8 -> "0x" + valid.substring(2);
      default ->
          new String(Garbage.randomBytes(r, 40), java.nio.charset.StandardCharsets.ISO_8859_1);
    };
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void aTokenValueIsSixteenAsciiHexDigitsOrRefused(Seeds.Case inputs) {
    inputs.forEachInput((seed, r) -> valueIsSixteenHexDigitsOrRefused(r));
  }

  private static void valueIsSixteenHexDigitsOrRefused(Random r) {
    String value = value(r.nextInt(10), r);
    InputMeter.Outcome outcome = values.run(value.length(), () -> CoreUnderTest.parseToken(value));
    if (HEX16.matcher(value).matches()) {
      assertThat(outcome.thrown()).as("%s", Texts.printable(value)).isNull();
      Token token = (Token) outcome.value();
      assertThat(token.txid()).isEqualTo(Long.parseUnsignedLong(value, 16));
      assertThat(token.value()).isEqualTo(value.toLowerCase(Locale.ROOT));
      assertThat(SET_COOKIE.matcher(token.setCookieHeader()).matches()).isTrue();
    } else {
      assertThat(outcome.thrown())
          .as("%s", Texts.printable(value))
          .matches(
              CoreUnderTest::isInvalidToken,
              "is exactly IllegalArgumentException refusing the token");
      assertThat(outcome.thrown().getMessage()).doesNotContain("\r", "\n");
    }
  }

  /** A Cookie header built from cookies, and the token a correct parser finds in it. */
  record Header(String text, Object expected) {}

  static Header header(int kind, Random r) {
    List<String> cookies = new ArrayList<>();
    int others = r.nextInt(6);
    for (int i = 0; i < others; i++) {
      String name =
          switch (r.nextInt(4)) {
            case 0 -> "x__txid";
            case 1 -> "__txid_old";
            case 2 -> "session";
            default -> "c" + Garbage.digits(r, 4);
          };
      String value = r.nextInt(3) == 0 ? "__txid=0000000000000001" : Long.toHexString(r.nextLong());
      cookies.add(name + "=" + value);
    }
    Object expected = Optional.empty();
    if (kind < 7) {
      String value = value(kind % 10, r);
      boolean quoted = r.nextInt(4) == 0;
      String cookie =
          "__txid" + (r.nextBoolean() ? "=" : " = ") + (quoted ? "\"" + value + "\"" : value);
      if (!value.contains(";") && !value.contains("\"")) {
        cookies.add(r.nextInt(cookies.size() + 1), cookie);
        // White space around a value is not part of it; inside quotes it is (and is invalid).
        String stripped = quoted ? value : value.strip();
        expected =
            HEX16.matcher(stripped).matches()
                ? Optional.of(CoreUnderTest.parseToken(stripped))
                : REFUSED;
        if (r.nextInt(5) == 0) {
          cookies.add("__txid=ffffffffffffffff"); // a later duplicate: the first one counts
        }
      }
    }
    String sep = r.nextBoolean() ? "; " : ";";
    String text = String.join(sep, cookies);
    if (kind == 7) {
      text = text + "; " + "a".repeat(65_536); // longer than the parser reads
      expected = text.length() > 65_536 ? REFUSED : expected;
    } else if (kind == 8) {
      text =
          new String(
              Garbage.mutate(Garbage.utf8(text), r), java.nio.charset.StandardCharsets.ISO_8859_1);
      expected = null; // damaged: only the kind of outcome is checked
    } else if (kind == 9) {
      text = Garbage.text(r, r.nextInt(200)) + "\r\n__txid=" + Garbage.text(r, 16);
      expected = null;
    }
    return new Header(text, expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void aCookieHeaderGivesItsTokenNothingOrARefusal(Seeds.Case inputs) {
    inputs.forEachInput((seed, r) -> headerGivesItsTokenNothingOrRefusal(r));
  }

  private static void headerGivesItsTokenNothingOrRefusal(Random r) {
    Header header = header(r.nextInt(10), r);
    InputMeter.Outcome outcome =
        headers.run(
            header.text().length(), () -> CoreUnderTest.tokenFromCookieHeader(header.text()));
    if (outcome.thrown() != null) {
      assertThat(outcome.thrown())
          .as("%s", Texts.printable(header.text()))
          .matches(
              CoreUnderTest::isInvalidToken,
              "is exactly IllegalArgumentException refusing the token");
    } else {
      assertThat(outcome.value()).isInstanceOf(Optional.class);
    }
    if (header.expected() == REFUSED) {
      assertThat(outcome.thrown())
          .as("%s", Texts.printable(header.text()))
          .matches(CoreUnderTest::isInvalidToken, "is the refusal of the token");
    } else if (header.expected() != null) {
      assertThat(outcome.value())
          .as("%s", Texts.printable(header.text()))
          .isEqualTo(header.expected());
    }
  }

  @AfterAll
  static void report() {
    values.figures().put("runSeed", Seeds.hex(Seeds.runSeed())).report();
    headers.figures().report();
    assertThat(values.inputs()).isGreaterThanOrEqualTo(Seeds.inputs(TRIES));
    assertThat(headers.inputs()).isGreaterThanOrEqualTo(Seeds.inputs(TRIES));
    assertThat(Math.max(values.maxNanos(), headers.maxNanos())).isLessThan(5_000_000_000L);
  }
}
