package io.github.litefs4j.testing;

import io.github.litefs4j.testing.internal.ClusterRegistry;
import io.github.litefs4j.testing.internal.FreePorts;
import io.github.litefs4j.testing.internal.Mounts;
import io.github.litefs4j.testing.internal.NodeProcess;
import io.github.litefs4j.testing.internal.Prerequisites;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntSupplier;

/**
 * A real LiteFS cluster on this machine: one primary and any number of replicas, each a real {@code
 * litefs mount} process with its own FUSE mount, data directory and loopback HTTP port, all under
 * one fresh temporary directory named {@code litefs4j-cluster-*}.
 *
 * <p>The cluster uses a static lease: {@link #primary()} ({@code node-0}) is the only candidate and
 * stays primary for the life of the cluster; the replicas ({@code node-1}, {@code node-2}...)
 * replicate from it. Nodes can be stopped, killed (a crash) and started again with the same data
 * and port, to test what an application does while a node is down.
 *
 * <pre>{@code
 * try (LiteFsCluster cluster = LiteFsCluster.builder().replicas(2).start()) {
 *   String primaryUrl = "jdbc:sqlite:" + cluster.primary().database("app.db");
 *   String replicaUrl = "jdbc:sqlite:" + cluster.replica(0).database("app.db");
 *   // write through primaryUrl, read through replicaUrl
 * }
 * }</pre>
 *
 * <p>Needs Linux with FUSE ({@code /dev/fuse} and {@code fusermount3}, Debian package {@code
 * fuse3}) and the {@code litefs} binary (see {@link Builder#binary(Path)}). Every failure is a
 * {@link LiteFsClusterException}; a node that fails to start is killed and unmounted, and the
 * exception carries the tail of its log.
 *
 * <p>{@link #close()} stops every process and removes every mount, also for a node that crashed. A
 * cluster that is never closed is closed by a shutdown hook when the JVM exits. On a clean close
 * the temporary directory is deleted, unless the system property {@code litefs4j.keepDirs} is
 * {@code true}; after a failure it is kept for its logs.
 *
 * <p>Thread-safe. Lifecycle calls on one node are serialized; {@link #ensureRunning()} calls are
 * serialized with each other.
 */
public final class LiteFsCluster implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger("io.github.litefs4j.testing");
  private static final String KEEP_DIRS_PROPERTY = "litefs4j.keepDirs";
  private static final int PORT_ATTEMPTS = 5;

  private final Path baseDir;
  private final LiteFsNode primary;
  private final List<LiteFsNode> replicas;
  private final List<LiteFsNode> nodes;
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile boolean keepDirs;

  private LiteFsCluster(Path binary, Path baseDir, int replicaCount, Duration startTimeout) {
    this.baseDir = baseDir;
    this.primary =
        new LiteFsNode(
            "node-0",
            true,
            null,
            new NodeProcess("node-0", binary, baseDir.resolve("node-0")),
            0,
            startTimeout,
            this);
    List<LiteFsNode> list = new ArrayList<>();
    for (int i = 1; i <= replicaCount; i++) {
      String name = "node-" + i;
      list.add(
          new LiteFsNode(
              name,
              false,
              primary,
              new NodeProcess(name, binary, baseDir.resolve(name)),
              0,
              startTimeout,
              this));
    }
    this.replicas = Collections.unmodifiableList(list);
    List<LiteFsNode> all = new ArrayList<>();
    all.add(primary);
    all.addAll(list);
    this.nodes = Collections.unmodifiableList(all);
  }

  /**
   * A builder with the defaults: one replica, 30 s start timeout per node.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The primary: the static lease candidate.
   *
   * @return {@code node-0}
   */
  public LiteFsNode primary() {
    return primary;
  }

  /**
   * The replicas in order.
   *
   * @return an immutable list, {@code node-1} first; empty for a cluster of one node
   */
  public List<LiteFsNode> replicas() {
    return replicas;
  }

  /**
   * The replica at {@code index}, 0-based: {@code replica(0)} is {@code node-1}.
   *
   * @param index 0-based index among the replicas
   * @return the replica
   * @throws IndexOutOfBoundsException if there is no such replica
   */
  public LiteFsNode replica(int index) {
    if (index < 0 || index >= replicas.size()) {
      throw new IndexOutOfBoundsException(
          "replica index " + index + " out of range: the cluster has " + replicas.size());
    }
    return replicas.get(index);
  }

  /**
   * Every node.
   *
   * @return an immutable list, the primary first
   */
  public List<LiteFsNode> nodes() {
    return nodes;
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
   * Starts every node that is not running, the primary first, and waits until each is ready and
   * every replica is connected to the primary. Use it to reset the cluster between tests that stop
   * or kill nodes.
   *
   * @throws LiteFsClusterException if a node cannot be started (it is killed and unmounted) or the
   *     cluster is closed
   */
  public synchronized void ensureRunning() {
    checkOpen();
    for (LiteFsNode node : nodes) {
      node.start();
    }
  }

  /**
   * Stops every node (replicas first, gracefully, with SIGKILL as a fallback), removes every mount
   * under {@link #baseDir()}, and deletes {@link #baseDir()} when all of that went cleanly (unless
   * {@code -Dlitefs4j.keepDirs=true}). Idempotent; a node that is already stopped or crashed is no
   * error.
   *
   * @throws LiteFsClusterException only if a process or a mount could not be removed (everything
   *     else is still attempted); the directory is then kept
   */
  @Override
  public void close() {
    if (closed.getAndSet(true)) {
      return;
    }
    List<RuntimeException> failures = new ArrayList<>();
    List<LiteFsNode> order = new ArrayList<>(replicas);
    Collections.reverse(order);
    order.add(primary);
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
    for (Path mount : Mounts.mountsUnder(baseDir)) {
      try {
        Mounts.unmount("cluster " + baseDir, mount);
      } catch (RuntimeException e) {
        failures.add(e);
      }
    }
    ClusterRegistry.unregister(this);
    if (failures.isEmpty() && !keepDirs && !Boolean.getBoolean(KEEP_DIRS_PROPERTY)) {
      deleteBaseDir();
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

  private void deleteBaseDir() {
    if (!Mounts.mountsUnder(baseDir).isEmpty()) {
      LOG.log(Level.WARNING, "not deleting {0}: something is still mounted below it", baseDir);
      return;
    }
    try {
      Files.walkFileTree(
          baseDir,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              Files.delete(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
              if (e != null) {
                throw e;
              }
              Files.delete(dir);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      LOG.log(Level.WARNING, "cannot delete the LiteFS cluster directory " + baseDir, e);
    }
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

  private void startAll(IntSupplier ports) {
    for (LiteFsNode node : nodes) {
      startFirstTime(node, ports);
    }
  }

  /**
   * Starts a node for the first time; if LiteFS cannot bind the chosen port (another process took
   * it after it was picked), tries again with a new port.
   */
  private static void startFirstTime(LiteFsNode node, IntSupplier ports) {
    for (int attempt = 1; ; attempt++) {
      node.configure(ports.getAsInt());
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

  @Override
  public String toString() {
    return "LiteFsCluster[" + baseDir + ", 1 primary + " + replicas.size() + " replicas]";
  }

  /**
   * Configures and starts a {@link LiteFsCluster}. Not thread-safe; {@link #start()} copies the
   * configuration, so a builder can start several clusters.
   */
  public static final class Builder {
    private int replicas = 1;
    private Path binary;
    private Path baseDir;
    private Duration startTimeout = Duration.ofSeconds(30);
    private IntSupplier ports = FreePorts::next;

    private Builder() {}

    /**
     * How many replicas besides the primary; default 1.
     *
     * @param n the number of replicas, {@code >= 0}
     * @return this builder
     * @throws IllegalArgumentException if negative
     */
    public Builder replicas(int n) {
      if (n < 0) {
        throw new IllegalArgumentException("replicas must be >= 0: " + n);
      }
      this.replicas = n;
      return this;
    }

    /**
     * The {@code litefs} executable (LiteFS v0.5.x). Default: the system property {@code
     * litefs4j.binary}, else the environment variable {@code LITEFS4J_BINARY}, else {@code litefs}
     * on {@code PATH}. A location that is named but is not an executable file fails at {@link
     * #start()}.
     *
     * @param litefs the path of the executable
     * @return this builder
     */
    public Builder binary(Path litefs) {
      this.binary = Objects.requireNonNull(litefs, "litefs");
      return this;
    }

    /**
     * The directory in which the cluster's fresh {@code litefs4j-cluster-*} directory is created
     * (created if missing); default {@code java.io.tmpdir}.
     *
     * @param parent an existing or creatable directory
     * @return this builder
     */
    public Builder baseDir(Path parent) {
      this.baseDir = Objects.requireNonNull(parent, "parent");
      return this;
    }

    /**
     * How long each node may take to become ready when it starts; default 30 s.
     *
     * @param d the timeout per node, positive
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder startTimeout(Duration d) {
      Objects.requireNonNull(d, "startTimeout");
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("startTimeout must be positive: " + d);
      }
      this.startTimeout = d;
      return this;
    }

    /** Where ports come from; for tests of the port retry. */
    Builder ports(IntSupplier ports) {
      this.ports = Objects.requireNonNull(ports, "ports");
      return this;
    }

    /**
     * Checks the prerequisites, creates the directories and starts the primary, then each replica,
     * waiting until every node is ready and every replica is connected.
     *
     * @return the running cluster; close it
     * @throws LiteFsClusterException if the binary or FUSE is missing (saying what to install) or a
     *     node cannot start (naming it, with its log tail); whatever was started is stopped and
     *     unmounted, and the directory is kept for its logs
     */
    public LiteFsCluster start() {
      Path litefs = Prerequisites.resolveBinary(binary);
      Prerequisites.checkFuse();
      Path parent = baseDir != null ? baseDir : Path.of(System.getProperty("java.io.tmpdir"));
      Path dir;
      try {
        Files.createDirectories(parent);
        dir = Files.createTempDirectory(parent, "litefs4j-cluster-").toRealPath();
      } catch (IOException e) {
        throw new LiteFsClusterException(
            "cannot create the LiteFS cluster directory under " + parent, e);
      }
      LiteFsCluster cluster = new LiteFsCluster(litefs, dir, replicas, startTimeout);
      ClusterRegistry.register(cluster);
      try {
        cluster.startAll(ports);
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
  }
}
