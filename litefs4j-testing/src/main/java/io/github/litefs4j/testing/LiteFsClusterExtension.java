package io.github.litefs4j.testing;

import java.util.Optional;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The JUnit 5 extension behind {@link LiteFsClusterTest}: one {@link LiteFsCluster} per test class.
 *
 * <ul>
 *   <li>{@code beforeAll} starts the cluster (with the replica count and lease type of the nearest
 *       {@link LiteFsClusterTest} on the class or an enclosing class, else 1 replica and a static
 *       lease) and keeps it in the class's {@link ExtensionContext.Store}, which closes it after
 *       the class. Nested classes reuse the enclosing class's cluster.
 *   <li>{@code beforeEach} calls {@link LiteFsCluster#ensureRunning()}, so each test starts with
 *       every node running and every replica connected (on a Consul cluster: {@code node-0} the
 *       agreed primary), even if an earlier test stopped or killed a node or moved the lease. If a
 *       test closed the cluster, the next one gets a new cluster.
 *   <li>Parameters of type {@link LiteFsCluster} are resolved in constructors, lifecycle methods
 *       and test methods.
 * </ul>
 *
 * <p>Registered by {@link LiteFsClusterTest}, or directly with {@code @ExtendWith}. Stateless: the
 * state lives in the extension context, so one instance can serve parallel classes.
 */
public final class LiteFsClusterExtension
    implements BeforeAllCallback, BeforeEachCallback, ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(LiteFsClusterExtension.class);
  private static final String KEY = "cluster";

  /** Creates the extension; JUnit does this. */
  public LiteFsClusterExtension() {}

  @Override
  public void beforeAll(ExtensionContext context) {
    cluster(context);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    cluster(context).ensureRunning();
  }

  @Override
  public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext context) {
    return parameterContext.getParameter().getType() == LiteFsCluster.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameterContext, ExtensionContext context) {
    return cluster(context);
  }

  /**
   * The cluster of the class context (or an enclosing class's), started on first use. A test
   * instance created before {@code beforeAll} (per-class lifecycle) gets it too.
   */
  private static LiteFsCluster cluster(ExtensionContext context) {
    ExtensionContext classContext = classContext(context);
    ExtensionContext.Store store = classContext.getStore(NAMESPACE);
    ClusterResource resource =
        store.getOrComputeIfAbsent(
            KEY, key -> new ClusterResource(startFor(classContext)), ClusterResource.class);
    if (resource.cluster.isClosed()) {
      // A test closed the shared cluster: the following tests get a fresh one.
      // Put, not remove: a nested class's store would still see the enclosing class's entry.
      resource = new ClusterResource(startFor(classContext));
      store.put(KEY, resource);
    }
    return resource.cluster;
  }

  private static ExtensionContext classContext(ExtensionContext context) {
    ExtensionContext current = context;
    while (current.getTestMethod().isPresent() && current.getParent().isPresent()) {
      current = current.getParent().get();
    }
    return current;
  }

  private static LiteFsCluster startFor(ExtensionContext classContext) {
    Optional<LiteFsClusterTest> found = annotation(classContext.getTestClass());
    LiteFsClusterBuilder builder =
        LiteFsCluster.builder().replicas(found.map(LiteFsClusterTest::replicas).orElse(1));
    if (found.map(LiteFsClusterTest::consul).orElse(false)) {
      builder.consul();
    }
    return builder.start();
  }

  private static Optional<LiteFsClusterTest> annotation(Optional<Class<?>> testClass) {
    for (Class<?> c = testClass.orElse(null); c != null; c = c.getEnclosingClass()) {
      LiteFsClusterTest found = c.getAnnotation(LiteFsClusterTest.class);
      if (found != null) {
        return Optional.of(found);
      }
    }
    return Optional.empty();
  }

  /**
   * Keeps the cluster in the store so that JUnit closes it with the class context: as a {@code
   * CloseableResource} on every JUnit 5 version, and as an {@link AutoCloseable} on 5.13 and later
   * (closing twice is harmless).
   */
  @SuppressWarnings("deprecation")
  private static final class ClusterResource
      implements ExtensionContext.Store.CloseableResource, AutoCloseable {
    private final LiteFsCluster cluster;

    ClusterResource(LiteFsCluster cluster) {
      this.cluster = cluster;
    }

    @Override
    public void close() {
      cluster.close();
    }
  }
}
