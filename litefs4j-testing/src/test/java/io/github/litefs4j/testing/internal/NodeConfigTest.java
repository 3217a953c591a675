package io.github.litefs4j.testing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
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
  void quotesEscapeQuotesBackslashesAndControlCharacters() {
    assertThat(NodeConfig.quote("/tmp/a \"b\" \\c\nd: e"))
        .isEqualTo("\"/tmp/a \\\"b\\\" \\\\c\\x0ad: e\"");
    assertThat(NodeConfig.quote("$HOME/${X}")).isEqualTo("\"$HOME/${X}\"");
  }
}
