package io.github.litefs4j.jdbc.internal;

import io.github.litefs4j.LiteFS;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;

/**
 * Runs work under LiteFS's HALT lock, through core's {@link LiteFS#withHalt(Path, Duration,
 * io.github.litefs4j.LiteFS.HaltCallable)}: the one place in this module that takes it. On the
 * primary the HALT is a no-op. Stateless; thread-safe.
 */
public final class Halts {
  private Halts() {}

  /**
   * Takes the HALT lock on {@code database} (waiting at most {@code timeout}), runs {@code body},
   * releases the lock, also when {@code body} throws.
   *
   * @throws io.github.litefs4j.LiteFsTimeoutException if the HALT is not granted in time
   * @throws io.github.litefs4j.HaltException if LiteFS refuses it (no primary, the primary's write
   *     lock stayed busy for LiteFS's 10 s acquire timeout, ...)
   */
  public static <T> T call(Path database, Duration timeout, SqlCallable<T> body)
      throws SQLException {
    return LiteFS.<T, SQLException>withHalt(database, timeout, body::call);
  }
}
