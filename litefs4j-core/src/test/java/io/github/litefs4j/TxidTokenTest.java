package io.github.litefs4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TxidTokenTest {

  @Test
  void valueIsSixteenLowercaseHexDigitsAsTheProxyWritesIt() {
    ReadYourWrites.Token token = ReadYourWrites.Token.of(new Position(0xa3, 0x1234));
    assertThat(token.value()).isEqualTo("00000000000000a3");
    assertThat(token.toString()).isEqualTo("00000000000000a3");
    assertThat(token.target()).isEqualTo(new Position(0xa3, 0));
  }

  @Test
  void setCookieHeaderMatchesTheProxysCookie() {
    ReadYourWrites.Token token = new ReadYourWrites.Token(0xa3);
    assertThat(token.setCookieHeader())
        .isEqualTo("__txid=00000000000000a3; Path=/; Max-Age=300; HttpOnly");
    assertThat(token.setCookieHeader(Duration.ofSeconds(90)))
        .isEqualTo("__txid=00000000000000a3; Path=/; Max-Age=90; HttpOnly");
  }

  @Test
  void setCookieHeaderRejectsLifetimesUnderOneSecond() {
    ReadYourWrites.Token token = new ReadYourWrites.Token(1);
    assertThatThrownBy(() -> token.setCookieHeader(Duration.ofMillis(999)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PT0.999S");
    assertThatThrownBy(() -> token.setCookieHeader(Duration.ofSeconds(-5)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void parsesTheProxysCookieValueAndUpperCase() {
    assertThat(ReadYourWrites.Token.parse("00000000000000a3").txid()).isEqualTo(0xa3);
    assertThat(ReadYourWrites.Token.parse("FFFFFFFFFFFFFFFF").txid()).isEqualTo(-1L);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "a3",
        "00000000000000a3 ",
        " 00000000000000a3",
        "00000000000000a3\n",
        "00000000000000a3\r\nSet-Cookie: x=1",
        "000000000000000a3",
        "0x000000000000a3",
        "-00000000000000a",
        "00000000000000g3",
        "000000000000000\u0663",
        "%30000000000000a3"
      })
  void rejectsMalformedTokensQuotingThemEscaped(String value) {
    assertThatThrownBy(() -> ReadYourWrites.Token.parse(value))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("invalid read-your-writes token")
        .hasMessageNotContaining("\r")
        .hasMessageNotContaining("\n");
  }

  @Test
  void rejectsNull() {
    assertThatThrownBy(() -> ReadYourWrites.Token.parse(null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void longTokensAreTruncatedInTheMessage() {
    String huge = "a".repeat(10_000);
    assertThatThrownBy(() -> ReadYourWrites.Token.parse(huge))
        .isInstanceOf(IllegalArgumentException.class)
        .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(400).contains("10000 chars"));
  }

  @Test
  void findsTheCookieAmongOthers() {
    assertThat(ReadYourWrites.Token.fromCookieHeader("a=1; __txid=00000000000000a3; b=2"))
        .contains(new ReadYourWrites.Token(0xa3));
    assertThat(ReadYourWrites.Token.fromCookieHeader("__txid=00000000000000a4"))
        .contains(new ReadYourWrites.Token(0xa4));
    assertThat(ReadYourWrites.Token.fromCookieHeader("  __txid = 00000000000000a5 ;"))
        .contains(new ReadYourWrites.Token(0xa5));
  }

  @Test
  void acceptsAQuotedValueAsGoDoes() {
    assertThat(ReadYourWrites.Token.fromCookieHeader("__txid=\"00000000000000a3\""))
        .contains(new ReadYourWrites.Token(0xa3));
  }

  @Test
  void theFirstTxidCookieCounts() {
    assertThat(
            ReadYourWrites.Token.fromCookieHeader(
                "__txid=0000000000000001; __txid=0000000000000009"))
        .contains(new ReadYourWrites.Token(1));
  }

  @Test
  void noCookieMeansNoToken() {
    assertThat(ReadYourWrites.Token.fromCookieHeader(null)).isEmpty();
    assertThat(ReadYourWrites.Token.fromCookieHeader("")).isEmpty();
    assertThat(ReadYourWrites.Token.fromCookieHeader("a=1; b=2")).isEmpty();
    assertThat(ReadYourWrites.Token.fromCookieHeader("x__txid=00000000000000a3")).isEmpty();
    assertThat(ReadYourWrites.Token.fromCookieHeader("__txidx=00000000000000a3")).isEmpty();
  }

  @Test
  void aMalformedTxidCookieIsRejectedNotIgnored() {
    assertThatThrownBy(() -> ReadYourWrites.Token.fromCookieHeader("a=1; __txid=zzz"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"zzz\"");
    assertThatThrownBy(() -> ReadYourWrites.Token.fromCookieHeader("__txid="))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anUnreasonablyLongCookieHeaderIsRejected() {
    String header = "a=" + "x".repeat(70_000) + "; __txid=00000000000000a3";
    assertThatThrownBy(() -> ReadYourWrites.Token.fromCookieHeader(header))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("too long");
  }
}
