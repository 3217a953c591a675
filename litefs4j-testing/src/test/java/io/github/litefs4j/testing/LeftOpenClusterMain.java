package io.github.litefs4j.testing;

/**
 * Run in a child JVM by {@link LiteFsClusterShutdownIT}: starts a cluster, prints its directory and
 * pids, and exits without closing it, so that only the shutdown hook can clean up.
 */
public final class LeftOpenClusterMain {
  private LeftOpenClusterMain() {}

  public static void main(String[] args) {
    LiteFsCluster cluster = LiteFsCluster.builder().replicas(1).start();
    System.out.println("baseDir=" + cluster.baseDir());
    for (LiteFsNode node : cluster.nodes()) {
      System.out.println("pid=" + node.pid());
    }
    System.out.flush();
    System.exit(0);
  }
}
