package io.github.litefs4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.litefs4j.testing.LiteFsCluster;
import io.github.litefs4j.testing.LiteFsNode;
import io.github.litefs4j.testsupport.Sql;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/** Shared pieces of the failover ITs on a 3-node Consul-leased cluster. */
final class FailoverSupport {
  /** An election after SIGKILL takes 6-7 s on an idle machine; generous for a loaded one. */
  static final Duration ELECTION = Duration.ofSeconds(60);

  /** Replication, state changes, event delivery. */
  static final Duration WAIT = Duration.ofSeconds(30);

  static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** Reconnects quickly, so that a restarted node is followed again within a second. */
  static final ReconnectPolicy FAST =
      ReconnectPolicy.builder()
          .initialDelay(Duration.ofMillis(50))
          .maxDelay(Duration.ofMillis(500))
          .build();

  private static final AtomicInteger NAMES = new AtomicInteger();

  private FailoverSupport() {}

  static LiteFsClient client(LiteFsNode node) {
    return LiteFsClient.builder().baseUri(node.httpUri()).httpClient(HTTP).build();
  }

  /** The nodes of the cluster other than {@code gone}, in order. */
  static List<LiteFsNode> survivors(LiteFsCluster cluster, LiteFsNode gone) {
    List<LiteFsNode> out = new ArrayList<>(cluster.nodes());
    out.remove(gone);
    return out;
  }

  /** The monitor state a running node has once {@code primary} holds the lease. */
  static PrimaryState expectedState(LiteFsNode node, LiteFsNode primary) {
    return node == primary ? PrimaryState.primary() : PrimaryState.replica(primary.name());
  }

  /**
   * Creates a fresh database with table {@code t(v TEXT)} on the primary and waits until every
   * running node has it at the primary's position.
   *
   * @return its name
   */
  static String newReplicatedDatabase(LiteFsCluster cluster, String prefix) throws SQLException {
    String name = prefix + "-" + NAMES.incrementAndGet() + "-" + System.nanoTime() + ".db";
    LiteFsNode primary = cluster.primary();
    Sql.exec(primary.database(name), "CREATE TABLE t (v TEXT)");
    cluster.awaitReplicated(name, WAIT);
    return name;
  }

  /**
   * Waits until each running node of {@code nodes} has {@code db} at exactly {@code position}, the
   * checksum included: unlike {@link LiteFsCluster#awaitReplicated}, which compares TXIDs, this
   * tells a node that has the lost commit of a dead primary from one resynchronised to another
   * history at the same TXID.
   */
  static void awaitReplicated(List<LiteFsNode> nodes, String db, Position position) {
    for (LiteFsNode node : nodes) {
      if (node.isRunning()) {
        await()
            .atMost(WAIT)
            .ignoreExceptions()
            .until(() -> LiteFS.position(node.database(db)), position::equals);
      }
    }
  }

  /** The rows of {@code t}, in insertion order, read on {@code node}. */
  static List<String> rows(LiteFsNode node, String db) throws SQLException {
    return Sql.query(node.database(db), "SELECT v FROM t ORDER BY rowid");
  }

  /** How many file descriptors this JVM has open now. */
  static long openFds() throws IOException {
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      return fds.count();
    }
  }

  /**
   * SIGKILLs {@code primary} with a plain signal, starting no process (a child process started
   * while this JVM holds a HALT releases it), and waits until {@code replica} knows it has no
   * primary. Call {@link LiteFsCluster#kill(LiteFsNode)} afterwards to remove the stale mount.
   */
  static void signalKill(LiteFsNode primary, LiteFsNode replica) {
    ProcessHandle process = ProcessHandle.of(primary.pid()).orElseThrow();
    process.destroyForcibly();
    await().atMost(WAIT).until(() -> !process.isAlive());
    await().atMost(WAIT).until(() -> client(replica).info().isDisconnectedReplica());
  }

  /** Asserts that {@code node}'s monitor reaches {@code expected}. */
  static void awaitState(PrimaryMonitor monitor, PrimaryState expected) {
    await().atMost(WAIT).until(monitor::state, expected::equals);
    assertThat(monitor.state()).isEqualTo(expected);
  }
}
