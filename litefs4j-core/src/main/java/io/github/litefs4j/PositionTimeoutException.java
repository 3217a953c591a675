package io.github.litefs4j;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A database did not reach a target position in time (see {@link PositionWaiter}). The node may be
 * lagging, or disconnected from the primary; a web application typically answers 504, as the LiteFS
 * proxy does.
 */
public class PositionTimeoutException extends LiteFsException {
  private static final long serialVersionUID = 1L;

  private final transient Path database;
  private final Position target;
  private final Position lastSeen;
  private final Duration timeout;

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
                : " (last position " + lastSeen + ")"));
    this.database = database;
    this.target = target;
    this.lastSeen = lastSeen;
    this.timeout = timeout;
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
   * How long the wait lasted (after any cap was applied).
   *
   * @return the timeout
   */
  public Duration timeout() {
    return timeout;
  }
}
