package io.github.litefs4j.testing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class NodeConfigTest {
  @Test
  void replicaConfigNamesItsOwnDirsAndPortAndThePrimaryInTheLease() {
    NodeConfig config =
        new NodeConfig(
            "node-1",
            Path.of("/t/node-1/mnt"),
            Path.of("/t/node-1/data"),
            4002,
            false,
            "node-0",
            4001);

    assertThat(config.toYaml())
        .isEqualTo(
            "# LiteFS config of node-1, written by litefs4j-testing.\n"
                + "# Exit when start-up fails, so the fixture sees it at once.\n"
                + "exit-on-error: true\n"
                + "fuse:\n"
                + "  dir: \"/t/node-1/mnt\"\n"
                + "data:\n"
                + "  dir: \"/t/node-1/data\"\n"
                + "http:\n"
                + "  addr: \"127.0.0.1:4002\"\n"
                + "lease:\n"
                + "  type: \"static\"\n"
                + "  candidate: false\n"
                + "  hostname: \"node-0\"\n"
                + "  advertise-url: \"http://127.0.0.1:4001\"\n"
                + "log:\n"
                + "  timestamp: true\n");
  }

  @Test
  void primaryIsTheCandidateAndAdvertisesItself() {
    String yaml =
        new NodeConfig("node-0", Path.of("/m"), Path.of("/d"), 4001, true, "node-0", 4001).toYaml();

    assertThat(yaml)
        .contains("  candidate: true\n")
        .contains("  addr: \"127.0.0.1:4001\"\n")
        .contains("  advertise-url: \"http://127.0.0.1:4001\"\n");
  }

  @Test
  void consulLeaseMakesTheNodeACandidateThatNamesItselfAndPointsAtConsul() {
    ConsulLease lease =
        new ConsulLease(
            URI.create("http://127.0.0.1:8500"),
            "litefs4j/c1",
            Duration.ofSeconds(3),
            Duration.ofMillis(1500),
            true);
    String yaml =
        new NodeConfig(
                "node-2",
                Path.of("/m"),
                Path.of("/d"),
                4003,
                true,
                "node-2",
                4003,
                "127.0.0.1",
                "127.0.0.1",
                lease,
                null)
            .toYaml();

    assertThat(yaml)
        .contains(
            "lease:\n"
                + "  type: \"consul\"\n"
                + "  candidate: true\n"
                + "  hostname: \"node-2\"\n"
                + "  advertise-url: \"http://127.0.0.1:4003\"\n"
                + "  promote: true\n"
                + "  consul:\n"
                + "    url: \"http://127.0.0.1:8500\"\n"
                + "    key: \"litefs4j/c1\"\n"
                + "    ttl: \"3000ms\"\n"
                + "    lock-delay: \"1500ms\"\n"
                + "log:\n");
  }

  @Test
  void quotesEscapeQuotesBackslashesAndControlCharacters() {
    assertThat(NodeConfig.quote("/tmp/a \"b\" \\c\nd: e"))
        .isEqualTo("\"/tmp/a \\\"b\\\" \\\\c\\x0ad: e\"");
    assertThat(NodeConfig.quote("$HOME/${X}")).isEqualTo("\"$HOME/${X}\"");
  }

  @Test
  void proxySectionNamesListenAddressTargetDatabaseAndPassthrough() {
    ProxyConfig proxy = new ProxyConfig("127.0.0.1", 5001, 8081, "app.db", List.of("/static/*"));
    String yaml =
        new NodeConfig("node-1", Path.of("/m"), Path.of("/d"), 4002, false, "node-0", 4001)
            .withProxy(proxy)
            .toYaml();

    assertThat(yaml)
        .contains(
            "proxy:\n"
                + "  addr: \"127.0.0.1:5001\"\n"
                + "  target: \"127.0.0.1:8081\"\n"
                + "  db: \"app.db\"\n"
                + "  passthrough:\n"
                + "    - \"/static/*\"\n");
  }

  @Test
  void noProxySectionWithoutAProxyOrWithoutPassthrough() {
    assertThat(new NodeConfig("n", Path.of("/m"), Path.of("/d"), 1, true, "n", 1).toYaml())
        .doesNotContain("proxy:");
    assertThat(new ProxyConfig("127.0.0.1", 5001, 8081, "app.db", List.of()).toYaml())
        .doesNotContain("passthrough");
  }
}
