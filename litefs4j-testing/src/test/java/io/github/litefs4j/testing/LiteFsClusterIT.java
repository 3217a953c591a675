package io.github.litefs4j.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.litefs4j.testsupport.Sql;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real cluster of one primary and two replicas: topology, replication, close. */
class LiteFsClusterIT {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @Test
  void startsPrimaryAndTwoReplicasThatEachSeeThePrimary() throws Exception {
    try (LiteFsCluster cluster = LiteFsCluster.builder().replicas(2).start()) {
      assertThat(cluster.nodes())
          .extracting(LiteFsNode::name)
          .containsExactly("node-0", "node-1", "node-2");
      assertThat(cluster.primary().isPrimary()).isTrue();
      assertThat(cluster.replicas()).noneMatch(LiteFsNode::isPrimary);
      assertThat(cluster.baseDir().getFileName().toString()).startsWith("litefs4j-cluster-");

      for (LiteFsNode replica : cluster.replicas()) {
        assertThat(replica.primaryHostname()).contains("node-0");
        assertThat(Files.readString(replica.mountDir().resolve(".primary"))).isEqualTo("node-0\n");
        String info = get(replica.httpUri().resolve("/info"));
        assertThat(info).containsPattern("\"isPrimary\"\\s*:\\s*false");
        assertThat(info).containsPattern("\"hostname\"\\s*:\\s*\"node-0\"");
      }
      assertThat(OsState.primaryFile(cluster.primary().mountDir())).isEmpty();
      assertThat(cluster.primary().primaryHostname()).isEmpty(); // the core library's rule
      assertThat(get(cluster.primary().httpUri().resolve("/info")))
          .containsPattern("\"isPrimary\"\\s*:\\s*true");
    }
  }

  @Test
  void writeOnPrimaryIsVisibleOnEveryReplica() throws Exception {
    try (LiteFsCluster cluster = LiteFsCluster.builder().replicas(2).start()) {
      Sql.exec(
          cluster.primary().database("app.db"),
          "CREATE TABLE greeting (text TEXT)",
          "INSERT INTO greeting VALUES ('hello from node-0')");

      cluster.awaitReplicated("app.db", Duration.ofSeconds(20));
      for (LiteFsNode replica : cluster.replicas()) {
        assertThat(Sql.query(replica.database("app.db"), "SELECT text FROM greeting"))
            .containsExactly("hello from node-0");
      }
    }
  }

  @Test
  void closeLeavesNoProcessNoMountAndNoDirectory() throws Exception {
    LiteFsCluster cluster = LiteFsCluster.builder().replicas(2).start();
    List<Long> pids = new ArrayList<>();
    for (LiteFsNode node : cluster.nodes()) {
      pids.add(node.pid());
    }
    Path baseDir = cluster.baseDir();
    assertThat(OsState.mountsUnder(baseDir)).hasSize(3);
    for (long pid : pids) {
      assertThat(OsState.processExists(pid)).as("pid %d before close", pid).isTrue();
    }

    cluster.close();

    for (long pid : pids) {
      assertThat(OsState.processExists(pid)).as("pid %d after close", pid).isFalse();
    }
    assertThat(OsState.mountsUnder(baseDir)).isEmpty();
    assertThat(baseDir).doesNotExist();
    assertThat(cluster.nodes()).noneMatch(LiteFsNode::isRunning);

    cluster.close(); // idempotent: a second close neither throws nor does anything
    assertThatThrownBy(cluster::ensureRunning)
        .isInstanceOf(LiteFsClusterException.class)
        .hasMessageContaining("is closed");
    assertThatThrownBy(() -> cluster.primary().start())
        .isInstanceOf(LiteFsClusterException.class)
        .hasMessageContaining("is closed");
  }

  @Test
  void clusterStartsUnderADirectoryWithSpacesAndDollarSigns(@TempDir Path tmp) throws Exception {
    Path parent = tmp.resolve("a dir with $HOME and ${USER}");
    try (LiteFsCluster cluster = LiteFsCluster.builder().baseDir(parent).start()) {
      assertThat(cluster.baseDir().getParent()).isEqualTo(parent.toRealPath());
      assertThat(OsState.mountsUnder(cluster.baseDir())).hasSize(2);
      Sql.exec(cluster.primary().database("odd.db"), "CREATE TABLE t (v)");
      cluster.awaitReplicated("odd.db", Duration.ofSeconds(20));
      assertThat(Sql.query(cluster.replica(0).database("odd.db"), "SELECT 1")).containsExactly("1");
    }
  }

  @Test
  void clusterOfOnlyAPrimaryHasNoReplicas() throws Exception {
    try (LiteFsCluster cluster = LiteFsCluster.builder().replicas(0).start()) {
      assertThat(cluster.replicas()).isEmpty();
      assertThat(cluster.nodes()).containsExactly(cluster.primary());
      cluster.primary().awaitConnected(Duration.ofSeconds(5));
      Sql.exec(cluster.primary().database("solo.db"), "CREATE TABLE t (v)");
    }
  }

  static String get(URI uri) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    assertThat(response.statusCode()).as("status of GET %s", uri).isEqualTo(200);
    return response.body();
  }
}
