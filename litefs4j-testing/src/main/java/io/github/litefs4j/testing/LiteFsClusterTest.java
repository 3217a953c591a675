package io.github.litefs4j.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a JUnit 5 test class against one real LiteFS cluster: the cluster is started before the
 * first test, injected as a {@link LiteFsCluster} parameter (constructor, {@code @BeforeAll},
 * {@code @BeforeEach} and test methods), brought back to "every node running, every replica
 * connected" before each test, and closed after the class.
 *
 * <pre>{@code
 * @LiteFsClusterTest(replicas = 2)               // or (consul = true, replicas = 2)
 * class ReplicationIT {
 *   @Test
 *   void replicaSeesPrimaryWrites(LiteFsCluster cluster) throws Exception { ... }
 * }
 * }</pre>
 *
 * <p>Nested test classes share the cluster of their enclosing class. See {@link
 * LiteFsClusterExtension}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(LiteFsClusterExtension.class)
public @interface LiteFsClusterTest {
  /**
   * How many nodes besides {@code node-0}, as {@link LiteFsClusterBuilder#replicas(int)}.
   *
   * @return the number of further nodes, default 1
   */
  int replicas() default 1;

  /**
   * Whether the cluster uses a Consul lease, as {@link LiteFsClusterBuilder#consul()}: every node a
   * candidate, the lease moves when its holder dies. Before each test the extension restarts the
   * nodes that are down and hands the lease back to {@code node-0}.
   *
   * @return {@code true} for a Consul lease; default {@code false} (static lease, faster)
   */
  boolean consul() default false;
}
