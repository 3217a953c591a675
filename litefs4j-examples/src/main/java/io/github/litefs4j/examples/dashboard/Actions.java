package io.github.litefs4j.examples.dashboard;

import io.github.litefs4j.testing.LiteFsNode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What a person (a button on the page) or the scripted tour can do to the cluster: write a row
 * through a node, kill the primary, restart what is down, hand the lease to another node. One
 * action at a time; each is told in the terminal and in the event stream.
 *
 * <p>Thread-safe.
 */
final class Actions {
  /** How long a restarted node or a handoff may take. */
  static final Duration NODE_TIMEOUT = Duration.ofSeconds(30);

  /** An action that cannot be done now; the message says why, for the page. */
  static final class Refused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Refused(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * A write and where it went.
   *
   * @param written what the writer reported
   * @param replication when each node had it
   * @param json the report as the page shows it
   */
  record WriteReport(
      RowWriter.Written written,
      ReplicationTracker.Replication replication,
      Map<String, Object> json) {}

  private final Dashboard dashboard;
  private final ReentrantLock lock = new ReentrantLock();

  Actions(Dashboard dashboard) {
    this.dashboard = dashboard;
  }

  /**
   * Writes a row through the node named {@code via}, then waits (event-driven) until every running
   * node has it.
   *
   * @param via the node's name
   * @param text the row's text
   * @return the report
   * @throws Refused if there is no such node, it is down, or the write failed
   */
  WriteReport write(String via, String text) {
    NodeWatch watch =
        dashboard.watch(via).orElseThrow(() -> new Refused("no node named " + via, null));
    if (!watch.node().isRunning()) {
      throw new Refused(via + " is down: restart it first", null);
    }
    String clean = text == null || text.isBlank() ? "hello from " + via : text.strip();
    RowWriter.Written written;
    try {
      written = dashboard.writer().write(watch.node(), clean);
    } catch (Exception e) {
      String why = "write through " + via + " failed: " + CoreErrors.describe(e);
      dashboard.log("demo", "error", why);
      throw new Refused(why, e);
    }
    long committedAt = System.nanoTime();
    ReplicationTracker.Replication replication =
        dashboard.tracker().await(dashboard.watches(), written.position(), committedAt);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", written.id());
    json.put("mark", written.mark());
    json.put("text", clean);
    json.put("via", written.via());
    json.put("appliedOn", written.appliedOn());
    json.put("txid", written.position().txid());
    json.put("tookMillis", millis(written.took()));
    json.put("how", written.how());
    Map<String, Object> perNode = new LinkedHashMap<>();
    replication.perNode().forEach((node, d) -> perNode.put(node, d.map(Actions::millis)));
    json.put("reachedMillis", perNode);
    json.put("notes", replication.notes());
    Optional<Double> all = replication.all().map(Actions::millis);
    json.put("allMillis", all);
    dashboard.recordWrite(json, written.mark(), written.via(), all.orElse(null));
    dashboard.log(
        "demo",
        "write",
        String.format(
            "row #%d '%s' written through %s, applied on %s (TXID %d) in %.1f ms; %s",
            written.id(),
            clean,
            written.via(),
            written.appliedOn(),
            written.position().txid(),
            millis(written.took()),
            all.map(ms -> String.format("every running node had it %.1f ms later", ms))
                .orElse("NOT on every node: " + replication.notes())));
    return new WriteReport(written, replication, json);
  }

  /**
   * Kills the current primary with SIGKILL. With a Consul lease another node takes over by itself
   * within seconds; with a static lease the replicas stay without a primary.
   *
   * @return the killed node
   * @throws Refused if no primary is running
   */
  LiteFsNode killPrimary() {
    return locked(
        () -> {
          LiteFsNode primary =
              dashboard
                  .cluster()
                  .primary()
                  .orElseThrow(() -> new Refused("there is no running primary to kill", null));
          dashboard.log("demo", "action", "SIGKILL to the primary " + primary.name());
          dashboard.cluster().kill(primary);
          dashboard.writer().nodeKilled(primary);
          dashboard.log(
              "demo",
              "action",
              primary.name()
                  + " is dead"
                  + (dashboard.cluster().canFailOver()
                      ? "; its lease expires and another node takes over"
                      : "; the static lease cannot move, so the replicas have no primary"));
          return primary;
        });
  }

  /**
   * Starts every node that is down again, with its data.
   *
   * @return the restarted nodes, empty if every node was running
   */
  List<LiteFsNode> restartDown() {
    return locked(
        () -> {
          List<LiteFsNode> down =
              dashboard.cluster().nodes().stream().filter(n -> !n.isRunning()).toList();
          for (LiteFsNode node : down) {
            dashboard.log("demo", "action", "restarting " + node.name() + " with its data");
            dashboard.cluster().restart(node);
            try {
              dashboard.writer().nodeRestarted(node);
            } catch (Exception e) {
              throw new Refused(
                  node.name()
                      + " is back, but its application did not start: "
                      + CoreErrors.describe(e),
                  e);
            }
            dashboard.log("demo", "action", node.name() + " is running again");
          }
          return down;
        });
  }

  /**
   * Hands the lease from the primary to the next running node.
   *
   * @return the node that should now be primary
   * @throws Refused if there is no primary or no other running node, or the lease cannot move
   */
  LiteFsNode handoffPrimary() {
    return locked(
        () -> {
          DemoCluster cluster = dashboard.cluster();
          LiteFsNode primary =
              cluster.primary().orElseThrow(() -> new Refused("there is no primary", null));
          List<LiteFsNode> nodes = cluster.nodes();
          int at = nodes.indexOf(primary);
          LiteFsNode target = null;
          for (int i = 1; i < nodes.size() && target == null; i++) {
            LiteFsNode candidate = nodes.get((at + i) % nodes.size());
            target = candidate.isRunning() ? candidate : null;
          }
          if (target == null) {
            throw new Refused("no other running node to hand the lease to", null);
          }
          dashboard.log(
              "demo",
              "action",
              "handing the lease off from " + primary.name() + " to " + target.name());
          try {
            cluster.handoff(target, NODE_TIMEOUT);
            dashboard.log(
                "demo", "action", "every node agrees: " + target.name() + " holds the lease");
          } catch (RuntimeException e) {
            dashboard.log("demo", "error", "handoff refused: " + CoreErrors.describe(e));
            throw new Refused("handoff refused: " + e.getMessage(), e);
          }
          return target;
        });
  }

  private <T> T locked(java.util.function.Supplier<T> action) {
    lock.lock();
    try {
      return action.get();
    } finally {
      lock.unlock();
    }
  }

  static double millis(Duration d) {
    return Math.round(d.toNanos() / 100_000.0) / 10.0;
  }
}
