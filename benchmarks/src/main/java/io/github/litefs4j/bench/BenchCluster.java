package io.github.litefs4j.bench;

import io.github.litefs4j.LiteFS;
import io.github.litefs4j.Position;
import io.github.litefs4j.testing.LiteFsCluster;
import io.github.litefs4j.testing.LiteFsNode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;

/**
 * The one real LiteFS cluster of a run (litefs4j-testing's fixture: a primary and one replica, each
 * a real {@code litefs mount} on a FUSE mount) with the benchmark database created on the primary
 * and replicated.
 */
final class BenchCluster implements AutoCloseable {
  static final String DB = "bench.db";

  private final LiteFsCluster cluster;

  private BenchCluster(LiteFsCluster cluster) {
    this.cluster = cluster;
  }

  static BenchCluster start(Path litefs) throws SQLException {
    LiteFsCluster cluster = LiteFsCluster.builder().binary(litefs).replicas(1).start();
    BenchCluster bench = new BenchCluster(cluster);
    try {
      try (Connection conn = open(bench.primaryDb());
          Statement st = conn.createStatement()) {
        st.execute("PRAGMA journal_mode=WAL");
        st.execute(
            "CREATE TABLE IF NOT EXISTS halt_bench"
                + " (id INTEGER PRIMARY KEY, side TEXT NOT NULL, n INTEGER NOT NULL)");
        st.execute("CREATE TABLE IF NOT EXISTS ryw (id INTEGER PRIMARY KEY, v INTEGER NOT NULL)");
      }
      bench.awaitReplicaCaughtUp(Duration.ofSeconds(30));
      return bench;
    } catch (RuntimeException | SQLException e) {
      cluster.close();
      throw e;
    }
  }

  LiteFsNode primary() {
    return cluster.primary();
  }

  LiteFsNode replica() {
    return cluster.replica(0);
  }

  Path primaryDb() {
    return primary().database(DB);
  }

  Path replicaDb() {
    return replica().database(DB);
  }

  /** Waits until the replica's position of the database equals the primary's. */
  void awaitReplicaCaughtUp(Duration timeout) {
    Position target = LiteFS.position(primaryDb());
    LiteFS.awaitPosition(replicaDb(), target, timeout);
  }

  /** sqlite-jdbc on a database path, with a 5 s busy timeout (as go-sqlite3's _busy_timeout). */
  static Connection open(Path db) throws SQLException {
    Properties props = new Properties();
    props.setProperty("busy_timeout", "5000");
    return DriverManager.getConnection("jdbc:sqlite:" + db, props);
  }

  @Override
  public void close() {
    cluster.close();
  }
}
