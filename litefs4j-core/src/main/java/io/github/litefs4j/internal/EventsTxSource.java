package io.github.litefs4j.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.github.litefs4j.LiteFsException;
import io.github.litefs4j.Position;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.System.Logger.Level;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A minimal reader of a node's {@code GET /events} stream that dispatches {@code tx} positions per
 * database to {@link TxSource.Listener}s. One daemon thread ("litefs4j-position-events"); it
 * reconnects with exponential backoff and jitter (100 ms doubling to 5 s) and stops when closed.
 * Lines it cannot read are logged and skipped, not fatal. Thread-safe. Internal: not exported.
 */
public final class EventsTxSource implements TxSource {
  private static final System.Logger LOG = System.getLogger(EventsTxSource.class.getName());
  private static final JsonFactory JSON = new JsonFactory();
  private static final long MIN_BACKOFF_MS = 100;
  private static final long MAX_BACKOFF_MS = 5_000;
  private static final int MAX_LINE = 64 * 1024;

  private final HttpCalls http;
  private final Map<String, List<Listener>> listeners = new ConcurrentHashMap<>();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Object streamLock = new Object();
  private final Thread thread;
  private volatile boolean live;
  private InputStream stream; // guarded by streamLock

  public EventsTxSource(HttpCalls http) {
    this.http = http;
    this.thread = new Thread(this::run, "litefs4j-position-events");
    thread.setDaemon(true);
    thread.start();
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
    return live;
  }

  @Override
  public void close() {
    if (closed.getAndSet(true)) {
      return;
    }
    live = false;
    synchronized (streamLock) {
      closeQuietly(stream);
      stream = null;
    }
    thread.interrupt();
    try {
      thread.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    long backoff = MIN_BACKOFF_MS;
    while (!closed.get()) {
      try {
        if (readStream()) {
          backoff = MIN_BACKOFF_MS;
        }
      } catch (LiteFsException | IOException e) {
        if (!closed.get()) {
          LOG.log(Level.DEBUG, "event stream of {0} failed, reconnecting: {1}", http.baseUri(), e);
        }
      }
      setNotLive();
      if (closed.get()) {
        return;
      }
      try {
        long jittered = backoff / 2 + ThreadLocalRandom.current().nextLong(backoff / 2 + 1);
        Thread.sleep(jittered);
      } catch (InterruptedException e) {
        // Only close() interrupts this thread.
        return;
      }
      backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
    }
  }

  /** Reads one connection to its end; returns true if it delivered at least the init event. */
  private boolean readStream() throws IOException {
    HttpRequest request =
        http.request(http.uri("/events", Map.of()), http.requestTimeout()).GET().build();
    HttpResponse<InputStream> response =
        http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    InputStream body = response.body();
    synchronized (streamLock) {
      if (closed.get()) {
        closeQuietly(body);
        return false;
      }
      stream = body;
    }
    boolean delivered = false;
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
      if (response.statusCode() != 200) {
        char[] buf = new char[HttpCalls.MAX_ERROR_BODY];
        int n = reader.read(buf);
        throw HttpCalls.error(request, response.statusCode(), n > 0 ? new String(buf, 0, n) : "");
      }
      String line;
      while (!closed.get() && (line = reader.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        if (line.length() > MAX_LINE) {
          LOG.log(Level.WARNING, "skipping an event line of {0} chars", line.length());
          continue;
        }
        delivered |= dispatch(line);
      }
    } finally {
      synchronized (streamLock) {
        stream = null;
      }
    }
    return delivered;
  }

  /** Handles one event line; returns true if it was the init event. */
  private boolean dispatch(String line) {
    String type = null;
    String db = null;
    String txid = null;
    String checksum = null;
    try (JsonParser parser = JSON.createParser(line)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("not a JSON object");
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        if ("type".equals(field) && value == JsonToken.VALUE_STRING) {
          type = parser.getText();
        } else if ("db".equals(field) && value == JsonToken.VALUE_STRING) {
          db = parser.getText();
        } else if ("data".equals(field) && value == JsonToken.START_OBJECT) {
          while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String dataField = parser.currentName();
            JsonToken dataValue = parser.nextToken();
            if ("txID".equals(dataField) && dataValue == JsonToken.VALUE_STRING) {
              txid = parser.getText();
            } else if ("postApplyChecksum".equals(dataField)
                && dataValue == JsonToken.VALUE_STRING) {
              checksum = parser.getText();
            } else {
              parser.skipChildren();
            }
          }
        } else {
          parser.skipChildren();
        }
      }
    } catch (IOException e) {
      LOG.log(Level.WARNING, "skipping unreadable event {0}: {1}", Texts.quote(line), e);
      return false;
    }
    if ("init".equals(type)) {
      live = true;
      listeners.values().forEach(list -> list.forEach(Listener::onGap));
      return true;
    }
    if ("tx".equals(type) && db != null && txid != null && checksum != null) {
      Position position;
      try {
        position = new Position(Position.parseTxid(txid), Position.parseTxid(checksum));
      } catch (IllegalArgumentException e) {
        LOG.log(
            Level.WARNING, "skipping tx event with a bad position {0}: {1}", Texts.quote(line), e);
        return false;
      }
      List<Listener> list = listeners.get(db);
      if (list != null) {
        list.forEach(l -> l.onPosition(position));
      }
    }
    return false;
  }

  private void setNotLive() {
    live = false;
    listeners.values().forEach(list -> list.forEach(Listener::onGap));
  }

  private static void closeQuietly(InputStream in) {
    if (in == null) {
      return;
    }
    try {
      in.close();
    } catch (IOException e) {
      LOG.log(Level.DEBUG, "closing the event stream failed: {0}", e);
    }
  }
}
