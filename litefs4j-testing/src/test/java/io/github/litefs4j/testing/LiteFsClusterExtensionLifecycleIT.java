package io.github.litefs4j.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The extension with a per-class test instance (constructed before {@code beforeAll}), nested
 * classes, and a test that closes the shared cluster.
 */
@LiteFsClusterTest(replicas = 0)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LiteFsClusterExtensionLifecycleIT {
  private final LiteFsCluster fromConstructor;
  private LiteFsCluster closedByATest;

  LiteFsClusterExtensionLifecycleIT(LiteFsCluster cluster) {
    this.fromConstructor = cluster;
  }

  @Test
  @Order(1)
  void perClassInstanceGetsTheStartedClusterOfTheClass(LiteFsCluster cluster) {
    assertThat(cluster).isSameAs(fromConstructor);
    assertThat(cluster.replicas()).isEmpty();
    assertThat(cluster.primary().isRunning()).isTrue();
  }

  @Test
  @Order(2)
  void aTestMayCloseTheCluster(LiteFsCluster cluster) {
    cluster.close();
    closedByATest = cluster;
    assertThat(cluster.primary().isRunning()).isFalse();
  }

  @Test
  @Order(3)
  void theNextTestGetsAFreshRunningCluster(LiteFsCluster cluster) {
    assertThat(cluster).isNotSameAs(closedByATest);
    assertThat(cluster.primary().isRunning()).isTrue();
  }

  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_METHOD)
  class NestedTests {
    @Test
    void nestedClassSharesTheEnclosingClassCluster(LiteFsCluster cluster) {
      assertThat(cluster.replicas()).isEmpty();
      assertThat(cluster.primary().isRunning()).isTrue();
      assertThat(cluster).isNotSameAs(closedByATest);
    }
  }
}
