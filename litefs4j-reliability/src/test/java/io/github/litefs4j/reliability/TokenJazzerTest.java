package io.github.litefs4j.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.litefs4j.reliability.CoreUnderTest.Token;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Coverage-guided fuzzing of the read-your-writes token parsers with Jazzer (inputs read as UTF-8).
 * Contract checked on every input: a token value is exactly 16 ASCII hex digits or refused with
 * exactly {@code IllegalArgumentException} saying the token is invalid (a message without CR/LF),
 * never another exception; a {@code Cookie} header gives a token, nothing (always when it has no
 * {@code __txid}), or that refusal (always when over 64 KiB); a token written back (its value, its
 * cookie) parses to itself.
 *
 * <p>Runs the seed corpus ({@code src/test/resources/.../TokenJazzerTestInputs}) in every test run;
 * fuzzes with {@code -Pfuzz} (see RELIABILITY.md).
 */
class TokenJazzerTest {
  private static final Pattern HEX16 = Pattern.compile("[0-9a-fA-F]{16}");
  private static final Pattern SET_COOKIE =
      Pattern.compile("__txid=[0-9a-f]{16}; Path=/; Max-Age=[0-9]+; HttpOnly");

  @FuzzTest(maxDuration = "30s")
  void aTokenValueIsSixteenHexDigitsOrRefused(byte[] bytes) {
    String value = new String(bytes, StandardCharsets.UTF_8);
    Token token;
    try {
      token = CoreUnderTest.parseToken(value);
    } catch (RuntimeException e) {
      assertThat(HEX16.matcher(value).matches()).as("refused %s", Texts.printable(value)).isFalse();
      assertThat(e)
          .matches(
              CoreUnderTest::isInvalidToken,
              "is exactly IllegalArgumentException refusing the token");
      assertThat(e.getMessage()).doesNotContain("\r", "\n");
      return;
    }
    assertThat(HEX16.matcher(value).matches()).as("accepted %s", Texts.printable(value)).isTrue();
    assertThat(token.txid()).isEqualTo(Long.parseUnsignedLong(value, 16));
    assertThat(token.value()).isEqualTo(value.toLowerCase(Locale.ROOT));
    assertWritesBack(token);
  }

  @FuzzTest(maxDuration = "30s")
  void aCookieHeaderGivesItsTokenNothingOrARefusal(byte[] bytes) {
    String header = new String(bytes, StandardCharsets.UTF_8);
    Optional<Token> token;
    try {
      token = CoreUnderTest.tokenFromCookieHeader(header);
    } catch (RuntimeException e) {
      assertThat(e)
          .as("%s", Texts.printable(header))
          .matches(
              CoreUnderTest::isInvalidToken,
              "is exactly IllegalArgumentException refusing the token");
      assertThat(header.length() > 65_536 || header.contains("__txid"))
          .as("refused a header without __txid: %s", Texts.printable(header))
          .isTrue();
      return;
    }
    assertThat(header.length()).as("a header over 64 KiB is refused").isLessThanOrEqualTo(65_536);
    if (!header.contains("__txid")) {
      assertThat(token).as("%s", Texts.printable(header)).isEmpty();
    }
    token.ifPresent(TokenJazzerTest::assertWritesBack);
  }

  private static void assertWritesBack(Token token) {
    assertThat(SET_COOKIE.matcher(token.setCookieHeader()).matches()).isTrue();
    assertThat(CoreUnderTest.parseToken(token.value())).isEqualTo(token);
    String cookie = token.setCookieHeader().substring(0, token.setCookieHeader().indexOf(';'));
    assertThat(CoreUnderTest.tokenFromCookieHeader("a=1; " + cookie)).contains(token);
  }
}
