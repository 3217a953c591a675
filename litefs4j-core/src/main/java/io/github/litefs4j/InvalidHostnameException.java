package io.github.litefs4j;

/**
 * A primary hostname cannot be put into a {@code fly-replay} header: it is empty, too long, or
 * holds a character outside letters, digits, {@code '.'}, {@code '-'} and {@code '_'} (CR, LF,
 * spaces, control characters, {@code ';'} or {@code ','} could inject headers or header fields).
 * The message quotes the hostname (escaped).
 */
public class InvalidHostnameException extends LiteFsException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what was wrong, quoting the hostname
   */
  public InvalidHostnameException(String message) {
    super(message);
  }
}
