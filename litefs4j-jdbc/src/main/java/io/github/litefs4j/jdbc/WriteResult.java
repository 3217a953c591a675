package io.github.litefs4j.jdbc;

import io.github.litefs4j.Position;
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
 * @param value what the function returned; may be null
 * @param route whether the write ran on the primary or was forwarded through HALT
 * @param position the position after the commit, empty when not on LiteFS
 * @param <T> the function's result type
 */
public record WriteResult<T>(T value, WriteRoute route, Optional<Position> position) {

  /**
   * Validates the components.
   *
   * @param value what the function returned; may be null
   * @param route the route the write took
   * @param position the position after the commit, empty when not on LiteFS
   * @throws NullPointerException if route or position is null
   */
  public WriteResult {
    Objects.requireNonNull(route, "route");
    Objects.requireNonNull(position, "position");
  }
}
