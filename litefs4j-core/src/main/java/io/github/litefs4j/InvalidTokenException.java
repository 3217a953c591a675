package io.github.litefs4j;

/**
 * A read-your-writes token (the {@code __txid} cookie value) is not 16 hex digits. Such a token is
 * rejected, never waited on; a web application typically answers 400 or ignores the cookie. The
 * message quotes the token (escaped and truncated).
 */
public class InvalidTokenException extends LiteFsException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what was wrong, quoting the token
   * @param cause the parse failure, or null
   */
  public InvalidTokenException(String message, Throwable cause) {
    super(message, cause);
  }
}
