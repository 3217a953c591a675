package io.github.litefs4j.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LiteFsClusterBuilderTest {
  @Test
  void negativeReplicaCountIsRejected() {
    assertThatThrownBy(() -> LiteFsCluster.builder().replicas(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("replicas must be >= 0: -1");
  }

  @Test
  void nonPositiveStartTimeoutIsRejected() {
    assertThatThrownBy(() -> LiteFsCluster.builder().startTimeout(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("startTimeout must be positive: PT-1S");
    assertThatThrownBy(() -> LiteFsCluster.builder().startTimeout(Duration.ZERO))
        .hasMessage("startTimeout must be positive: PT0S");
  }

  @Test
  void proxyDatabaseMustBeAPlainFileNameAndPassthroughNonEmpty() {
    assertThatThrownBy(() -> LiteFsCluster.builder().proxy("a/b.db", i -> 8080))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("proxy database must be a plain file name without '/' or \"..\": \"a/b.db\"");
    assertThatThrownBy(() -> LiteFsCluster.builder().proxy("", i -> 8080))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> LiteFsCluster.builder().proxy("app.db", i -> 8080, java.util.List.of("")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("proxy passthrough expressions must not be empty");
  }

  @Test
  void proxyTargetPortOutOfRangeIsRejectedNamingTheNode() {
    ProxySetup setup = new ProxySetup("app.db", i -> i == 1 ? 70000 : 8080, java.util.List.of());
    assertThat(setup.forNode(0, "127.0.0.1", 5000).targetPort()).isEqualTo(8080);
    assertThatThrownBy(() -> setup.forNode(1, "127.0.0.1", 5001))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("proxy target port of node-1 must be in 1..65535: 70000");
  }

  @Test
  void nullsAreRejectedWithTheParameterName() {
    assertThatThrownBy(() -> LiteFsCluster.builder().binary(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("litefs");
    assertThatThrownBy(() -> LiteFsCluster.builder().baseDir(null)).hasMessage("parent");
    assertThatThrownBy(() -> LiteFsCluster.builder().startTimeout(null)).hasMessage("startTimeout");
  }

  @Test
  void aMissingBinaryFailsBeforeAnythingIsCreated(@org.junit.jupiter.api.io.TempDir Path tmp) {
    assertThatThrownBy(
            () -> LiteFsCluster.builder().binary(tmp.resolve("none")).baseDir(tmp).start())
        .isInstanceOf(LiteFsClusterException.class)
        .hasMessageContaining("does not exist");
    assertThat(tmp).isEmptyDirectory();
  }
}
