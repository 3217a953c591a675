package io.github.litefs4j.spring.internal;

import io.github.litefs4j.LiteFsMountException;
import io.github.litefs4j.ReadYourWrites;
import java.time.Duration;
import java.util.Optional;

/**
 * The {@code __txid} cookie in the LiteFS proxy's format ({@code __txid=<16 lowercase hex>; Path=/;
 * Max-Age=<s>; HttpOnly}), so that the proxy and the starter understand each other's cookies. The
 * one file of the starter that knows core's token type. Immutable; thread-safe.
 */
public final class TxidCookies {
  private final ReadYourWrites readYourWrites;
  private final Duration maxAge;

  /**
   * Creates the cookie maker.
   *
   * @param readYourWrites reads the tracked database's position
   * @param maxAge the cookie's lifetime, at least one second
   * @throws IllegalArgumentException if the lifetime is shorter than one second
   */
  public TxidCookies(ReadYourWrites readYourWrites, Duration maxAge) {
    this.readYourWrites = readYourWrites;
    this.maxAge = maxAge;
    if (maxAge.getSeconds() < 1) {
      throw new IllegalArgumentException(
          "litefs.read-your-writes.cookie-max-age must be at least 1 second: " + maxAge);
    }
  }

  /** The cookie's name, {@value}. */
  public static final String NAME = ReadYourWrites.Token.COOKIE_NAME;

  /**
   * The {@code Set-Cookie} value for this node's current position: call it right after a write.
   *
   * @return the header value, or empty if the database does not exist here yet
   */
  public Optional<String> afterWrite() {
    try {
      return Optional.of(readYourWrites.tokenAfterWrite().setCookieHeader(maxAge));
    } catch (LiteFsMountException e) {
      if (e.reason() == LiteFsMountException.Reason.DATABASE_NOT_FOUND) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /**
   * A {@code Set-Cookie} value that deletes the cookie (sent with the 400 for a malformed one).
   *
   * @return the header value
   */
  public static String expired() {
    return NAME + "=; Path=/; Max-Age=0; HttpOnly";
  }

  /**
   * The cookie value a {@code Set-Cookie} header value carries, for tests and logs.
   *
   * @param setCookie a header value made by {@link #afterWrite()}
   * @return the TXID as an unsigned number
   * @throws IllegalArgumentException if it is not such a value
   */
  public static long txidOf(String setCookie) {
    String prefix = NAME + "=";
    int end = setCookie.indexOf(';');
    if (!setCookie.startsWith(prefix) || end < 0) {
      throw new IllegalArgumentException("not a " + NAME + " cookie: " + setCookie);
    }
    return ReadYourWrites.Token.parse(setCookie.substring(prefix.length(), end)).txid();
  }
}
