package io.github.litefs4j;

import java.net.URI;

/**
 * A LiteFS node answered with a success status but a body litefs4j cannot read (for example {@code
 * GET /info} returned something that is not the expected JSON object). The message quotes the body;
 * the cause is the parse failure.
 */
public class MalformedResponseException extends LiteFsException {
  private static final long serialVersionUID = 1L;

  private final URI uri;
  private final String body;

  /**
   * Creates the exception.
   *
   * @param message what failed, quoting the body
   * @param uri the request URI
   * @param body the response body (possibly truncated)
   * @param cause the parse failure, or null
   */
  public MalformedResponseException(String message, URI uri, String body, Throwable cause) {
    super(message, cause);
    this.uri = uri;
    this.body = body == null ? "" : body;
  }

  /**
   * The request URI.
   *
   * @return the URI that answered the malformed body
   */
  public URI uri() {
    return uri;
  }

  /**
   * The body that could not be read.
   *
   * @return the body, never null
   */
  public String body() {
    return body;
  }
}
