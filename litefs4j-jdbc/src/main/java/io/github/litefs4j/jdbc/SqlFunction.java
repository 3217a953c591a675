package io.github.litefs4j.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Work done with a JDBC connection inside a transaction that {@link LiteFsDatabase} opened.
 *
 * <p>The function must not commit, roll back or change the auto-commit mode: the handle owns the
 * transaction (it is opened with SQL {@code BEGIN}, so {@link Connection#getAutoCommit()} still
 * reports {@code true} inside). It must not keep the connection after it returns. It may run more
 * than once when the database is busy (see {@link BusyRetry}), so side effects outside the database
 * should be idempotent or happen after the call returns.
 *
 * @param <T> the result type (may be {@link Void}, returning {@code null})
 */
@FunctionalInterface
public interface SqlFunction<T> {

  /**
   * Does the work.
   *
   * @param connection a connection with a transaction open on it
   * @return the result, possibly null
   * @throws SQLException any failure; the transaction is rolled back
   */
  T apply(Connection connection) throws SQLException;
}
