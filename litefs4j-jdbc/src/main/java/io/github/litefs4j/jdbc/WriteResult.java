package io.github.litefs4j.jdbc;

import io.github.litefs4j.Position;
import io.github.litefs4j.ReplicationTracker;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of {@link LiteFsDatabase#write}: the function's result, the route the write took, and
 * the replication position the database had reached right after the commit.
 *
 * <p>The position is read from the database's {@code -pos} file after the commit, so it is at least
 * the position of this write (a concurrent writer may have moved it further). Hand it to another
 * node (in a cookie, a header, a queue message) and wait there until that node's position {@link
 * Position#isAtLeast reaches} it before reading: that is read-your-writes. It is empty only when
 * the database is not on a LiteFS mount ({@link LiteFsDatabaseBuilder#requireLiteFs(boolean)
 * requireLiteFs(false)}).
 *
 * <p>With {@linkplain LiteFsDatabaseBuilder#replicatedAcknowledgement replicated acknowledgement}
 * configured, {@link #acknowledgement()} says which nodes had applied that position when the write
 * returned (at least as many as required; otherwise the write threw {@link
 * io.github.litefs4j.PositionTimeoutException}).
 *
 * @param value what the function returned; may be null
 * @param route whether the write ran on the primary or was forwarded through HALT
 * @param position the position after the commit, empty when not on LiteFS
 * @param acknowledgement the nodes that applied the position, empty without replicated
 *     acknowledgement
 * @param <T> the function's result type
 */
public record WriteResult<T>(
    T value,
    WriteRoute route,
    Optional<Position> position,
    Optional<ReplicationTracker.Acknowledgement> acknowledgement) {

  /**
   * Validates the components.
   *
   * @param value what the function returned; may be null
   * @param route the route the write took
   * @param position the position after the commit, empty when not on LiteFS
   * @param acknowledgement the nodes that applied the position, or empty
   * @throws NullPointerException if route, position or acknowledgement is null
   */
  public WriteResult {
    Objects.requireNonNull(route, "route");
    Objects.requireNonNull(position, "position");
    Objects.requireNonNull(acknowledgement, "acknowledgement");
  }

  /**
   * A result without replicated acknowledgement.
   *
   * @param value what the function returned; may be null
   * @param route the route the write took
   * @param position the position after the commit, empty when not on LiteFS
   */
  public WriteResult(T value, WriteRoute route, Optional<Position> position) {
    this(value, route, position, Optional.empty());
  }

  /**
   * How many nodes had applied the write's position when it returned.
   *
   * @return the count, or 0 without replicated acknowledgement
   */
  public int acknowledgedBy() {
    return acknowledgement.map(ReplicationTracker.Acknowledgement::count).orElse(0);
  }
}
