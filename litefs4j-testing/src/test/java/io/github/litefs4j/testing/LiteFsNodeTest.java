package io.github.litefs4j.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.litefs4j.testing.internal.NodeProcess;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The parts of a node that need no process: names, paths, argument checks. */
class LiteFsNodeTest {
  @TempDir Path tmp;

  private LiteFsNode node() {
    return new LiteFsNode(
        "node-0",
        true,
        null,
        new NodeProcess("node-0", Path.of("/bin/false"), tmp.resolve("node-0")),
        4001,
        Duration.ofSeconds(1),
        null,
        NodeNetwork.LOOPBACK);
  }

  @Test
  void pathsLiveInTheNodeDirectory() {
    LiteFsNode node = node();

    assertThat(node.mountDir()).isEqualTo(tmp.resolve("node-0/mnt"));
    assertThat(node.dataDir()).isEqualTo(tmp.resolve("node-0/data"));
    assertThat(node.configFile()).isEqualTo(tmp.resolve("node-0/litefs.yml"));
    assertThat(node.logFile()).isEqualTo(tmp.resolve("node-0/litefs.log"));
    assertThat(node.httpUri()).hasToString("http://127.0.0.1:4001");
    assertThat(node.primaryHostname()).isEmpty(); // not running: no primary to name
  }

  @Test
  void databaseResolvesAPlainNameInTheMount() {
    assertThat(node().database("app.db")).isEqualTo(tmp.resolve("node-0/mnt/app.db"));
  }

  @Test
  void databaseRejectsNamesThatLeaveTheMountOrAreEmpty() {
    LiteFsNode node = node();
    for (String bad : new String[] {"", "a/b.db", "/abs.db", "..", "../x.db", "a..b", "x\0.db"}) {
      assertThatThrownBy(() -> node.database(bad))
          .as("name %s", bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("database name must be a plain file name");
    }
    assertThatThrownBy(() -> node.database(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void aNodeThatNeverRanIsNotRunningAndHasNoPid() {
    LiteFsNode node = node();

    assertThat(node.isRunning()).isFalse();
    assertThatThrownBy(node::pid)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("node-0 is not running");
    assertThat(node.logTail(10)).isEmpty();
  }

  @Test
  void awaitConnectedRejectsANonPositiveTimeoutAndANodeThatIsNotRunning() {
    LiteFsNode node = node();

    assertThatThrownBy(() -> node.awaitConnected(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("timeout must be positive: PT0S");
    assertThatThrownBy(() -> node.awaitConnected(Duration.ofSeconds(1)))
        .isInstanceOf(LiteFsClusterException.class)
        .hasMessageContaining("node-0 is not running");
  }
}
