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

  /**
   * Starts the cluster in a fresh directory under {@code parent}, so that scripts/bench can clean
   * up after a killed run without touching other LiteFS clusters on the machine.
   */
  static BenchCluster start(Path litefs, Path parent) throws SQLException {
    LiteFsCluster cluster =
        LiteFsCluster.builder().binary(litefs).baseDir(parent).replicas(1).start();
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

  /**
   * sqlite-jdbc on a database path, set up as the Go side sets up go-sqlite3: a 5 s busy timeout
   * and {@code synchronous=NORMAL} (go-sqlite3 is built with that as its WAL default; sqlite-jdbc's
   * default, FULL, adds an fsync through FUSE to every commit, which would be a driver difference,
   * not a litefs4j one).
   */
  static Connection open(Path db) throws SQLException {
    Properties props = new Properties();
    props.setProperty("busy_timeout", "5000");
    props.setProperty("synchronous", "NORMAL");
    return DriverManager.getConnection("jdbc:sqlite:" + db, props);
  }

  @Override
  public void close() {
    cluster.close();
  }
}
