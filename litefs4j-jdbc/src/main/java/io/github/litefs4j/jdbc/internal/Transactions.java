package io.github.litefs4j.jdbc.internal;

import io.github.litefs4j.jdbc.SqlFunction;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Runs a function in one SQLite transaction, opened and closed with SQL ({@code BEGIN IMMEDIATE} or
 * {@code BEGIN}, {@code COMMIT}, {@code ROLLBACK}) while the JDBC connection stays in auto-commit
 * mode.
 *
 * <p>Why SQL and not {@link Connection#setAutoCommit(boolean)}: sqlite-jdbc starts the next
 * transaction right after every {@code commit()} ({@code COMMIT} then {@code BEGIN ...} in the
 * driver), and in IMMEDIATE mode that second {@code BEGIN} takes the write lock again. It can then
 * fail with SQLITE_BUSY after the data was committed, and a caller that retries on BUSY would write
 * twice. With explicit SQL the commit is the last statement. sqlite-jdbc leaves a transaction
 * opened this way alone: after each statement in auto-commit mode it only checks that no
 * transaction is pending by running {@code BEGIN} (which fails inside a transaction and is then
 * ignored). Stateless; thread-safe.
 */
public final class Transactions {
  private Transactions() {}

  /**
   * Runs {@code work} in a transaction on {@code connection}: {@code BEGIN IMMEDIATE} for a write
   * (the write lock is taken up front, so the transaction cannot fail half-way on a lock upgrade),
   * deferred {@code BEGIN} for a read. Commits when the work returns, rolls back when it throws.
   */
  public static <T> T run(Connection connection, boolean write, SqlFunction<T> work)
      throws SQLException {
    execute(connection, write ? "BEGIN IMMEDIATE" : "BEGIN");
    T result;
    try {
      result = work.apply(connection);
      execute(connection, "COMMIT");
    } catch (Throwable failure) {
      rollback(connection, failure);
      throw failure;
    }
    return result;
  }

  private static void rollback(Connection connection, Throwable failure) {
    try {
      execute(connection, "ROLLBACK");
    } catch (SQLException rollbackFailure) {
      // SQLite may already have rolled back (some errors end the transaction themselves, and then
      // ROLLBACK answers "no transaction is active"); keep the detail with the original failure.
      failure.addSuppressed(rollbackFailure);
    }
  }

  private static void execute(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
