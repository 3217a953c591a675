package io.github.litefs4j.internal;

import io.github.litefs4j.Event;
import io.github.litefs4j.EventListener;
import io.github.litefs4j.EventWatcher;
import io.github.litefs4j.LiteFsClient;
import io.github.litefs4j.LiteFsException;
import io.github.litefs4j.LiteFsInterruptedException;
import io.github.litefs4j.Position;
import io.github.litefs4j.PositionTimeoutException;
import io.github.litefs4j.PrimaryChangeEvent;
import io.github.litefs4j.ReconnectPolicy;
import io.github.litefs4j.ReplicationTracker;
import io.github.litefs4j.TxEvent;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The {@link ReplicationTracker}: one push subscription per configured node ({@link
 * LiteFsClient#subscribe(EventListener, ReconnectPolicy)}, on the client's shared stream) feeds a
 * {@link NodeLedger} per node; every event re-checks the waits it can complete, and a wait blocks
 * on its own future until then or until its timeout. Nothing is polled. Thread-safe: one lock
 * guards the ledgers and the waits. Internal: not exported.
 */
public final class EventReplicationTracker implements ReplicationTracker {
  private final Object lock = new Object();
  private final List<URI> uris;
  private final NodeLedger[] ledgers;
  private final List<EventWatcher> watchers = new ArrayList<>();
  private final Set<Waiter> waiters = new HashSet<>(); // guarded by lock
  private long seq; // guarded by lock: the number of the last tx event
  private boolean closed; // guarded by lock

  EventReplicationTracker(List<LiteFsClient> clients, ReconnectPolicy policy) {
    List<URI> all = new ArrayList<>();
    ledgers = new NodeLedger[clients.size()];
    for (int i = 0; i < clients.size(); i++) {
      all.add(clients.get(i).baseUri());
      ledgers[i] = new NodeLedger(clients.get(i).baseUri());
    }
    uris = List.copyOf(all);
    try {
      for (int i = 0; i < clients.size(); i++) {
        watchers.add(clients.get(i).subscribe(new NodeListener(ledgers[i]), policy));
      }
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  @Override
  public Mark mark() {
    synchronized (lock) {
      checkOpen();
      long[] segments = new long[ledgers.length];
      for (int i = 0; i < ledgers.length; i++) {
        segments[i] = ledgers[i].segment();
      }
      return new TrackerMark(this, seq, segments);
    }
  }

  @Override
  public Acknowledgement await(
      Mark mark, String database, Position position, Required required, Duration timeout) {
    Objects.requireNonNull(mark, "mark");
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(position, "position");
    Objects.requireNonNull(required, "required");
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive: " + timeout);
    }
    if (!(mark instanceof TrackerMark m) || m.owner != this) {
      throw new IllegalArgumentException("the mark was made by another replication tracker");
    }
    if (required.atLeast() > ledgers.length) {
      throw new IllegalArgumentException(
          "cannot require "
              + required
              + ": only "
              + ledgers.length
              + " nodes are configured ("
              + uris
              + ")");
    }
    Waiter waiter = new Waiter(database, position, m, required);
    synchronized (lock) {
      checkOpen();
      if (waiter.check()) {
        return waiter.future.join();
      }
      waiters.add(waiter);
    }
    try {
      return waiter.future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      synchronized (lock) {
        waiters.remove(waiter);
        if (!waiter.check()) {
          throw timeout(waiter, timeout);
        }
      }
      return waiter.future.join();
    } catch (InterruptedException e) {
      synchronized (lock) {
        waiters.remove(waiter);
      }
      Thread.currentThread().interrupt();
      throw new LiteFsInterruptedException(
          "interrupted while waiting for " + required + " to apply " + database + " " + position,
          e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          "the replication tracker was closed while waiting for "
              + database
              + " "
              + position
              + " on "
              + required,
          e.getCause());
    }
  }

  private PositionTimeoutException timeout(Waiter waiter, Duration timeout) {
    List<URI> have = waiter.acknowledgedBy();
    StringBuilder nodes = new StringBuilder();
    for (int i = 0; i < ledgers.length; i++) {
      nodes.append(i == 0 ? "" : "; ").append(ledgers[i].uri()).append(": ");
      nodes.append(waiter.acked.get(i) ? "has it" : ledgers[i].describe(waiter.database));
    }
    int required = waiter.requiredNow();
    return new PositionTimeoutException(
        waiter.database
            + " position "
            + waiter.position
            + " was applied by "
            + have.size()
            + " of the "
            + required
            + " nodes required ("
            + waiter.required
            + ") within "
            + timeout
            + " (the write is committed on the node that made it): "
            + nodes,
        Path.of(waiter.database),
        waiter.position,
        have,
        required,
        timeout);
  }

  @Override
  public List<URI> nodes() {
    return uris;
  }

  @Override
  public List<URI> connectedNodes() {
    synchronized (lock) {
      List<URI> out = new ArrayList<>();
      for (NodeLedger ledger : ledgers) {
        if (ledger.isConnected()) {
          out.add(ledger.uri());
        }
      }
      return List.copyOf(out);
    }
  }

  @Override
  public boolean isClosed() {
    synchronized (lock) {
      return closed;
    }
  }

  @Override
  public void close() {
    List<Waiter> failed;
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      failed = List.copyOf(waiters);
      waiters.clear();
    }
    IllegalStateException closedError =
        new IllegalStateException("the replication tracker is closed");
    for (Waiter w : failed) {
      w.future.completeExceptionally(closedError);
    }
    // Outside the lock: a listener call in progress may be waiting for it.
    for (EventWatcher watcher : watchers) {
      watcher.close();
    }
  }

  @Override
  public String toString() {
    return "ReplicationTracker" + uris;
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("the replication tracker is closed");
    }
  }

  /** Re-checks the waits on {@code database}, or all waits when it is null. Holds the lock. */
  private void recheck(String database) {
    waiters.removeIf(w -> (database == null || w.database.equals(database)) && w.check());
  }

  /** What each node's stream looked like at a mark. */
  private record TrackerMark(EventReplicationTracker owner, long seq, long[] segments)
      implements Mark {}

  /** One wait in progress. Its fields other than the future are guarded by the lock. */
  private final class Waiter {
    final String database;
    final Position position;
    final TrackerMark mark;
    final Required required;
    final BitSet acked = new BitSet();
    final CompletableFuture<Acknowledgement> future = new CompletableFuture<>();

    Waiter(String database, Position position, TrackerMark mark, Required required) {
      this.database = database;
      this.position = position;
      this.mark = mark;
      this.required = required;
    }

    /** Counts the nodes that have the position now (once counted, a node stays counted). */
    boolean check() {
      boolean allRunningHaveIt = true;
      for (int i = 0; i < ledgers.length; i++) {
        NodeLedger ledger = ledgers[i];
        if (!acked.get(i) && ledger.hasApplied(database, position, mark.segments[i], mark.seq)) {
          acked.set(i);
        }
        if (ledger.isConnected() && !acked.get(i)) {
          allRunningHaveIt = false;
        }
      }
      boolean met =
          acked.cardinality() >= required.atLeast()
              && (!required.everyRunning() || allRunningHaveIt);
      if (met) {
        future.complete(new Acknowledgement(database, position, acknowledgedBy(), required));
      }
      return met;
    }

    List<URI> acknowledgedBy() {
      List<URI> out = new ArrayList<>();
      acked.stream().forEach(i -> out.add(ledgers[i].uri()));
      return out;
    }

    /** How many nodes the requirement asks for now. */
    int requiredNow() {
      if (!required.everyRunning()) {
        return required.atLeast();
      }
      int running = 0;
      for (int i = 0; i < ledgers.length; i++) {
        if (ledgers[i].isConnected() || acked.get(i)) {
          running++;
        }
      }
      return Math.max(required.atLeast(), running);
    }
  }

  /** Feeds one node's events into its ledger. Called on the stream's thread. */
  private final class NodeListener implements EventListener {
    private final NodeLedger ledger;

    NodeListener(NodeLedger ledger) {
      this.ledger = ledger;
    }

    @Override
    public void onConnected(boolean gap) {
      synchronized (lock) {
        if (!closed) {
          ledger.connected();
          recheck(null);
        }
      }
    }

    @Override
    public void onEvent(Event event) {
      synchronized (lock) {
        if (closed) {
          return;
        }
        if (event instanceof TxEvent tx) {
          ledger.tx(tx.database(), tx.position(), ++seq);
          recheck(tx.database());
        } else if (event instanceof PrimaryChangeEvent) {
          ledger.primaryChanged();
        }
      }
    }

    @Override
    public void onDisconnected(LiteFsException cause, Duration retryIn) {
      synchronized (lock) {
        if (!closed) {
          ledger.disconnected();
          recheck(null); // "all running" may be met without this node now
        }
      }
    }
  }
}
