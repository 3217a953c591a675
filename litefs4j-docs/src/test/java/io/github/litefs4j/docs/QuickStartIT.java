package io.github.litefs4j.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.litefs4j.LiteFsClient;
import io.github.litefs4j.testing.LiteFsCluster;
import io.github.litefs4j.testing.LiteFsClusterTest;
import io.github.litefs4j.testing.LiteFsNode;
import io.github.litefs4j.testsupport.Sql;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The README's quick start, run on a real replica and a real primary. */
@LiteFsClusterTest
class QuickStartIT {
  @Test
  void quickStartOnAReplicaWritesThroughTheHaltToThePrimary(LiteFsCluster cluster)
      throws Exception {
    LiteFsNode primary = cluster.primary();
    LiteFsNode replica = cluster.replica(0);
    Sql.exec(primary.database("app.db"), "CREATE TABLE hits (at TEXT)");
    cluster.awaitReplicated("app.db", Duration.ofSeconds(10));
    Path onReplica = replica.database("app.db");

    QuickStart.run(onReplica, LiteFsClient.create(replica.httpUri()));

    assertThat(count(primary.database("app.db"))).isEqualTo(1);
  }

  @Test
  void quickStartRunsOnThePrimaryToo(LiteFsCluster cluster) throws Exception {
    LiteFsNode primary = cluster.primary();
    Path db = primary.database("primary.db");
    Sql.exec(db, "CREATE TABLE hits (at TEXT)");

    QuickStart.run(db, LiteFsClient.create(primary.httpUri()));

    assertThat(count(db)).isEqualTo(1);
  }

  private static long count(Path db) throws SQLException {
    return Sql.count(db, "hits");
  }
}
