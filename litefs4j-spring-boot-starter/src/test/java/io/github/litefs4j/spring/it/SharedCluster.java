package io.github.litefs4j.spring.it;

import io.github.litefs4j.testing.LiteFsCluster;
import io.github.litefs4j.testing.LiteFsNode;
import io.github.litefs4j.testsupport.Sql;
import java.sql.SQLException;

/**
 * One real LiteFS cluster (a primary and two replicas) for every integration test class of this
 * module, started on first use and closed by the fixture's shutdown hook when the test JVM exits:
 * starting a cluster per class would cost CI time for nothing. Tests keep apart by writing unique
 * texts, and call {@link LiteFsCluster#ensureRunning()} before each test.
 */
final class SharedCluster {
  static final String DATABASE = "entries.db";
  private static LiteFsCluster cluster;

  private SharedCluster() {}

  static synchronized LiteFsCluster get() {
    if (cluster == null) {
      cluster = LiteFsCluster.builder().replicas(2).start();
    }
    cluster.ensureRunning();
    return cluster;
  }

  /** How many entries with this text the primary's database holds, read with plain JDBC. */
  static long countOnPrimary(String text) throws SQLException {
    return count(get().primary(), text);
  }

  /** How many entries with this text the node's database holds, read with plain JDBC. */
  static long count(LiteFsNode node, String text) throws SQLException {
    return Sql.number(node.database(DATABASE), "SELECT count(*) FROM entries WHERE text = ?", text);
  }
}
