package io.github.litefs4j.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.litefs4j.testing.internal.NodeConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NodeNetworkTest {
  @Test
  void loopbackIsTheDefaultOfEveryNode() {
    assertThat(NodeNetwork.LOOPBACK.commandPrefix()).isEmpty();
    assertThat(NodeNetwork.LOOPBACK.host()).isEqualTo("127.0.0.1");
  }

  @Test
  void hostsThatCouldBreakAUriOrTheYamlAreRefused() {
    for (String bad : List.of("", " 10.0.0.1", "10.0.0.1:80", "a/b", "[::1]", "h\nx", "-x")) {
      assertThatThrownBy(() -> new NodeNetwork(List.of(), bad, "10.0.0.1", "10.0.0.1"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("listenHost");
    }
    assertThatThrownBy(() -> new NodeNetwork(List.of("nsenter", ""), "0.0.0.0", "h", "h"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("empty element");
  }

  @Test
  void theCommandPrefixIsCopied() {
    List<String> prefix = new ArrayList<>(List.of("nsenter", "--net=/run/netns/x"));
    NodeNetwork network = new NodeNetwork(prefix, "0.0.0.0", "10.1.1.2", "10.1.2.1");
    prefix.clear();
    assertThat(network.commandPrefix()).containsExactly("nsenter", "--net=/run/netns/x");
  }

  @Test
  void aNodeOnItsOwnAddressesListensThereAndNamesThePrimaryByItsAdvertisedHost() {
    String yaml =
        new NodeConfig(
                "node-1",
                Path.of("/m"),
                Path.of("/d"),
                4002,
                false,
                "node-0",
                4001,
                "0.0.0.0",
                "10.231.2.1",
                null,
                null)
            .toYaml();

    assertThat(yaml)
        .contains("  addr: \"0.0.0.0:4002\"\n")
        .contains("  advertise-url: \"http://10.231.2.1:4001\"\n");
  }

  @Test
  void aNetworkForANodeTheClusterDoesNotHaveIsRefusedAtStart() {
    LiteFsClusterBuilder builder =
        LiteFsCluster.builder()
            .replicas(1)
            .network(2, new NodeNetwork(List.of(), "0.0.0.0", "10.0.0.2", "10.0.0.2"));
    assertThatThrownBy(builder::start)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("node-2");
    assertThatThrownBy(() -> LiteFsCluster.builder().network(-1, NodeNetwork.LOOPBACK))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
