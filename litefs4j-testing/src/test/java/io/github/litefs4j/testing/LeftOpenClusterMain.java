package io.github.litefs4j.testing;

import java.io.IOException;

/**
 * Run in a child JVM by {@link LiteFsClusterShutdownIT}: starts a cluster (a Consul-leased one with
 * the argument {@code consul}), prints its directory and pids, then either exits without closing
 * it, so that only the shutdown hook can clean up, or (with the argument {@code wait}) blocks until
 * its stdin closes, so that the test can SIGKILL it.
 */
public final class LeftOpenClusterMain {
  private LeftOpenClusterMain() {}

  public static void main(String[] args) throws IOException {
    java.util.List<String> options = java.util.List.of(args);
    LiteFsClusterBuilder builder = LiteFsCluster.builder().replicas(1);
    if (options.contains("consul")) {
      builder.consul();
    }
    LiteFsCluster cluster = builder.start();
    System.out.println("baseDir=" + cluster.baseDir());
    for (LiteFsNode node : cluster.nodes()) {
      System.out.println("pid=" + node.pid());
    }
    if (options.contains("consul")) {
      System.out.println("pid=" + cluster.consulPid());
    }
    System.out.println("started");
    System.out.flush();
    if (options.contains("wait")) {
      System.in.read();
    }
    System.exit(0);
  }
}
