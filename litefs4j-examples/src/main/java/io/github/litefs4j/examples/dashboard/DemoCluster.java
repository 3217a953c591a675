package io.github.litefs4j.examples.dashboard;

import io.github.litefs4j.testing.LiteFsCluster;
import io.github.litefs4j.testing.LiteFsClusterException;
import io.github.litefs4j.testing.LiteFsNode;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The demo's cluster: the only class that knows which fixture runs it. Three nodes on a Consul
 * lease (litefs4j-testing's {@code consul()}): every node is a candidate, so when the primary dies
 * its lease expires and another node takes over; a node that comes back takes the lease back
 * ({@code promote: true}); the lease can also be handed to a chosen node.
 *
 * <p>Thread-safe.
 */
final class DemoCluster implements AutoCloseable {
  private final LiteFsCluster cluster;

  private DemoCluster(LiteFsCluster cluster) {
    this.cluster = cluster;
  }

  /**
   * Starts a cluster of three nodes and waits until every node is ready.
   *
   * @return the running cluster; close it to stop every node and remove every mount
   */
  public static DemoCluster start() {
    return new DemoCluster(LiteFsCluster.builder().consul().replicas(2).start());
  }

  /**
   * Whether the primary can move.
   *
   * @return true: a Consul lease
   */
  public boolean canFailOver() {
    return true;
  }

  /**
   * Every node, in a stable order.
   *
   * @return the nodes, {@code node-0} first
   */
  public List<LiteFsNode> nodes() {
    return cluster.nodes();
  }

  /**
   * The node that holds the lease now, if it is running.
   *
   * @return the primary, or empty while none is running
   */
  public Optional<LiteFsNode> primary() {
    try {
      LiteFsNode primary = cluster.primary();
      return primary.isRunning() ? Optional.of(primary) : Optional.empty();
    } catch (LiteFsClusterException noneOrMany) {
      return Optional.empty(); // an election or a handoff is under way
    }
  }

  /**
   * Waits until every running node agrees on one running primary.
   *
   * @param timeout how long to wait
   * @return the primary
   * @throws RuntimeException (the fixture's) if there is none in time
   */
  public LiteFsNode awaitPrimary(Duration timeout) {
    return cluster.awaitPrimary(timeout);
  }

  /**
   * Kills a node with SIGKILL, as a crash would; its stale mount is removed.
   *
   * @param node the node
   */
  public void kill(LiteFsNode node) {
    cluster.kill(node);
  }

  /**
   * Starts a node that is down again, with its data, and waits until it is ready; on a Consul lease
   * it takes the lease back, and this waits until every node agrees.
   *
   * @param node the node
   */
  public void restart(LiteFsNode node) {
    cluster.restart(node);
  }

  /**
   * Moves the lease from the primary to {@code target}.
   *
   * @param target the node that should become primary
   * @param timeout how long to wait until every node agrees on it
   * @throws RuntimeException (the fixture's) if it does not happen in time
   */
  public void handoff(LiteFsNode target, Duration timeout) {
    cluster.handoff(target, timeout);
  }

  /** Stops every node and removes every mount and directory (the fixture's cleanup). */
  @Override
  public void close() {
    cluster.close();
  }
}
