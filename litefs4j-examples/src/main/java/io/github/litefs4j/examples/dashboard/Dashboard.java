package io.github.litefs4j.examples.dashboard;

import io.github.litefs4j.PrimaryState;
import io.github.litefs4j.testing.LiteFsNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * The live model behind the page: one {@link NodeWatch} per node, the {@link Timeline}, the last
 * write, and the {@link SseHub} that pushes it all to the open pages. State is pushed when
 * something changed (at most every 200 ms); lag and HALT, which have no events, are sampled once a
 * second. The actions (write, kill, restart, hand off) are in {@link Actions}.
 *
 * <p>Thread-safe.
 */
final class Dashboard implements NodeWatch.Changes, AutoCloseable {
  private final DemoCluster cluster;
  private final RowWriter writer;
  private final Narrator narrator;
  private final SseHub hub = new SseHub();
  private final Timeline timeline = new Timeline();
  private final ScheduledExecutorService scheduler =
      Executors.newScheduledThreadPool(2, daemonThreads("demo-dashboard"));
  private final ExecutorService waits = Executors.newCachedThreadPool(daemonThreads("demo-wait"));
  private final List<NodeWatch> watches = new ArrayList<>();
  private final AtomicBoolean dirty = new AtomicBoolean(true);
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Object changeMonitor = new Object();
  private volatile Map<String, Object> lastWrite;
  private volatile String lastMark;

  Dashboard(DemoCluster cluster, RowWriter writer, Narrator narrator) {
    this.cluster = cluster;
    this.writer = writer;
    this.narrator = narrator;
    for (LiteFsNode node : cluster.nodes()) {
      watches.add(new NodeWatch(node, writer.rows(), this, scheduler));
    }
    scheduler.scheduleWithFixedDelay(this::sample, 0, 1, TimeUnit.SECONDS);
    scheduler.scheduleWithFixedDelay(this::pushIfDirty, 200, 200, TimeUnit.MILLISECONDS);
  }

  DemoCluster cluster() {
    return cluster;
  }

  RowWriter writer() {
    return writer;
  }

  Narrator narrator() {
    return narrator;
  }

  SseHub hub() {
    return hub;
  }

  /** The watches, in the cluster's node order. */
  List<NodeWatch> watches() {
    return List.copyOf(watches);
  }

  /** The watch of the node named {@code name}. */
  Optional<NodeWatch> watch(String name) {
    return watches.stream().filter(w -> w.name().equals(name)).findFirst();
  }

  /** Waits for positions on the nodes (used by the writes). */
  ReplicationTracker tracker() {
    return new ReplicationTracker(waits);
  }

  /**
   * The primary every running node agrees on: one running node says PRIMARY and every other running
   * node is its replica.
   *
   * @return the agreed primary's name, or empty while the nodes disagree or none is primary
   */
  Optional<String> agreedPrimary() {
    List<NodeWatch> primaries =
        watches.stream()
            .filter(w -> w.isRunning() && w.state().role() == PrimaryState.Role.PRIMARY)
            .toList();
    if (primaries.size() != 1) {
      return Optional.empty();
    }
    String name = primaries.get(0).name();
    for (NodeWatch w : watches) {
      if (w.isRunning()
          && w != primaries.get(0)
          && !w.state().primaryHostname().equals(Optional.of(name))) {
        return Optional.empty();
      }
    }
    return Optional.of(name);
  }

  /** Records a write's result: the page shows it, and which nodes have its row. */
  void recordWrite(Map<String, Object> report, String mark, String via, Double allMillis) {
    lastWrite = report;
    lastMark = mark;
    long now = System.currentTimeMillis();
    timeline.replication(now, allMillis, via);
    hub.publish("write", Json.write(report));
    watches.forEach(NodeWatch::requestRecount);
    dirty.set(true);
  }

  /**
   * Adds a line to the event stream (and, unless it is a {@code tx}, to the terminal).
   *
   * @param source the node, or {@code demo}
   * @param kind the kind of event
   * @param text what happened
   */
  void log(String source, String kind, String text) {
    Map<String, Object> event = timeline.event(System.currentTimeMillis(), source, kind, text);
    hub.publish("log", Json.write(event));
    if (!kind.equals("tx")) {
      narrator.say(source + ": " + text);
    }
  }

  @Override
  public void changed(NodeWatch node) {
    dirty.set(true);
    synchronized (changeMonitor) {
      changeMonitor.notifyAll();
    }
  }

  /**
   * Waits until {@code condition} holds, re-checking it each time a node's state changes (and at
   * least once a second, with the lag samples): no polling loop of its own.
   *
   * @param condition what to wait for, evaluated on the waiting thread
   * @param timeout how long to wait
   * @return true if it held in time
   * @throws InterruptedException if interrupted
   */
  boolean await(BooleanSupplier condition, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (changeMonitor) {
      while (!condition.getAsBoolean()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(changeMonitor, left);
      }
      return true;
    }
  }

  @Override
  public void event(NodeWatch node, String text) {
    log(node.name(), text.startsWith("tx ") ? "tx" : "role", text);
  }

  /** Everything the page shows, as JSON values. */
  Map<String, Object> state() {
    Map<String, Object> state = new LinkedHashMap<>();
    String mark = lastMark;
    List<Map<String, Object>> nodes = new ArrayList<>();
    for (NodeWatch w : watches) {
      Map<String, Object> json = w.toJson();
      json.put("hasLastRow", mark == null || !w.isRunning() ? null : w.count().has(mark));
      nodes.add(json);
    }
    state.put("nodes", nodes);
    state.put("primary", agreedPrimary());
    state.put("canFailOver", cluster.canFailOver());
    state.put("writer", writer.description());
    state.put("table", writer.rows().database() + " / " + writer.rows().table());
    state.put("lastWrite", lastWrite);
    state.put("history", timeline.history(System.currentTimeMillis()));
    return state;
  }

  /** The frames a newly opened page gets first: the state and the recent events. */
  List<String[]> hello() {
    List<String[]> frames = new ArrayList<>();
    frames.add(new String[] {"state", Json.write(state())});
    for (Map<String, Object> event : timeline.events()) {
      frames.add(new String[] {"log", Json.write(event)});
    }
    return frames;
  }

  private void sample() {
    try {
      Map<String, Long> lags = new LinkedHashMap<>();
      for (NodeWatch w : watches) {
        w.sample();
        lags.put(w.name(), w.lagMillis().orElse(null));
      }
      timeline.lagSample(System.currentTimeMillis(), lags);
      dirty.set(true);
    } catch (RuntimeException e) {
      log("demo", "error", "sampling failed: " + CoreErrors.describe(e));
    }
  }

  private void pushIfDirty() {
    if (dirty.getAndSet(false) && hub.clients() > 0) {
      hub.publish("state", Json.write(state()));
    }
  }

  @Override
  public void close() {
    if (closed.getAndSet(true)) {
      return;
    }
    hub.close();
    scheduler.shutdownNow();
    waits.shutdownNow();
    watches.forEach(NodeWatch::close);
  }

  static ThreadFactory daemonThreads(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
