package io.github.litefs4j;

import io.github.litefs4j.spi.Texts;
import java.util.Objects;

/**
 * A database's replication position: the transaction ID (TXID) and the database checksum after that
 * transaction was applied, as LiteFS writes them to the {@code <db>-pos} file and sends them in
 * {@code tx} events.
 *
 * <p>Both numbers are unsigned 64-bit values; they are formatted as 16 lowercase hex digits,
 * exactly as in the {@code -pos} file ({@code 0000000000000002/e058fdf3a0a5272f}).
 *
 * <p>Ordering: positions are ordered by TXID, compared as unsigned numbers, then by checksum (only
 * to stay consistent with {@link #equals}; the checksum carries no order). TXIDs can repeat after a
 * failover (a new primary may reuse a TXID with different content), so {@link #equals} compares the
 * whole position, and "reached" ({@link #isAtLeast}) is about the TXID alone: treat it as "this
 * node has applied at least as many transactions", not as proof of identical content.
 *
 * @param txid the transaction ID, unsigned
 * @param checksum the post-apply checksum of the database, unsigned
 */
public record Position(long txid, long checksum) implements Comparable<Position> {

  /** The position of a database with no transactions: TXID 0, checksum 0. */
  public static final Position ZERO = new Position(0, 0);

  /**
   * Parses a position in the {@code -pos} file format, {@code %016x/%016x}, with an optional
   * trailing newline. Hex digits may be upper or lower case (ASCII only); nothing else is accepted:
   * no sign, no white space other than the one trailing newline, no shorter or longer numbers.
   *
   * @param text the text to parse
   * @return the position
   * @throws IllegalArgumentException if the text is not in that format; the message quotes it
   */
  public static Position parse(CharSequence text) {
    Objects.requireNonNull(text, "text");
    int end = text.length();
    if (end > 0 && text.charAt(end - 1) == '\n') {
      end--;
    }
    if (end != 33 || text.charAt(16) != '/') {
      throw new IllegalArgumentException(
          "not a LiteFS position (expected 16 hex digits, '/', 16 hex digits): "
              + Texts.quote(text));
    }
    return new Position(parseHex16(text, 0), parseHex16(text, 17));
  }

  /**
   * Parses a TXID written as 16 hex digits, as in {@code tx} events and the {@code __txid} cookie.
   *
   * @param text exactly 16 ASCII hex digits, upper or lower case
   * @return the TXID as an unsigned long
   * @throws IllegalArgumentException if the text is not 16 hex digits; the message quotes it
   */
  public static long parseTxid(CharSequence text) {
    Objects.requireNonNull(text, "text");
    if (text.length() != 16) {
      throw new IllegalArgumentException(
          "not a TXID (expected 16 hex digits): " + Texts.quote(text));
    }
    return parseHex16(text, 0);
  }

  /**
   * Formats a TXID (or checksum) as 16 lowercase hex digits.
   *
   * @param value an unsigned 64-bit value
   * @return 16 lowercase hex digits
   */
  public static String formatHex16(long value) {
    String hex = Long.toHexString(value);
    return "0".repeat(16 - hex.length()) + hex;
  }

  private static long parseHex16(CharSequence text, int from) {
    long value = 0;
    for (int i = from; i < from + 16; i++) {
      int digit = hexDigit(text.charAt(i));
      if (digit < 0) {
        throw new IllegalArgumentException(
            "not a LiteFS position or TXID (bad hex digit at index "
                + i
                + "): "
                + Texts.quote(text));
      }
      value = (value << 4) | digit;
    }
    return value;
  }

  /** The value of an ASCII hex digit, or -1 (Character.digit would accept non-ASCII digits). */
  private static int hexDigit(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }

  /**
   * The TXID as 16 lowercase hex digits.
   *
   * @return the TXID in the format LiteFS uses
   */
  public String txidHex() {
    return formatHex16(txid);
  }

  /**
   * The checksum as 16 lowercase hex digits.
   *
   * @return the checksum in the format LiteFS uses
   */
  public String checksumHex() {
    return formatHex16(checksum);
  }

  /**
   * Whether this position's TXID is at least the other's (unsigned comparison). See the class
   * description for what this means after a failover.
   *
   * @param other the position to compare with
   * @return true if {@code txid() >= other.txid()} as unsigned numbers
   */
  public boolean isAtLeast(Position other) {
    return Long.compareUnsigned(txid, other.txid) >= 0;
  }

  @Override
  public int compareTo(Position other) {
    int byTxid = Long.compareUnsigned(txid, other.txid);
    return byTxid != 0 ? byTxid : Long.compareUnsigned(checksum, other.checksum);
  }

  /**
   * The position in the {@code -pos} file format, without newline: {@code %016x/%016x}.
   *
   * @return for example {@code 0000000000000002/e058fdf3a0a5272f}
   */
  @Override
  public String toString() {
    return txidHex() + "/" + checksumHex();
  }
}
