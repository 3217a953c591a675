package io.github.litefs4j.testing;

import io.github.litefs4j.testing.internal.ProxyConfig;
import java.util.List;
import java.util.function.IntUnaryOperator;

/**
 * What {@link LiteFsClusterBuilder#proxy(String, IntUnaryOperator, List)} asked for: LiteFS's HTTP
 * proxy on every node, in front of that node's application.
 *
 * @param db the database the proxy tracks
 * @param targetPort the application's port on 127.0.0.1, by node index
 * @param passthrough path expressions forwarded without waiting or cookie
 */
record ProxySetup(String db, IntUnaryOperator targetPort, List<String> passthrough) {
  /** The proxy section of node {@code index}, listening on {@code host:port}. */
  ProxyConfig forNode(int index, String host, int port) {
    int target = targetPort.applyAsInt(index);
    if (target < 1 || target > 65535) {
      throw new IllegalArgumentException(
          "proxy target port of node-" + index + " must be in 1..65535: " + target);
    }
    return new ProxyConfig(host, port, target, db, passthrough);
  }
}
