package io.github.litefs4j.internal;

import io.github.litefs4j.Event;
import io.github.litefs4j.EventListener;
import io.github.litefs4j.LiteFsException;
import io.github.litefs4j.LiteFsInterruptedException;
import io.github.litefs4j.LiteFsTimeoutException;
import io.github.litefs4j.PrimaryMonitor;
import io.github.litefs4j.PrimaryState;
import io.github.litefs4j.PrimaryStatusEvent;
import io.github.litefs4j.ReconnectPolicy;
import io.github.litefs4j.SubscriptionClosedException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * {@link PrimaryMonitor} driven by a {@link ReconnectingEventWatcher}: {@code init} and {@code
 * primaryChange} events set the state, a failure makes it {@link PrimaryState.Role#UNKNOWN} with
 * the error. Internal: not exported.
 */
public final class EventPrimaryMonitor implements PrimaryMonitor {
  private final URI node;
  private final EventListener tap;
  private final List<Listener> listeners = new CopyOnWriteArrayList<>();
  private final Object lock = new Object();
  private final ReconnectingEventWatcher watcher;
  // Guarded by lock; volatile for lock-free reads.
  private volatile PrimaryState state = PrimaryState.UNKNOWN;
  private boolean closed;

  private EventPrimaryMonitor(HttpCalls http, EventListener tap, ReconnectPolicy policy) {
    this.node = http.baseUri();
    this.tap = tap;
    this.watcher =
        ReconnectingEventWatcher.start(http, new Feed(), policy, "litefs4j-primary-monitor");
  }

  /** Starts a monitor of the node of {@code http}. */
  public static EventPrimaryMonitor start(HttpCalls http, ReconnectPolicy policy) {
    return new EventPrimaryMonitor(http, null, policy);
  }

  /**
   * Starts a monitor that also passes everything its stream sees to {@code tap} (tests count
   * connection attempts with it).
   */
  static EventPrimaryMonitor start(HttpCalls http, ReconnectPolicy policy, EventListener tap) {
    return new EventPrimaryMonitor(http, Objects.requireNonNull(tap, "tap"), policy);
  }

  /** Turns the watcher's callbacks into states. Runs on the watcher thread. */
  private final class Feed implements EventListener {
    @Override
    public void onEvent(Event event) {
      if (tap != null) {
        tap.onEvent(event);
      }
      if (event instanceof PrimaryStatusEvent status) {
        update(PrimaryState.of(status));
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
      update(PrimaryState.unknown(cause));
    }
  }

  private void update(PrimaryState next) {
    PrimaryState previous;
    synchronized (lock) {
      if (closed) {
        return;
      }
      previous = state;
      state = next;
      lock.notifyAll();
    }
    if (!previous.sameRoleAs(next)) {
      for (Listener listener : listeners) {
        try {
          listener.onStateChange(previous, next);
        } catch (RuntimeException e) {
          ReconnectingEventWatcher.LOG.log(
              Level.WARNING, "PrimaryMonitor listener threw; the monitor goes on", e);
        }
      }
    }
  }

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
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  @Override
  public void removeListener(Listener listener) {
    listeners.remove(listener);
  }

  @Override
  public void close() {
    synchronized (lock) {
      if (!closed) {
        closed = true;
        state = PrimaryState.unknown(closedException());
        lock.notifyAll();
      }
    }
    watcher.close();
  }

  private SubscriptionClosedException closedException() {
    return new SubscriptionClosedException(
        "primary monitor of LiteFS node at " + node + " is closed");
  }
}
