package io.github.litefs4j.jdbc.internal;

import io.github.litefs4j.LiteFsInterruptedException;
import io.github.litefs4j.jdbc.BusyRetry;
import io.github.litefs4j.jdbc.DatabaseBusyException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Runs an attempt again while it fails with SQLITE_BUSY or SQLITE_LOCKED, as a {@link BusyRetry}
 * says. Any other failure passes through at once. Stateless; thread-safe.
 */
public final class BusyRetrier {
  private BusyRetrier() {}

  /**
   * Calls {@code attempt} until it succeeds, fails with something other than BUSY/LOCKED, or the
   * attempts run out ({@link DatabaseBusyException}).
   *
   * @throws LiteFsInterruptedException if interrupted while sleeping between attempts
   */
  public static <T> T call(Path database, BusyRetry policy, SqlCallable<T> attempt)
      throws SQLException {
    for (int n = 1; ; n++) {
      try {
        return attempt.call();
      } catch (SQLException e) {
        if (!SqliteErrors.isBusy(e)) {
          throw e;
        }
        if (n >= policy.maxAttempts()) {
          throw new DatabaseBusyException(database, n, e);
        }
        sleep(database, jitter(policy.delayAfter(n)));
      }
    }
  }

  /** A delay between half and all of {@code nominal}, so that competing writers spread out. */
  static Duration jitter(Duration nominal) {
    long nanos = nominal.toNanos();
    if (nanos <= 1) {
      return nominal;
    }
    return Duration.ofNanos(nanos / 2 + ThreadLocalRandom.current().nextLong(nanos / 2 + 1));
  }

  private static void sleep(Path database, Duration delay) {
    if (delay.isZero()) {
      return;
    }
    try {
      Thread.sleep(delay.toMillis(), delay.toNanosPart() % 1_000_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LiteFsInterruptedException(
          "interrupted while waiting to retry a busy transaction on " + database, e);
    }
  }
}
