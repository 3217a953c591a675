package io.github.litefs4j.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.litefs4j.EventListener;
import io.github.litefs4j.EventWatcher;
import io.github.litefs4j.InitEvent;
import io.github.litefs4j.LiteFsConnectionException;
import io.github.litefs4j.Position;
import io.github.litefs4j.TxEvent;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The adapter from push subscriptions to per-database positions, driven by hand. */
class WatcherTxSourceTest {

  /** A watcher whose listener the test drives. */
  static final class HandWatcher implements EventWatcher {
    EventListener listener;
    boolean closed;

    @Override
    public boolean isConnected() {
      return !closed;
    }

    @Override
    public boolean isClosed() {
      return closed;
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  static final class Recorder implements TxSource.Listener {
    final List<Object> calls = new ArrayList<>();

    @Override
    public void onPosition(Position position) {
      calls.add(position);
    }

    @Override
    public void onGap() {
      calls.add("gap");
    }
  }

  private static TxEvent tx(String db, long txid) {
    return new TxEvent(db, new Position(txid, txid * 16), 4096, 2, Instant.EPOCH);
  }

  @Test
  void dispatchesTxPositionsToTheListenersOfTheirDatabase() {
    HandWatcher watcher = new HandWatcher();
    WatcherTxSource source =
        WatcherTxSource.start(
            l -> {
              watcher.listener = l;
              return watcher;
            });
    Recorder app = new Recorder();
    Recorder other = new Recorder();
    Runnable unregister = source.register("app.db", app);
    source.register("other.db", other);

    watcher.listener.onEvent(new InitEvent(true, Optional.empty()));
    watcher.listener.onEvent(tx("app.db", 3));
    watcher.listener.onEvent(tx("other.db", 4));
    unregister.run();
    unregister.run();
    watcher.listener.onEvent(tx("app.db", 5));

    assertThat(app.calls).containsExactly(new Position(3, 48));
    assertThat(other.calls).containsExactly(new Position(4, 64));
  }

  @Test
  void isLiveOnlyWhileAStreamIsOpenAndReportsGapsOnEveryChange() {
    HandWatcher watcher = new HandWatcher();
    WatcherTxSource source =
        WatcherTxSource.start(
            l -> {
              watcher.listener = l;
              return watcher;
            });
    Recorder app = new Recorder();
    source.register("app.db", app);
    assertThat(source.isLive()).isFalse();

    watcher.listener.onConnected(false);
    assertThat(source.isLive()).isTrue();
    watcher.listener.onDisconnected(
        new LiteFsConnectionException("down (test)", URI.create("http://x"), null),
        Duration.ofMillis(100));
    assertThat(source.isLive()).isFalse();
    watcher.listener.onConnected(true);
    assertThat(source.isLive()).isTrue();

    source.close();
    assertThat(watcher.closed).isTrue();
    assertThat(source.isLive()).isFalse();
    assertThat(app.calls).containsExactly("gap", "gap", "gap", "gap");
  }
}
