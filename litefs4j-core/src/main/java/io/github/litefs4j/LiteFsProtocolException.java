package io.github.litefs4j;

import java.net.URI;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * A LiteFS node sent something litefs4j cannot read: a malformed HTTP response, a malformed or
 * ended event stream, or an event line over the size limit. Points at a LiteFS version litefs4j
 * does not know, or something between litefs4j and the node (a proxy) that changes responses.
 */
public class LiteFsProtocolException extends LiteFsException {
  private static final long serialVersionUID = 1L;

  /** What could not be read. */
  public enum Reason {
    /** A response body that is not what the call expects (for example not the JSON of /info). */
    MALFORMED_RESPONSE,
    /**
     * The {@code /events} stream sent a line that is not an event, broke off in the middle of a
     * line, or ended (the node closed it: shutting down, or this subscriber fell too far behind).
     */
    EVENT_STREAM,
    /** An event line longer than the limit; see {@link #limit()}. */
    EVENT_TOO_LARGE
  }

  private final Reason reason;
  private final URI uri;
  private final String body;
  private final int limit;

  /**
   * Creates the exception.
   *
   * @param reason what could not be read
   * @param message what was read, quoted and shortened, naming the node
   * @param uri the request URI, or null
   * @param body the offending body or line (shortened), or null
   * @param limit the size limit that was exceeded, or -1
   * @param cause the parse failure, or null
   */
  public LiteFsProtocolException(
      Reason reason, String message, URI uri, String body, int limit, Throwable cause) {
    super(message, cause);
    this.reason = Objects.requireNonNull(reason, "reason");
    this.uri = uri;
    this.body = body == null ? "" : body;
    this.limit = limit;
  }

  /**
   * What could not be read.
   *
   * @return the reason
   */
  public Reason reason() {
    return reason;
  }

  /**
   * The request URI.
   *
   * @return the URI, or null if unknown
   */
  public URI uri() {
    return uri;
  }

  /**
   * The offending response body or event line, shortened.
   *
   * @return the text; empty if none is kept
   */
  public String body() {
    return body;
  }

  /**
   * The size limit an event line exceeded.
   *
   * @return the limit in bytes, for {@link Reason#EVENT_TOO_LARGE}; empty otherwise
   */
  public OptionalInt limit() {
    return limit < 0 ? OptionalInt.empty() : OptionalInt.of(limit);
  }
}
