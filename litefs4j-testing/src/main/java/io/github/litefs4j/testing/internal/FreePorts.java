package io.github.litefs4j.testing.internal;

import io.github.litefs4j.testing.LiteFsClusterException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Picks a free TCP port on 127.0.0.1 by binding port 0 and closing the socket. Another process can
 * take the port before LiteFS binds it; the cluster retries a node's first start with a new port
 * when LiteFS reports "address already in use".
 *
 * <p>Stateless and thread-safe.
 */
public final class FreePorts {
  private FreePorts() {}

  /** A port that was free on 127.0.0.1 a moment ago. */
  public static int next() {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(false);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new LiteFsClusterException("cannot find a free port on 127.0.0.1", e);
    }
  }
}
