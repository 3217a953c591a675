package io.github.litefs4j.testing;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * What {@link LiteFsClusterBuilder#start()} resolved: the binaries, the size, the networks and
 * where ports come from.
 *
 * @param litefs the {@code litefs} executable
 * @param consulBinary the {@code consul} executable, or null for a static lease
 * @param replicas nodes besides {@code node-0}
 * @param startTimeout how long each node may take to become ready
 * @param networks the nodes that do not live on loopback, by index
 * @param ports where free ports come from
 * @param proxy LiteFS's HTTP proxy on every node, or null for none
 */
record ClusterSpec(
    Path litefs,
    Path consulBinary,
    int replicas,
    Duration startTimeout,
    Map<Integer, NodeNetwork> networks,
    IntSupplier ports,
    ProxySetup proxy) {}
