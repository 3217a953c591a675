package io.github.litefs4j.docs;

import io.github.litefs4j.Event;
import io.github.litefs4j.EventListener;
import io.github.litefs4j.EventSubscription;
import io.github.litefs4j.EventWatcher;
import io.github.litefs4j.InitEvent;
import io.github.litefs4j.LiteFsClient;
import io.github.litefs4j.LiteFsException;
import io.github.litefs4j.LiteFsTimeoutException;
import io.github.litefs4j.Position;
import io.github.litefs4j.ReconnectPolicy;
import io.github.litefs4j.TxEvent;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;

/** The samples of docs/events.md. */
final class EventsExamples {
  private static final Logger log = System.getLogger("app");

  /** What the samples keep current: a cache of query results per database. */
  interface Cache {
    void invalidate(String database, Position position);

    void invalidateAll();
  }

  private final Cache cache;
  private volatile boolean running = true;

  EventsExamples(Cache cache) {
    this.cache = cache;
  }

  void pull() {
    // tag::pull[]
    LiteFsClient client = LiteFsClient.DEFAULT; // http://localhost:20202
    try (EventSubscription events = client.subscribeEvents()) {
      while (running) {
        try {
          Event event = events.next(Duration.ofSeconds(1));
          if (event instanceof TxEvent tx) {
            cache.invalidate(tx.database(), tx.position());
          } else if (event instanceof InitEvent) {
            cache.invalidateAll(); // a new stream: events in between were not sent
          }
        } catch (LiteFsTimeoutException idle) {
          // nothing for a second: check 'running'; the stream stays open, nothing is lost
        } catch (LiteFsException broken) {
          // refused, HTTP error, stream ended, garbage: the next call reconnects, at once
          backOff();
        }
      }
    }
    // end::pull[]
  }

  void push(LiteFsClient client, Runnable application) {
    // tag::push[]
    EventListener listener =
        new EventListener() {
          @Override
          public void onEvent(Event event) {
            if (event instanceof TxEvent tx) {
              cache.invalidate(tx.database(), tx.position());
            }
          }

          @Override
          public void onConnected(boolean gap) {
            if (gap) {
              cache.invalidateAll(); // LiteFS does not replay what was committed meanwhile
            }
          }

          @Override
          public void onDisconnected(LiteFsException cause, Duration retryIn) {
            log.log(Level.WARNING, "LiteFS events lost: {0}; retry in {1}", cause, retryIn);
          }
        };
    try (EventWatcher watcher = client.subscribe(listener)) {
      application.run();
    }
    // end::push[]
    policy(client, listener);
  }

  static EventWatcher policy(LiteFsClient client, EventListener listener) {
    // tag::policy[]
    ReconnectPolicy policy =
        ReconnectPolicy.builder()
            .initialDelay(Duration.ofMillis(200))
            .maxDelay(Duration.ofSeconds(30))
            .idleTimeout(Duration.ofMinutes(10)) // only for a node across a network
            .build();
    EventWatcher watcher = client.subscribe(listener, policy);
    // end::policy[]
    return watcher;
  }

  void stop() {
    running = false;
  }

  private void backOff() {
    running = !Thread.currentThread().isInterrupted();
  }
}
