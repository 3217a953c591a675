package io.github.litefs4j;

import java.net.URI;
import java.util.OptionalLong;

/**
 * A LiteFS node could not be reached, or a response or event stream broke off: connection refused,
 * reset, a request timeout, or a body that ended before its announced length. Usually transient:
 * retry later, or against another node.
 *
 * <p>For a truncated response ({@link #isTruncated()}), {@link #received()} says how many bytes
 * arrived (and were delivered to the caller's stream) and {@link #expected()} how many the node
 * announced.
 */
public class LiteFsConnectionException extends LiteFsException {
  private static final long serialVersionUID = 1L;

  private final URI uri;
  private final long received;
  private final long expected;

  /**
   * A failed connection or exchange.
   *
   * @param message what failed, naming the node
   * @param uri the request URI, or null
   * @param cause the underlying failure, or null
   */
  public LiteFsConnectionException(String message, URI uri, Throwable cause) {
    this(message, uri, -1, -1, cause);
  }

  /**
   * A response that broke off after {@code received} bytes.
   *
   * @param message what failed, naming the node
   * @param uri the request URI, or null
   * @param received bytes received before the failure, or -1 when not a truncated response
   * @param expected the announced length, or -1 when none was announced
   * @param cause the underlying failure, or null
   */
  public LiteFsConnectionException(
      String message, URI uri, long received, long expected, Throwable cause) {
    super(message, cause);
    this.uri = uri;
    this.received = received;
    this.expected = expected;
  }

  /**
   * The request URI.
   *
   * @return the URI, or null when the failure happened before a request existed
   */
  public URI uri() {
    return uri;
  }

  /**
   * Whether a response body broke off after part of it was received.
   *
   * @return true for a truncated response
   */
  public boolean isTruncated() {
    return received >= 0;
  }

  /**
   * Bytes of the body received (and passed on) before it broke off.
   *
   * @return the count, or empty when this is not a truncated response
   */
  public OptionalLong received() {
    return received < 0 ? OptionalLong.empty() : OptionalLong.of(received);
  }

  /**
   * The body length the node announced.
   *
   * @return the length, or empty when none was announced or this is not a truncated response
   */
  public OptionalLong expected() {
    return expected < 0 ? OptionalLong.empty() : OptionalLong.of(expected);
  }
}
