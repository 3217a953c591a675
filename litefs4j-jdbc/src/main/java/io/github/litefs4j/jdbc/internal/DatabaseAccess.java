package io.github.litefs4j.jdbc.internal;

import io.github.litefs4j.jdbc.LiteFsDatabase;
import java.util.Objects;
import java.util.function.Function;

/**
 * The connection setup of a {@link LiteFsDatabase}, for litefs4j-flyway's migration data source,
 * without a public accessor on the database: {@link LiteFsDatabase} registers the accessor when its
 * class is initialized, which has happened once a database exists. Thread-safe. Internal: exported
 * only to {@code io.github.litefs4j.flyway}.
 */
public final class DatabaseAccess {
  private static volatile Function<LiteFsDatabase, ConnectionSetup> setups;

  private DatabaseAccess() {}

  /**
   * Called once by {@link LiteFsDatabase}'s static initializer.
   *
   * @param accessor how to get the setup of a database
   */
  public static void register(Function<LiteFsDatabase, ConnectionSetup> accessor) {
    setups = Objects.requireNonNull(accessor, "accessor");
  }

  /**
   * The setup that prepares the connections of {@code database}.
   *
   * @param database the database
   * @return its setup
   */
  public static ConnectionSetup setup(LiteFsDatabase database) {
    return setups.apply(Objects.requireNonNull(database, "database"));
  }
}
