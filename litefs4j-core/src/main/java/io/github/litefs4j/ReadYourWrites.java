package io.github.litefs4j;

import io.github.litefs4j.internal.PosFile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Read-your-writes across nodes, compatible with the LiteFS proxy's {@code __txid} cookie.
 *
 * <p>After a write on the primary, {@link #tokenAfterWrite()} reads the database's position and
 * gives a {@link TxidToken} to hand to the client (for example with {@link
 * TxidToken#setCookieHeader()}). When the client's next read lands on any node, {@link
 * #awaitToken(TxidToken)} waits until that node has applied the token's TXID, for at most the
 * configured {@linkplain Builder#maxWait(Duration) maximum wait} (default 5 s, as the proxy): the
 * cap is applied on the server, so no token and no requested timeout can make a request wait
 * longer. Malformed tokens are rejected with {@link InvalidTokenException}, never waited on.
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
 * } catch (InvalidTokenException e) {
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
   * @throws DatabaseNotFoundException if the database does not exist on this node
   * @throws NotLiteFsMountException if the database's directory is not a LiteFS mount
   * @throws MalformedFileException if the {@code -pos} file does not hold a position
   */
  public TxidToken tokenAfterWrite() {
    return TxidToken.of(PosFile.read(database));
  }

  /**
   * Waits, for at most the configured maximum, until this node has applied the token's TXID.
   *
   * @param token the client's token
   * @return the database's position, at or past the token
   * @throws PositionTimeoutException if the cap expires first (a web application answers 504)
   * @throws LiteFsInterruptedException if the thread is interrupted (the flag is set again)
   */
  public Position awaitToken(TxidToken token) {
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
  public Position awaitToken(TxidToken token, Duration requested) {
    Objects.requireNonNull(token, "token");
    PositionWaiter.requirePositive(requested);
    Duration wait = requested.compareTo(maxWait) < 0 ? requested : maxWait;
    return waiter.await(database, token.target(), wait);
  }

  /**
   * Parses a token value (the {@code __txid} cookie value) and waits for it, capped.
   *
   * @param tokenValue the cookie value
   * @return the database's position, at or past the token
   * @throws InvalidTokenException if the value is not 16 hex digits (nothing is waited on)
   * @throws PositionTimeoutException if the cap expires first
   */
  public Position awaitToken(String tokenValue) {
    return awaitToken(TxidToken.parse(tokenValue));
  }

  /**
   * Finds the {@code __txid} cookie in a {@code Cookie} header value and, if present, waits for it,
   * capped. Without the cookie it returns at once, as the proxy serves such reads directly.
   *
   * @param cookieHeader the {@code Cookie} request header value, or null
   * @return the position reached, or empty if there was no {@code __txid} cookie
   * @throws InvalidTokenException if the cookie's value is not 16 hex digits (nothing is waited on)
   * @throws PositionTimeoutException if the cap expires first
   */
  public Optional<Position> awaitCookieHeader(String cookieHeader) {
    return TxidToken.fromCookieHeader(cookieHeader).map(this::awaitToken);
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
      PosFile.of(database);
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
}
