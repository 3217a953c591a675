package io.github.litefs4j.examples.dashboard;

import io.github.litefs4j.Position;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * Measures how long a committed write takes to reach every running node: one event-driven wait per
 * node ({@link io.github.litefs4j.PositionWaiter#withEvents}, woken by the node's {@code tx}
 * event), all at once. No polling of its own.
 *
 * <p>Thread-safe.
 */
final class ReplicationTracker {
  /** How long a node may take before it counts as not having the write. */
  static final Duration LIMIT = Duration.ofSeconds(10);

  /**
   * When each node had the write.
   *
   * @param perNode for each node, the time from the commit until it had the write, or empty if it
   *     did not within {@link #LIMIT} (or was down; see {@code notes})
   * @param notes for each node that did not have it, why
   */
  record Replication(Map<String, Optional<Duration>> perNode, Map<String, String> notes) {
    /** The time until every running node had it; empty if one did not. */
    Optional<Duration> all() {
      Duration max = Duration.ZERO;
      for (Optional<Duration> d : perNode.values()) {
        if (d.isEmpty()) {
          return Optional.empty();
        }
        max = d.get().compareTo(max) > 0 ? d.get() : max;
      }
      return Optional.of(max);
    }
  }

  private final ExecutorService executor;

  ReplicationTracker(ExecutorService executor) {
    this.executor = executor;
  }

  /**
   * Waits until every running node has reached {@code target} (or {@link #LIMIT} ran out).
   *
   * @param nodes the nodes to wait on; the ones not running are reported as such
   * @param target the commit's position
   * @param committedAt {@link System#nanoTime()} when the commit returned
   * @return per node, how long it took
   */
  Replication await(List<NodeWatch> nodes, Position target, long committedAt) {
    Map<String, CompletableFuture<Duration>> waits = new LinkedHashMap<>();
    Map<String, String> notes = new LinkedHashMap<>();
    for (NodeWatch node : nodes) {
      if (!node.node().isRunning()) {
        notes.put(node.name(), "down");
        continue;
      }
      waits.put(
          node.name(),
          CompletableFuture.supplyAsync(
              () -> {
                node.waiter().await(node.database(), target, LIMIT);
                return Duration.ofNanos(System.nanoTime() - committedAt);
              },
              executor));
    }
    Map<String, Optional<Duration>> perNode = new LinkedHashMap<>();
    List<String> names = new ArrayList<>(waits.keySet());
    for (String name : names) {
      try {
        perNode.put(name, Optional.of(waits.get(name).join()));
      } catch (RuntimeException e) {
        Throwable cause = e.getCause() == null ? e : e.getCause();
        perNode.put(name, Optional.empty());
        notes.put(
            name,
            CoreErrors.isPositionTimeout(cause)
                ? "not within " + LIMIT.toSeconds() + " s"
                : CoreErrors.describe(cause));
      }
    }
    return new Replication(perNode, notes);
  }
}
