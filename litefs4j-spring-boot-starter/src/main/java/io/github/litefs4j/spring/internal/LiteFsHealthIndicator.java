package io.github.litefs4j.spring.internal;

import io.github.litefs4j.PrimaryState;
import java.time.Duration;
import java.util.Optional;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * {@code /actuator/health/litefs}: UP when the node's role is known and it has a primary (it is the
 * primary, or a replica connected to one whose lag is at most {@code litefs.health.max-lag}); DOWN
 * otherwise. Details: role, primary, database, lagMillis, txid, checksum (and the error while the
 * role is unknown). Thread-safe.
 */
final class LiteFsHealthIndicator implements HealthIndicator {
  private final NodeView node;
  private final Duration maxLag;

  LiteFsHealthIndicator(NodeView node, Duration maxLag) {
    this.node = node;
    this.maxLag = maxLag;
  }

  @Override
  public Health health() {
    PrimaryState state = node.state();
    Health.Builder health = reason(state).isPresent() ? Health.down() : Health.up();
    reason(state).ifPresent(r -> health.withDetail("reason", r));
    return health.withDetails(node.details()).build();
  }

  private Optional<String> reason(PrimaryState state) {
    return switch (state.role()) {
      case PRIMARY -> Optional.empty();
      case REPLICA ->
          node.lagMillis()
              .filter(lag -> lag > maxLag.toMillis())
              .map(lag -> "lag " + lag + " ms exceeds litefs.health.max-lag " + maxLag)
              .or(
                  () ->
                      node.lagMillis().isEmpty()
                          ? Optional.of("lag unknown (initial replication not finished?)")
                          : Optional.empty());
      case DISCONNECTED -> Optional.of("replica without a primary");
      case UNKNOWN -> Optional.of("role not known yet (is LiteFS running?)");
    };
  }
}
