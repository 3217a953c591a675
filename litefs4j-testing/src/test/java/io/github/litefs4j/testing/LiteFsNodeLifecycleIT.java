package io.github.litefs4j.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.litefs4j.testsupport.Sql;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Stopping, killing and starting nodes of one real cluster (1 primary, 1 replica). */
class LiteFsNodeLifecycleIT {
  private static LiteFsCluster cluster;

  @BeforeAll
  static void startCluster() {
    cluster = LiteFsCluster.builder().replicas(1).start();
  }

  @AfterAll
  static void closeCluster() {
    cluster.close();
  }

  @BeforeEach
  void everyNodeRuns() {
    cluster.ensureRunning();
  }

  @Test
  void stoppedReplicaStartsAgainWithItsDataAndPort() throws Exception {
    LiteFsNode replica = cluster.replica(0);
    writeAndAwaitOnReplica("stop_replica", "before stop");
    int port = replica.httpPort();
    long oldPid = replica.pid();

    replica.stop();
    assertThat(replica.isRunning()).isFalse();
    assertThat(OsState.processExists(oldPid)).isFalse();
    assertThat(OsState.mountsUnder(replica.mountDir())).isEmpty();

    replica.start();
    assertThat(replica.isRunning()).isTrue();
    assertThat(replica.pid()).isNotEqualTo(oldPid);
    assertThat(replica.httpPort()).isEqualTo(port);
    assertThat(Files.readString(replica.mountDir().resolve(".primary"))).isEqualTo("node-0\n");
    assertThat(Sql.query(replica.database("stop_replica.db"), "SELECT v FROM t"))
        .containsExactly("before stop");
  }

  @Test
  void killedReplicaLeavesNoMountAndStartsAgainWithItsData() throws Exception {
    LiteFsNode replica = cluster.replica(0);
    writeAndAwaitOnReplica("kill_replica", "before kill");
    long oldPid = replica.pid();

    replica.kill();

    assertThat(replica.isRunning()).isFalse();
    assertThat(OsState.processExists(oldPid)).isFalse();
    assertThat(OsState.mountsUnder(replica.mountDir())).isEmpty();
    assertThatThrownBy(replica::pid)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("node-1");

    replica.start();
    assertThat(Sql.query(replica.database("kill_replica.db"), "SELECT v FROM t"))
        .containsExactly("before kill");
  }

  @Test
  void killedPrimaryStartsAgainWithItsDataAndReplicaReconnects() throws Exception {
    LiteFsNode primary = cluster.primary();
    LiteFsNode replica = cluster.replica(0);
    writeAndAwaitOnReplica("kill_primary", "before kill");

    primary.kill();
    assertThat(OsState.mountsUnder(primary.mountDir())).isEmpty();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> OsState.primaryFile(replica.mountDir()).isEmpty());
    assertThat(Sql.query(replica.database("kill_primary.db"), "SELECT v FROM t"))
        .as("a replica without primary still serves reads")
        .containsExactly("before kill");

    primary.start();
    assertThat(Sql.query(primary.database("kill_primary.db"), "SELECT v FROM t"))
        .containsExactly("before kill");
    replica.awaitConnected(Duration.ofSeconds(20));
    Sql.exec(primary.database("kill_primary.db"), "INSERT INTO t VALUES ('after restart')");
    cluster.awaitReplicated("kill_primary.db", Duration.ofSeconds(20));
    assertThat(Sql.query(replica.database("kill_primary.db"), "SELECT v FROM t"))
        .containsExactly("before kill", "after restart");
  }

  @Test
  void stoppedPrimaryStartsAgainWithItsData() throws Exception {
    LiteFsNode primary = cluster.primary();
    writeAndAwaitOnReplica("stop_primary", "before stop");
    int port = primary.httpPort();

    primary.stop();
    assertThat(primary.isRunning()).isFalse();
    assertThat(OsState.mountsUnder(primary.mountDir())).isEmpty();

    primary.start();
    assertThat(primary.httpPort()).isEqualTo(port);
    assertThat(Sql.query(primary.database("stop_primary.db"), "SELECT v FROM t"))
        .containsExactly("before stop");
  }

  @Test
  void stopAndKillOfAStoppedNodeDoNothing() throws Exception {
    LiteFsNode replica = cluster.replica(0);
    replica.stop();
    replica.stop();
    replica.kill();
    assertThat(replica.isRunning()).isFalse();
    assertThat(OsState.mountsUnder(replica.mountDir())).isEmpty();
  }

  @Test
  void stopWithAnOpenDatabaseConnectionStillEndsTheProcessAndRemovesTheMount() throws Exception {
    LiteFsNode replica = cluster.replica(0);
    writeAndAwaitOnReplica("open_stop", "open");
    long pid = replica.pid();

    try (Connection open = readOnly(replica.database("open_stop.db"));
        Statement statement = open.createStatement();
        ResultSet rows = statement.executeQuery("SELECT v FROM t")) {
      assertThat(rows.next()).isTrue();

      replica.stop();

      assertThat(OsState.processExists(pid)).isFalse();
      assertThat(OsState.mountsUnder(replica.mountDir())).isEmpty();
    }
    replica.start();
    assertThat(Sql.query(replica.database("open_stop.db"), "SELECT v FROM t"))
        .containsExactly("open");
  }

  @Test
  void killWithAnOpenDatabaseConnectionStillRemovesTheMount() throws Exception {
    LiteFsNode primary = cluster.primary();
    writeAndAwaitOnReplica("open_kill", "open");

    try (Connection open =
            DriverManager.getConnection("jdbc:sqlite:" + primary.database("open_kill.db"));
        Statement statement = open.createStatement()) {
      statement.execute("BEGIN");
      statement.execute("INSERT INTO t VALUES ('uncommitted')");

      primary.kill();

      assertThat(OsState.mountsUnder(primary.mountDir())).isEmpty();
    } catch (SQLException expected) {
      // Closing a connection whose file system went away may fail; the mount check above ran.
      assertThat(OsState.mountsUnder(primary.mountDir())).isEmpty();
    }
    primary.start();
    assertThat(Sql.query(primary.database("open_kill.db"), "SELECT v FROM t"))
        .containsExactly("open");
  }

  private static Connection readOnly(Path db) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("open_mode", "1");
    return DriverManager.getConnection("jdbc:sqlite:" + db, properties);
  }

  private static void writeAndAwaitOnReplica(String name, String value) throws Exception {
    Path onPrimary = cluster.primary().database(name + ".db");
    Sql.exec(onPrimary, "CREATE TABLE t (v TEXT)", "INSERT INTO t VALUES ('" + value + "')");
    cluster.awaitReplicated(name + ".db", Duration.ofSeconds(20));
    assertThat(Sql.query(cluster.replica(0).database(name + ".db"), "SELECT v FROM t"))
        .containsExactly(value);
  }
}
