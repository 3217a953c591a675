package io.github.litefs4j;

/**
 * Data offered for import is not a SQLite database: it does not start with the 16-byte header
 * {@code "SQLite format 3\0"}. Nothing was sent to the node. The message names the source and
 * quotes the bytes read.
 */
public class InvalidDatabaseFileException extends LiteFsException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what was wrong, naming the source and quoting the bytes read
   */
  public InvalidDatabaseFileException(String message) {
    super(message);
  }
}
