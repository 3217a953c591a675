package io.github.litefs4j.flyway.internal;

import io.github.litefs4j.LiteFsInterruptedException;
import io.github.litefs4j.Position;
import io.github.litefs4j.jdbc.LiteFsDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The pauses of a migration that waits for another node: bounded by the migration's deadline,
 * interruptible. Thread-safe (stateless apart from the database). Internal: not exported.
 */
public final class MigrationWaits {
  private static final Duration POSITION_POLL = Duration.ofMillis(20);

  private final LiteFsDatabase database;

  /**
   * Waits of a migration of {@code database}.
   *
   * @param database the database being migrated
   */
  public MigrationWaits(LiteFsDatabase database) {
    this.database = database;
  }

  /**
   * The next backoff: twice the last, at most {@code max}.
   *
   * @param last the delay just waited
   * @param max the upper bound
   * @return the doubled delay, capped
   */
  public static Duration doubled(Duration last, Duration max) {
    Duration next = last.multipliedBy(2);
    return next.compareTo(max) > 0 ? max : next;
  }

  /**
   * The time left until {@code deadline}, at least 1 ms.
   *
   * @param deadline the migration's deadline
   * @return the time left
   */
  public static Duration remaining(Instant deadline) {
    Duration left = Duration.between(Instant.now(), deadline);
    return left.compareTo(Duration.ofMillis(1)) < 0 ? Duration.ofMillis(1) : left;
  }

  /**
   * Pauses {@code delay}, but not past {@code deadline}.
   *
   * @param deadline the migration's deadline
   * @param delay the pause
   * @throws LiteFsInterruptedException if interrupted (the flag is set again)
   */
  public void pause(Instant deadline, Duration delay) {
    Duration left = Duration.between(Instant.now(), deadline);
    sleep(delay.compareTo(left) < 0 ? delay : left);
  }

  /**
   * Pauses until the database's position on this node moves, {@code atMost} long and not past
   * {@code deadline}.
   *
   * @param deadline the migration's deadline
   * @param atMost the longest pause
   * @throws LiteFsInterruptedException if interrupted (the flag is set again)
   */
  public void untilPositionMoves(Instant deadline, Duration atMost) {
    Optional<Position> start = database.position();
    Instant until = Instant.now().plus(atMost);
    if (until.isAfter(deadline)) {
      until = deadline;
    }
    while (Instant.now().isBefore(until)) {
      Duration left = Duration.between(Instant.now(), until);
      sleep(POSITION_POLL.compareTo(left) < 0 ? POSITION_POLL : left);
      if (!database.position().equals(start)) {
        return;
      }
    }
  }

  private void sleep(Duration delay) {
    if (delay.isNegative() || delay.isZero()) {
      return;
    }
    try {
      Thread.sleep(delay.toMillis(), delay.toNanosPart() % 1_000_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LiteFsInterruptedException(
          "interrupted while waiting to migrate " + database.path(), e);
    }
  }
}
