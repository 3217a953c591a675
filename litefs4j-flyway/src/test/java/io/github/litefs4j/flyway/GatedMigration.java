package io.github.litefs4j.flyway;

import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * Migration V2 of {@code db/failover}: inserts {@code 'v2'} into {@code items}. Its first run stops
 * after the insert, inside its transaction, until the test opens the gate, so that the test can
 * move the primary in the middle of a migration; later runs (a retry) go straight through.
 */
final class GatedMigration implements JavaMigration {
  private final CountDownLatch entered = new CountDownLatch(1);
  private final CountDownLatch gate = new CountDownLatch(1);
  private final AtomicBoolean first = new AtomicBoolean(true);

  @Override
  public MigrationVersion getVersion() {
    return MigrationVersion.fromVersion("2");
  }

  @Override
  public String getDescription() {
    return "insert v2";
  }

  @Override
  public Integer getChecksum() {
    return 2;
  }

  @Override
  public boolean canExecuteInTransaction() {
    return true;
  }

  @Override
  public void migrate(Context context) throws Exception {
    try (Statement s = context.getConnection().createStatement()) {
      s.executeUpdate("INSERT INTO items VALUES ('v2')");
    }
    if (first.getAndSet(false)) {
      entered.countDown();
      if (!gate.await(2, TimeUnit.MINUTES)) {
        throw new IllegalStateException("the test never opened the gate");
      }
    }
  }

  /** A V2 that never stops: for the migrators that retry. */
  static GatedMigration passing() {
    GatedMigration open = new GatedMigration();
    open.open();
    return open;
  }

  /** Waits until the first run is inside its transaction. */
  boolean awaitEntered(Duration timeout) throws InterruptedException {
    return entered.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Lets the first run go on. */
  void open() {
    gate.countDown();
  }
}
