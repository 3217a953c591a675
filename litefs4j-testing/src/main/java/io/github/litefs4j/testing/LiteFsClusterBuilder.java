package io.github.litefs4j.testing;

import io.github.litefs4j.testing.internal.FreePorts;
import io.github.litefs4j.testing.internal.Prerequisites;
import io.github.litefs4j.testing.internal.Provisioner;
import io.github.litefs4j.testing.internal.Tool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntSupplier;

/**
 * Configures and starts a {@link LiteFsCluster}; get one from {@link LiteFsCluster#builder()}.
 * Defaults: static lease, one replica, 30 s start timeout per node.
 *
 * <p>Not thread-safe; {@link #start()} copies the configuration, so a builder can start several
 * clusters.
 */
public final class LiteFsClusterBuilder {
  private int replicas = 1;
  private boolean consul;
  private Path binary;
  private Path consulBinary;
  private Path baseDir;
  private Duration startTimeout = Duration.ofSeconds(30);
  private IntSupplier ports = FreePorts::next;
  private final Map<Integer, NodeNetwork> networks = new HashMap<>();

  LiteFsClusterBuilder() {}

  /**
   * Puts a node on its own addresses and launches it with a command prefix (for example in a Linux
   * network namespace, to cut links between nodes); the other nodes stay on {@link
   * NodeNetwork#LOOPBACK}. See {@link NodeNetwork}.
   *
   * @param nodeIndex 0 for {@code node-0}, {@code i} for {@code node-i}; checked against the number
   *     of replicas at {@link #start()}
   * @param network the node's addresses and launcher
   * @return this builder
   * @throws IllegalArgumentException if the index is negative
   */
  public LiteFsClusterBuilder network(int nodeIndex, NodeNetwork network) {
    if (nodeIndex < 0) {
      throw new IllegalArgumentException("nodeIndex must be >= 0: " + nodeIndex);
    }
    networks.put(nodeIndex, Objects.requireNonNull(network, "network"));
    return this;
  }

  /**
   * How many nodes besides {@code node-0}; default 1. With a static lease they are the replicas;
   * with {@link #consul()} they are candidates like {@code node-0}: {@code replicas(2)} makes a
   * 3-node cluster.
   *
   * @param n the number of further nodes, {@code >= 0}
   * @return this builder
   * @throws IllegalArgumentException if negative
   */
  public LiteFsClusterBuilder replicas(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("replicas must be >= 0: " + n);
    }
    this.replicas = n;
    return this;
  }

  /**
   * A Consul lease instead of the static one: the cluster starts one Consul dev agent (127.0.0.1,
   * free ports, DNS and gRPC off, {@code session_ttl_min = "1s"}) before the nodes, and every node
   * is a candidate ({@code candidate: true, promote: true}, session TTL 3 s, lock-delay 1 s), so
   * the lease moves when its holder dies or stops. After {@link #start()} {@code node-0} is the
   * agreed primary. Consul v1.14.8 is found or built like LiteFS (see {@link #consulBinary(Path)}).
   *
   * @return this builder
   */
  public LiteFsClusterBuilder consul() {
    this.consul = true;
    return this;
  }

  /**
   * The {@code litefs} executable (LiteFS v0.5.14). Default, in this order: the system property
   * {@code litefs4j.binary}, the environment variable {@code LITEFS4J_BINARY}, {@code litefs} on
   * {@code PATH} if it reports v0.5.14, the per-user cache ({@code
   * ~/.cache/litefs4j/litefs-v0.5.14/litefs}, or under {@code -Dlitefs4j.cache}, {@code
   * LITEFS4J_CACHE} or {@code $XDG_CACHE_HOME}), else a build into that cache with the machine's Go
   * and gcc (about a minute, once per machine; parallel builds wait for one). A location that is
   * named but is not an executable file fails at {@link #start()}, as does a machine without Go or
   * gcc (the message says what to install).
   *
   * @param litefs the path of the executable
   * @return this builder
   */
  public LiteFsClusterBuilder binary(Path litefs) {
    this.binary = Objects.requireNonNull(litefs, "litefs");
    return this;
  }

  /**
   * The {@code consul} executable (Consul v1.14.8) for {@link #consul()}. Default as for {@link
   * #binary(Path)}, with {@code -Dlitefs4j.consul}, {@code LITEFS4J_CONSUL}, {@code consul} on
   * {@code PATH}, and {@code ~/.cache/litefs4j/consul-v1.14.8/consul}; its build needs only Go and
   * takes about two minutes (a 140 MB binary). Ignored without {@link #consul()}.
   *
   * @param consul the path of the executable
   * @return this builder
   */
  public LiteFsClusterBuilder consulBinary(Path consul) {
    this.consulBinary = Objects.requireNonNull(consul, "consul");
    return this;
  }

  /**
   * The directory in which the cluster's fresh {@code litefs4j-cluster-*} directory is created
   * (created if missing); default {@code java.io.tmpdir}.
   *
   * @param parent an existing or creatable directory
   * @return this builder
   */
  public LiteFsClusterBuilder baseDir(Path parent) {
    this.baseDir = Objects.requireNonNull(parent, "parent");
    return this;
  }

  /**
   * How long each node may take to become ready when it starts (and, on a Consul cluster, how long
   * the nodes may take to agree on a primary after a start or restart); default 30 s.
   *
   * @param d the timeout per node, positive
   * @return this builder
   * @throws IllegalArgumentException if not positive
   */
  public LiteFsClusterBuilder startTimeout(Duration d) {
    Objects.requireNonNull(d, "startTimeout");
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException("startTimeout must be positive: " + d);
    }
    this.startTimeout = d;
    return this;
  }

  /** Where ports come from; for tests of the port retry. */
  LiteFsClusterBuilder ports(IntSupplier ports) {
    this.ports = Objects.requireNonNull(ports, "ports");
    return this;
  }

  /**
   * Finds (or builds) the binaries, checks FUSE, creates the directories and starts the cluster:
   * static lease, {@code node-0} then each replica; Consul lease, the agent, then the nodes, until
   * {@code node-0} is the agreed primary. Waits until every node is ready and every replica is
   * connected.
   *
   * @return the running cluster; close it
   * @throws LiteFsClusterException if a binary cannot be found or built, or FUSE is missing (saying
   *     what to install), or a node cannot start (naming it, with its log tail); whatever was
   *     started is stopped and unmounted, and the directory is kept for its logs
   * @throws IllegalArgumentException if a {@linkplain #network(int, NodeNetwork) network} was set
   *     for a node the cluster does not have
   */
  public LiteFsCluster start() {
    for (int index : networks.keySet()) {
      if (index > replicas) {
        throw new IllegalArgumentException(
            "network set for node-" + index + " but the cluster has " + replicas + " replicas");
      }
    }
    Path litefs = Provisioner.resolve(Tool.LITEFS, binary);
    Path consulPath = consul ? Provisioner.resolve(Tool.CONSUL, consulBinary) : null;
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
    return LiteFsCluster.start(
        new ClusterSpec(litefs, consulPath, replicas, startTimeout, Map.copyOf(networks), ports),
        dir);
  }
}
