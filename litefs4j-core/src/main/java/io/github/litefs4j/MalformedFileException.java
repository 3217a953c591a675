package io.github.litefs4j;

import io.github.litefs4j.internal.Texts;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A LiteFS file in the mount ({@code <db>-pos}, {@code .primary}, ...) did not hold what LiteFS
 * writes there. The message names the file, quotes what was read and says what was expected.
 */
public class MalformedFileException extends LiteFsException {
  private static final long serialVersionUID = 1L;

  private final transient Path file;
  private final String content;
  private final String expected;

  /**
   * Creates the exception.
   *
   * @param file the file that was read
   * @param content what was read from it
   * @param expected a description of the expected format, for example {@code "%016x/%016x\n"}
   */
  public MalformedFileException(Path file, String content, String expected) {
    super(
        "malformed LiteFS file "
            + file
            + ": expected "
            + expected
            + ", read "
            + Texts.quote(content));
    this.file = Objects.requireNonNull(file, "file");
    this.content = content == null ? "" : content;
    this.expected = expected;
  }

  /**
   * The file that was read.
   *
   * @return the path of the file
   */
  public Path file() {
    return file;
  }

  /**
   * What was read from the file.
   *
   * @return the content, never null
   */
  public String content() {
    return content;
  }

  /**
   * The expected format.
   *
   * @return a description of the format
   */
  public String expected() {
    return expected;
  }
}
