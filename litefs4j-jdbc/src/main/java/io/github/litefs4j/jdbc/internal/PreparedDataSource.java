package io.github.litefs4j.jdbc.internal;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A {@link DataSource} whose connections went through {@link ConnectionSetup}. Everything else is
 * delegated. Thread-safe if the underlying data source is.
 */
public final class PreparedDataSource implements DataSource {
  private final ConnectionSetup setup;

  public PreparedDataSource(ConnectionSetup setup) {
    this.setup = setup;
  }

  @Override
  public Connection getConnection() throws SQLException {
    return setup.open();
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    return setup.prepare(setup.source().getConnection(username, password));
  }

  @Override
  public PrintWriter getLogWriter() throws SQLException {
    return setup.source().getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    setup.source().setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    setup.source().setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return setup.source().getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    return setup.source().getParentLogger();
  }

  @Override
  public <T> T unwrap(Class<T> type) throws SQLException {
    if (type.isInstance(this)) {
      return type.cast(this);
    }
    return setup.source().unwrap(type);
  }

  @Override
  public boolean isWrapperFor(Class<?> type) throws SQLException {
    return type.isInstance(this) || setup.source().isWrapperFor(type);
  }
}
