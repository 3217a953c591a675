package io.github.litefs4j.jdbc.internal;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A {@link javax.sql.DataSource} whose connections went through {@link ConnectionSetup}. Everything
 * else is delegated. Thread-safe if the underlying data source is.
 */
public final class PreparedDataSource extends SetupDataSource {

  public PreparedDataSource(ConnectionSetup setup) {
    super(setup);
  }

  @Override
  public Connection getConnection() throws SQLException {
    return setup.open();
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    return setup.prepare(setup.source().getConnection(username, password));
  }
}
