package io.github.litefs4j.internal;

import io.github.litefs4j.Event;
import io.github.litefs4j.EventListener;
import io.github.litefs4j.EventWatcher;
import io.github.litefs4j.LiteFsException;
import io.github.litefs4j.TxEvent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * A {@link TxSource} over a push subscription ({@link io.github.litefs4j.LiteFsClient#subscribe}):
 * dispatches {@link TxEvent} positions per database, and reports a gap to every listener when a
 * stream opens or breaks (LiteFS does not replay, so waiters must re-read their {@code -pos} file).
 * Thread-safe. Internal: not exported.
 */
public final class WatcherTxSource implements TxSource, EventListener {
  private final Map<String, List<Listener>> listeners = new ConcurrentHashMap<>();
  private final EventWatcher watcher;
  private volatile boolean live;

  private WatcherTxSource(Function<EventListener, EventWatcher> subscribe) {
    this.watcher = subscribe.apply(this);
  }

  /** Starts a subscription through {@code subscribe} (for example {@code client::subscribe}). */
  public static WatcherTxSource start(Function<EventListener, EventWatcher> subscribe) {
    return new WatcherTxSource(subscribe);
  }

  @Override
  public Runnable register(String db, Listener listener) {
    List<Listener> list = listeners.computeIfAbsent(db, k -> new CopyOnWriteArrayList<>());
    list.add(listener);
    AtomicBoolean removed = new AtomicBoolean();
    return () -> {
      if (!removed.getAndSet(true)) {
        list.remove(listener);
      }
    };
  }

  @Override
  public boolean isLive() {
    return live && !watcher.isClosed();
  }

  @Override
  public void onEvent(Event event) {
    if (event instanceof TxEvent tx) {
      List<Listener> list = listeners.get(tx.database());
      if (list != null) {
        list.forEach(l -> l.onPosition(tx.position()));
      }
    }
  }

  @Override
  public void onConnected(boolean gap) {
    live = true;
    allGap(); // events committed before this stream opened were not (all) seen
  }

  @Override
  public void onDisconnected(LiteFsException cause, Duration retryIn) {
    live = false;
    allGap();
  }

  private void allGap() {
    listeners.values().forEach(list -> list.forEach(Listener::onGap));
  }

  @Override
  public void close() {
    live = false;
    watcher.close();
    allGap();
  }
}
