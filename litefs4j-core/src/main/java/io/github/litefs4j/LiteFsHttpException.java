package io.github.litefs4j;

import java.net.URI;

/**
 * A LiteFS node answered an HTTP request with an error status.
 *
 * <p>LiteFS answers errors with a plain-text body; it is kept in {@link #body()} (truncated to a
 * few KiB) and quoted in the message. Subclasses name the statuses that have a meaning of their own
 * for a given call.
 */
public class LiteFsHttpException extends LiteFsException {
  private static final long serialVersionUID = 1L;

  private final String method;
  private final URI uri;
  private final int status;
  private final String body;

  /**
   * Creates the exception.
   *
   * @param message what failed
   * @param method the HTTP method of the request
   * @param uri the request URI
   * @param status the HTTP status the node answered
   * @param body the response body, as text (may be empty)
   */
  public LiteFsHttpException(String message, String method, URI uri, int status, String body) {
    super(message);
    this.method = method;
    this.uri = uri;
    this.status = status;
    this.body = body == null ? "" : body;
  }

  /**
   * The HTTP method of the failed request.
   *
   * @return for example {@code GET}
   */
  public String method() {
    return method;
  }

  /**
   * The URI of the failed request.
   *
   * @return the request URI
   */
  public URI uri() {
    return uri;
  }

  /**
   * The HTTP status the node answered.
   *
   * @return the status code, for example 503
   */
  public int status() {
    return status;
  }

  /**
   * The body of the error response, as LiteFS wrote it (plain text, trimmed, possibly truncated).
   *
   * @return the body, never null
   */
  public String body() {
    return body;
  }
}
