package io.github.litefs4j;

import java.net.URI;

/**
 * A call that only the primary can serve reached a node that is not the primary: {@code POST
 * /import} answers HTTP 503 on a replica, {@code POST /handoff} fails on a replica. Send the call
 * to the primary ({@link NodeInfo#primaryHostname()} names it).
 */
public class NotPrimaryException extends LiteFsHttpException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed
   * @param method the HTTP method of the request
   * @param uri the request URI
   * @param status the HTTP status the node answered
   * @param body LiteFS's plain-text message
   */
  public NotPrimaryException(String message, String method, URI uri, int status, String body) {
    super(message, method, uri, status, body);
  }
}
