package io.github.litefs4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.litefs4j.testing.LiteFsNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Everything a failover test follows on one node: a {@link PrimaryMonitor} whose listener records
 * each change, and a push subscription ({@link EventWatcher}) that records every listener call.
 */
final class NodeObserver implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(NodeObserver.class.getName());

  /** One call of a {@link PrimaryMonitor.Listener}. */
  record Change(PrimaryState previous, PrimaryState current) {
    @Override
    public String toString() {
      return describe(previous) + " -> " + describe(current);
    }
  }

  final LiteFsNode node;
  final PrimaryMonitor monitor;
  final EventWatcher watcher;
  private final List<Change> changes = new CopyOnWriteArrayList<>();
  private final List<Object> calls = new CopyOnWriteArrayList<>();

  private NodeObserver(LiteFsNode node) {
    this.node = node;
    LiteFsClient client = FailoverSupport.client(node);
    this.monitor = client.monitorPrimary(FailoverSupport.FAST);
    this.watcher =
        client.subscribe(
            new EventListener() {
              @Override
              public void onEvent(Event event) {
                calls.add(event);
              }

              @Override
              public void onConnected(boolean gap) {
                calls.add(new Recorder.Connected(gap));
              }

              @Override
              public void onDisconnected(LiteFsException cause, java.time.Duration retryIn) {
                calls.add(new Recorder.Disconnected(cause, retryIn));
              }
            },
            FailoverSupport.FAST);
  }

  /**
   * Opens an observer per node, waits until each monitor knows {@code primary}'s lease and each
   * subscription has its init event, then adds the monitor listeners (so they see only later
   * changes).
   */
  static List<NodeObserver> open(List<LiteFsNode> nodes, LiteFsNode primary) {
    List<NodeObserver> all = new ArrayList<>();
    try {
      for (LiteFsNode node : nodes) {
        all.add(new NodeObserver(node));
      }
      for (NodeObserver o : all) {
        FailoverSupport.awaitState(o.monitor, FailoverSupport.expectedState(o.node, primary));
        o.monitor.addListener((before, now) -> o.changes.add(new Change(before, now)));
        await()
            .atMost(FailoverSupport.WAIT)
            .until(() -> o.calls.stream().anyMatch(InitEvent.class::isInstance));
      }
      return all;
    } catch (RuntimeException | Error e) {
      all.forEach(NodeObserver::close);
      throw e;
    }
  }

  static NodeObserver of(List<NodeObserver> observers, LiteFsNode node) {
    return observers.stream().filter(o -> o.node == node).findFirst().orElseThrow();
  }

  /** The monitor's changes so far, in the order the listener got them. */
  List<Change> changes() {
    return List.copyOf(changes);
  }

  /** Every subscription call so far, in order. */
  List<Object> calls() {
    return List.copyOf(calls);
  }

  /** The tx events of {@code db} received so far, in order. */
  List<Position> txPositions(String db) {
    List<Position> out = new ArrayList<>();
    for (Object call : calls) {
      if (call instanceof TxEvent tx && tx.database().equals(db)) {
        out.add(tx.position());
      }
    }
    return out;
  }

  /** The primary status events (init, primaryChange) received so far, in order. */
  List<Event.PrimaryStatus> statusEvents() {
    List<Event.PrimaryStatus> out = new ArrayList<>();
    for (Object call : calls) {
      if (call instanceof Event.PrimaryStatus status) {
        out.add(status);
      }
    }
    return out;
  }

  /**
   * Asserts what "no missed and no duplicated change" means for the monitor: each change starts
   * from the state the previous one ended in (the first from {@code from}), no change repeats the
   * state it starts from, it ends in {@code to}, and the only state in between is DISCONNECTED (a
   * replica between two primaries).
   */
  void assertChangesFromTo(PrimaryState from, PrimaryState to) {
    List<Change> seen = changes();
    LOG.log(System.Logger.Level.INFO, "{0}: monitor changes {1}", node.name(), seen);
    assertThat(seen).as("%s: monitor changes", node.name()).isNotEmpty();
    PrimaryState last = from;
    for (Change change : seen) {
      assertThat(change.previous())
          .as("%s: each change starts where the last ended (%s)", node.name(), seen)
          .isEqualTo(last);
      assertThat(change.current())
          .as("%s: a change changes something (%s)", node.name(), seen)
          .isNotEqualTo(change.previous());
      last = change.current();
    }
    assertThat(last).as("%s: final state (%s)", node.name(), seen).isEqualTo(to);
    for (Change change : seen.subList(0, seen.size() - 1)) {
      assertThat(change.current())
          .as("%s: the only state between two primaries (%s)", node.name(), seen)
          .isEqualTo(PrimaryState.disconnected());
    }
  }

  private static String describe(PrimaryState state) {
    return state.role() + state.primaryHostname().map(h -> "(" + h + ")").orElse("");
  }

  @Override
  public void close() {
    monitor.close();
    watcher.close();
  }

  @Override
  public String toString() {
    return "NodeObserver[" + node.name() + ", changes " + changes + "]";
  }
}
