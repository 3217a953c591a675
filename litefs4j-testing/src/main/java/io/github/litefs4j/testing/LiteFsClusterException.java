package io.github.litefs4j.testing;

/**
 * Every failure of the LiteFS cluster fixture: a missing {@code litefs} binary or FUSE, a node that
 * exits or does not become ready in time, a mount that cannot be removed, an interrupted wait.
 *
 * <p>When a node fails to start, the message names the node, says what was awaited, and ends with
 * the last lines of the node's log file (and the file's path), so a failing test shows why LiteFS
 * refused to run. The original cause, if any, is chained.
 */
public class LiteFsClusterException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message.
   *
   * @param message what failed, naming the node and what was awaited
   */
  public LiteFsClusterException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a message and a cause.
   *
   * @param message what failed, naming the node and what was awaited
   * @param cause the underlying failure
   */
  public LiteFsClusterException(String message, Throwable cause) {
    super(message, cause);
  }
}
