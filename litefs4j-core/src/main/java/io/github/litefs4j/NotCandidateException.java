package io.github.litefs4j;

import java.net.URI;

/**
 * {@code POST /promote} reached a node that is not a candidate for the primary lease (HTTP 409,
 * "not eligible to become primary"): its configuration says {@code lease.candidate: false}.
 */
public class NotCandidateException extends LiteFsHttpException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed
   * @param method the HTTP method of the request
   * @param uri the request URI
   * @param status the HTTP status the node answered (409)
   * @param body LiteFS's plain-text message
   */
  public NotCandidateException(String message, String method, URI uri, int status, String body) {
    super(message, method, uri, status, body);
  }
}
