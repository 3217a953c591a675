package io.github.litefs4j;

import java.net.URI;

/**
 * The node knows no primary right now (HTTP 500 "no primary is currently available" from {@code
 * POST /promote}): the cluster may be electing one, or this replica is disconnected. Retry later.
 */
public class NoPrimaryException extends LiteFsHttpException {
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
  public NoPrimaryException(String message, String method, URI uri, int status, String body) {
    super(message, method, uri, status, body);
  }
}
