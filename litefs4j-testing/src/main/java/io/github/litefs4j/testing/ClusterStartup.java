package io.github.litefs4j.testing;

import io.github.litefs4j.testing.internal.ConsulAgent;
import io.github.litefs4j.testing.internal.ConsulLease;
import io.github.litefs4j.testing.internal.ProxyConfig;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * The first start of a cluster's processes: the Consul agent if there is one, then the nodes.
 *
 * <p>Stateless; called once per cluster by {@link LiteFsCluster}.
 */
final class ClusterStartup {
  private static final System.Logger LOG = System.getLogger("io.github.litefs4j.testing");
  private static final int PORT_ATTEMPTS = 5;

  /** The Consul session TTL of every node's lease. */
  static final Duration LEASE_TTL = Duration.ofSeconds(3);

  /** How long Consul keeps the key locked after a holder's session is invalidated. */
  static final Duration LOCK_DELAY = Duration.ofSeconds(1);

  private ClusterStartup() {}

  /**
   * Static lease: starts {@code node-0}, then each replica. Consul lease: starts the agent, then
   * the nodes from the last to {@code node-0}: each one that joins takes the lease ({@code promote:
   * true}), so {@code node-0} ends as the agreed primary.
   */
  static void startAll(
      List<LiteFsNode> nodes,
      ConsulAgent consul,
      Leadership leadership,
      ClusterSpec spec,
      Path baseDir) {
    if (consul == null) {
      for (int i = 0; i < nodes.size(); i++) {
        startFirstTime(nodes.get(i), i, spec, null);
      }
      return;
    }
    consul.start(spec.ports(), spec.startTimeout());
    String key = "litefs4j/" + baseDir.getFileName();
    ConsulLease lease = new ConsulLease(consul.httpUri(), key, LEASE_TTL, LOCK_DELAY, true);
    for (int i = nodes.size() - 1; i >= 0; i--) {
      startFirstTime(nodes.get(i), i, spec, lease);
    }
    leadership.await(spec.startTimeout(), nodes.get(0));
  }

  /**
   * Starts a node for the first time; if LiteFS cannot bind the chosen port (another process took
   * it after it was picked), tries again with new ports (also for its proxy, if it has one).
   */
  private static void startFirstTime(
      LiteFsNode node, int index, ClusterSpec spec, ConsulLease lease) {
    IntSupplier ports = spec.ports();
    for (int attempt = 1; ; attempt++) {
      int port = ports.getAsInt();
      ProxyConfig proxy =
          spec.proxy() == null
              ? null
              : spec.proxy().forNode(index, node.network().listenHost(), ports.getAsInt());
      node.configure(port, lease, proxy);
      try {
        node.start();
        return;
      } catch (LiteFsClusterException e) {
        boolean portTaken = node.logSinceLaunch().contains("address already in use");
        if (!portTaken || attempt >= PORT_ATTEMPTS) {
          throw e;
        }
        LOG.log(
            Level.INFO,
            "{0}: port {1} was taken before LiteFS could bind it; trying another port",
            node.name(),
            String.valueOf(node.httpPort()));
      }
    }
  }
}
