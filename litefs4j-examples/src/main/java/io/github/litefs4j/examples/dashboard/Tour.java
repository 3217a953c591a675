package io.github.litefs4j.examples.dashboard;

import io.github.litefs4j.testing.LiteFsNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * The scripted tour of {@code scripts/demo --once}: a row written through every node, the primary
 * killed, the failover, rows written through the survivors, the dead node back and written through,
 * and every row on every node. Each check is told in the terminal; the first one that fails ends
 * the tour with a {@link Failed} that says what was expected and what was seen.
 *
 * <p>Not thread-safe: run it once, on one thread.
 */
final class Tour {
  private static final Duration FAILOVER_TIMEOUT = Duration.ofSeconds(45);
  private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(30);

  /** A check of the tour that did not hold. */
  static final class Failed extends Exception {
    private static final long serialVersionUID = 1L;

    Failed(String message) {
      super(message);
    }
  }

  private final Dashboard dashboard;
  private final Actions actions;
  private final Narrator narrator;
  private final List<RowWriter.Written> written = new ArrayList<>();
  private int checks;

  Tour(Dashboard dashboard, Actions actions) {
    this.dashboard = dashboard;
    this.actions = actions;
    this.narrator = dashboard.narrator();
  }

  /**
   * Runs the tour.
   *
   * @return how many checks held (all of them)
   * @throws Failed at the first check that did not hold
   * @throws InterruptedException if interrupted
   */
  int run() throws Failed, InterruptedException {
    narrator.step("Waiting until every node agrees on one primary");
    String first = awaitAgreedPrimary(Optional.empty(), SETTLE_TIMEOUT);

    narrator.step("Writing a row through every node (" + dashboard.writer().description() + ")");
    writeThroughEveryRunningNode(first);

    narrator.step("Killing the primary " + first + " with SIGKILL, as a crash would");
    LiteFsNode killed = actions.killPrimary();
    narrator.step("Failover: waiting for the lease to move to another node");
    long start = System.nanoTime();
    String second = awaitAgreedPrimary(Optional.of(killed.name()), FAILOVER_TIMEOUT);
    check(!second.equals(killed.name()), "a new primary took over: " + second, "");
    narrator.say(
        String.format(
            "the cluster had no primary for %.1f s (lease TTL, lock delay, election)",
            (System.nanoTime() - start) / 1e9));

    narrator.step("Writing a row through every surviving node: writes follow the new primary");
    writeThroughEveryRunningNode(second);

    narrator.step("Restarting " + killed.name() + " with its data");
    actions.restartDown();
    String settled = awaitAgreedPrimary(Optional.empty(), SETTLE_TIMEOUT);
    check(
        dashboard.watches().stream().allMatch(NodeWatch::isRunning),
        "every node is running again; the primary is " + settled,
        states());

    narrator.step("Writing a row through every node again, " + killed.name() + " included");
    writeThroughEveryRunningNode(settled);

    narrator.step("Every row on every node");
    everyRowOnEveryNode();
    return checks;
  }

  private void writeThroughEveryRunningNode(String primary) throws Failed {
    for (NodeWatch w : dashboard.watches()) {
      if (!w.node().isRunning()) {
        continue;
      }
      Actions.WriteReport report;
      try {
        report =
            actions.write(w.name(), "tour: through " + w.name() + " while " + primary + " leads");
      } catch (Actions.Refused e) {
        throw fail("a write through " + w.name() + " succeeds", e.getMessage());
      }
      RowWriter.Written row = report.written();
      written.add(row);
      check(
          row.appliedOn().equals(primary),
          "the write through " + w.name() + " was applied on the primary " + primary,
          "applied on " + row.appliedOn());
      check(
          report.replication().all().isPresent(),
          String.format(
              "every running node had row #%d %.1f ms after the commit",
              row.id(), report.replication().all().map(Actions::millis).orElse(0.0)),
          "missing on: " + report.replication().notes());
    }
  }

  private void everyRowOnEveryNode() throws Failed {
    RowWriter.Written last = written.get(written.size() - 1);
    ReplicationTracker.Replication replication =
        dashboard.tracker().await(dashboard.watches(), last.position(), System.nanoTime());
    check(
        replication.all().isPresent() && replication.notes().isEmpty(),
        "every node reached the last write's TXID " + last.position().txid(),
        "not reached on: " + replication.notes());
    Rows rows = dashboard.writer().rows();
    for (NodeWatch w : dashboard.watches()) {
      Rows.Count count = rows.count(w.database());
      List<String> missing =
          written.stream().map(RowWriter.Written::mark).filter(m -> !count.has(m)).toList();
      check(
          missing.isEmpty(),
          w.name()
              + " has all "
              + written.size()
              + " rows the tour wrote ("
              + count.rows()
              + " in all)",
          "missing marks " + missing);
    }
  }

  private String awaitAgreedPrimary(Optional<String> not, Duration timeout)
      throws Failed, InterruptedException {
    AtomicReference<String> agreed = new AtomicReference<>();
    boolean held =
        dashboard.await(
            () -> {
              Optional<String> p =
                  dashboard.agreedPrimary().filter(n -> !Optional.of(n).equals(not));
              p.ifPresent(agreed::set);
              return p.isPresent();
            },
            timeout);
    check(
        held,
        "every running node agrees on the primary "
            + (held ? agreed.get() : "")
            + not.map(n -> " (not " + n + ")").orElse(""),
        "no agreement within " + timeout.toSeconds() + " s: " + states());
    return agreed.get();
  }

  private String states() {
    return dashboard.watches().stream()
        .map(
            w ->
                w.name()
                    + "="
                    + (w.isRunning() ? w.state().role() : "DOWN")
                    + w.state().primaryHostname().map(h -> "(" + h + ")").orElse(""))
        .collect(Collectors.joining(", "));
  }

  private void check(boolean held, String what, String seen) throws Failed {
    checks++;
    if (held) {
      narrator.ok(what);
    } else {
      throw fail(what, seen);
    }
  }

  private Failed fail(String expected, String seen) {
    narrator.failed(expected + ": " + seen);
    return new Failed("expected " + expected + ", but " + seen);
  }
}
