package io.github.litefs4j.internal;

import io.github.litefs4j.Event;
import io.github.litefs4j.EventListener;
import io.github.litefs4j.EventWatcher;
import io.github.litefs4j.InitEvent;
import io.github.litefs4j.LiteFsException;
import io.github.litefs4j.ReconnectPolicy;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One {@code GET /events} stream and one thread ({@code litefs4j-events-N}, a {@link
 * ReconnectingEventWatcher}) shared by every listener of a client: subscriptions, the primary
 * monitor and event-driven position waits. Reference-counted: the stream opens with the first
 * {@link #join(EventListener)} and closes with the last member's {@link EventWatcher#close()}; a
 * later join opens a new one.
 *
 * <p>A member that joins while the stream is up gets, at once and on the joining thread, {@code
 * onConnected(false)} and the node's current primary status as an {@link InitEvent} (LiteFS sends
 * the real one only at connect); everything else comes on the stream's thread, in order. Each
 * member's {@code onConnected(gap)} says whether <em>it</em> may have missed events.
 *
 * <p>Thread-safe. Internal: not exported.
 */
final class EventHub {
  private final HttpCalls http;
  private final ReconnectPolicy policy;
  private final CopyOnWriteArrayList<Member> members = new CopyOnWriteArrayList<>();
  private final Object lock = new Object();
  private ReconnectingEventWatcher watcher; // guarded by lock
  private volatile boolean connected;
  private volatile Event.PrimaryStatus status; // the current connection's latest

  EventHub(HttpCalls http, ReconnectPolicy policy) {
    this.http = http;
    this.policy = policy;
  }

  /** Adds {@code listener}, opening the stream if it is the first member. */
  EventWatcher join(EventListener listener) {
    Member member = new Member(listener);
    synchronized (lock) {
      members.add(member);
      if (watcher == null) {
        connected = false;
        status = null;
        watcher = ReconnectingEventWatcher.start(http, new Fanout(), policy, "litefs4j-events");
      }
    }
    if (connected && status != null) {
      member.start(null);
    }
    return member;
  }

  /** How many members share the stream (tests). */
  int members() {
    return members.size();
  }

  private void leave(Member member) {
    ReconnectingEventWatcher last = null;
    synchronized (lock) {
      if (members.remove(member) && members.isEmpty()) {
        last = watcher;
        watcher = null;
      }
    }
    if (last != null) {
      last.close();
    }
  }

  /** The stream's callbacks, passed on to every member. Runs on the stream's thread. */
  private final class Fanout implements EventListener {
    @Override
    public void onConnected(boolean gap) {
      status = null;
      connected = true;
      for (Member m : members) {
        m.connected();
      }
    }

    @Override
    public void onEvent(Event event) {
      if (event instanceof Event.PrimaryStatus s) {
        status = s;
      }
      for (Member m : members) {
        m.event(event);
      }
    }

    @Override
    public void onDisconnected(LiteFsException cause, Duration retryIn) {
      connected = false;
      for (Member m : members) {
        m.disconnected(cause, retryIn);
      }
    }
  }

  /** One listener of the stream, and its handle. */
  private final class Member implements EventWatcher {
    private final EventListener listener;
    private final AtomicBoolean closed = new AtomicBoolean();
    private boolean started; // guarded by this
    private boolean sawInit; // guarded by this

    Member(EventListener listener) {
      this.listener = listener;
    }

    /**
     * First delivery to a member that joined a running stream: connected, and the current status as
     * an init event. Skips {@code current} when the init already reflects it.
     */
    private synchronized boolean start(Event current) {
      if (started) {
        return false;
      }
      started = true;
      Event.PrimaryStatus now = status;
      call(() -> listener.onConnected(false), "onConnected");
      if (now != null) {
        sawInit = true;
        call(
            () -> listener.onEvent(new InitEvent(now.isPrimary(), now.primaryHostname())),
            "onEvent");
      }
      return current != null && current == now;
    }

    synchronized void connected() {
      boolean gap = started && sawInit;
      started = true;
      call(() -> listener.onConnected(gap), "onConnected");
    }

    synchronized void event(Event event) {
      if (!started && start(event)) {
        return;
      }
      if (event instanceof InitEvent) {
        sawInit = true;
      }
      call(() -> listener.onEvent(event), "onEvent");
    }

    synchronized void disconnected(LiteFsException cause, Duration retryIn) {
      call(() -> listener.onDisconnected(cause, retryIn), "onDisconnected");
    }

    private void call(Runnable callback, String method) {
      if (closed.get()) {
        return;
      }
      try {
        callback.run();
      } catch (RuntimeException e) {
        ReconnectingEventWatcher.LOG.log(
            Level.WARNING, "EventListener." + method + " threw; the stream goes on", e);
      }
    }

    @Override
    public boolean isConnected() {
      return !closed.get() && connected;
    }

    @Override
    public boolean isClosed() {
      return closed.get();
    }

    @Override
    public void close() {
      if (closed.compareAndSet(false, true)) {
        leave(this);
      }
    }
  }
}
