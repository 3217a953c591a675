package io.github.litefs4j.examples.dashboard;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the page shows over time: the last minute of lag samples and replication times (for the
 * chart), and the last events (for the event stream).
 *
 * <p>Thread-safe: every method is synchronized.
 */
final class Timeline {
  /** How far back the chart looks. */
  static final long WINDOW_MILLIS = 60_000;

  private static final int MAX_EVENTS = 200;

  private final Deque<Map<String, Object>> lag = new ArrayDeque<>();
  private final Deque<Map<String, Object>> replication = new ArrayDeque<>();
  private final Deque<Map<String, Object>> events = new ArrayDeque<>();
  private long nextEventId = 1;

  /**
   * Adds one lag sample of every node.
   *
   * @param at when, epoch milliseconds
   * @param perNode each node's lag in milliseconds, or null while unknown
   */
  synchronized void lagSample(long at, Map<String, Long> perNode) {
    Map<String, Object> sample = new LinkedHashMap<>();
    sample.put("t", at);
    sample.put("lag", new LinkedHashMap<>(perNode));
    lag.addLast(sample);
    trim(lag, at);
  }

  /**
   * Adds one replication time: how long a write took to reach every node.
   *
   * @param at when, epoch milliseconds
   * @param millis the time, or null if not every node had it
   * @param via the node written through
   */
  synchronized void replication(long at, Double millis, String via) {
    Map<String, Object> sample = new LinkedHashMap<>();
    sample.put("t", at);
    sample.put("ms", millis);
    sample.put("via", via);
    replication.addLast(sample);
    trim(replication, at);
  }

  /**
   * Adds an event to the stream.
   *
   * @param at when, epoch milliseconds
   * @param source the node, or {@code demo} for the demo's own actions
   * @param kind a short kind: {@code role}, {@code tx}, {@code action}, {@code write}, {@code
   *     error}
   * @param text what happened
   * @return the event as the page receives it
   */
  synchronized Map<String, Object> event(long at, String source, String kind, String text) {
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("id", nextEventId++);
    event.put("t", at);
    event.put("source", source);
    event.put("kind", kind);
    event.put("text", text);
    events.addLast(event);
    while (events.size() > MAX_EVENTS) {
      events.removeFirst();
    }
    return event;
  }

  /** The chart's data of the last minute. */
  synchronized Map<String, Object> history(long now) {
    trim(lag, now);
    trim(replication, now);
    Map<String, Object> history = new LinkedHashMap<>();
    history.put("now", now);
    history.put("windowMillis", WINDOW_MILLIS);
    history.put("lag", new ArrayList<>(lag));
    history.put("replication", new ArrayList<>(replication));
    return history;
  }

  /** The last events, oldest first. */
  synchronized List<Map<String, Object>> events() {
    return new ArrayList<>(events);
  }

  private static void trim(Deque<Map<String, Object>> samples, long now) {
    while (!samples.isEmpty() && (long) samples.peekFirst().get("t") < now - WINDOW_MILLIS) {
      samples.removeFirst();
    }
  }
}
