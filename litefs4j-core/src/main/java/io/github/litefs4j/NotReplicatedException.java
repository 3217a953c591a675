package io.github.litefs4j;

import java.nio.file.Path;
import java.util.Objects;

/**
 * This replica has not finished its initial replication from the primary: its {@code .lag} file
 * reads {@code +2147483647}, LiteFS's marker for "no timestamp from the primary yet". Its data may
 * be far behind; wait (usually seconds after the node starts) and read the lag again.
 */
public class NotReplicatedException extends LiteFsException {
  private static final long serialVersionUID = 1L;

  private final transient Path file;

  /**
   * Creates the exception.
   *
   * @param file the {@code .lag} file that was read
   */
  public NotReplicatedException(Path file) {
    super(
        "initial replication has not finished on this node: "
            + file
            + " reads +2147483647, LiteFS's marker for a replica that has not caught up with the"
            + " primary yet");
    this.file = Objects.requireNonNull(file, "file");
  }

  /**
   * The {@code .lag} file that was read.
   *
   * @return its path
   */
  public Path file() {
    return file;
  }
}
