package io.github.litefs4j.reliability;

import io.github.litefs4j.testing.NodeNetwork;
import java.security.SecureRandom;
import java.util.List;

/**
 * Two Linux network namespaces made by the test for a primary ({@code p}) and a replica ({@code
 * r}), with three point-to-point veth links, all named {@code l4j*} and deleted by {@link #close()}
 * (and by {@code scripts/cleanup-litefs} after a killed run):
 *
 * <pre>
 *   test JVM (root ns) --control--  p: 10.N.1.2  (the fixture and the tests reach the primary)
 *   test JVM (root ns) --control--  r: 10.N.2.2  (the fixture and the tests reach the replica)
 *   p: 10.N.3.1 ------replication------ r: 10.N.3.2  (the replica streams from the primary)
 * </pre>
 *
 * {@link #cutReplication()} takes the replication link down on both ends: the replica's connections
 * to the primary go silent and new ones fail, while the test still reaches both nodes. {@link
 * #cutClientLink()} does the same to the test's link to the replica. Traffic only flows between the
 * addresses made here. Needs root and iproute2.
 */
final class Netns implements AutoCloseable {
  private final RootShell shell;
  private final String id;
  final String primaryNs;
  final String replicaNs;
  final int net;
  private final String nsenter;

  Netns(RootShell shell) {
    this.shell = shell;
    SecureRandom random = new SecureRandom();
    this.id = String.format("%05x", random.nextInt(1 << 20));
    this.primaryNs = "l4j" + id + "p";
    this.replicaNs = "l4j" + id + "r";
    this.net = pickFreeNet(random);
    this.nsenter = shell.run("command -v nsenter").strip();
    try {
      create();
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  private int pickFreeNet(SecureRandom random) {
    String used = shell.run("ip -br -4 addr");
    for (int attempt = 0; attempt < 50; attempt++) {
      int n = 100 + random.nextInt(150);
      if (!used.contains(" 10." + n + ".")) {
        return n;
      }
    }
    throw new IllegalStateException("no free 10.N.0.0/16 among 10.100-10.249: " + used);
  }

  private String addr(int link, int host) {
    return "10." + net + "." + link + "." + host;
  }

  private void create() {
    shell.run("ip netns add " + primaryNs);
    shell.run("ip netns add " + replicaNs);
    for (String ns : List.of(primaryNs, replicaNs)) {
      shell.run("ip -n " + ns + " link set lo up");
    }
    // control links: root <-> p, root <-> r
    link("l4j" + id + "cp", null, addr(1, 1), "l4j" + id + "cq", primaryNs, addr(1, 2));
    link("l4j" + id + "cr", null, addr(2, 1), "l4j" + id + "cs", replicaNs, addr(2, 2));
    // replication link: p <-> r
    link("l4j" + id + "lp", primaryNs, addr(3, 1), "l4j" + id + "lr", replicaNs, addr(3, 2));
  }

  private void link(String a, String nsA, String addrA, String b, String nsB, String addrB) {
    shell.run("ip link add " + a + " type veth peer name " + b);
    if (nsA != null) {
      shell.run("ip link set " + a + " netns " + nsA);
    }
    shell.run("ip link set " + b + " netns " + nsB);
    shell.run(ip(nsA) + "addr add " + addrA + "/30 dev " + a);
    shell.run(ip(nsB) + "addr add " + addrB + "/30 dev " + b);
    shell.run(ip(nsA) + "link set " + a + " up");
    shell.run(ip(nsB) + "link set " + b + " up");
  }

  private static String ip(String ns) {
    return ns == null ? "ip " : "ip -n " + ns + " ";
  }

  NodeNetwork primaryNetwork() {
    return new NodeNetwork(
        List.of(nsenter, "--net=/run/netns/" + primaryNs), "0.0.0.0", addr(1, 2), addr(3, 1));
  }

  NodeNetwork replicaNetwork() {
    return new NodeNetwork(
        List.of(nsenter, "--net=/run/netns/" + replicaNs), "0.0.0.0", addr(2, 2), addr(2, 2));
  }

  /** Takes the primary-replica link down on both ends. */
  void cutReplication() {
    shell.run("ip -n " + replicaNs + " link set l4j" + id + "lr down");
    shell.run("ip -n " + primaryNs + " link set l4j" + id + "lp down");
  }

  /** Brings the primary-replica link back (addresses and routes come back with it). */
  void healReplication() {
    shell.run("ip -n " + primaryNs + " link set l4j" + id + "lp up");
    shell.run("ip -n " + replicaNs + " link set l4j" + id + "lr up");
  }

  /** Takes the test's link to the replica down on both ends. */
  void cutClientLink() {
    shell.run("ip link set l4j" + id + "cr down");
    shell.run("ip -n " + replicaNs + " link set l4j" + id + "cs down");
  }

  void healClientLink() {
    shell.run("ip -n " + replicaNs + " link set l4j" + id + "cs up");
    shell.run("ip link set l4j" + id + "cr up");
  }

  /** What the namespaces and links look like, for failure messages. */
  String describe() {
    return shell.run(
        "ip -br addr | grep l4j"
            + id
            + "; for n in "
            + primaryNs
            + " "
            + replicaNs
            + "; do echo \"== $n\"; ip -n $n -br addr; done");
  }

  @Override
  public void close() {
    shell.runQuietly("ip netns del " + primaryNs);
    shell.runQuietly("ip netns del " + replicaNs);
    for (String end : List.of("cp", "cr")) {
      shell.runQuietly("ip link del l4j" + id + end + " 2>/dev/null");
    }
  }
}
