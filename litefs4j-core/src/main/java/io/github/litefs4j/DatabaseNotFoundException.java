package io.github.litefs4j;

import java.util.Objects;

/**
 * The database does not exist on the node: its {@code -pos} file is absent from the mount (ENOENT),
 * or the node answered HTTP 404 (for example to an export).
 *
 * <p>On a replica a database created on the primary appears only once it has been replicated, so
 * "not found" on a replica can be temporary. The cause is the underlying {@link
 * java.nio.file.NoSuchFileException} or {@link LiteFsHttpException} (which carries the status and
 * LiteFS's message).
 */
public class DatabaseNotFoundException extends LiteFsException {
  private static final long serialVersionUID = 1L;

  private final String database;

  /**
   * Creates the exception.
   *
   * @param database the name of the database that was not found
   * @param message what failed, naming the database and the node or file
   * @param cause the underlying failure
   */
  public DatabaseNotFoundException(String database, String message, Throwable cause) {
    super(message, cause);
    this.database = Objects.requireNonNull(database, "database");
  }

  /**
   * The name of the database that was not found.
   *
   * @return for example {@code app.db}
   */
  public String database() {
    return database;
  }
}
