package io.github.litefs4j;

import io.github.litefs4j.internal.Texts;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A read-your-writes token: the TXID a client has seen written, carried between requests in the
 * {@code __txid} cookie exactly as the LiteFS proxy does (value: 16 lowercase hex digits), so an
 * application can mix the proxy and litefs4j.
 *
 * <p>Tokens come from clients and are untrusted: {@link #parse(String)} accepts exactly 16 ASCII
 * hex digits and rejects everything else with {@link InvalidTokenException}; the TXID in a token is
 * only ever waited on with a server-side cap ({@link ReadYourWrites}). A token is not signed: a
 * client can make up any TXID, which at worst makes its own request wait the capped time.
 *
 * <p>Immutable and thread-safe.
 *
 * @param txid the TXID, unsigned
 */
public record TxidToken(long txid) {

  /** The cookie name the LiteFS proxy uses: {@value}. */
  public static final String COOKIE_NAME = "__txid";

  /** The proxy's cookie lifetime: 5 minutes. */
  public static final Duration DEFAULT_COOKIE_MAX_AGE = Duration.ofMinutes(5);

  private static final int MAX_COOKIE_HEADER = 64 * 1024;

  /**
   * The token for a position (its TXID).
   *
   * @param position a position, typically read on the primary right after a write
   * @return the token
   */
  public static TxidToken of(Position position) {
    return new TxidToken(Objects.requireNonNull(position, "position").txid());
  }

  /**
   * Parses a token value (the {@code __txid} cookie value).
   *
   * @param value exactly 16 ASCII hex digits, upper or lower case
   * @return the token
   * @throws InvalidTokenException if the value is anything else; the message quotes it (escaped,
   *     truncated)
   */
  public static TxidToken parse(String value) {
    if (value == null) {
      throw new InvalidTokenException("read-your-writes token is missing (null)", null);
    }
    try {
      return new TxidToken(Position.parseTxid(value));
    } catch (IllegalArgumentException e) {
      throw new InvalidTokenException(
          "invalid read-your-writes token (expected 16 hex digits): " + Texts.quote(value), e);
    }
  }

  /**
   * Finds the {@code __txid} cookie in a {@code Cookie} request header value ({@code "a=1;
   * __txid=00000000000000a3"}). The first {@code __txid} cookie counts, as in Go's {@code
   * Request.Cookie} used by the proxy; one pair of surrounding double quotes is removed.
   *
   * @param cookieHeader the {@code Cookie} header value; null means no header
   * @return the token, or empty if there is no {@code __txid} cookie
   * @throws InvalidTokenException if the cookie is there but its value is not 16 hex digits, or the
   *     header is unreasonably long (over 64 KiB)
   */
  public static Optional<TxidToken> fromCookieHeader(String cookieHeader) {
    if (cookieHeader == null || cookieHeader.isEmpty()) {
      return Optional.empty();
    }
    if (cookieHeader.length() > MAX_COOKIE_HEADER) {
      throw new InvalidTokenException(
          "Cookie header too long to search for "
              + COOKIE_NAME
              + ": "
              + cookieHeader.length()
              + " chars",
          null);
    }
    int from = 0;
    while (from <= cookieHeader.length()) {
      int end = cookieHeader.indexOf(';', from);
      if (end < 0) {
        end = cookieHeader.length();
      }
      String pair = cookieHeader.substring(from, end).strip();
      int eq = pair.indexOf('=');
      if (eq > 0 && pair.substring(0, eq).strip().equals(COOKIE_NAME)) {
        String value = pair.substring(eq + 1).strip();
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
          value = value.substring(1, value.length() - 1);
        }
        return Optional.of(parse(value));
      }
      from = end + 1;
    }
    return Optional.empty();
  }

  /**
   * The token value: 16 lowercase hex digits, as the proxy writes it.
   *
   * @return for example {@code 00000000000000a3}
   */
  public String value() {
    return Position.formatHex16(txid);
  }

  /**
   * The position to wait for: this TXID (checksum 0; only the TXID is compared).
   *
   * @return the target position
   */
  public Position target() {
    return new Position(txid, 0);
  }

  /**
   * The {@code Set-Cookie} header value with the proxy's attributes and a 5-minute lifetime: {@code
   * __txid=<16 hex>; Path=/; Max-Age=300; HttpOnly}.
   *
   * @return the header value
   */
  public String setCookieHeader() {
    return setCookieHeader(DEFAULT_COOKIE_MAX_AGE);
  }

  /**
   * The {@code Set-Cookie} header value with the given lifetime: {@code __txid=<16 hex>; Path=/;
   * Max-Age=<seconds>; HttpOnly}. (The proxy writes {@code Expires}; browsers treat both alike.)
   *
   * @param maxAge the cookie lifetime, at least one second (fractions are cut)
   * @return the header value
   * @throws IllegalArgumentException if the lifetime is shorter than one second
   */
  public String setCookieHeader(Duration maxAge) {
    Objects.requireNonNull(maxAge, "maxAge");
    if (maxAge.getSeconds() < 1) {
      throw new IllegalArgumentException("cookie maxAge must be at least 1 second: " + maxAge);
    }
    return COOKIE_NAME + "=" + value() + "; Path=/; Max-Age=" + maxAge.getSeconds() + "; HttpOnly";
  }

  /**
   * The token value, as {@link #value()}.
   *
   * @return 16 lowercase hex digits
   */
  @Override
  public String toString() {
    return value();
  }
}
