package io.github.litefs4j.internal;

import io.github.litefs4j.Event;
import io.github.litefs4j.EventListener;
import io.github.litefs4j.EventWatcher;
import io.github.litefs4j.LiteFsException;
import io.github.litefs4j.LiteFsInterruptedException;
import io.github.litefs4j.LiteFsTimeoutException;
import io.github.litefs4j.NodeInfo;
import io.github.litefs4j.PrimaryMonitor;
import io.github.litefs4j.PrimaryState;
import io.github.litefs4j.ReconnectPolicy;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@link PrimaryMonitor} built from two daemon threads:
 *
 * <ul>
 *   <li>a member of the client's {@link EventHub} (the shared {@code litefs4j-events-N} stream)
 *       that only turns {@code init} and {@code primaryChange} events and stream failures into
 *       reports, and
 *   <li>the monitor thread ({@code litefs4j-primary-monitor-N}) that takes those reports in order,
 *       decides the state, confirms it with {@code GET /info} where events are not enough, and
 *       calls the listeners. It is the only thread that changes the state.
 * </ul>
 *
 * <p>The rules (see {@link PrimaryMonitor} for the why):
 *
 * <ul>
 *   <li>A report of REPLICA while the state is DISCONNECTED is held for {@link Timing#settle()}: a
 *       DISCONNECTED (or any other) report meanwhile cancels it. When it stands, {@code GET /info}
 *       confirms it (a hostname: REPLICA; none: it stays DISCONNECTED); if {@code /info} cannot be
 *       read, the event is trusted.
 *   <li>While the state is DISCONNECTED, {@code GET /info} is asked on a {@link Backoff} schedule
 *       ({@link Timing#checkFirst()} doubling to {@link Timing#checkMax()}, with jitter); what it
 *       reports is handled like an event (a REPLICA is held and confirmed as above).
 *   <li>Everything else (PRIMARY, REPLICA to another hostname, UNKNOWN after a stream failure) is
 *       taken at once.
 * </ul>
 *
 * <p>Internal: not exported.
 */
public final class EventPrimaryMonitor implements PrimaryMonitor {
  private static final System.Logger LOG = ReconnectingEventWatcher.LOG;
  private static final AtomicInteger THREADS = new AtomicInteger();
  private static final long CLOSE_WAIT_SECONDS = 10;
  private static final long NONE = Long.MIN_VALUE;

  /**
   * How long a REPLICA after DISCONNECTED must stand before it is confirmed, and the schedule of
   * {@code GET /info} checks while DISCONNECTED.
   */
  record Timing(Duration settle, Duration checkFirst, Duration checkMax) {
    /**
     * LiteFS withdraws a failed connection attempt's REPLICA within a few milliseconds when the
     * primary refuses connections; 50 ms leaves ten times that for a loaded machine and keeps a
     * real reconnect's report close to LiteFS's own (benchmark P8: within 100 ms of a client that
     * reports every event at once).
     */
    static final Timing DEFAULT =
        new Timing(Duration.ofMillis(50), Duration.ofSeconds(1), Duration.ofSeconds(8));
  }

  private final URI node;
  private final EventListener tap;
  private final Timing timing;
  private final Object lock = new Object();
  // Guarded by lock.
  private final List<Listener> listeners = new ArrayList<>();
  private final ArrayDeque<PrimaryState> reports = new ArrayDeque<>();
  private boolean closed;
  // Written under lock by the monitor thread only; volatile for lock-free reads.
  private volatile PrimaryState state = PrimaryState.UNKNOWN;
  // Monitor thread only.
  private final Backoff checkBackoff;
  private PrimaryState pending;
  private long pendingDue = NONE;
  private long nextCheck = NONE;

  private final Thread thread;
  private final EventWatcher watcher;
  private final InfoCheck infoCheck;

  private EventPrimaryMonitor(HttpCalls http, EventHub events, EventListener tap, Timing timing) {
    this.node = http.baseUri();
    this.tap = tap;
    this.timing = timing;
    this.checkBackoff = new Backoff(timing.checkFirst(), timing.checkMax());
    this.thread = new Thread(this::run, "litefs4j-primary-monitor-" + THREADS.incrementAndGet());
    thread.setDaemon(true);
    this.infoCheck = new InfoCheck(http);
    this.watcher = events.join(new Feed());
  }

  /** Starts a monitor of the node of {@code http} that follows the client's shared stream. */
  static EventPrimaryMonitor start(HttpCalls http, EventHub events) {
    return started(new EventPrimaryMonitor(http, events, null, Timing.DEFAULT));
  }

  /**
   * Starts a monitor that also passes everything its stream sees to {@code tap} (tests count
   * connection attempts with it).
   */
  static EventPrimaryMonitor start(HttpCalls http, ReconnectPolicy policy, EventListener tap) {
    return start(http, policy, tap, Timing.DEFAULT);
  }

  /** As {@link #start(HttpCalls, ReconnectPolicy, EventListener)} with other timings (tests). */
  static EventPrimaryMonitor start(
      HttpCalls http, ReconnectPolicy policy, EventListener tap, Timing timing) {
    return started(
        new EventPrimaryMonitor(
            http, new EventHub(http, policy), Objects.requireNonNull(tap, "tap"), timing));
  }

  private static EventPrimaryMonitor started(EventPrimaryMonitor monitor) {
    monitor.thread.start(); // reports the watcher made meanwhile wait in the queue
    return monitor;
  }

  /** Turns the watcher's callbacks into reports. Runs on the watcher thread. */
  private final class Feed implements EventListener {
    @Override
    public void onEvent(Event event) {
      if (tap != null) {
        tap.onEvent(event);
      }
      if (event instanceof Event.PrimaryStatus status) {
        report(PrimaryState.of(status));
      }
    }

    @Override
    public void onConnected(boolean gap) {
      if (tap != null) {
        tap.onConnected(gap);
      }
    }

    @Override
    public void onDisconnected(LiteFsException cause, Duration retryIn) {
      if (tap != null) {
        tap.onDisconnected(cause, retryIn);
      }
      report(PrimaryState.unknown(cause));
    }
  }

  private void report(PrimaryState reported) {
    synchronized (lock) {
      if (!closed) {
        reports.add(reported);
        lock.notifyAll();
      }
    }
  }

  // ---- the monitor thread ----------------------------------------------------------------------

  private void run() {
    try {
      while (true) {
        List<PrimaryState> batch = awaitWork();
        if (batch == null) {
          return; // closed
        }
        for (PrimaryState reported : batch) {
          handle(reported);
        }
        if (batch.isEmpty()) {
          runDueCheck();
        }
      }
    } catch (RuntimeException | Error e) {
      LOG.log(Level.ERROR, thread.getName() + " failed; the monitor stops following the node", e);
      throw e;
    }
  }

  /** Waits for reports or a due check; the reports (empty for a due check), or null if closed. */
  private List<PrimaryState> awaitWork() {
    synchronized (lock) {
      while (!closed && reports.isEmpty()) {
        long due = nextDue();
        long wait = due == NONE ? 0 : due - System.nanoTime();
        if (due != NONE && wait <= 0) {
          return List.of();
        }
        try {
          if (due == NONE) {
            lock.wait();
          } else {
            TimeUnit.NANOSECONDS.timedWait(lock, wait);
          }
        } catch (InterruptedException e) {
          // Only close() ends this thread; a stray interrupt (from a listener, say) is ignored.
          LOG.log(Level.DEBUG, "{0} ignored an interrupt", thread.getName());
        }
      }
      if (closed) {
        return null;
      }
      List<PrimaryState> batch = new ArrayList<>(reports);
      reports.clear();
      return batch;
    }
  }

  /** When the next {@code /info} call is due, or {@link #NONE}. Monitor thread only. */
  private long nextDue() {
    if (pending != null) {
      return pendingDue;
    }
    return state.role() == PrimaryState.Role.DISCONNECTED ? nextCheck : NONE;
  }

  /** Applies one report (from an event, a stream failure or {@code /info}). */
  private void handle(PrimaryState reported) {
    if (reported.role() == PrimaryState.Role.REPLICA
        && state.role() == PrimaryState.Role.DISCONNECTED) {
      if (pending == null || !pending.sameRoleAs(reported)) {
        pending = reported;
        pendingDue = System.nanoTime() + timing.settle().toNanos();
      }
      return; // held: LiteFS announces the primary before each connection attempt
    }
    pending = null;
    publish(reported);
  }

  /** Confirms a REPLICA that stood for the settle time, or checks a DISCONNECTED state. */
  private void runDueCheck() {
    if (pending != null) {
      PrimaryState held = pending;
      Optional<NodeInfo> info = infoCheck.ask();
      if (hasReports()) {
        return; // newer events decide first; the held state is confirmed afterwards if it stands
      }
      pending = null;
      // A node that cannot answer /info right now: trust the event that stood for the settle time.
      publish(info.map(EventPrimaryMonitor::stateOf).orElse(held));
    } else if (state.role() == PrimaryState.Role.DISCONNECTED) {
      Optional<NodeInfo> info = infoCheck.ask();
      nextCheck = System.nanoTime() + checkBackoff.nextDelay().toNanos();
      if (info.isPresent() && !hasReports()) {
        handle(stateOf(info.get()));
      }
    }
  }

  private static PrimaryState stateOf(NodeInfo info) {
    if (info.isPrimary()) {
      return PrimaryState.primary();
    }
    return info.primaryHostname().map(PrimaryState::replica).orElseGet(PrimaryState::disconnected);
  }

  private boolean hasReports() {
    synchronized (lock) {
      return !reports.isEmpty();
    }
  }

  /** Sets the state and, if the role or hostname changed, calls the listeners. */
  private void publish(PrimaryState next) {
    PrimaryState previous;
    List<Listener> toCall;
    synchronized (lock) {
      if (closed) {
        return;
      }
      previous = state;
      state = next;
      lock.notifyAll();
      // Taken together with the state: a listener added after a caller saw this state (through
      // awaitReady, say) is not told about the change that led to it.
      toCall = previous.sameRoleAs(next) ? List.of() : List.copyOf(listeners);
    }
    if (previous.sameRoleAs(next)) {
      return;
    }
    if (next.role() == PrimaryState.Role.DISCONNECTED) {
      checkBackoff.reset();
      nextCheck = System.nanoTime() + checkBackoff.nextDelay().toNanos();
    } else {
      nextCheck = NONE;
    }
    for (Listener listener : toCall) {
      try {
        listener.onStateChange(previous, next);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "PrimaryMonitor listener threw; the monitor goes on", e);
      }
    }
  }

  // ---- the public API --------------------------------------------------------------------------

  @Override
  public PrimaryState awaitReady(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive: " + timeout);
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (lock) {
      while (true) {
        if (closed) {
          throw closedException();
        }
        PrimaryState current = state;
        if (current.isKnown()) {
          return current;
        }
        long wait = deadline - System.nanoTime();
        if (wait <= 0) {
          throw new LiteFsTimeoutException(
              "the primary status of LiteFS node at "
                  + node
                  + " is not known after "
                  + timeout
                  + current.lastError().map(e -> "; last error: " + e.getMessage()).orElse(""),
              timeout,
              current.lastError().orElse(null));
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(lock, wait);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new LiteFsInterruptedException(
              "interrupted while waiting for the primary status of LiteFS node at " + node, e);
        }
      }
    }
  }

  @Override
  public PrimaryState state() {
    return state;
  }

  @Override
  public boolean isPrimary() {
    return state.role() == PrimaryState.Role.PRIMARY;
  }

  @Override
  public Optional<String> primaryHostname() {
    return state.primaryHostname();
  }

  @Override
  public void addListener(Listener listener) {
    Objects.requireNonNull(listener, "listener");
    synchronized (lock) {
      listeners.add(listener);
    }
  }

  @Override
  public void removeListener(Listener listener) {
    synchronized (lock) {
      listeners.remove(listener);
    }
  }

  @Override
  public void close() {
    synchronized (lock) {
      if (!closed) {
        closed = true;
        state =
            PrimaryState.unknown(
                new LiteFsException("primary monitor of LiteFS node at " + node + " is closed"));
        reports.clear();
        lock.notifyAll();
      }
    }
    infoCheck.close();
    watcher.close();
    awaitThreadEnd();
  }

  private void awaitThreadEnd() {
    ListenerThreads.awaitEnd(thread, CLOSE_WAIT_SECONDS);
  }

  private IllegalStateException closedException() {
    return new IllegalStateException("primary monitor of LiteFS node at " + node + " is closed");
  }
}
