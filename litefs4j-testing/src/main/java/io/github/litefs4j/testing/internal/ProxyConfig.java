package io.github.litefs4j.testing.internal;

import java.util.List;

/**
 * The {@code proxy:} section of a node's LiteFS config: LiteFS's built-in HTTP proxy in front of
 * the application on this node (LiteFS v0.5.14 keys {@code addr}, {@code target}, {@code db} and
 * {@code passthrough}).
 *
 * @param host the host the proxy listens on (the node's listen host)
 * @param port the proxy's own port
 * @param targetPort the application's port on 127.0.0.1 that the proxy forwards to
 * @param db the database whose position the proxy compares with the {@code __txid} cookie
 * @param passthrough path expressions (LiteFS's glob-like syntax, {@code *} for any run of
 *     characters) that the proxy forwards as they are, without waiting or setting a cookie
 */
public record ProxyConfig(
    String host, int port, int targetPort, String db, List<String> passthrough) {
  /** Copies the list. */
  public ProxyConfig {
    passthrough = List.copyOf(passthrough);
  }

  /** The YAML lines of the {@code proxy:} section. */
  String toYaml() {
    StringBuilder yaml =
        new StringBuilder("proxy:\n")
            .append("  addr: ")
            .append(NodeConfig.quote(host + ":" + port))
            .append("\n  target: ")
            .append(NodeConfig.quote("127.0.0.1:" + targetPort))
            .append("\n  db: ")
            .append(NodeConfig.quote(db))
            .append('\n');
    if (!passthrough.isEmpty()) {
      yaml.append("  passthrough:\n");
      passthrough.forEach(p -> yaml.append("    - ").append(NodeConfig.quote(p)).append('\n'));
    }
    return yaml.toString();
  }
}
