package io.github.litefs4j.flyway;

import io.github.litefs4j.LiteFsException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * {@link LiteFsFlyway#migrate()} did not see the migrated schema on this node in time: the HALT
 * lock could not be taken (another node held it, or this replica has no primary), the database did
 * not appear on this replica, or the primary's migration did not replicate. The message says which,
 * and names the migrations still pending here; the cause is the last failure seen, if any.
 */
public class MigrationTimeoutException extends LiteFsException {
  private static final long serialVersionUID = 1L;

  /** The database being migrated; not serialized. */
  private final transient Path database;

  /** The timeout that ran out; not serialized. */
  private final transient Duration timeout;

  /** The migrations still pending on this node. */
  @SuppressWarnings("serial") // always an unmodifiable List.copyOf list, which is serializable
  private final List<String> pending;

  /**
   * Creates the exception.
   *
   * @param database the database being migrated
   * @param timeout the timeout that ran out
   * @param pending the migrations still pending on this node ("version description")
   * @param message what was being waited for, naming the database
   * @param cause the last failure seen, or null
   */
  public MigrationTimeoutException(
      Path database, Duration timeout, List<String> pending, String message, Throwable cause) {
    super(message, cause);
    this.database = Objects.requireNonNull(database, "database");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.pending = List.copyOf(pending);
  }

  /**
   * The database being migrated.
   *
   * @return its path
   */
  public Path database() {
    return database;
  }

  /**
   * The timeout that ran out.
   *
   * @return the configured migration timeout
   */
  public Duration timeout() {
    return timeout;
  }

  /**
   * The migrations still pending on this node when the time ran out.
   *
   * @return "version description" of each, in order; empty if unknown
   */
  public List<String> pending() {
    return pending;
  }
}
