package io.github.litefs4j.jdbc;

import io.github.litefs4j.Position;
import io.github.litefs4j.ReplicationTracker;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The replicated acknowledgement of every write of a {@link LiteFsDatabase}: the tracker that
 * follows the nodes, how many must have the commit, and how long a write waits for them.
 */
record ReplicatedAcknowledgement(
    ReplicationTracker tracker, ReplicationTracker.Required required, Duration timeout) {
  ReplicatedAcknowledgement {
    Objects.requireNonNull(tracker, "tracker");
    Objects.requireNonNull(required, "required");
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException(
          "replicated acknowledgement timeout must be positive: " + timeout);
    }
    if (required.atLeast() > tracker.nodes().size()) {
      throw new IllegalArgumentException(
          "cannot require "
              + required
              + ": the tracker follows "
              + tracker.nodes().size()
              + " nodes");
    }
  }

  /** A plain write of the database, as {@link LiteFsDatabase} makes it. */
  interface Write<T> {
    WriteResult<T> run(SqlFunction<T> work) throws SQLException;
  }

  /**
   * Marks the tracker, runs the write, then waits until the required nodes have its position.
   *
   * @throws io.github.litefs4j.PositionTimeoutException if they do not within the timeout (the
   *     write is committed)
   */
  <T> WriteResult<T> acknowledge(Path database, SqlFunction<T> work, Write<T> write)
      throws SQLException {
    ReplicationTracker.Mark mark = tracker.mark();
    WriteResult<T> written = write.run(work);
    Position position = written.position().orElseThrow();
    ReplicationTracker.Acknowledgement ack =
        tracker.await(mark, database, position, required, timeout);
    return new WriteResult<>(
        written.value(), written.route(), written.position(), Optional.of(ack));
  }
}
