package io.github.litefs4j.examples.dashboard;

import io.github.litefs4j.Event;
import io.github.litefs4j.EventListener;
import io.github.litefs4j.EventWatcher;
import io.github.litefs4j.LiteFS;
import io.github.litefs4j.LiteFsClient;
import io.github.litefs4j.Position;
import io.github.litefs4j.PositionWaiter;
import io.github.litefs4j.PrimaryMonitor;
import io.github.litefs4j.PrimaryState;
import io.github.litefs4j.ReconnectPolicy;
import io.github.litefs4j.TxEvent;
import io.github.litefs4j.testing.LiteFsNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What the dashboard knows about one node, and how it learns it: the role and the primary's
 * hostname from a {@link PrimaryMonitor}, the position from the node's {@code tx} events (and its
 * {@code -pos} file after a reconnect, since LiteFS does not replay), the row count re-read after
 * each {@code tx} event. Lag and HALT have no events: {@link #sample()} reads them (once a second).
 *
 * <p>Thread-safe: fields are written by the watchers' threads and read by anyone.
 */
final class NodeWatch implements AutoCloseable {
  /** Reconnect quickly: a restarted node should show up on the page within a second. */
  static final ReconnectPolicy RECONNECT =
      ReconnectPolicy.builder()
          .initialDelay(Duration.ofMillis(100))
          .maxDelay(Duration.ofSeconds(1))
          .build();

  /** Told about changes; called on the watchers' threads. */
  interface Changes {
    /** Something shown for the node changed. */
    void changed(NodeWatch node);

    /** An event worth a line in the event stream. */
    void event(NodeWatch node, String text);
  }

  private final LiteFsNode node;
  private final Path db;
  private final Rows rows;
  private final Changes changes;
  private final Executor worker;
  private final LiteFsClient client;
  private final PrimaryMonitor monitor;
  private final EventWatcher events;
  private final PositionWaiter waiter;
  private final AtomicBoolean recountPending = new AtomicBoolean();

  private volatile PrimaryState state = PrimaryState.UNKNOWN;
  private volatile Position position;
  private volatile Long lagMillis;
  private volatile String lagNote = "";
  private volatile HaltProbe.Result halt = HaltProbe.Result.NO_DATABASE;
  private volatile Rows.Count count = Rows.Count.UNKNOWN;
  private volatile boolean running;

  /**
   * Set while the position or the rows must be read from the files (the node was down, its stream
   * reconnected, or a read failed while its mount came up); cleared by a read that succeeded.
   */
  private volatile boolean resync = true;

  NodeWatch(LiteFsNode node, Rows rows, Changes changes, Executor worker) {
    this.node = node;
    this.db = node.database(rows.database());
    this.rows = rows;
    this.changes = changes;
    this.worker = worker;
    this.running = node.isRunning();
    this.client =
        LiteFsClient.builder()
            .baseUri(node.httpUri())
            .connectTimeout(Duration.ofSeconds(2))
            .requestTimeout(Duration.ofSeconds(5))
            .build();
    this.monitor = client.monitorPrimary(RECONNECT);
    this.monitor.addListener(this::onStateChange);
    this.events = client.subscribe(new TxListener(), RECONNECT);
    this.waiter = PositionWaiter.withEvents(client);
    onStateChange(state, monitor.state());
  }

  /** The node. */
  LiteFsNode node() {
    return node;
  }

  /** The node's name, {@code node-N}. */
  String name() {
    return node.name();
  }

  /** The database path on this node. */
  Path database() {
    return db;
  }

  /** The node's role as its monitor reports it. */
  PrimaryState state() {
    return state;
  }

  /** The node's last known position of the demo database, if any. */
  Optional<Position> position() {
    return Optional.ofNullable(position);
  }

  /** Whether the node's LiteFS process is running (as last sampled). */
  boolean isRunning() {
    return running;
  }

  /** The rows of the demo table on this node, as last counted. */
  Rows.Count count() {
    return count;
  }

  /** The event-driven position waiter of this node. */
  PositionWaiter waiter() {
    return waiter;
  }

  /** The node's lag in milliseconds, as last sampled; empty while unknown. */
  Optional<Long> lagMillis() {
    return Optional.ofNullable(lagMillis);
  }

  /**
   * Reads what has no event: whether the process runs, the lag, the HALT; also the position and the
   * rows, as a safety net for a stream that broke silently. Called once a second.
   */
  void sample() {
    boolean wasRunning = running;
    running = node.isRunning();
    if (!running) {
      resync = true;
      lagMillis = null;
      lagNote = "down";
      halt = HaltProbe.Result.NO_DATABASE;
      if (wasRunning) {
        count = Rows.Count.UNKNOWN;
        changes.changed(this);
      }
      return;
    }
    try {
      lagMillis = LiteFS.lag(node.mountDir()).toMillis();
      lagNote = "";
    } catch (RuntimeException e) {
      lagMillis = null;
      lagNote = CoreErrors.isNotReplicated(e) ? "initial replication" : "unreadable";
    }
    try {
      halt = HaltProbe.probe(db);
    } catch (RuntimeException e) {
      halt = HaltProbe.Result.NO_DATABASE;
    }
    if (resync || !wasRunning) {
      resync = false; // set again by a read below that fails; events carry every later change
      refreshPosition();
      requestRecount();
    }
    changes.changed(this);
  }

  /** Counts the rows again soon, on the worker; requests made meanwhile are merged. */
  void requestRecount() {
    if (recountPending.compareAndSet(false, true)) {
      worker.execute(
          () -> {
            recountPending.set(false);
            count = running ? rows.count(db) : Rows.Count.UNKNOWN;
            if (running && count.rows() == null) {
              resync = true; // read again at the next sample, once the mount or table is there
            }
            changes.changed(this);
          });
    }
  }

  /** The node as the page shows it. */
  Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    PrimaryState s = state;
    json.put("name", node.name());
    json.put("running", running);
    json.put("role", running ? s.role().name() : "DOWN");
    json.put(
        "primaryHostname",
        s.role() == PrimaryState.Role.PRIMARY ? Optional.of(node.name()) : s.primaryHostname());
    Position p = position;
    json.put("txid", p == null ? null : p.txid());
    json.put("position", p == null ? null : p.toString());
    json.put("lagMillis", lagMillis);
    json.put("lagNote", lagNote);
    json.put("halt", halt.name());
    json.put("rows", count.rows());
    json.put("http", node.httpUri().toString());
    json.put("mount", node.mountDir().toString());
    return json;
  }

  private void refreshPosition() {
    try {
      if (!Files.exists(db)) {
        resync = true; // the mount is not up yet, or the database has not reached this node
        return;
      }
      Position read = LiteFS.position(db);
      if (!read.equals(position)) {
        position = read;
        requestRecount();
      }
    } catch (RuntimeException e) {
      resync = true; // not replicated yet, or the node went down between the checks
    }
  }

  private void onStateChange(PrimaryState before, PrimaryState now) {
    state = now;
    if (before.role() != now.role() || !before.primaryHostname().equals(now.primaryHostname())) {
      changes.event(this, describe(now));
    }
    changes.changed(this);
  }

  private static String describe(PrimaryState s) {
    return switch (s.role()) {
      case PRIMARY -> "is now the PRIMARY (holds the lease)";
      case REPLICA -> "is a replica of " + s.primaryHostname().orElse("?");
      case DISCONNECTED -> "is a replica with NO primary (the primary is gone)";
      case UNKNOWN ->
          "cannot be reached"
              + s.lastError().map(e -> " (" + e.getClass().getSimpleName() + ")").orElse("");
    };
  }

  @Override
  public void close() {
    events.close();
    monitor.close();
    waiter.close();
  }

  /** Follows the node's {@code tx} events of the demo database. */
  private final class TxListener implements EventListener {
    @Override
    public void onEvent(Event event) {
      if (event instanceof TxEvent tx && tx.database().equals(rows.database())) {
        position = tx.position();
        requestRecount();
        changes.event(NodeWatch.this, "tx " + tx.position().txid() + " (" + tx.database() + ")");
      }
    }

    @Override
    public void onConnected(boolean gap) {
      if (gap) {
        resync = true;
      }
    }
  }
}
