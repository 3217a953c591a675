package io.github.litefs4j.jdbc.internal;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;

/** Runs work under LiteFS's HALT lock (core's {@code LiteFS.halt}). The one place that takes it. */
public final class Halts {
  private Halts() {}

  /** Takes the HALT lock on {@code database}, runs {@code body}, releases the lock. */
  public static <T> T call(Path database, Duration timeout, SqlCallable<T> body)
      throws SQLException {
    throw new UnsupportedOperationException("HALT: waiting for the core 'halt' branch");
  }
}
