package io.github.litefs4j.spring.internal;

import io.github.litefs4j.PrimaryMonitor;
import io.github.litefs4j.PrimaryState;
import io.github.litefs4j.spring.RoutingMode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The starter's Micrometer meters, bound by Spring Boot to its registry:
 *
 * <ul>
 *   <li>{@code litefs.lag} (time gauge): the mount's replication lag; NaN when unreadable;
 *   <li>{@code litefs.primary} (gauge): 1 on the primary, 0 otherwise;
 *   <li>{@code litefs.primary.changes} (counter): changes of this node's role or of its primary;
 *   <li>{@code litefs.halt.acquire} (timer) and {@code litefs.halt.failures} (counter, tag {@code
 *       reason}): HALTs of routing mode halt;
 *   <li>{@code litefs.routing.requests} (counter, tags {@code mode}, {@code outcome});
 *   <li>{@code litefs.read.your.writes.wait} (timer, tag {@code outcome}).
 * </ul>
 *
 * Before binding, reports are dropped. Thread-safe.
 */
final class LiteFsMeters implements MeterBinder, RoutingObserver {
  private final NodeView node;
  private final PrimaryMonitor monitor;
  private volatile MeterRegistry registry;

  LiteFsMeters(NodeView node, PrimaryMonitor monitor) {
    this.node = node;
    this.monitor = monitor;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    TimeGauge.builder(
            "litefs.lag",
            node,
            TimeUnit.MILLISECONDS,
            n -> n.lagMillis().map(Long::doubleValue).orElse(Double.NaN))
        .description("Replication lag of this node's LiteFS mount")
        .register(registry);
    Gauge.builder(
            "litefs.primary", node, n -> n.state().role() == PrimaryState.Role.PRIMARY ? 1 : 0)
        .description("1 if this node holds the primary lease, else 0")
        .register(registry);
    Counter changes =
        Counter.builder("litefs.primary.changes")
            .description("Changes of this node's role or of the primary it follows")
            .register(registry);
    monitor.addListener((before, now) -> changes.increment());
    this.registry = registry;
  }

  @Override
  public void routed(RoutingMode mode, Outcome outcome) {
    MeterRegistry r = registry;
    if (r != null) {
      r.counter("litefs.routing.requests", "mode", lower(mode), "outcome", lower(outcome))
          .increment();
    }
  }

  @Override
  public void haltAcquired(Duration took) {
    MeterRegistry r = registry;
    if (r != null) {
      Timer.builder("litefs.halt.acquire")
          .description("Time to be granted the HALT for a write request")
          .register(r)
          .record(took);
    }
  }

  @Override
  public void haltFailed(String reason) {
    MeterRegistry r = registry;
    if (r != null) {
      r.counter("litefs.halt.failures", "reason", reason).increment();
    }
  }

  @Override
  public void readYourWritesWaited(Duration took, String outcome) {
    MeterRegistry r = registry;
    if (r != null) {
      Timer.builder("litefs.read.your.writes.wait")
          .description("Time a read waited for the client's __txid position")
          .tag("outcome", outcome)
          .register(r)
          .record(took);
    }
  }

  private static String lower(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
