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
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntSupplier;
import java.util.function.IntUnaryOperator;

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
  private ProxySetup proxy;

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

  /**
   * Runs LiteFS's built-in HTTP proxy on every node, in front of that node's application: the same
   * as {@link #proxy(String, IntUnaryOperator, List)} without passthrough expressions.
   *
   * @param db the database whose position the proxy tracks, a plain file name such as {@code
   *     "app.db"}
   * @param targetPort the port on 127.0.0.1 of the application behind node {@code i}'s proxy, by
   *     node index (0 for {@code node-0}); called once per node at {@link #start()}
   * @return this builder
   * @throws IllegalArgumentException if {@code db} is not a plain file name
   */
  public LiteFsClusterBuilder proxy(String db, IntUnaryOperator targetPort) {
    return proxy(db, targetPort, List.of());
  }

  /**
   * Runs LiteFS's built-in HTTP proxy (the config's {@code proxy:} section) on every node, in front
   * of that node's application on 127.0.0.1, each proxy on its own free port: {@link
   * LiteFsNode#proxyUri()}. What LiteFS v0.5.14's proxy does with a request:
   *
   * <ul>
   *   <li>GET and HEAD are reads. A read with a {@code __txid} cookie waits, checking every 1 ms
   *       for up to 5 s, until this node's position of {@code db} reaches the cookie's TXID, then
   *       is forwarded to the application (504 after 5 s); a read without it is forwarded at once.
   *   <li>Every other method is a write. On the primary it is forwarded to the application, and the
   *       response gets {@code Set-Cookie: __txid=<16 hex>} (the position after the write). On a
   *       replica it is <b>neither forwarded nor redirected</b>: LiteFS answers {@code 200} with an
   *       empty body and the header {@code fly-replay: instance=<primary hostname>}, which only
   *       Fly.io's edge proxy acts on (503 when no primary is known within 5 s). Outside Fly.io the
   *       client has to send the write to the primary itself.
   *   <li>A path that matches a passthrough expression is forwarded as it is: no wait, no cookie.
   * </ul>
   *
   * The application may start after the cluster: the proxy retries a refused connection for up to
   * 30 s.
   *
   * @param db the database whose position the proxy tracks, a plain file name such as {@code
   *     "app.db"}
   * @param targetPort the port on 127.0.0.1 of the application behind node {@code i}'s proxy, by
   *     node index (0 for {@code node-0}); called once per node at {@link #start()}, where a port
   *     outside 1..65535 fails with {@link IllegalArgumentException}
   * @param passthrough LiteFS's path expressions ({@code *} for any run of characters, for example
   *     {@code "/static/*"}) that the proxy forwards without waiting or setting a cookie; may be
   *     empty
   * @return this builder
   * @throws IllegalArgumentException if {@code db} is not a plain file name or an expression is
   *     empty
   */
  public LiteFsClusterBuilder proxy(
      String db, IntUnaryOperator targetPort, List<String> passthrough) {
    Objects.requireNonNull(db, "db");
    Objects.requireNonNull(targetPort, "targetPort");
    if (db.isEmpty() || db.contains("/") || db.contains("..") || db.indexOf('\0') >= 0) {
      throw new IllegalArgumentException(
          "proxy database must be a plain file name without '/' or \"..\": \"" + db + "\"");
    }
    for (String p : List.copyOf(passthrough)) {
      if (p.isEmpty()) {
        throw new IllegalArgumentException("proxy passthrough expressions must not be empty");
      }
    }
    this.proxy = new ProxySetup(db, targetPort, List.copyOf(passthrough));
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
        new ClusterSpec(
            litefs,
            consulPath,
            replicas,
            startTimeout,
            Map.copyOf(networks),
            FreePorts.distinct(ports),
            proxy),
        dir);
  }
}
