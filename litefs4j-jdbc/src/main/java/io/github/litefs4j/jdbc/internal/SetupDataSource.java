package io.github.litefs4j.jdbc.internal;

import java.io.PrintWriter;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Base of the data sources that hand out connections of a {@link ConnectionSetup}: everything but
 * {@code getConnection} is delegated to the setup's underlying data source. Thread-safe if the
 * underlying data source is.
 */
public abstract class SetupDataSource implements DataSource {
  /** The setup whose connections this data source hands out. */
  protected final ConnectionSetup setup;

  /**
   * A data source over {@code setup}.
   *
   * @param setup the connection setup
   */
  protected SetupDataSource(ConnectionSetup setup) {
    this.setup = setup;
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
