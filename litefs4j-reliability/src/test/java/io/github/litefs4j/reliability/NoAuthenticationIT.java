package io.github.litefs4j.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.litefs4j.LiteFsClient;
import io.github.litefs4j.NodeInfo;
import io.github.litefs4j.testing.LiteFsCluster;
import io.github.litefs4j.testsupport.Sql;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What RELIABILITY.md's security section states, shown on a real node: LiteFS's HTTP API has no
 * authentication, so any client that reaches the port reads and overwrites databases. The client
 * here sends no credential at all (litefs4j has none to send).
 */
class NoAuthenticationIT {
  @Test
  void anyClientThatReachesTheApiExportsAndOverwritesADatabaseWithoutCredentials(@TempDir Path tmp)
      throws Exception {
    try (LiteFsCluster cluster = LiteFsCluster.builder().replicas(1).start()) {
      Path primaryDb = cluster.primary().database("secret.db");
      Sql.exec(primaryDb, "CREATE TABLE t (id INTEGER NOT NULL)");
      Sql.exec(primaryDb, "INSERT INTO t VALUES (42)");
      LiteFsClient anyone = LiteFsClient.create(cluster.primary().httpUri());
      assertThat(anyone.headers()).isEmpty();

      ByteArrayOutputStream stolen = new ByteArrayOutputStream();
      anyone.exportDatabase("secret.db", stolen);
      Path copy = tmp.resolve("stolen.db");
      Files.write(copy, stolen.toByteArray());
      assertThat(firstId(copy)).isEqualTo(42);

      Path forged = tmp.resolve("forged.db");
      Sql.exec(forged, "CREATE TABLE t (id INTEGER NOT NULL)");
      Sql.exec(forged, "INSERT INTO t VALUES (666)");
      anyone.importDatabase("secret.db", new ByteArrayInputStream(Files.readAllBytes(forged)));
      assertThat(firstId(primaryDb)).isEqualTo(666);
      Path onReplica = cluster.replica(0).database("secret.db");
      await()
          .atMost(Duration.ofSeconds(20))
          .ignoreExceptions()
          .until(() -> firstId(onReplica) == 666);

      NodeInfo info = anyone.info();
      assertThat(info.isPrimary()).isTrue();
    }
  }

  private static long firstId(Path db) throws Exception {
    return Sql.number(db, "SELECT id FROM t");
  }
}
