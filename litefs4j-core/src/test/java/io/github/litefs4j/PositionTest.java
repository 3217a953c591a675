package io.github.litefs4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PositionTest {

  @Test
  void parsesThePosFileFormatWithItsNewline() {
    Position p = Position.parse("0000000000000002/e058fdf3a0a5272f\n");
    assertThat(p.txid()).isEqualTo(2);
    assertThat(p.checksum()).isEqualTo(Long.parseUnsignedLong("e058fdf3a0a5272f", 16));
  }

  @Test
  void parsesWithoutNewlineAndInUpperCase() {
    assertThat(Position.parse("00000000000000FF/00000000000000AB"))
        .isEqualTo(new Position(255, 171));
  }

  @Test
  void formatsExactlyAsThePosFileWithoutNewline() {
    Position p = new Position(2, Long.parseUnsignedLong("e058fdf3a0a5272f", 16));
    assertThat(p.toString()).isEqualTo("0000000000000002/e058fdf3a0a5272f");
    assertThat(p.txidHex()).isEqualTo("0000000000000002");
    assertThat(p.checksumHex()).isEqualTo("e058fdf3a0a5272f");
  }

  @Test
  void roundTripsTheFullUnsignedRange() {
    Position max = new Position(-1L, Long.MIN_VALUE);
    assertThat(max.toString()).isEqualTo("ffffffffffffffff/8000000000000000");
    assertThat(Position.parse(max.toString())).isEqualTo(max);
    assertThat(Position.parse(max + "\n")).isEqualTo(max);
  }

  @Test
  void comparesTxidsAsUnsignedNumbers() {
    Position high = new Position(Long.parseUnsignedLong("8000000000000000", 16), 0);
    Position low = new Position(1, 0);
    assertThat(high.isAtLeast(low)).isTrue();
    assertThat(low.isAtLeast(high)).isFalse();
    assertThat(high).isGreaterThan(low);
  }

  @Test
  void isAtLeastIgnoresTheChecksumButEqualityDoesNot() {
    Position a = new Position(7, 1);
    Position b = new Position(7, 2);
    assertThat(a.isAtLeast(b)).isTrue();
    assertThat(b.isAtLeast(a)).isTrue();
    assertThat(a).isNotEqualTo(b);
    assertThat(a.compareTo(b)).isNegative();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "\n",
        "0000000000000002/e058fdf3a0a5272f\n\n",
        "0000000000000002/e058fdf3a0a5272",
        "000000000000002/e058fdf3a0a5272f0",
        "0000000000000002:e058fdf3a0a5272f",
        "0000000000000002/e058fdf3a0a5272g",
        " 000000000000002/e058fdf3a0a5272f",
        "+000000000000002/e058fdf3a0a5272f",
        "0000000000000002/e058fdf3a0a5272f\r",
        "0000000000000002/e058fdf3a0a5272f\r\n",
        // Arabic-Indic digit three and a fullwidth 'A': Character.digit would accept them
        "000000000000000\u0663/e058fdf3a0a5272f",
        "000000000000000\uff21/e058fdf3a0a5272f"
      })
  void rejectsAnythingElseQuotingIt(String text) {
    assertThatThrownBy(() -> Position.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a LiteFS position");
  }

  @Test
  void errorMessagesEscapeControlCharacters() {
    assertThatThrownBy(() -> Position.parse("0000000000000002/e058fdf3a0a5272\r"))
        .hasMessageContaining("\\r")
        .hasMessageNotContaining("\r");
  }

  @Test
  void parsesTxidsOfSixteenHexDigitsOnly() {
    assertThat(Position.parseTxid("00000000000000a3")).isEqualTo(0xa3);
    assertThat(Position.parseTxid("FFFFFFFFFFFFFFFF")).isEqualTo(-1L);
    assertThatThrownBy(() -> Position.parseTxid("a3")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Position.parseTxid("00000000000000a3\n"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Position.parseTxid("-0000000000000a3"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void formatsHexWithLeadingZeros() {
    assertThat(Position.formatHex16(0)).isEqualTo("0000000000000000");
    assertThat(Position.formatHex16(0xabc)).isEqualTo("0000000000000abc");
    assertThat(Position.formatHex16(-1L)).isEqualTo("ffffffffffffffff");
  }
}
