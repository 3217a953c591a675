package io.github.litefs4j.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.litefs4j.testing.internal.FreePorts;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A port taken between picking it and LiteFS binding it. */
class LiteFsClusterPortIT {
  @Test
  void nodeWhosePortIsTakenIsStartedAgainOnAnotherPort() throws Exception {
    try (ServerSocket squatter = new ServerSocket()) {
      squatter.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      int taken = squatter.getLocalPort();
      AtomicInteger calls = new AtomicInteger();

      try (LiteFsCluster cluster =
          LiteFsCluster.builder()
              .replicas(1)
              .ports(() -> calls.getAndIncrement() == 0 ? taken : FreePorts.next())
              .start()) {
        assertThat(cluster.primary().httpPort()).isNotEqualTo(taken);
        assertThat(Files.readString(cluster.primary().logFile()))
            .contains("127.0.0.1:" + taken)
            .contains("address already in use");
        assertThat(Files.readString(cluster.primary().configFile()))
            .contains("127.0.0.1:" + cluster.primary().httpPort());
        assertThat(Files.readString(cluster.replica(0).configFile()))
            .contains("advertise-url: \"http://127.0.0.1:" + cluster.primary().httpPort() + "\"");
        assertThat(OsState.primaryFile(cluster.replica(0).mountDir())).contains("node-0\n");
      }
    }
  }
}
