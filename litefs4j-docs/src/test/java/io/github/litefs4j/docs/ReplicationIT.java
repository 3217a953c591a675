package io.github.litefs4j.docs;

// tag::junit-example[]
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import org.junit.jupiter.api.Test;

@LiteFsClusterTest(replicas = 1) // node-0 the primary, node-1 a replica; one cluster per class
class ReplicationIT {

  @Test
  void replicaSeesWhatThePrimaryWrote(LiteFsCluster cluster) throws SQLException {
    execute(cluster.primary().database("greetings.db"), "CREATE TABLE greetings (text TEXT)");
    execute(cluster.primary().database("greetings.db"), "INSERT INTO greetings VALUES ('hello')");

    // Replication is asynchronous (usually milliseconds): wait for it, never sleep.
    cluster.awaitReplicated("greetings.db", Duration.ofSeconds(10));
    assertThat(count(cluster.replica(0).database("greetings.db"), "greetings")).isEqualTo(1);
  }

  @Test
  void replicaKeepsServingReadsWhileThePrimaryIsDown(LiteFsCluster cluster) throws SQLException {
    LiteFsNode primary = cluster.primary();
    execute(primary.database("orders.db"), "CREATE TABLE orders (id INTEGER)");
    Path onReplica = cluster.replica(0).database("orders.db");
    cluster.awaitReplicated("orders.db", Duration.ofSeconds(10));

    primary.kill(); // SIGKILL, as a crash; the extension starts it again before the next test
    assertThat(count(onReplica, "orders")).isZero(); // reads go on
    // The replica notices within milliseconds: it names no primary until node-0 is back.
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> cluster.replica(0).primaryHostname().isEmpty());
  }

  private static void execute(Path db, String sql) throws SQLException {
    try (Connection conn = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement statement = conn.createStatement()) {
      statement.execute(sql);
    }
  }

  private static long count(Path db, String table) throws SQLException {
    try (Connection conn = DriverManager.getConnection("jdbc:sqlite:" + db);
        ResultSet rows = conn.createStatement().executeQuery("SELECT count(*) FROM " + table)) {
      return rows.getLong(1);
    }
  }
}
// end::junit-example[]
