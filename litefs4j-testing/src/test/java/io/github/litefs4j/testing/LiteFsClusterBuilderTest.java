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
