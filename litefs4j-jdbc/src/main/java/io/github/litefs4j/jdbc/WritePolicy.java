package io.github.litefs4j.jdbc;

import java.time.Duration;
import java.util.Objects;

/**
 * What {@link LiteFsDatabase#write} does on a replica. The application chooses; there is no
 * default, because the right answer depends on how requests reach the node.
 *
 * <ul>
 *   <li>{@link #refuse()}: throw {@link ReadOnlyReplicaException}, which names the primary. For
 *       applications behind Fly.io's proxy that answer a write request with {@code fly-replay:
 *       instance=<primary>} so that the request is replayed on the primary. Cheap: nothing is
 *       written, no lock is taken.
 *   <li>{@link #forwardThroughHalt(Duration)}: take LiteFS's HALT lock, write on the replica, and
 *       let LiteFS ship the commit to the primary. Works from any node without request routing, but
 *       every write costs a round trip to the primary to take and release the lock, and blocks
 *       every other writer in the cluster while it runs: for occasional writes (administration,
 *       background jobs), not for request traffic.
 * </ul>
 *
 * <p>On the primary both policies write directly.
 */
public sealed interface WritePolicy permits WritePolicy.Refuse, WritePolicy.ForwardThroughHalt {

  /**
   * Refuse writes on a replica with {@link ReadOnlyReplicaException}.
   *
   * @return the refusing policy
   */
  static WritePolicy refuse() {
    return Refuse.INSTANCE;
  }

  /**
   * Forward writes on a replica through HALT, waiting up to {@code haltTimeout} for the lock.
   *
   * @param haltTimeout how long to wait for the HALT lock; LiteFS itself gives up after 10 s when
   *     the primary cannot take its write lock, so values above that only help when another node
   *     holds the HALT
   * @return the forwarding policy
   * @throws IllegalArgumentException if the timeout is not positive
   */
  static WritePolicy forwardThroughHalt(Duration haltTimeout) {
    return new ForwardThroughHalt(haltTimeout);
  }

  /** Refuse writes on a replica. Obtain it with {@link WritePolicy#refuse()}. */
  final class Refuse implements WritePolicy {
    private static final Refuse INSTANCE = new Refuse();

    private Refuse() {}

    @Override
    public String toString() {
      return "WritePolicy.refuse()";
    }
  }

  /**
   * Forward writes on a replica through HALT.
   *
   * @param haltTimeout how long to wait for the HALT lock, positive
   */
  record ForwardThroughHalt(Duration haltTimeout) implements WritePolicy {

    /**
     * Validates the timeout.
     *
     * @param haltTimeout how long to wait for the HALT lock, positive
     * @throws IllegalArgumentException if the timeout is not positive
     */
    public ForwardThroughHalt {
      Objects.requireNonNull(haltTimeout, "haltTimeout");
      if (haltTimeout.isNegative() || haltTimeout.isZero()) {
        throw new IllegalArgumentException("haltTimeout must be positive: " + haltTimeout);
      }
    }
  }
}
