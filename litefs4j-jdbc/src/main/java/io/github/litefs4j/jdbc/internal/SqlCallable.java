package io.github.litefs4j.jdbc.internal;

import java.sql.SQLException;

/** One attempt at some JDBC work. */
@FunctionalInterface
public interface SqlCallable<T> {
  /** Runs the attempt. */
  T call() throws SQLException;
}
