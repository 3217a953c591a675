package io.github.litefs4j;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A database did not reach a target position in time: on this node (see {@link PositionWaiter}), or
 * on enough nodes of the cluster (see {@link ReplicationTracker}); {@link #timeout()} is the wait
 * that ran out, after any cap. The node may be lagging, or disconnected from the primary; a web
 * application typically answers 504, as the LiteFS proxy does.
 *
 * <p>A replicated acknowledgement that ran out is this type too, with {@link #required()} present
 * and {@link #acknowledgedBy()} naming the nodes that have the position: it is the same outcome (a
 * position not reached in time, by one node or by K nodes) and the same caller action, so it rides
 * on fields rather than on a tenth exception class. There the write is committed on the writing
 * node; only its replication is short.
 */
public class PositionTimeoutException extends LiteFsTimeoutException {
  private static final long serialVersionUID = 1L;

  private final transient Path database;
  private final Position target;
  private final Position lastSeen;
  private final transient List<URI> acknowledgedBy;
  private final int required; // 0: a wait on one node's mount

  /**
   * Creates the exception.
   *
   * @param database the database that was waited on
   * @param target the position that was not reached
   * @param lastSeen the last position read, or null if the database did not exist on this node
   * @param timeout how long the wait lasted
   */
  public PositionTimeoutException(
      Path database, Position target, Position lastSeen, Duration timeout) {
    super(
        "database "
            + database
            + " did not reach TXID "
            + Objects.requireNonNull(target, "target").txidHex()
            + " within "
            + timeout
            + (lastSeen == null
                ? " (the database does not exist on this node)"
                : " (last position " + lastSeen + ")"),
        timeout,
        null);
    this.database = database;
    this.target = target;
    this.lastSeen = lastSeen;
    this.acknowledgedBy = List.of();
    this.required = 0;
  }

  /**
   * Creates the exception of a replicated acknowledgement that ran out (see {@link
   * ReplicationTracker#await}).
   *
   * @param message what was waited for: database, position, requirement and each node's state
   * @param database the database name as LiteFS reports it, for example {@code app.db}
   * @param target the position that too few nodes reached
   * @param acknowledgedBy the nodes that have it (possibly none)
   * @param required how many nodes were required when the wait ended, at least 1
   * @param timeout how long the wait lasted
   * @throws IllegalArgumentException if {@code required < 1}
   */
  public PositionTimeoutException(
      String message,
      Path database,
      Position target,
      List<URI> acknowledgedBy,
      int required,
      Duration timeout) {
    super(message, timeout, null);
    if (required < 1) {
      throw new IllegalArgumentException("required must be at least 1: " + required);
    }
    this.database = database;
    this.target = Objects.requireNonNull(target, "target");
    this.lastSeen = null;
    this.acknowledgedBy = List.copyOf(acknowledgedBy);
    this.required = required;
  }

  /**
   * The database that was waited on.
   *
   * @return the database path
   */
  public Path database() {
    return database;
  }

  /**
   * The position that was not reached.
   *
   * @return the target
   */
  public Position target() {
    return target;
  }

  /**
   * The last position read before giving up.
   *
   * @return the position, or empty if the database did not exist on this node
   */
  public Optional<Position> lastSeen() {
    return Optional.ofNullable(lastSeen);
  }

  /**
   * For a replicated acknowledgement: the nodes that have applied the position when the wait ended.
   *
   * @return their base URIs in configuration order; empty for a wait on one node's mount (and when
   *     no node has it)
   */
  public List<URI> acknowledgedBy() {
    return acknowledgedBy == null ? List.of() : acknowledgedBy;
  }

  /**
   * For a replicated acknowledgement: how many nodes were required when the wait ended (for "all
   * running", the running nodes then, or the minimum if larger).
   *
   * @return the count; empty for a wait on one node's mount
   */
  public OptionalInt required() {
    return required == 0 ? OptionalInt.empty() : OptionalInt.of(required);
  }
}
