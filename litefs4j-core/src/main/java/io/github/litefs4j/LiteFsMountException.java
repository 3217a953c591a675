package io.github.litefs4j;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A path does not lead to what a LiteFS mount should show: the same exception, with the same {@link
 * #reason()}, from every call that reads the mount ({@link LiteFS#halt(Path)}, {@link
 * LiteFS#lag(Path)}, {@link LiteFS#position(Path)}, the waits and the JDBC handles).
 *
 * <ul>
 *   <li>{@link Reason#NOT_A_MOUNT}: the directory is not a LiteFS mount (no {@code .lag}); fix the
 *       path or start LiteFS.
 *   <li>{@link Reason#DATABASE_NOT_FOUND}: the mount is there, the database is not (yet) on this
 *       node.
 *   <li>{@link Reason#NOT_REPLICATED}: the node has not finished its initial replication; wait.
 *   <li>{@link Reason#MALFORMED_FILE}: a LiteFS file holds something else than expected; {@link
 *       #content()} and {@link #expected()} say what.
 * </ul>
 */
public class LiteFsMountException extends LiteFsException {
  private static final long serialVersionUID = 1L;

  /** What is wrong with the path. */
  public enum Reason {
    /** The directory is not a LiteFS mount (it has no {@code .lag} file). */
    NOT_A_MOUNT,
    /** The directory is a LiteFS mount, but the database does not exist on this node. */
    DATABASE_NOT_FOUND,
    /** The node has not finished its initial replication ({@code .lag} reads +2147483647). */
    NOT_REPLICATED,
    /** A LiteFS file ({@code .lag}, {@code -pos}, {@code .primary}) holds something unexpected. */
    MALFORMED_FILE
  }

  private final Reason reason;
  private final transient Path path;
  private final String content;
  private final String expected;

  /**
   * Creates the exception.
   *
   * @param reason what is wrong
   * @param message what was looked for, naming the path
   * @param path the file or directory that was read
   * @param content what a malformed file holds, or null
   * @param expected what the file should hold, or null
   * @param cause the underlying failure, or null
   */
  public LiteFsMountException(
      Reason reason, String message, Path path, String content, String expected, Throwable cause) {
    super(message, cause);
    this.reason = Objects.requireNonNull(reason, "reason");
    this.path = Objects.requireNonNull(path, "path");
    this.content = content;
    this.expected = expected;
  }

  /**
   * What is wrong.
   *
   * @return the reason
   */
  public Reason reason() {
    return reason;
  }

  /**
   * The path the failure is about: the directory that is not a mount, the database or file that
   * does not exist, the malformed file.
   *
   * @return the path (not kept when the exception is serialized: then null)
   */
  public Path path() {
    return path;
  }

  /**
   * What a malformed file holds.
   *
   * @return the content, for {@link Reason#MALFORMED_FILE}; empty otherwise
   */
  public Optional<String> content() {
    return Optional.ofNullable(content);
  }

  /**
   * What a malformed file should hold.
   *
   * @return a description, for {@link Reason#MALFORMED_FILE}; empty otherwise
   */
  public Optional<String> expected() {
    return Optional.ofNullable(expected);
  }
}
