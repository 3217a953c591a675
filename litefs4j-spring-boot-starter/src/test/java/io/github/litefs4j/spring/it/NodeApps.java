package io.github.litefs4j.spring.it;

import io.github.litefs4j.spring.RoutingMode;
import io.github.litefs4j.testing.LiteFsCluster;
import io.github.litefs4j.testing.LiteFsNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The test application started once per node of the cluster, each context on its own free port
 * beside its node's LiteFS mount and HTTP API. Ports are chosen before any context starts, and
 * every application knows every node's application URL ({@code
 * litefs.routing.forward.urls.<node>}), so forwarding follows the lease wherever it goes. Closing
 * closes every context.
 */
final class NodeApps implements AutoCloseable {
  private final LiteFsCluster cluster;
  private final Map<String, URI> urls = new LinkedHashMap<>();
  private final Map<String, ConfigurableApplicationContext> contexts = new LinkedHashMap<>();

  private NodeApps(LiteFsCluster cluster) {
    this.cluster = cluster;
    for (LiteFsNode node : cluster.nodes()) {
      urls.put(node.name(), URI.create("http://127.0.0.1:" + freePort()));
    }
  }

  /**
   * Starts the application on every node, the primary's first.
   *
   * @param extra more properties for every node, {@code name=value}
   */
  static NodeApps start(LiteFsCluster cluster, RoutingMode mode, String... extra) {
    NodeApps apps = new NodeApps(cluster);
    try {
      apps.startOn(cluster.primary(), mode, List.of(extra));
      for (LiteFsNode replica : cluster.replicas()) {
        apps.startOn(replica, mode, List.of(extra));
      }
      return apps;
    } catch (RuntimeException e) {
      apps.close();
      throw e;
    }
  }

  /** Starts (or starts again) the application on one node; {@code extra} wins over defaults. */
  void startOn(LiteFsNode node, RoutingMode mode, List<String> extra) {
    List<String> props = new ArrayList<>();
    props.add("server.port=" + url(node).getPort());
    props.add("server.address=127.0.0.1");
    props.add("spring.main.banner-mode=off");
    props.add("litefs.mount=" + node.mountDir());
    props.add("litefs.database=" + SharedCluster.DATABASE);
    props.add("litefs.url=" + node.httpUri());
    props.add("litefs.routing.mode=" + mode.name().toLowerCase(Locale.ROOT).replace('_', '-'));
    props.add("litefs.flyway.locations=classpath:db/entries");
    urls.forEach((name, url) -> props.add("litefs.routing.forward.urls." + name + "=" + url));
    props.add("management.endpoints.web.exposure.include=health,info,metrics");
    props.add("management.endpoint.health.show-details=always");
    props.add("management.info.defaults.enabled=false");
    props.addAll(extra);
    ConfigurableApplicationContext context =
        new SpringApplicationBuilder(EntriesApp.class)
            .properties(props.toArray(String[]::new))
            .run();
    contexts.put(node.name(), context);
  }

  /** The base URL of the application on {@code node}. */
  URI url(LiteFsNode node) {
    return urls.get(node.name());
  }

  URI primary() {
    return url(cluster.primary());
  }

  URI replica(int index) {
    return url(cluster.replica(index));
  }

  /** Closes the application on {@code node} (LiteFS keeps running). */
  void stop(LiteFsNode node) {
    ConfigurableApplicationContext context = contexts.remove(node.name());
    if (context != null) {
      context.close();
    }
  }

  @Override
  public void close() {
    List<ConfigurableApplicationContext> all = new ArrayList<>(contexts.values());
    contexts.clear();
    for (ConfigurableApplicationContext context : all) {
      context.close();
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
