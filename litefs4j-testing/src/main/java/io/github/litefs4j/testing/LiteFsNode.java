package io.github.litefs4j.testing;

import io.github.litefs4j.testing.internal.ConsulLease;
import io.github.litefs4j.testing.internal.InfoProbe;
import io.github.litefs4j.testing.internal.Mounts;
import io.github.litefs4j.testing.internal.NodeConfig;
import io.github.litefs4j.testing.internal.NodeProcess;
import io.github.litefs4j.testing.internal.ProxyConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One LiteFS node of a {@link LiteFsCluster}: a real {@code litefs mount} process with its own FUSE
 * mount, data directory, config file, log file and loopback HTTP port.
 *
 * <p>The node keeps its name, directories and port for the life of the cluster, so a node that is
 * stopped or killed and started again comes back with the same data and the same address. Write and
 * read databases through {@link #database(String)} (a path inside the FUSE mount) with any SQLite
 * driver.
 *
 * <p>In a cluster with a static lease (the default) {@code node-0} is the primary for good. In a
 * {@linkplain LiteFsClusterBuilder#consul() Consul-leased} cluster every node is a candidate and
 * the lease moves: ask {@link LiteFsCluster#primary()} or {@link #isPrimary()}, which answer what
 * the node's {@code /info} says now.
 *
 * <p>Thread-safe: {@link #start()}, {@link #stop()} and {@link #kill()} of one node are serialized;
 * the accessors may be called at any time from any thread.
 */
public final class LiteFsNode {
  private static final Duration STOP_GRACE = Duration.ofSeconds(10);

  private final String name;
  private final boolean primary;
  private final LiteFsNode primaryNode;
  private final NodeProcess process;
  private final LiteFsCluster cluster;
  private final Duration startTimeout;
  private final NodeNetwork network;
  private volatile int httpPort;
  private volatile ConsulLease consulLease;
  private volatile ProxyConfig proxy;

  LiteFsNode(
      String name,
      boolean primary,
      LiteFsNode primaryNode,
      NodeProcess process,
      int httpPort,
      Duration startTimeout,
      LiteFsCluster cluster,
      NodeNetwork network) {
    this.network = network;
    this.name = name;
    this.primary = primary;
    this.primaryNode = primaryNode;
    this.process = process;
    this.httpPort = httpPort;
    this.startTimeout = startTimeout;
    this.cluster = cluster;
  }

  /**
   * The node's name.
   *
   * @return {@code node-0} for the primary, {@code node-1}, {@code node-2}... for the replicas
   */
  public String name() {
    return name;
  }

  /**
   * Whether this node is the primary. With a static lease: whether it is the configured primary,
   * {@code node-0}, also while it is down (a static lease never moves; while the primary is down
   * the replicas have no primary). With a Consul lease: whether the node's {@code GET /info} says
   * it holds the lease now; {@code false} while it is not running or does not answer. The answer
   * can be stale the moment it is returned: the lease may move at any time.
   *
   * @return see above
   * @throws LiteFsClusterException if interrupted while asking (the interrupt flag is set again)
   */
  public boolean isPrimary() {
    if (consulLease == null) {
      return primary;
    }
    if (!process.isRunning()) {
      return false;
    }
    try {
      return InfoProbe.parsedInfo(httpUri()).map(InfoProbe.Info::isPrimary).orElse(false);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LiteFsClusterException("interrupted while asking " + name + " for /info", e);
    }
  }

  /**
   * The hostname of the primary this node is connected to, read from its {@code .primary} file now.
   * The same rule as the core library's {@code LiteFS.primaryHostname} and {@code PrimaryMonitor}:
   * empty on the primary itself, on a replica that is not connected to a primary (its primary is
   * down, or an election is under way), and on a node that is not running. A node's hostname is its
   * {@link #name()}.
   *
   * @return the primary's hostname ({@code node-0} in a static cluster), or empty
   */
  public Optional<String> primaryHostname() {
    if (!process.isRunning()) {
      return Optional.empty();
    }
    return process.readPrimaryFile();
  }

  /** Whether the node has a Consul lease. */
  boolean hasConsulLease() {
    return consulLease != null;
  }

  /**
   * The FUSE mount where LiteFS serves the databases.
   *
   * @return {@code <baseDir>/<name>/mnt}
   */
  public Path mountDir() {
    return process.mountDir();
  }

  /**
   * LiteFS's own data directory (LTX files, the real database files); do not write to it.
   *
   * @return {@code <baseDir>/<name>/data}
   */
  public Path dataDir() {
    return process.dataDir();
  }

  /**
   * The node's LiteFS YAML configuration file.
   *
   * @return {@code <baseDir>/<name>/litefs.yml}
   */
  public Path configFile() {
    return process.configFile();
  }

  /**
   * The node's log file: everything the {@code litefs} process wrote, across restarts, each start
   * preceded by a {@code ----- litefs4j: starting} line.
   *
   * @return {@code <baseDir>/<name>/litefs.log}
   */
  public Path logFile() {
    return process.logFile();
  }

  /**
   * The base URI of the node's HTTP API.
   *
   * @return {@code http://127.0.0.1:<port>}, or {@code http://<host>:<port>} with the host of the
   *     node's {@link #network()}
   */
  public URI httpUri() {
    return URI.create("http://" + network.host() + ":" + httpPort);
  }

  /**
   * The base URI of LiteFS's built-in HTTP proxy on this node, in front of the node's application;
   * see {@link LiteFsClusterBuilder#proxy(String, java.util.function.IntUnaryOperator,
   * java.util.List)}. The port is the node's own and stays the same across restarts.
   *
   * @return {@code http://127.0.0.1:<proxy port>} (or the host of the node's {@link #network()});
   *     empty if the cluster was built without a proxy
   */
  public Optional<URI> proxyUri() {
    ProxyConfig p = proxy;
    return p == null
        ? Optional.empty()
        : Optional.of(URI.create("http://" + network.host() + ":" + p.port()));
  }

  /**
   * Where the node lives on the network and how it is launched.
   *
   * @return {@link NodeNetwork#LOOPBACK} unless set with {@link LiteFsClusterBuilder#network(int,
   *     NodeNetwork)}
   */
  public NodeNetwork network() {
    return network;
  }

  /**
   * The node's HTTP port (on 127.0.0.1, or on the host of its {@link #network()}); the same across
   * restarts.
   *
   * @return the port
   */
  public int httpPort() {
    return httpPort;
  }

  /**
   * The path of a database in this node's FUSE mount, {@code mountDir().resolve(name)}, for a JDBC
   * URL such as {@code "jdbc:sqlite:" + node.database("app.db")}. The database need not exist.
   *
   * @param name a plain file name
   * @return the path of the database in {@link #mountDir()}
   * @throws IllegalArgumentException if the name is empty, contains {@code '/'}, {@code ".."} or a
   *     NUL character
   */
  public Path database(String name) {
    Objects.requireNonNull(name, "name");
    if (name.isEmpty() || name.contains("/") || name.contains("..") || name.indexOf('\0') >= 0) {
      throw new IllegalArgumentException(
          "database name must be a plain file name without '/' or \"..\": \"" + name + "\"");
    }
    return mountDir().resolve(name);
  }

  /**
   * Whether the node's {@code litefs} process is alive.
   *
   * @return {@code false} before the first start, after {@link #stop()} or {@link #kill()}, and
   *     after the process exited on its own
   */
  public boolean isRunning() {
    return process.isRunning();
  }

  /**
   * The pid of the running {@code litefs} process.
   *
   * @return the pid; a new one after each start
   * @throws IllegalStateException if the node is not running
   */
  public long pid() {
    return process.pid();
  }

  /**
   * Starts the node with the same config, data and port, and waits (up to the cluster's start
   * timeout) until its FUSE mount is up and {@code GET /info} answers; the primary also waits until
   * it holds the lease, and a replica waits until it is connected to the primary (its {@code
   * .primary} file can be read) when the primary is running. With a Consul lease (every node a
   * candidate with {@code promote: true}), waits until the node holds the lease: it joins, syncs
   * and asks the current primary to hand over. Prefer {@link LiteFsCluster#restart(LiteFsNode)},
   * which also waits until every running node agrees. A stale mount left by a crash is removed
   * first. If the node is already running, only waits for the same readiness (with a Consul lease:
   * until it is the primary or connected to it; a running replica does not take the lease).
   *
   * @throws LiteFsClusterException if the process exits early or is not ready in time (the message
   *     names the node, what was awaited and ends with the log tail; the process is killed and its
   *     mount removed), or if the cluster is closed
   */
  public synchronized void start() {
    cluster.checkOpen();
    boolean launched = !process.isRunning();
    if (launched) {
      process.launch();
    }
    awaitReadyOrKill(launched);
  }

  /** Writes this node's config; called by the cluster before the first start. */
  synchronized void configure(int port, ConsulLease lease, ProxyConfig proxy) {
    this.httpPort = port;
    this.consulLease = lease;
    this.proxy = proxy;
    // Static lease: every node names node-0 as the lease holder. Consul lease: each node itself.
    LiteFsNode holder = lease != null || primary ? this : primaryNode;
    process.writeConfig(
        new NodeConfig(
            name,
            mountDir(),
            dataDir(),
            port,
            holder == this,
            holder.name(),
            holder.httpPort(),
            network.listenHost(),
            holder.network().advertiseHost(),
            lease,
            proxy));
  }

  /** What the process logged since it was last launched. */
  String logSinceLaunch() {
    return process.logSinceLaunch();
  }

  /**
   * Waits for readiness; a node that fails it is killed. {@code launched}: the process was started
   * just now (with a Consul lease and {@code promote: true} it then also takes the lease).
   */
  private void awaitReadyOrKill(boolean launched) {
    process.awaitOrKill(startTimeout, deadline -> awaitReady(deadline, startTimeout, launched));
  }

  private void awaitReady(long deadline, Duration budget, boolean launched)
      throws InterruptedException {
    process.await(
        "its FUSE mount at " + mountDir(),
        deadline,
        budget,
        () -> Mounts.isFuseMounted(mountDir()));
    process.await(
        "GET " + httpUri() + "/info to answer 200",
        deadline,
        budget,
        () -> InfoProbe.info(httpUri()).isPresent());
    awaitRole(deadline, budget, launched);
  }

  private void awaitRole(long deadline, Duration budget, boolean launched)
      throws InterruptedException {
    ConsulLease lease = consulLease;
    if (lease != null && lease.promote() && launched) {
      // A candidate with promote: true asks for the lease as soon as it has joined and synced.
      process.awaitInfoPrimary(httpUri(), deadline, budget);
    } else if (lease != null) {
      process.awaitPrimaryOrConnected(httpUri(), deadline, budget);
    } else if (primary) {
      process.awaitInfoPrimary(httpUri(), deadline, budget);
    } else if (primaryNode.isRunning()) {
      process.awaitPrimaryFile("the primary " + primaryNode.name(), deadline, budget);
    }
  }

  /**
   * Stops the node gracefully: SIGTERM, up to 10 s for LiteFS to unmount and exit, then SIGKILL;
   * then makes sure the FUSE mount is gone. If LiteFS could not unmount because a file in the mount
   * is still open (an open JDBC connection, say), the mount is detached lazily: the open file fails
   * from then on. The data directory is kept. No-op (apart from the mount check) if the node is not
   * running.
   *
   * @throws LiteFsClusterException if the process survives SIGKILL or the mount cannot be removed
   */
  public synchronized void stop() {
    process.stop(STOP_GRACE);
  }

  /**
   * Kills the node with SIGKILL, as a crash would, then removes the stale FUSE mount it leaves
   * behind. The data directory is kept: {@link #start()} brings the node back with its data. No-op
   * (apart from the mount check) if the node is not running.
   *
   * @throws LiteFsClusterException if the process survives SIGKILL or the mount cannot be removed
   */
  public synchronized void kill() {
    process.kill();
  }

  /**
   * Waits until a replica is connected to the primary (its {@code .primary} file can be read,
   * steadily for 100 ms). On the primary, waits until {@code GET /info} reports it holds the lease.
   * With a Consul lease: until the node holds the lease or is connected to the node that does. The
   * node is left as it is if the wait fails.
   *
   * @param timeout how long to wait; must be positive
   * @throws IllegalArgumentException if the timeout is not positive
   * @throws LiteFsClusterException if the node is not running, exits, or is not connected in time
   *     (with the log tail)
   */
  public void awaitConnected(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive: " + timeout);
    }
    if (!process.isRunning()) {
      throw process.failure("is not running, so it cannot connect", null);
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      if (consulLease != null) {
        process.awaitPrimaryOrConnected(httpUri(), deadline, timeout);
      } else if (primary) {
        awaitRole(deadline, timeout, false);
      } else {
        process.awaitPrimaryFile("the primary " + primaryNode.name(), deadline, timeout);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LiteFsClusterException(
          "interrupted while waiting for " + name + " to connect to the primary", e);
    }
  }

  /**
   * The last lines of the node's log file (all starts of the node, oldest first); empty if nothing
   * was logged yet.
   *
   * @param lines how many lines, {@code >= 0}
   * @return the lines joined with {@code \n}, without a final line break
   * @throws IllegalArgumentException if {@code lines} is negative
   */
  public String logTail(int lines) {
    return process.logTail(lines);
  }

  @Override
  public String toString() {
    String role = consulLease != null ? " (candidate)" : primary ? " (primary)" : " (replica)";
    return name + role + " " + httpUri() + " " + mountDir();
  }
}
