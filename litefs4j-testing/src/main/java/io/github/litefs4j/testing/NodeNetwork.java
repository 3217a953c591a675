package io.github.litefs4j.testing;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where one node of a {@link LiteFsCluster} lives on the network and how its process is launched:
 * by default ({@link #LOOPBACK}) every node listens on 127.0.0.1 and runs as a plain child process.
 * A test that needs nodes on their own addresses (for example in Linux network namespaces, to cut
 * the link between a replica and the primary) sets a node's network with {@link
 * LiteFsClusterBuilder#network(int, NodeNetwork)}:
 *
 * <pre>{@code
 * // node-1 runs in the network namespace "l4jr", listens on all of its addresses, and the test
 * // reaches it at 10.231.1.2.
 * NodeNetwork replica = new NodeNetwork(
 *     List.of("nsenter", "--net=/run/netns/l4jr"), "0.0.0.0", "10.231.1.2", "10.231.1.2");
 * }</pre>
 *
 * <p>Use {@code nsenter --net=...} to enter a network namespace, not {@code ip netns exec}: the
 * latter also gives the process a private mount namespace, so the node's FUSE mount would be
 * invisible to the test. The namespaces, links and addresses are the test's own business; the
 * fixture only launches the node with the prefix and writes the addresses into its config.
 *
 * @param commandPrefix prepended to {@code litefs mount ...}; must exec LiteFS in the same process
 *     (as {@code nsenter} does without {@code --fork}), so that stopping and killing the process
 *     reaches LiteFS; empty for a plain child process
 * @param listenHost the host part of LiteFS's {@code http.addr}: an address of the node's network
 *     namespace, or {@code 0.0.0.0} for all of them
 * @param host the address at which the fixture and the test reach the node ({@link
 *     LiteFsNode#httpUri()})
 * @param advertiseHost the address at which the other nodes reach this node: for the primary, the
 *     host of the lease's advertise URL in every node's config
 */
public record NodeNetwork(
    List<String> commandPrefix, String listenHost, String host, String advertiseHost) {

  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.-]*");

  /** Every node on 127.0.0.1, launched directly: the default. */
  public static final NodeNetwork LOOPBACK =
      new NodeNetwork(List.of(), "127.0.0.1", "127.0.0.1", "127.0.0.1");

  /**
   * Checks and copies the values.
   *
   * @throws IllegalArgumentException if a host is not an IPv4 address or host name (letters,
   *     digits, dots, dashes), or the prefix holds an empty element
   */
  public NodeNetwork {
    commandPrefix = List.copyOf(Objects.requireNonNull(commandPrefix, "commandPrefix"));
    for (String part : commandPrefix) {
      if (part.isEmpty()) {
        throw new IllegalArgumentException("commandPrefix has an empty element: " + commandPrefix);
      }
    }
    listenHost = checkHost("listenHost", listenHost);
    host = checkHost("host", host);
    advertiseHost = checkHost("advertiseHost", advertiseHost);
  }

  private static String checkHost(String name, String value) {
    Objects.requireNonNull(value, name);
    if (!HOST.matcher(value).matches()) {
      throw new IllegalArgumentException(
          name + " must be an IPv4 address or a host name: \"" + value + "\"");
    }
    return value;
  }
}
