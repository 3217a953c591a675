package io.github.litefs4j.jdbc;

import io.github.litefs4j.LiteFsException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A write was refused because this node is a read-only LiteFS replica.
 *
 * <p>Thrown by {@link LiteFsDatabase#write} under {@link WritePolicy#refuse()}, and whenever SQLite
 * reports a replica's refusal (SQLite's {@code SQLITE_READONLY} on a rollback-journal database,
 * {@code SQLITE_IOERR_WRITE} on a WAL database: LiteFS answers both with "read only replica") in a
 * place the policy does not cover. When the SQLite error is the reason, it is the cause.
 *
 * <p>{@link #primaryHostname()} names the primary, as the replica's {@code .primary} file does: an
 * application behind Fly.io's proxy answers the request with {@code fly-replay:
 * instance=<hostname>}. It is empty when the replica is not connected to a primary right now (the
 * cluster is electing one, or the network is down): retry later.
 */
public class ReadOnlyReplicaException extends LiteFsException {
  private static final long serialVersionUID = 1L;

  /** The database the write was for; not serialized. */
  private final transient Path database;

  /** The primary's hostname, or null when none is known. */
  private final String primaryHostname;

  /**
   * Creates the exception with a message that names the database and the primary.
   *
   * @param database the database the write was for
   * @param primaryHostname the primary's hostname, or empty if none is known
   * @param cause the SQLite error that revealed the replica, or null when the write was refused
   *     before it started
   */
  public ReadOnlyReplicaException(
      Path database, Optional<String> primaryHostname, Throwable cause) {
    super(message(database, primaryHostname), cause);
    this.database = Objects.requireNonNull(database, "database");
    this.primaryHostname = primaryHostname.orElse(null);
  }

  /**
   * Creates the exception with a message of the caller's.
   *
   * @param database the database the write was for
   * @param primaryHostname the primary's hostname, or empty if none is known
   * @param message what happened, naming the database
   * @param cause the SQLite error, or null
   */
  public ReadOnlyReplicaException(
      Path database, Optional<String> primaryHostname, String message, Throwable cause) {
    super(message, cause);
    this.database = Objects.requireNonNull(database, "database");
    this.primaryHostname = Objects.requireNonNull(primaryHostname, "primaryHostname").orElse(null);
  }

  private static String message(Path database, Optional<String> primaryHostname) {
    Objects.requireNonNull(primaryHostname, "primaryHostname");
    return "write refused: "
        + database
        + " is on a read-only LiteFS replica; "
        + primaryHostname
            .map(host -> "the primary is " + host)
            .orElse("this replica is not connected to a primary");
  }

  /**
   * The database the write was for.
   *
   * @return its path on the mount
   */
  public Path database() {
    return database;
  }

  /**
   * The primary's hostname, to replay the request on.
   *
   * @return the hostname from the replica's {@code .primary} file, or empty when the replica knows
   *     no primary
   */
  public Optional<String> primaryHostname() {
    return Optional.ofNullable(primaryHostname);
  }
}
