package io.github.litefs4j.examples.dashboard;

import io.github.litefs4j.testing.LiteFsCluster;
import io.github.litefs4j.testing.LiteFsClusterException;
import io.github.litefs4j.testing.LiteFsNode;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The demo's cluster: the only class that knows which fixture runs it. Three nodes on a Consul
 * lease (litefs4j-testing's {@code consul()}): every node is a candidate, so when the primary dies
 * its lease expires and another node takes over; a node that comes back takes the lease back
 * ({@code promote: true}); the lease can also be handed to a chosen node.
 *
 * <p><b>Child processes and HALT.</b> Starting any child process while a HALT is held releases it
 * (see docs/LITEFS-FACTS.md), and the fixture starts children (LiteFS itself, {@code fusermount3}).
 * Every lifecycle call here and every HALT write ({@link #withoutChildProcesses}) therefore takes
 * one lock, so no process is started while this JVM holds a HALT.
 *
 * <p>Thread-safe.
 */
final class DemoCluster implements AutoCloseable {
  private final LiteFsCluster cluster;
  private final ReentrantLock forkGuard = new ReentrantLock();

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
    withoutChildProcesses(
        () -> {
          cluster.kill(node);
          return null;
        });
  }

  /**
   * Starts a node that is down again, with its data, and waits until it is ready; on a Consul lease
   * it takes the lease back, and this waits until every node agrees.
   *
   * @param node the node
   */
  public void restart(LiteFsNode node) {
    withoutChildProcesses(
        () -> {
          cluster.restart(node);
          return null;
        });
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

  /**
   * Runs {@code action} while no lifecycle call can start a child process (see the class
   * description); used around HALTs.
   *
   * @param action what to run
   * @param <T> its result
   * @return its result
   */
  public <T, E extends Exception> T withoutChildProcesses(Section<T, E> action) throws E {
    forkGuard.lock();
    try {
      return action.run();
    } finally {
      forkGuard.unlock();
    }
  }

  /**
   * Code run by {@link #withoutChildProcesses}.
   *
   * @param <T> its result
   * @param <E> what it throws
   */
  @FunctionalInterface
  interface Section<T, E extends Exception> {
    /**
     * Runs the code.
     *
     * @return its result
     * @throws E its failure
     */
    T run() throws E;
  }

  /** Stops every node and removes every mount and directory (the fixture's cleanup). */
  @Override
  public void close() {
    forkGuard.lock();
    try {
      cluster.close();
    } finally {
      forkGuard.unlock();
    }
  }
}
