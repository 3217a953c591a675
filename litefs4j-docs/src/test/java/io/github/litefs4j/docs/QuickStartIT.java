package io.github.litefs4j.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.litefs4j.LiteFsClient;
import io.github.litefs4j.testing.LiteFsCluster;
import io.github.litefs4j.testing.LiteFsClusterTest;
import io.github.litefs4j.testing.LiteFsNode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The README's quick start, run on a real replica and a real primary. */
@LiteFsClusterTest
class QuickStartIT {
  @Test
  void quickStartOnAReplicaWritesThroughTheHaltToThePrimary(LiteFsCluster cluster)
      throws Exception {
    LiteFsNode primary = cluster.primary();
    LiteFsNode replica = cluster.replica(0);
    try (Connection conn = open(primary.database("app.db"));
        Statement sql = conn.createStatement()) {
      sql.execute("CREATE TABLE hits (at TEXT)");
    }
    Path onReplica = replica.database("app.db");
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .ignoreExceptions()
        .until(() -> count(onReplica) == 0);

    QuickStart.run(onReplica, LiteFsClient.create(replica.httpUri()));

    assertThat(count(primary.database("app.db"))).isEqualTo(1);
  }

  @Test
  void quickStartRunsOnThePrimaryToo(LiteFsCluster cluster) throws Exception {
    LiteFsNode primary = cluster.primary();
    Path db = primary.database("primary.db");
    try (Connection conn = open(db);
        Statement sql = conn.createStatement()) {
      sql.execute("CREATE TABLE hits (at TEXT)");
    }

    QuickStart.run(db, LiteFsClient.create(primary.httpUri()));

    assertThat(count(db)).isEqualTo(1);
  }

  private static Connection open(Path db) throws SQLException {
    return DriverManager.getConnection("jdbc:sqlite:" + db);
  }

  private static long count(Path db) throws SQLException {
    try (Connection conn = open(db);
        ResultSet rows = conn.createStatement().executeQuery("SELECT count(*) FROM hits")) {
      return rows.getLong(1);
    }
  }
}
