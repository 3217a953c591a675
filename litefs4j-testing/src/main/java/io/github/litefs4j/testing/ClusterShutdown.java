package io.github.litefs4j.testing;

import io.github.litefs4j.testing.internal.ConsulAgent;
import io.github.litefs4j.testing.internal.Mounts;
import io.github.litefs4j.testing.internal.Trees;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The close of a cluster: every node, then the Consul agent, then any mount left, then the
 * directory.
 *
 * <p>Stateless; called once per cluster by {@link LiteFsCluster#close()}.
 */
final class ClusterShutdown {
  private static final System.Logger LOG = System.getLogger("io.github.litefs4j.testing");

  private ClusterShutdown() {}

  /**
   * Stops the nodes (the last first; SIGKILL if a graceful stop fails), then the agent, unmounts
   * whatever is still mounted under {@code baseDir}, and deletes it if all went cleanly and {@code
   * keep} is false. Every step is attempted.
   *
   * @throws LiteFsClusterException for the first failure, the others suppressed
   */
  static void stopAll(List<LiteFsNode> nodes, ConsulAgent consul, Path baseDir, boolean keep) {
    List<RuntimeException> failures = new ArrayList<>();
    List<LiteFsNode> order = new ArrayList<>(nodes);
    Collections.reverse(order);
    for (LiteFsNode node : order) {
      try {
        node.stop();
      } catch (RuntimeException e) {
        failures.add(e);
        try {
          node.kill();
        } catch (RuntimeException again) {
          e.addSuppressed(again);
        }
      }
    }
    if (consul != null) {
      try {
        consul.stop();
      } catch (RuntimeException e) {
        failures.add(e);
      }
    }
    for (Path mount : Mounts.mountsUnder(baseDir)) {
      try {
        Mounts.unmount("cluster " + baseDir, mount);
      } catch (RuntimeException e) {
        failures.add(e);
      }
    }
    if (failures.isEmpty() && !keep) {
      Trees.deleteUnlessMounted(baseDir);
    } else {
      LOG.log(Level.INFO, "kept the LiteFS cluster directory {0}", baseDir);
    }
    if (!failures.isEmpty()) {
      LiteFsClusterException failure =
          new LiteFsClusterException(
              "cannot clean up the LiteFS cluster " + baseDir + ": " + failures.get(0).getMessage(),
              failures.get(0));
      failures.subList(1, failures.size()).forEach(failure::addSuppressed);
      throw failure;
    }
  }
}
