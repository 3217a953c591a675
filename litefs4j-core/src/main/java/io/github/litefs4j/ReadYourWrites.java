package io.github.litefs4j;

import io.github.litefs4j.spi.Texts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Read-your-writes across nodes, compatible with the LiteFS proxy's {@code __txid} cookie.
 *
 * <p>After a write on the primary, {@link #tokenAfterWrite()} reads the database's position and
 * gives a {@link Token} to hand to the client (for example with {@link Token#setCookieHeader()}).
 * When the client's next read lands on any node, {@link #awaitToken(Token)} waits until that node
 * has applied the token's TXID, for at most the configured {@linkplain Builder#maxWait(Duration)
 * maximum wait} (default 5 s, as the proxy): the cap is applied on the server, so no token and no
 * requested timeout can make a request wait longer. Malformed tokens are rejected with {@link
 * IllegalArgumentException}, never waited on.
 *
 * <pre>{@code
 * ReadYourWrites ryw = ReadYourWrites.builder(Path.of("/litefs/app.db"))
 *     .maxWait(Duration.ofSeconds(2))
 *     .waiter(waiter)                      // optional: an event-driven PositionWaiter
 *     .build();
 *
 * // on the primary, after the write committed:
 * response.addHeader("Set-Cookie", ryw.tokenAfterWrite().setCookieHeader());
 *
 * // on any node, before serving a read:
 * try {
 *   ryw.awaitCookieHeader(request.getHeader("Cookie"));   // no cookie: returns at once
 * } catch (PositionTimeoutException e) {
 *   response.sendError(504);                              // as the proxy does
 * } catch (IllegalArgumentException e) {
 *   response.sendError(400);
 * }
 * }</pre>
 *
 * <p>Only the TXID is compared; see {@link PositionWaiter} for what that means after a failover.
 * Immutable and thread-safe; the waiter it uses is not closed by it.
 */
public final class ReadYourWrites {
  /** The default cap on a wait: 5 seconds, the proxy's poll timeout. */
  public static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(5);

  private final Path database;
  private final Duration maxWait;
  private final PositionWaiter waiter;

  private ReadYourWrites(Builder builder) {
    this.database = builder.database;
    this.maxWait = builder.maxWait;
    this.waiter = builder.waiter;
  }

  /**
   * A builder for the database whose position tracks writes (the proxy's {@code proxy.db}).
   *
   * @param database the database path in the LiteFS mount, for example {@code /litefs/app.db}
   * @return a new builder
   */
  public static Builder builder(Path database) {
    return new Builder(database);
  }

  /**
   * The tracked database.
   *
   * @return the database path
   */
  public Path database() {
    return database;
  }

  /**
   * The cap on every wait.
   *
   * @return the maximum wait
   */
  public Duration maxWait() {
    return maxWait;
  }

  /**
   * The token for the database's current position on this node. Call it on the primary after the
   * write committed. (On a replica it names what this replica has applied, which is still a valid
   * token.)
   *
   * @return the token
   * @throws LiteFsMountException DATABASE_NOT_FOUND if the database does not exist on this node
   * @throws LiteFsMountException NOT_A_MOUNT if the database's directory is not a LiteFS mount
   * @throws LiteFsMountException MALFORMED_FILE if the {@code -pos} file does not hold a position
   */
  public Token tokenAfterWrite() {
    return Token.of(LiteFS.position(database));
  }

  /**
   * Waits, for at most the configured maximum, until this node has applied the token's TXID.
   *
   * @param token the client's token
   * @return the database's position, at or past the token
   * @throws PositionTimeoutException if the cap expires first (a web application answers 504)
   * @throws LiteFsInterruptedException if the thread is interrupted (the flag is set again)
   */
  public Position awaitToken(Token token) {
    return awaitToken(token, maxWait);
  }

  /**
   * Waits until this node has applied the token's TXID, for at most {@code requested} or the
   * configured maximum, whichever is shorter: a requested wait cannot exceed the cap.
   *
   * @param token the client's token
   * @param requested the wait the caller asks for; positive
   * @return the database's position, at or past the token
   * @throws PositionTimeoutException if the (capped) wait expires first; its {@link
   *     PositionTimeoutException#timeout()} is the capped wait
   * @throws IllegalArgumentException if {@code requested} is not positive
   */
  public Position awaitToken(Token token, Duration requested) {
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(requested, "requested");
    if (requested.isNegative() || requested.isZero()) {
      throw new IllegalArgumentException("timeout must be positive: " + requested);
    }
    Duration wait = requested.compareTo(maxWait) < 0 ? requested : maxWait;
    return waiter.await(database, token.target(), wait);
  }

  /**
   * Parses a token value (the {@code __txid} cookie value) and waits for it, capped.
   *
   * @param tokenValue the cookie value
   * @return the database's position, at or past the token
   * @throws IllegalArgumentException if the value is not 16 hex digits (nothing is waited on)
   * @throws PositionTimeoutException if the cap expires first
   */
  public Position awaitToken(String tokenValue) {
    return awaitToken(Token.parse(tokenValue));
  }

  /**
   * Finds the {@code __txid} cookie in a {@code Cookie} header value and, if present, waits for it,
   * capped. Without the cookie it returns at once, as the proxy serves such reads directly.
   *
   * @param cookieHeader the {@code Cookie} request header value, or null
   * @return the position reached, or empty if there was no {@code __txid} cookie
   * @throws IllegalArgumentException if the cookie's value is not 16 hex digits (nothing is waited
   *     on)
   * @throws PositionTimeoutException if the cap expires first
   */
  public Optional<Position> awaitCookieHeader(String cookieHeader) {
    return Token.fromCookieHeader(cookieHeader).map(this::awaitToken);
  }

  @Override
  public String toString() {
    return "ReadYourWrites[" + database + ", maxWait " + maxWait + ", " + waiter + "]";
  }

  /** Builds {@link ReadYourWrites}. Not thread-safe; {@link #build()} copies the configuration. */
  public static final class Builder {
    private final Path database;
    private Duration maxWait = DEFAULT_MAX_WAIT;
    private PositionWaiter waiter = PositionWaiter.polling();

    private Builder(Path database) {
      this.database = Objects.requireNonNull(database, "database");
      if (database.getFileName() == null) {
        throw new IllegalArgumentException("not a database path (no file name): " + database);
      }
    }

    /**
     * The cap on every wait. Default 5 s.
     *
     * @param maxWait a positive duration
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder maxWait(Duration maxWait) {
      Objects.requireNonNull(maxWait, "maxWait");
      if (maxWait.isNegative() || maxWait.isZero()) {
        throw new IllegalArgumentException("maxWait must be positive: " + maxWait);
      }
      this.maxWait = maxWait;
      return this;
    }

    /**
     * The waiter to use. Default {@link PositionWaiter#polling()}; pass an event-driven one ({@link
     * PositionWaiter#withEvents(LiteFsClient)}) to avoid polling. The waiter is not closed by
     * {@link ReadYourWrites}.
     *
     * @param waiter the waiter
     * @return this builder
     */
    public Builder waiter(PositionWaiter waiter) {
      this.waiter = Objects.requireNonNull(waiter, "waiter");
      return this;
    }

    /**
     * Builds the instance.
     *
     * @return an immutable instance
     */
    public ReadYourWrites build() {
      return new ReadYourWrites(this);
    }
  }

  /**
   * A read-your-writes token: the TXID a client has seen written, carried between requests in the
   * {@code __txid} cookie exactly as the LiteFS proxy does (value: 16 lowercase hex digits), so an
   * application can mix the proxy and litefs4j.
   *
   * <p>Tokens come from clients and are untrusted: {@link #parse(String)} accepts exactly 16 ASCII
   * hex digits and rejects everything else with {@link IllegalArgumentException}; the TXID in a
   * token is only ever waited on with a server-side cap ({@link ReadYourWrites}). A token is not
   * signed: a client can make up any TXID, which at worst makes its own request wait the capped
   * time.
   *
   * <p>Immutable and thread-safe.
   *
   * @param txid the TXID, unsigned
   */
  public record Token(long txid) {

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
    public static Token of(Position position) {
      return new Token(Objects.requireNonNull(position, "position").txid());
    }

    /**
     * Parses a token value (the {@code __txid} cookie value).
     *
     * @param value exactly 16 ASCII hex digits, upper or lower case
     * @return the token
     * @throws IllegalArgumentException if the value is anything else; the message quotes it
     *     (escaped, truncated)
     */
    public static Token parse(String value) {
      if (value == null) {
        throw new IllegalArgumentException("read-your-writes token is missing (null)");
      }
      try {
        return new Token(Position.parseTxid(value));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
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
     * @throws IllegalArgumentException if the cookie is there but its value is not 16 hex digits,
     *     or the header is unreasonably long (over 64 KiB)
     */
    public static Optional<Token> fromCookieHeader(String cookieHeader) {
      if (cookieHeader == null || cookieHeader.isEmpty()) {
        return Optional.empty();
      }
      if (cookieHeader.length() > MAX_COOKIE_HEADER) {
        throw new IllegalArgumentException(
            "Cookie header too long to search for "
                + COOKIE_NAME
                + ": "
                + cookieHeader.length()
                + " chars");
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
     * The {@code Set-Cookie} header value with the proxy's attributes and a 5-minute lifetime:
     * {@code __txid=<16 hex>; Path=/; Max-Age=300; HttpOnly}.
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
      return COOKIE_NAME
          + "="
          + value()
          + "; Path=/; Max-Age="
          + maxAge.getSeconds()
          + "; HttpOnly";
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
}
