package io.github.litefs4j.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A scripted HTTP/1.1 server on 127.0.0.1, written on raw sockets, for the faults a real LiteFS
 * node cannot be made to produce: error statuses, hang-ups mid-line or mid-chunk, bodies cut short,
 * garbage, resets, stalls, servers that never answer. Each accepted connection reads one request
 * head, then runs the next queued {@link Script} (or the fallback) on a daemon thread of its own,
 * and is closed afterwards, so that connections and requests can be counted alike.
 *
 * <pre>{@code
 * try (FakeHttpServer server = FakeHttpServer.start()) {
 *   server.then(exchange -> exchange.respond(500, "boom"),
 *       exchange -> exchange.startStream().send(line).awaitClientClose());
 *   ... point the client at server.uri() ...
 * }
 * }</pre>
 *
 * <p>A script that throws is recorded in {@link #failures()} (a client going away mid-script is the
 * usual cause in fault tests). {@link #close()} closes the listening socket and every open
 * connection and waits for the connection threads. This class is thread-safe.
 */
public final class FakeHttpServer implements AutoCloseable {

  /** What the server does with one connection, once its request head has been read. */
  @FunctionalInterface
  public interface Script {
    /** Answers (or mistreats) one request; an exception ends the connection and is recorded. */
    void run(FakeExchange exchange) throws Exception;
  }

  private static final long WAIT_SECONDS = 30;

  private final ServerSocket server;
  private final Queue<Script> scripts = new ConcurrentLinkedQueue<>();
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final BlockingQueue<String> unclaimed = new LinkedBlockingQueue<>();
  private final List<Exception> failures = new CopyOnWriteArrayList<>();
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicInteger completed = new AtomicInteger();
  private final AtomicInteger infoRequests = new AtomicInteger();
  private final boolean recordRequests;
  private volatile Script fallback;
  private volatile Supplier<String> info;

  private FakeHttpServer(Script fallback, boolean recordRequests) throws IOException {
    this.fallback = fallback;
    this.recordRequests = recordRequests;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::acceptLoop, "fake-http-accept");
    acceptor.setDaemon(true);
    threads.add(acceptor);
    acceptor.start();
  }

  /** A server that runs the queued scripts, then answers 503 to further connections. */
  public static FakeHttpServer start() throws IOException {
    return start(exchange -> exchange.respond(503, "fake server: no script left"));
  }

  /** A server that runs the queued scripts, then {@code fallback} for further connections. */
  public static FakeHttpServer start(Script fallback) throws IOException {
    return new FakeHttpServer(fallback, true);
  }

  /**
   * A server that runs {@code script} for every connection and keeps no request heads ({@link
   * #requests()} and {@link #takeRequest()} stay empty): for benchmarks that open many connections.
   */
  public static FakeHttpServer startUnrecorded(Script script) throws IOException {
    return new FakeHttpServer(script, false);
  }

  /**
   * A URI of 127.0.0.1 on a port nothing listens on (it was free a moment ago), for connection
   * refused.
   */
  public static URI refusingUri() throws IOException {
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return URI.create("http://127.0.0.1:" + probe.getLocalPort());
    }
  }

  /** Queues scripts for the next connections, in order. */
  public FakeHttpServer then(Script... next) {
    scripts.addAll(List.of(next));
    return this;
  }

  /** Replaces the script for connections after the queue is used up. */
  public FakeHttpServer fallback(Script script) {
    this.fallback = script;
    return this;
  }

  /**
   * From now on answers every {@code GET /info} with 200 and the body {@code body} returns, without
   * using a script: scripts are then assigned when a connection's request head has been read, in
   * that order, instead of in accept order.
   */
  public FakeHttpServer answerInfo(Supplier<String> body) {
    this.info = body;
    return this;
  }

  /** How many {@code GET /info} requests {@link #answerInfo} answered so far. */
  public int infoRequests() {
    return infoRequests.get();
  }

  /** {@code http://127.0.0.1:<port>}. */
  public URI uri() {
    return URI.create("http://127.0.0.1:" + server.getLocalPort());
  }

  /** The listening port. */
  public int port() {
    return server.getLocalPort();
  }

  /** How many connections were accepted so far. */
  public int connections() {
    return connections.get();
  }

  /** How many scripts returned without an exception so far. */
  public int completed() {
    return completed.get();
  }

  /** The request heads received so far (request line and headers), in order. */
  public List<String> requests() {
    return List.copyOf(requests);
  }

  /**
   * The next request head not taken yet, waiting up to 30 s.
   *
   * @throws AssertionError if none arrives in time
   */
  public String takeRequest() throws InterruptedException {
    return takeRequest(WAIT_SECONDS, TimeUnit.SECONDS)
        .orElseThrow(() -> new AssertionError("no request arrived in " + WAIT_SECONDS + " s"));
  }

  /** The next request head not taken yet, or empty if none arrives within the timeout. */
  public Optional<String> takeRequest(long timeout, TimeUnit unit) throws InterruptedException {
    return Optional.ofNullable(unclaimed.poll(timeout, unit));
  }

  /** What the scripts threw (or the reads of request heads that ended early), in order. */
  public List<Exception> failures() {
    return List.copyOf(failures);
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      Socket socket;
      try {
        socket = server.accept();
      } catch (IOException e) {
        return; // closed
      }
      int n = connections.incrementAndGet();
      open.add(socket);
      if (server.isClosed()) { // close() ran between accept and add: it did not see this socket
        closeQuietly(socket);
        return;
      }
      Script chosen = info == null ? nextScript() : null; // else chosen after the head is read
      Thread handler = new Thread(() -> handle(socket, chosen), "fake-http-conn-" + n);
      handler.setDaemon(true);
      threads.add(handler);
      handler.start();
    }
  }

  private Script nextScript() {
    Script script = scripts.poll();
    return script != null ? script : fallback;
  }

  private void handle(Socket socket, Script script) {
    try (socket) {
      String head = readHead(socket.getInputStream());
      if (recordRequests) {
        requests.add(head);
        unclaimed.add(head);
      }
      FakeExchange exchange = new FakeExchange(socket, head);
      Supplier<String> infoBody = info;
      if (script == null && infoBody != null && head.startsWith("GET /info ")) {
        infoRequests.incrementAndGet(); // before answering: a client that saw the answer sees it
        exchange.respond(200, infoBody.get());
      } else {
        (script != null ? script : nextScript()).run(exchange);
      }
      exchange.out().flush();
      completed.incrementAndGet();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failures.add(e);
    } catch (Exception e) {
      failures.add(e);
    } finally {
      open.remove(socket);
      threads.remove(Thread.currentThread());
    }
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("client closed before sending a whole request head: " + head);
      }
      head.write(b);
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    return head.toString(StandardCharsets.ISO_8859_1);
  }

  /** Closes the listening socket and every open connection, then waits (5 s each) for threads. */
  @Override
  public void close() throws IOException {
    server.close();
    for (Socket socket : open) {
      socket.close();
    }
    for (Thread thread : threads) {
      try {
        thread.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // nothing to keep: the server is closing
    }
  }

  /** Bytes of {@code s} in ISO-8859-1 (HTTP heads and chunk sizes). */
  public static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }
}
