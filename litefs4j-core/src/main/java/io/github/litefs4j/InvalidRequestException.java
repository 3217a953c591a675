package io.github.litefs4j;

import java.net.URI;

/**
 * The node rejected a request as malformed (HTTP 400), for example a missing database name or an
 * invalid node ID. litefs4j validates arguments before sending, so this usually means the node and
 * the library disagree about the API.
 */
public class InvalidRequestException extends LiteFsHttpException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed
   * @param method the HTTP method of the request
   * @param uri the request URI
   * @param status the HTTP status the node answered (400)
   * @param body LiteFS's plain-text message
   */
  public InvalidRequestException(String message, String method, URI uri, int status, String body) {
    super(message, method, uri, status, body);
  }
}
