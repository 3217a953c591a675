package io.github.litefs4j;

import java.net.URI;

/**
 * A LiteFS node could not be reached or the connection broke: refused, reset, timed out, or the
 * response ended early. The cause holds the underlying {@link java.io.IOException}.
 */
public class LiteFsConnectionException extends LiteFsException {
  private static final long serialVersionUID = 1L;

  private final URI uri;

  /**
   * Creates the exception.
   *
   * @param message what failed
   * @param uri the URI that was being requested
   * @param cause the underlying I/O failure
   */
  public LiteFsConnectionException(String message, URI uri, Throwable cause) {
    super(message, cause);
    this.uri = uri;
  }

  /**
   * The URI that was being requested.
   *
   * @return the request URI
   */
  public URI uri() {
    return uri;
  }
}
