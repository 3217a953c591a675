package io.github.litefs4j;

import java.net.URI;
import java.util.OptionalLong;

/**
 * A response body ended before all of it arrived: fewer bytes than the {@code Content-Length},
 * fewer than the SQLite header of an export announces, or the connection was reset mid-body. Data
 * written so far is incomplete and must not be used ({@link LiteFsClient#exportDatabase(String,
 * java.nio.file.Path)} deletes its temporary file).
 */
public class TruncatedResponseException extends LiteFsConnectionException {
  private static final long serialVersionUID = 1L;

  private final long received;
  private final long expected;

  /**
   * Creates the exception.
   *
   * @param message what failed, with the byte counts
   * @param uri the request URI
   * @param received the number of body bytes received
   * @param expected the number of bytes expected, or -1 if unknown
   * @param cause the I/O failure, or null if the body simply ended early
   */
  public TruncatedResponseException(
      String message, URI uri, long received, long expected, Throwable cause) {
    super(message, uri, cause);
    this.received = received;
    this.expected = expected;
  }

  /**
   * The number of body bytes received before the body ended: those written to the output.
   *
   * @return the count
   */
  public long received() {
    return received;
  }

  /**
   * The number of bytes the body should have had.
   *
   * @return the expected length, or empty if the body was cut before that was known
   */
  public OptionalLong expected() {
    return expected < 0 ? OptionalLong.empty() : OptionalLong.of(expected);
  }
}
