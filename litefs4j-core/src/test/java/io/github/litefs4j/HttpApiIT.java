package io.github.litefs4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.litefs4j.testing.LiteFsCluster;
import io.github.litefs4j.testing.LiteFsClusterTest;
import io.github.litefs4j.testing.LiteFsNode;
import io.github.litefs4j.testsupport.Sql;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Export, import, promote and handoff against real LiteFS nodes with a static lease. */
@LiteFsClusterTest(replicas = 1)
class HttpApiIT {
  private static final String SOURCE = "source.db";
  private static final String ROWS = "SELECT id || ':' || hex(payload) FROM t ORDER BY id";

  @TempDir Path tmp;
  private LiteFsNode primary;
  private LiteFsNode replica;
  private LiteFsClient primaryClient;
  private LiteFsClient replicaClient;

  @BeforeEach
  void setUp(LiteFsCluster cluster) throws Exception {
    primary = cluster.primary();
    replica = cluster.replica(0);
    primaryClient = LiteFsClient.create(primary.httpUri());
    replicaClient = LiteFsClient.create(replica.httpUri());
    if (!Files.exists(primary.database(SOURCE))) {
      Sql.exec(
          primary.database(SOURCE),
          "CREATE TABLE t(id INTEGER PRIMARY KEY, payload BLOB)",
          // Enough rows for many pages.
          "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 500) "
              + "INSERT INTO t(payload) SELECT randomblob(200) FROM n");
    }
  }

  @Test
  void exportThenImportRoundTripsADatabase() throws Exception {
    Path exported = tmp.resolve("export.db");
    long size = primaryClient.exportDatabase(SOURCE, exported);
    assertThat(size).isEqualTo(Files.size(exported)).isGreaterThan(100_000);
    String exportedSha = sha256(Files.readAllBytes(exported));
    // The exported file is a sound SQLite database with the same rows.
    assertThat(Sql.query(exported, "PRAGMA integrity_check")).containsExactly("ok");
    List<String> rows = Sql.query(primary.database(SOURCE), ROWS);
    assertThat(rows).hasSize(500);
    assertThat(Sql.query(exported, ROWS)).isEqualTo(rows);

    assertThat(primaryClient.importDatabase("copy.db", exported)).isEqualTo(size);

    // Same rows, and the same bytes except the two header fields LiteFS zeroes on every import
    // (file change counter at 24 and schema cookie at 40, so open connections reload).
    assertThat(Sql.query(primary.database("copy.db"), ROWS)).isEqualTo(rows);
    assertThat(Sql.query(primary.database("copy.db"), "PRAGMA integrity_check"))
        .containsExactly("ok");
    ByteArrayOutputStream again = new ByteArrayOutputStream();
    assertThat(primaryClient.exportDatabase("copy.db", again)).isEqualTo(size);
    byte[] copyBytes = again.toByteArray();
    byte[] expected = Files.readAllBytes(exported);
    Arrays.fill(expected, 24, 28, (byte) 0);
    Arrays.fill(expected, 40, 44, (byte) 0);
    assertThat(sha256(copyBytes)).isEqualTo(sha256(expected));

    // A second round trip is exact: same bytes, same content checksum in the position.
    primaryClient.importDatabase("copy2.db", new ByteArrayInputStream(copyBytes));
    ByteArrayOutputStream third = new ByteArrayOutputStream();
    primaryClient.exportDatabase("copy2.db", third);
    assertThat(sha256(third.toByteArray())).isEqualTo(sha256(copyBytes));
    assertThat(LiteFS.position(primary.database("copy2.db")).checksum())
        .isEqualTo(LiteFS.position(primary.database("copy.db")).checksum());
    assertThat(Sql.query(primary.database("copy2.db"), ROWS)).isEqualTo(rows);

    // The import replicates like any write.
    Position imported = LiteFS.position(primary.database("copy.db"));
    assertThat(LiteFS.awaitPosition(replica.database("copy.db"), imported, Duration.ofSeconds(30)))
        .isEqualTo(imported);
    assertThat(Sql.query(replica.database("copy.db"), ROWS)).isEqualTo(rows);
    assertThat(Sql.query(replica.database("copy.db"), "PRAGMA integrity_check"))
        .containsExactly("ok");
  }

  @Test
  void importFromAStreamReplacesAnExistingDatabase() throws Exception {
    Sql.exec(primary.database("target.db"), "CREATE TABLE IF NOT EXISTS old(x)");
    ByteArrayOutputStream exported = new ByteArrayOutputStream();
    primaryClient.exportDatabase(SOURCE, exported);
    byte[] bytes = exported.toByteArray();
    List<long[]> progress = new ArrayList<>();
    long sent =
        primaryClient.importDatabase(
            "target.db",
            new ByteArrayInputStream(bytes),
            (n, total) -> progress.add(new long[] {n, total.orElse(-1)}));
    assertThat(sent).isEqualTo(bytes.length);
    assertThat(progress).isNotEmpty();
    assertThat(progress.get(progress.size() - 1)[0]).isEqualTo(bytes.length);
    assertThat(Sql.query(primary.database("target.db"), "SELECT name FROM sqlite_master"))
        .containsExactly("t");
    assertThat(Sql.query(primary.database("target.db"), ROWS))
        .isEqualTo(Sql.query(primary.database(SOURCE), ROWS));
  }

  @Test
  void transfersThatFinishWithinTheTransferTimeoutWorkAsWithoutOne() throws Exception {
    LiteFsClient bounded =
        primaryClient.newBuilder().transferTimeout(Duration.ofSeconds(60)).build();
    ByteArrayOutputStream exported = new ByteArrayOutputStream();
    long size = bounded.exportDatabase(SOURCE, exported);
    assertThat(size).isEqualTo(exported.size()).isGreaterThan(100_000);

    assertThat(
            bounded.importDatabase("bounded.db", new ByteArrayInputStream(exported.toByteArray())))
        .isEqualTo(size);
    assertThat(Sql.query(primary.database("bounded.db"), ROWS))
        .isEqualTo(Sql.query(primary.database(SOURCE), ROWS));
    // Error statuses are mapped as without a transfer timeout.
    assertThatThrownBy(() -> bounded.exportDatabase("missing.db", new ByteArrayOutputStream()))
        .isInstanceOf(LiteFsHttpException.class)
        .hasFieldOrPropertyWithValue("reason", LiteFsHttpException.Reason.DATABASE_NOT_FOUND);
  }

  @Test
  void exportFromTheReplicaMatchesThePrimary() throws Exception {
    Position at = LiteFS.position(primary.database(SOURCE));
    LiteFS.awaitPosition(replica.database(SOURCE), at, Duration.ofSeconds(30));
    ByteArrayOutputStream fromPrimary = new ByteArrayOutputStream();
    ByteArrayOutputStream fromReplica = new ByteArrayOutputStream();
    primaryClient.exportDatabase(SOURCE, fromPrimary);
    replicaClient.exportDatabase(SOURCE, fromReplica);
    assertThat(sha256(fromReplica.toByteArray())).isEqualTo(sha256(fromPrimary.toByteArray()));
  }

  @Test
  void exportReportsProgressUpToTheTotal() {
    List<long[]> calls = new ArrayList<>();
    long size =
        primaryClient.exportDatabase(
            SOURCE,
            new ByteArrayOutputStream(),
            (bytes, total) -> calls.add(new long[] {bytes, total.orElse(-1)}));
    assertThat(calls).isNotEmpty();
    assertThat(calls.get(calls.size() - 1)).containsExactly(size, size);
    assertThat(calls).extracting(c -> c[0]).isSorted();
  }

  @Test
  void exportOfAnUnknownDatabaseIsDatabaseNotFound() {
    Path target = tmp.resolve("nothing.db");
    assertThatThrownBy(() -> primaryClient.exportDatabase("no-such.db", target))
        .isInstanceOf(LiteFsHttpException.class)
        .hasFieldOrPropertyWithValue("reason", LiteFsHttpException.Reason.DATABASE_NOT_FOUND)
        .hasMessageContaining("no-such.db")
        .satisfies(
            e -> {
              assertThat(((LiteFsHttpException) e).database()).contains("no-such.db");
              LiteFsHttpException http = (LiteFsHttpException) e;
              assertThat(http.status()).isEqualTo(404);
              assertThat(http.body()).isEqualTo("database not found");
            });
    assertThat(target).doesNotExist();
    assertThat(tmp).isEmptyDirectory();
  }

  @Test
  void namesArePercentEncoded() throws Exception {
    String name = "my db+1&x=2.db";
    Sql.exec(
        primary.database(name), "CREATE TABLE IF NOT EXISTS t(x)", "INSERT INTO t VALUES (42)");
    Path exported = tmp.resolve("odd.db");
    primaryClient.exportDatabase(name, exported);
    assertThat(Sql.query(exported, "SELECT x FROM t")).contains("42");
  }

  @Test
  void importOnAReplicaIsRefusedWithNotPrimary() throws Exception {
    ByteArrayOutputStream exported = new ByteArrayOutputStream();
    primaryClient.exportDatabase(SOURCE, exported);
    assertThatThrownBy(
            () ->
                replicaClient.importDatabase(
                    "refused.db", new ByteArrayInputStream(exported.toByteArray())))
        .isInstanceOf(LiteFsHttpException.class)
        .hasFieldOrPropertyWithValue("reason", LiteFsHttpException.Reason.NOT_PRIMARY)
        .satisfies(
            e -> {
              LiteFsHttpException n = (LiteFsHttpException) e;
              assertThat(n.status()).isEqualTo(503);
              assertThat(n.body()).isNotEmpty();
              assertThat(n.getMessage()).contains(n.body());
            });
    assertThatThrownBy(
            () -> primaryClient.exportDatabase("refused.db", new ByteArrayOutputStream()))
        .isInstanceOf(LiteFsHttpException.class)
        .hasFieldOrPropertyWithValue("reason", LiteFsHttpException.Reason.DATABASE_NOT_FOUND);
  }

  @Test
  void importOfDataThatIsNotSqliteIsRejectedBeforeSending() throws Exception {
    byte[] text = "this is not a database, just some text".getBytes(StandardCharsets.US_ASCII);
    assertThatThrownBy(
            () -> primaryClient.importDatabase("bogus.db", new ByteArrayInputStream(text)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bogus.db")
        .hasMessageContaining("\"this is not a da\"");
    Path file = tmp.resolve("short.db");
    Files.write(file, new byte[] {'S', 'Q', 'L'});
    assertThatThrownBy(() -> primaryClient.importDatabase("bogus.db", file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(file.toString());
    // Nothing reached the node: the database was not created.
    assertThatThrownBy(() -> primaryClient.exportDatabase("bogus.db", new ByteArrayOutputStream()))
        .isInstanceOf(LiteFsHttpException.class)
        .hasFieldOrPropertyWithValue("reason", LiteFsHttpException.Reason.DATABASE_NOT_FOUND);
  }

  @Test
  void promoteOnAStaticLeaseReplicaIsNotCandidate() {
    assertThatThrownBy(replicaClient::promote)
        .isInstanceOf(LiteFsHttpException.class)
        .hasFieldOrPropertyWithValue("reason", LiteFsHttpException.Reason.NOT_CANDIDATE)
        .hasMessageContaining("not eligible to become primary")
        .satisfies(e -> assertThat(((LiteFsHttpException) e).status()).isEqualTo(409));
    assertThat(replicaClient.info().isPrimary()).isFalse();
  }

  @Test
  void promoteOnThePrimaryIsANoOp() {
    primaryClient.promote();
    assertThat(primaryClient.info().isPrimary()).isTrue();
  }

  @Test
  void handoffOnAStaticLeaseIsRefusedWithLiteFsMessage() {
    String replicaId = replicaClient.info().nodeId().orElseThrow();
    assertThatThrownBy(() -> primaryClient.handoff(replicaId))
        .isInstanceOf(LiteFsHttpException.class)
        .satisfies(
            e -> {
              LiteFsHttpException http = (LiteFsHttpException) e;
              assertThat(http.status()).isEqualTo(500);
              assertThat(http.body()).contains("static lease does not support handoff");
            });
    assertThat(primaryClient.info().isPrimary()).isTrue();
  }

  @Test
  void handoffSentToAReplicaIsNotPrimary() {
    String primaryId = primaryClient.info().nodeId().orElseThrow();
    assertThatThrownBy(() -> replicaClient.handoff(primaryId))
        .isInstanceOf(LiteFsHttpException.class)
        .hasFieldOrPropertyWithValue("reason", LiteFsHttpException.Reason.NOT_PRIMARY)
        .hasMessageContaining("not currently primary");
  }

  @Test
  void aMalformedNodeIdIsRejectedBeforeSending() {
    assertThatThrownBy(() -> primaryClient.handoff("node-1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"node-1\"");
  }

  @Test
  void progressTotalIsEmptyForAStreamImport() throws Exception {
    ByteArrayOutputStream exported = new ByteArrayOutputStream();
    primaryClient.exportDatabase(SOURCE, exported);
    List<OptionalLong> totals = new ArrayList<>();
    primaryClient.importDatabase(
        "stream.db", new ByteArrayInputStream(exported.toByteArray()), (n, t) -> totals.add(t));
    assertThat(totals).isNotEmpty().allSatisfy(t -> assertThat(t).isEmpty());
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
