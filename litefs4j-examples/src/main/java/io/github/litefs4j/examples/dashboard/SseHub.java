package io.github.litefs4j.examples.dashboard;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Server-sent events to every open page: each page's request is answered with {@code
 * text/event-stream} and held open; {@link #publish} queues a message for every page, and the
 * page's handler thread writes it. A page that falls far behind or goes away is dropped.
 *
 * <p>Thread-safe.
 */
final class SseHub {
  private static final int MAX_QUEUED = 1000;
  private static final long KEEPALIVE_SECONDS = 15;

  private final List<BlockingQueue<String>> clients = new CopyOnWriteArrayList<>();
  private volatile boolean closed;

  /**
   * Queues an event for every page.
   *
   * @param event the SSE event name
   * @param json its data, one line of JSON
   */
  void publish(String event, String json) {
    String frame = "event: " + event + "\ndata: " + json + "\n\n";
    for (BlockingQueue<String> queue : clients) {
      if (!queue.offer(frame)) {
        clients.remove(queue); // a page that stopped reading; it reconnects and gets a snapshot
      }
    }
  }

  /** How many pages are open. */
  int clients() {
    return clients.size();
  }

  /**
   * Serves one page until it goes away or the hub closes: first the frames of {@code hello} (the
   * current state), then everything published, with a comment every 15 s to keep proxies happy.
   *
   * @param exchange the page's request
   * @param hello the first frames, as {@code event}/{@code data} pairs
   * @throws IOException if the page cannot be written to at first
   */
  void serve(HttpExchange exchange, Supplier<List<String[]>> hello) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.sendResponseHeaders(200, 0);
    BlockingQueue<String> queue = new LinkedBlockingQueue<>(MAX_QUEUED);
    clients.add(queue);
    try (OutputStream out = exchange.getResponseBody()) {
      for (String[] frame : hello.get()) {
        write(out, "event: " + frame[0] + "\ndata: " + frame[1] + "\n\n");
      }
      while (!closed && clients.contains(queue)) {
        String frame = queue.poll(KEEPALIVE_SECONDS, TimeUnit.SECONDS);
        write(out, frame == null ? ": keepalive\n\n" : frame);
      }
    } catch (IOException gone) {
      // the page was closed or reloaded: nothing to do but forget it
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      clients.remove(queue);
      exchange.close();
    }
  }

  private static void write(OutputStream out, String frame) throws IOException {
    out.write(frame.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  /** Ends every page's stream within a poll (the handlers notice {@code closed}). */
  void close() {
    closed = true;
    for (BlockingQueue<String> queue : clients) {
      queue.offer(": closing\n\n");
    }
  }
}
