package io.github.litefs4j.testing;

import io.github.litefs4j.testing.internal.ClusterRegistry;
import io.github.litefs4j.testing.internal.ConsulAgent;
import io.github.litefs4j.testing.internal.NodeProcess;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A real LiteFS cluster on this machine: {@code node-0}, {@code node-1}... each a real {@code
 * litefs mount} process with its own FUSE mount, data directory and loopback HTTP port, all under
 * one fresh temporary directory named {@code litefs4j-cluster-*}. Start one with {@link
 * #builder()}.
 *
 * <p><b>Static lease</b> (the default, fastest): {@code node-0} is the only candidate and stays the
 * primary for the life of the cluster, also while it is down; {@link #primary()} is always {@code
 * node-0} and {@link #replicas()} the other nodes. <b>Consul lease</b> ({@link
 * LiteFsClusterBuilder#consul()}): one Consul dev agent per cluster, every node a candidate with
 * {@code promote: true}, and the lease moves: kill the primary and another node takes it. {@link
 * #primary()} then asks the running nodes who holds the lease now, {@link #awaitPrimary(Duration)}
 * waits until they agree, {@link #handoff(LiteFsNode, Duration)} moves the lease to a chosen node.
 *
 * <pre>{@code
 * try (LiteFsCluster cluster = LiteFsCluster.builder().consul().replicas(2).start()) {
 *   LiteFsNode old = cluster.primary();
 *   cluster.kill(old);                                       // SIGKILL
 *   LiteFsNode now = cluster.awaitPrimary(Duration.ofSeconds(30));
 *   cluster.restart(old);                                    // rejoins, takes the lease back
 * }
 * }</pre>
 *
 * <p>Needs Linux with FUSE ({@code /dev/fuse} and {@code fusermount3}, Debian package {@code
 * fuse3}); LiteFS and Consul are found or built by the fixture itself (see {@link
 * LiteFsClusterBuilder#binary(Path)}). Every failure is a {@link LiteFsClusterException}; a node
 * that fails to start is killed and unmounted, and the exception carries the tail of its log.
 *
 * <p>{@link #close()} stops every process (nodes, then the Consul agent) and removes every mount,
 * also for a node that crashed. A cluster that is never closed is closed by a shutdown hook when
 * the JVM exits; {@code scripts/cleanup-litefs} removes what a killed JVM left. On a clean close
 * the temporary directory is deleted, unless the system property {@code litefs4j.keepDirs} is
 * {@code true}; after a failure it is kept for its logs.
 *
 * <p>Thread-safe. Lifecycle calls on one node are serialized; {@link #ensureRunning()} calls are
 * serialized with each other.
 */
public final class LiteFsCluster implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger("io.github.litefs4j.testing");
  private static final String KEEP_DIRS_PROPERTY = "litefs4j.keepDirs";

  private final Path baseDir;
  private final List<LiteFsNode> nodes;
  private final Leadership leadership;
  private final ConsulAgent consul;
  private final Duration startTimeout;
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile boolean keepDirs;

  private LiteFsCluster(ClusterSpec spec, Path baseDir) {
    this.baseDir = baseDir;
    this.startTimeout = spec.startTimeout();
    this.consul =
        spec.consulBinary() == null
            ? null
            : new ConsulAgent(spec.consulBinary(), baseDir.resolve("consul"));
    List<LiteFsNode> all = new ArrayList<>();
    for (int i = 0; i <= spec.replicas(); i++) {
      String name = "node-" + i;
      NodeNetwork network = spec.networks().getOrDefault(i, NodeNetwork.LOOPBACK);
      NodeProcess process =
          new NodeProcess(name, spec.litefs(), baseDir.resolve(name), network.commandPrefix());
      LiteFsNode first = all.isEmpty() ? null : all.get(0);
      all.add(new LiteFsNode(name, i == 0, first, process, 0, startTimeout, this, network));
    }
    this.nodes = Collections.unmodifiableList(all);
    this.leadership = new Leadership(nodes);
  }

  /**
   * A builder with the defaults: static lease, one replica, 30 s start timeout per node.
   *
   * @return a new builder
   */
  public static LiteFsClusterBuilder builder() {
    return new LiteFsClusterBuilder();
  }

  /**
   * The primary. Static lease: {@code node-0}, always (also while it is down). Consul lease: the
   * running node whose {@code GET /info} says it holds the lease now (asked at each call).
   *
   * @return the primary
   * @throws LiteFsClusterException on a Consul cluster when no running node, or more than one, says
   *     it is primary (during an election or a handoff), listing what each node said
   */
  public LiteFsNode primary() {
    return consul == null ? nodes.get(0) : leadership.current();
  }

  /**
   * Waits until every running node agrees on one primary: it says it holds the lease and every
   * other running node names it as its primary. Works for both lease types.
   *
   * @param timeout how long to wait, positive
   * @return the agreed primary
   * @throws LiteFsClusterException on timeout, listing what each node said last
   * @throws IllegalArgumentException if the timeout is not positive
   */
  public LiteFsNode awaitPrimary(Duration timeout) {
    return leadership.await(timeout, null);
  }

  /**
   * The replicas. Static lease: every node but {@code node-0}, running or not, in order. Consul
   * lease: the running nodes that do not say they are primary now, in order (every running node
   * while there is no primary).
   *
   * @return an immutable list; empty for a cluster of one node
   */
  public List<LiteFsNode> replicas() {
    return List.copyOf(consul == null ? nodes.subList(1, nodes.size()) : leadership.notPrimary());
  }

  /**
   * The replica at {@code index} of {@link #replicas()}, 0-based: on a static cluster {@code
   * replica(0)} is {@code node-1}.
   *
   * @param index 0-based index among the replicas
   * @return the replica
   * @throws IndexOutOfBoundsException if there is no such replica
   */
  public LiteFsNode replica(int index) {
    List<LiteFsNode> replicas = replicas();
    if (index < 0 || index >= replicas.size()) {
      throw new IndexOutOfBoundsException(
          "replica index " + index + " out of range: the cluster has " + replicas.size());
    }
    return replicas.get(index);
  }

  /**
   * Every node, running or not.
   *
   * @return an immutable list, {@code node-0} first
   */
  public List<LiteFsNode> nodes() {
    return nodes;
  }

  /**
   * The HTTP API of the cluster's Consul agent.
   *
   * @return {@code http://127.0.0.1:<port>} on a Consul cluster, empty on a static one
   */
  public Optional<URI> consulUri() {
    return consul == null ? Optional.empty() : Optional.of(consul.httpUri());
  }

  /**
   * The fresh temporary directory holding every node's directories.
   *
   * @return a directory named {@code litefs4j-cluster-*} holding {@code node-0}, {@code node-1}...
   */
  public Path baseDir() {
    return baseDir;
  }

  /**
   * Waits until every running replica has replicated database {@code db} up to the position the
   * primary has now: reads the current primary's {@code <mount>/<db>-pos} ({@code txid/checksum} in
   * hex) once, then returns as soon as the {@code -pos} of each replica that is running at the call
   * has a TXID at least as high. Event-driven: one daemon thread per replica follows the replica's
   * {@code GET /events} and re-reads its {@code -pos} after each event line (and once at the
   * start); no polling. Every stream and thread is closed before this returns or throws.
   *
   * <pre>{@code
   * Sql.exec(cluster.primary().database("app.db"), "INSERT INTO t VALUES (1)");
   * cluster.awaitReplicated("app.db", Duration.ofSeconds(10));
   * // every running replica's app.db now holds the row
   * }</pre>
   *
   * <p>Edge cases: a replica that does not have the database yet counts as not there (waiting for a
   * database that is still being created on the replicas works); a cluster without running replicas
   * returns at once; a replica stopped during the wait keeps the wait from succeeding (its stream
   * ends, which the timeout message says). The primary is {@link #primary()} at the call, so this
   * works on static and Consul clusters alike; writes after the call are not waited for. Only the
   * TXID is compared, not the checksum.
   *
   * @param db the database's file name in the mount, for example {@code app.db}
   * @param timeout how long to wait, positive
   * @throws LiteFsClusterException if the primary has no such database (no {@code -pos} file), or
   *     on timeout, naming the target position and the position each replica reached; also if the
   *     calling thread is interrupted (its flag is set again) or the cluster is closed; on a Consul
   *     cluster also when no node holds the lease at the call (see {@link #primary()})
   * @throws IllegalArgumentException if {@code db} is blank or the timeout is not positive
   */
  public void awaitReplicated(String db, Duration timeout) {
    if (db == null || db.isBlank()) {
      throw new IllegalArgumentException("db must name a database of the mount: \"" + db + "\"");
    }
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive: " + timeout);
    }
    checkOpen();
    LiteFsNode current = primary();
    ReplicationWait.await(db, timeout, current, nodes);
  }

  /**
   * Kills a node with SIGKILL, as a crash would, and removes its stale mount; see {@link
   * LiteFsNode#kill()}. On a Consul cluster the lease of a killed primary expires (within about
   * twice the 3 s TTL plus the 1 s lock-delay) and another node takes it.
   *
   * @param node a node of this cluster
   * @throws IllegalArgumentException if the node belongs to another cluster
   */
  public void kill(LiteFsNode node) {
    own(node).kill();
  }

  /**
   * Stops a node gracefully; see {@link LiteFsNode#stop()}. A primary that stops releases its
   * Consul lease, so another node takes it at once.
   *
   * @param node a node of this cluster
   * @throws IllegalArgumentException if the node belongs to another cluster
   */
  public void stop(LiteFsNode node) {
    own(node).stop();
  }

  /**
   * Starts a stopped or killed node again with its data and port and waits until it serves and is
   * connected to a primary or is the primary. On a Consul cluster the node (a candidate with {@code
   * promote: true}) joins as a replica, syncs and takes the lease; this returns once every running
   * node agrees that it is the primary. If the node is running, it is left as it is: this only
   * waits until it serves and every running node agrees on a primary (which may be another node).
   *
   * @param node a node of this cluster
   * @return {@code node}
   * @throws LiteFsClusterException if it does not get there within the start timeout
   * @throws IllegalArgumentException if the node belongs to another cluster
   */
  public LiteFsNode restart(LiteFsNode node) {
    boolean wasRunning = own(node).isRunning();
    node.start();
    if (consul != null) {
      leadership.await(startTimeout, wasRunning ? null : node);
    }
    return node;
  }

  /**
   * Makes {@code target} the primary: {@code POST /promote} on the target (which asks the current
   * primary to hand the lease over), retried while an election leaves no primary, then waits until
   * every running node agrees. No-op if it is the agreed primary already.
   *
   * @param target a running node of this cluster
   * @param timeout how long it may take, positive
   * @return {@code target}
   * @throws UnsupportedOperationException on a static cluster: a static lease cannot move
   * @throws LiteFsClusterException if the target is not running, refuses, or the nodes do not agree
   *     in time
   * @throws IllegalArgumentException if the node belongs to another cluster or the timeout is not
   *     positive
   */
  public LiteFsNode handoff(LiteFsNode target, Duration timeout) {
    own(target);
    if (consul == null) {
      throw new UnsupportedOperationException(
          "a static lease cannot be handed off: node-0 is the primary for good; start the cluster"
              + " with LiteFsCluster.builder().consul() to move the lease");
    }
    return leadership.handoff(target, timeout);
  }

  private LiteFsNode own(LiteFsNode node) {
    if (!nodes.contains(node)) {
      throw new IllegalArgumentException(node + " is not a node of " + this);
    }
    checkOpen();
    return node;
  }

  /**
   * Starts every node that is not running and waits until each is ready, so each test can begin
   * from the same state. Static lease: the primary first, then the replicas, each connected. Consul
   * lease: the stopped nodes from the last to {@code node-0} (each takes the lease in turn), and
   * then, if needed, a handoff to {@code node-0}: afterwards {@code node-0} is the agreed primary.
   *
   * @throws LiteFsClusterException if a node cannot be started (it is killed and unmounted) or the
   *     cluster is closed
   */
  public synchronized void ensureRunning() {
    checkOpen();
    if (consul == null) {
      nodes.forEach(LiteFsNode::start);
      return;
    }
    for (int i = nodes.size() - 1; i >= 0; i--) {
      if (!nodes.get(i).isRunning()) {
        restart(nodes.get(i));
      }
    }
    leadership.handoff(nodes.get(0), startTimeout);
  }

  /**
   * Stops every node (the last first, gracefully, with SIGKILL as a fallback), then the Consul
   * agent (a dev agent keeps its state in memory: nothing of it remains), removes every mount under
   * {@link #baseDir()}, and deletes {@link #baseDir()} when all of that went cleanly (unless {@code
   * -Dlitefs4j.keepDirs=true}). Idempotent; a node that is already stopped or crashed is no error.
   *
   * @throws LiteFsClusterException only if a process or a mount could not be removed (everything
   *     else is still attempted); the directory is then kept
   */
  @Override
  public void close() {
    if (closed.getAndSet(true)) {
      return;
    }
    ClusterRegistry.unregister(this);
    ClusterShutdown.stopAll(
        nodes, consul, baseDir, keepDirs || Boolean.getBoolean(KEEP_DIRS_PROPERTY));
  }

  /** Whether {@link #close()} was called. */
  boolean isClosed() {
    return closed.get();
  }

  void checkOpen() {
    if (closed.get()) {
      throw new LiteFsClusterException("the LiteFS cluster " + baseDir + " is closed");
    }
  }

  /** The Consul agent's pid, for tests of the cleanup. */
  long consulPid() {
    if (consul == null) {
      throw new IllegalStateException("a static cluster has no Consul agent");
    }
    return consul.pid();
  }

  /** Starts a new cluster from a checked spec; on failure, stops what was started. */
  static LiteFsCluster start(ClusterSpec spec, Path baseDir) {
    LiteFsCluster cluster = new LiteFsCluster(spec, baseDir);
    ClusterRegistry.register(cluster);
    try {
      ClusterStartup.startAll(cluster.nodes, cluster.consul, cluster.leadership, spec, baseDir);
    } catch (RuntimeException e) {
      cluster.keepDirs = true;
      try {
        cluster.close();
      } catch (RuntimeException closing) {
        e.addSuppressed(closing);
      }
      throw e;
    }
    LOG.log(Level.DEBUG, "started {0}", cluster);
    return cluster;
  }

  @Override
  public String toString() {
    return "LiteFsCluster["
        + baseDir
        + ", "
        + nodes.size()
        + " nodes, "
        + (consul == null ? "static lease" : "Consul lease at " + consul.httpUri())
        + "]";
  }
}
