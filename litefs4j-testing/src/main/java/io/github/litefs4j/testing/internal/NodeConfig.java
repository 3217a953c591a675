package io.github.litefs4j.testing.internal;

import java.nio.file.Path;

/**
 * The LiteFS configuration of one node, with a static or a Consul lease, written as the YAML LiteFS
 * reads. LiteFS parses its config strictly (an unknown key fails), so only keys of LiteFS v0.5.x
 * appear here.
 *
 * @param nodeName the node's name, written as a comment
 * @param mountDir the FUSE mount ({@code fuse.dir})
 * @param dataDir LiteFS's own data ({@code data.dir})
 * @param httpPort the loopback port of the node's HTTP API
 * @param candidate whether the node holds the static lease (the primary)
 * @param primaryHostname the static lease hostname (every node names the primary)
 * @param primaryPort the primary's HTTP port (the lease's advertise URL)
 * @param listenHost the host of {@code http.addr}: 127.0.0.1 by default, 0.0.0.0 for every address
 *     of the node's network namespace
 * @param primaryHost the host of the lease's advertise URL: where the replicas reach the primary
 * @param consul the Consul lease, or null for a static lease; with it, {@code candidate} is the
 *     node's own candidacy and {@code primaryHostname}, {@code primaryPort} and {@code primaryHost}
 *     are the node's own hostname and advertise address
 * @param proxy LiteFS's built-in HTTP proxy on this node, or null for none
 */
public record NodeConfig(
    String nodeName,
    Path mountDir,
    Path dataDir,
    int httpPort,
    boolean candidate,
    String primaryHostname,
    int primaryPort,
    String listenHost,
    String primaryHost,
    ConsulLease consul,
    ProxyConfig proxy) {

  /** A node on 127.0.0.1 whose primary is on 127.0.0.1. */
  public NodeConfig(
      String nodeName,
      Path mountDir,
      Path dataDir,
      int httpPort,
      boolean candidate,
      String primaryHostname,
      int primaryPort) {
    this(
        nodeName,
        mountDir,
        dataDir,
        httpPort,
        candidate,
        primaryHostname,
        primaryPort,
        "127.0.0.1",
        "127.0.0.1",
        null,
        null);
  }

  /**
   * The same configuration with LiteFS's HTTP proxy.
   *
   * @param proxyConfig the proxy section, or null for none
   * @return a new configuration
   */
  public NodeConfig withProxy(ProxyConfig proxyConfig) {
    return new NodeConfig(
        nodeName,
        mountDir,
        dataDir,
        httpPort,
        candidate,
        primaryHostname,
        primaryPort,
        listenHost,
        primaryHost,
        consul,
        proxyConfig);
  }

  /** The YAML text of this configuration. */
  public String toYaml() {
    return "# LiteFS config of "
        + nodeName.replaceAll("[\\r\\n]", " ")
        + ", written by litefs4j-testing.\n"
        + "# Exit when start-up fails, so the fixture sees it at once.\n"
        + "exit-on-error: true\n"
        + "fuse:\n"
        + "  dir: "
        + quote(mountDir.toString())
        + "\n"
        + "data:\n"
        + "  dir: "
        + quote(dataDir.toString())
        + "\n"
        + "http:\n"
        + "  addr: "
        + quote(listenHost + ":" + httpPort)
        + "\n"
        + "lease:\n"
        + "  type: "
        + (consul == null ? "\"static\"" : "\"consul\"")
        + "\n"
        + "  candidate: "
        + candidate
        + "\n"
        + "  hostname: "
        + quote(primaryHostname)
        + "\n"
        + "  advertise-url: "
        + quote("http://" + primaryHost + ":" + primaryPort)
        + "\n"
        + (consul == null ? "" : consul.toYaml())
        + (proxy == null ? "" : proxy.toYaml())
        + "log:\n"
        + "  timestamp: true\n";
  }

  /** A YAML double-quoted scalar: backslash, quote and control characters escaped. */
  static String quote(String value) {
    StringBuilder out = new StringBuilder(value.length() + 2).append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20 || c == 0x7f) {
        out.append(String.format("\\x%02x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }
}
