package io.github.litefs4j.testing.internal;

import io.github.litefs4j.testing.LiteFsClusterException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.IntSupplier;

/**
 * Picks free TCP ports on 127.0.0.1 by binding port 0 and closing the socket. Another process can
 * take the port before LiteFS or Consul binds it; the cluster retries a process's first start with
 * new ports when it reports "address already in use".
 *
 * <p>The operating system can hand the same port out twice in a row, since each probe socket is
 * closed before the next is bound; {@link #distinct} keeps one cluster from giving two of its
 * listeners the same port (Consul refuses to start when its HTTP and RPC ports coincide).
 *
 * <p>{@link #next} is stateless and thread-safe; a {@link #distinct} supplier is thread-safe.
 */
public final class FreePorts {
  /** How many repeats in a row a distinct supplier tolerates before giving up. */
  static final int DISTINCT_ATTEMPTS = 100;

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

  /**
   * A supplier that never answers a port twice: it asks {@code source} again when it repeats one it
   * already handed out.
   *
   * @throws LiteFsClusterException from the supplier, if {@code source} answers only ports already
   *     handed out, {@value #DISTINCT_ATTEMPTS} times in a row
   */
  public static IntSupplier distinct(IntSupplier source) {
    Objects.requireNonNull(source, "source");
    Set<Integer> handedOut = new HashSet<>();
    return () -> {
      synchronized (handedOut) {
        for (int attempt = 0; attempt < DISTINCT_ATTEMPTS; attempt++) {
          int port = source.getAsInt();
          if (handedOut.add(port)) {
            return port;
          }
        }
        throw new LiteFsClusterException(
            "the port supplier answered only ports this cluster already uses, "
                + DISTINCT_ATTEMPTS
                + " times in a row (handed out: "
                + handedOut
                + ")");
      }
    };
  }
}
