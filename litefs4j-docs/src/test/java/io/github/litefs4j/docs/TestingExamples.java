package io.github.litefs4j.docs;

import io.github.litefs4j.testing.LiteFsCluster;
import io.github.litefs4j.testing.LiteFsNode;
import java.net.URI;
import java.time.Duration;

/** The samples of docs/testing.md and docs/failover.md that are not a whole test class. */
final class TestingExamples {
  private TestingExamples() {}

  static void withoutJunit() {
    // tag::without-junit[]
    try (LiteFsCluster cluster =
        LiteFsCluster.builder()
            .replicas(2) // default 1
            .startTimeout(Duration.ofSeconds(30)) // per node, the default
            .start()) { // primary first, then replicas; waits until ready and connected
      LiteFsNode primary = cluster.primary(); // node-0, the static lease's only candidate
      LiteFsNode replica = cluster.replica(0); // node-1
      String url = "jdbc:sqlite:" + primary.database("app.db");
      URI api = replica.httpUri(); // http://127.0.0.1:<port>, e.g. for GET /info
      replica.stop(); // SIGTERM, SIGKILL after 10 s; mount removed
      replica.start(); // waits until mounted, /info answers, connected
      cluster.ensureRunning(); // restarts whatever is down, waits until connected
    }
    // end::without-junit[]
  }

  static void consul() {
    // tag::consul[]
    try (LiteFsCluster cluster = LiteFsCluster.builder().consul().replicas(2).start()) { // 3 nodes
      LiteFsNode primary = cluster.primary(); // node-0 after start()
      cluster.kill(primary); // SIGKILL, as a crash
      LiteFsNode next = cluster.awaitPrimary(Duration.ofSeconds(30)); // node-1 or node-2
      cluster.restart(primary); // rejoins, syncs, takes the lease back
      cluster.handoff(cluster.nodes().get(2), Duration.ofSeconds(30)); // move it on purpose
    }
    // end::consul[]
  }
}
