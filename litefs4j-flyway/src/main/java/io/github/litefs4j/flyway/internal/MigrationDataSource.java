package io.github.litefs4j.flyway.internal;

import io.github.litefs4j.jdbc.internal.ConnectionSetup;
import io.github.litefs4j.jdbc.internal.SetupDataSource;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteConnectionConfig;

/**
 * The data source a migration tool gets: prepared connections ({@link ConnectionSetup}) whose
 * transactions begin with {@code BEGIN IMMEDIATE} and whose busy timeout is the migration's.
 *
 * <p>Why IMMEDIATE: Flyway checks the schema history and applies the next migration in one
 * transaction. With a deferred {@code BEGIN} that transaction reads first and asks for the write
 * lock only at its first write; when two migrators do that at once, SQLite cannot let both upgrade
 * and answers one of them SQLITE_BUSY at once, without waiting for the busy timeout (the migration
 * then fails). {@code BEGIN IMMEDIATE} takes the write lock before the history is read: the second
 * migrator waits (up to the busy timeout), then reads a history that includes the first one's work.
 * On the primary a replica's HALT needs the same lock, so it too waits for the step to end.
 *
 * <p>Both settings are restored when the connection is closed, so that a pooled connection goes
 * back as it came. Thread-safe if the underlying data source is.
 */
public final class MigrationDataSource extends SetupDataSource {
  private final int busyTimeoutMillis;

  public MigrationDataSource(ConnectionSetup setup, int busyTimeoutMillis) {
    super(setup);
    this.busyTimeoutMillis = busyTimeoutMillis;
  }

  @Override
  public Connection getConnection() throws SQLException {
    return adapt(setup.source().getConnection());
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    return adapt(setup.source().getConnection(username, password));
  }

  private Connection adapt(Connection connection) throws SQLException {
    try {
      SQLiteConnection sqlite = connection.unwrap(SQLiteConnection.class);
      SQLiteConnectionConfig config = sqlite.getConnectionConfig();
      SQLiteConfig.TransactionMode previousMode = config.getTransactionMode();
      int previousBusyTimeout = sqlite.getBusyTimeout();
      // The long timeout already for the setup's PRAGMAs: on the primary they wait out a HALT.
      sqlite.setBusyTimeout(busyTimeoutMillis);
      setup.prepare(connection);
      sqlite.setBusyTimeout(busyTimeoutMillis);
      config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
      return (Connection)
          Proxy.newProxyInstance(
              Connection.class.getClassLoader(),
              new Class<?>[] {Connection.class},
              new Restoring(connection, sqlite, previousMode, previousBusyTimeout));
    } catch (Throwable failure) {
      try {
        connection.close();
      } catch (SQLException closeFailure) {
        failure.addSuppressed(closeFailure);
      }
      throw failure;
    }
  }

  /** Delegates every call; on the first close restores the settings, then closes. */
  private static final class Restoring implements InvocationHandler {
    private final Connection target;
    private final SQLiteConnection sqlite;
    private final SQLiteConfig.TransactionMode previousMode;
    private final int previousBusyTimeout;
    private boolean restored;

    Restoring(
        Connection target,
        SQLiteConnection sqlite,
        SQLiteConfig.TransactionMode previousMode,
        int previousBusyTimeout) {
      this.target = target;
      this.sqlite = sqlite;
      this.previousMode = previousMode;
      this.previousBusyTimeout = previousBusyTimeout;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      switch (method.getName()) {
        case "close" -> {
          if (!restored && !target.isClosed()) {
            restored = true;
            try {
              sqlite.getConnectionConfig().setTransactionMode(previousMode);
              sqlite.setBusyTimeout(previousBusyTimeout);
            } catch (SQLException restoreFailure) {
              try {
                target.close();
              } catch (SQLException closeFailure) {
                restoreFailure.addSuppressed(closeFailure);
              }
              throw restoreFailure;
            }
          }
          target.close();
          return null;
        }
        case "equals" -> {
          return proxy == args[0];
        }
        case "hashCode" -> {
          return System.identityHashCode(proxy);
        }
        case "toString" -> {
          return "MigrationConnection[" + target + "]";
        }
        default -> {
          try {
            return method.invoke(target, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        }
      }
    }
  }
}
