package io.github.litefs4j;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * A HALT was not granted within the timeout given to {@link LiteFS#halt(Path, Duration)} or {@link
 * LiteFS#withHalt(Path, Duration, HaltCallable)}. The message says what was still awaited: another
 * thread of this JVM holding the HALT on the same database, or LiteFS (the primary, or the replica
 * catching up with it).
 *
 * <p>No HALT is held when this is thrown: a pending wait in LiteFS is cancelled (by a FUSE Flush on
 * its descriptor) before this is thrown. If LiteFS does not confirm the cancellation within about a
 * second, the wait is left to a background thread that releases whatever it gets as soon as it
 * ends; the message then says so.
 *
 * <p>If the primary was slow rather than down, it may still grant the request LiteFS abandoned and
 * hold that orphan HALT until its TTL (up to about 35 s); see {@link HaltLock}.
 */
public class HaltTimeoutException extends LiteFsTimeoutException {
  private static final long serialVersionUID = 1L;

  private final transient Path database;

  /**
   * Creates the exception.
   *
   * @param database the database the HALT was for
   * @param timeout the timeout that ran out
   * @param waitingFor what was still awaited when it ran out
   */
  public HaltTimeoutException(Path database, Duration timeout, String waitingFor) {
    super(
        "no HALT on " + database + " within " + timeout + ": still waiting for " + waitingFor,
        timeout,
        null);
    this.database = Objects.requireNonNull(database, "database");
  }

  /**
   * The database the HALT was for.
   *
   * @return the database path as given
   */
  public Path database() {
    return database;
  }
}
