package io.github.litefs4j.testing.internal;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every cluster of this JVM that is not closed yet, and one shutdown hook that closes them when the
 * JVM exits (a test run that ends without closing its clusters, a failed test, Ctrl-C). The hook is
 * installed on the first registration.
 *
 * <p>Thread-safe.
 */
public final class ClusterRegistry {
  private static final System.Logger LOG = System.getLogger("io.github.litefs4j.testing");
  private static final Set<AutoCloseable> LIVE = ConcurrentHashMap.newKeySet();
  private static final Object HOOK_LOCK = new Object();
  private static boolean hookInstalled;

  private ClusterRegistry() {}

  /** Registers a live cluster; it is closed at JVM exit unless unregistered before. */
  public static void register(AutoCloseable cluster) {
    synchronized (HOOK_LOCK) {
      if (!hookInstalled) {
        Thread hook = new Thread(ClusterRegistry::closeAll, "litefs4j-cluster-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        hookInstalled = true;
      }
    }
    LIVE.add(cluster);
  }

  /** Forgets a cluster (called by its close). */
  public static void unregister(AutoCloseable cluster) {
    LIVE.remove(cluster);
  }

  /** The clusters registered and not yet closed. */
  public static List<AutoCloseable> live() {
    return new ArrayList<>(LIVE);
  }

  static void closeAll() {
    for (AutoCloseable cluster : live()) {
      LOG.log(Level.WARNING, "closing LiteFS cluster left open at JVM exit: {0}", cluster);
      try {
        cluster.close();
      } catch (Exception | Error e) {
        LOG.log(Level.ERROR, "cannot close LiteFS cluster " + cluster + " at JVM exit", e);
      }
    }
  }
}
