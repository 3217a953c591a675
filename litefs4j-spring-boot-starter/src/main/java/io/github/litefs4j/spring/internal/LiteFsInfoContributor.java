package io.github.litefs4j.spring.internal;

import io.github.litefs4j.spring.RoutingMode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;

/**
 * {@code litefs} in {@code /actuator/info}: the node's details (as in health) and the configured
 * routing mode. Thread-safe.
 */
final class LiteFsInfoContributor implements InfoContributor {
  private final NodeView node;
  private final RoutingMode mode;

  LiteFsInfoContributor(NodeView node, RoutingMode mode) {
    this.node = node;
    this.mode = mode;
  }

  @Override
  public void contribute(Info.Builder builder) {
    Map<String, Object> info = new LinkedHashMap<>(node.details());
    info.put("routingMode", mode.name());
    builder.withDetail("litefs", info);
  }
}
