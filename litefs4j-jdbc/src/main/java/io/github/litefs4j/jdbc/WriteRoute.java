package io.github.litefs4j.jdbc;

/** How a write reached the primary. */
public enum WriteRoute {
  /** This node was the primary and wrote to its own database. */
  PRIMARY,
  /**
   * This node was a replica: it took the HALT lock, wrote locally, and LiteFS shipped the commit to
   * the primary before the lock was released.
   */
  HALT
}
