package io.github.litefs4j;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A scripted HTTP/1.1 server on 127.0.0.1 for the faults a real LiteFS node cannot be made to
 * produce: error statuses, hang-ups mid-line, garbage, oversize lines, stalls. Each accepted
 * connection runs the next queued {@link Script} (or the fallback) on its own thread; responses are
 * chunked, like LiteFS's flushed event stream, and the connection is closed afterwards so that
 * connections and requests can be counted alike.
 */
public final class FaultServer implements AutoCloseable {

  /** What the server does with one connection. */
  @FunctionalInterface
  public interface Script {
    void run(Exchange exchange) throws Exception;
  }

  /** One accepted connection; the request head has been read. */
  public static final class Exchange {
    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    final String requestHead;

    Exchange(Socket socket, String requestHead) throws IOException {
      this.socket = socket;
      this.out = socket.getOutputStream();
      this.in = socket.getInputStream();
      this.requestHead = requestHead;
    }

    /** A complete response with a text body. */
    public void respond(int status, String body) throws IOException {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      out.write(
          ("HTTP/1.1 "
                  + status
                  + " Status\r\nContent-Type: text/plain\r\nContent-Length: "
                  + bytes.length
                  + "\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.write(bytes);
      out.flush();
    }

    /** The head of a 200 chunked stream, as LiteFS sends it. */
    public Exchange startStream() throws IOException {
      out.write(
          ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                  + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      return this;
    }

    /** One chunk holding {@code text}, flushed. */
    public Exchange send(String text) throws IOException {
      return send(text.getBytes(StandardCharsets.UTF_8));
    }

    /** One chunk holding {@code bytes}, flushed. */
    public Exchange send(byte[] bytes) throws IOException {
      out.write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(bytes);
      out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      return this;
    }

    /** The terminating chunk: a clean end of the stream. */
    public void end() throws IOException {
      out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
    }

    /** Raw bytes, flushed (for a hang-up inside a chunk). */
    public Exchange raw(String text) throws IOException {
      out.write(text.getBytes(StandardCharsets.UTF_8));
      out.flush();
      return this;
    }

    /** Waits until the client closes the connection (or the server is closed). */
    public void awaitClientClose() throws IOException {
      try {
        while (in.read() >= 0) {
          // discard anything the client sends
        }
      } catch (SocketException e) {
        // Reset by the client or closed by the server: the connection is gone either way.
        return;
      }
    }

    /** Waits for {@code latch}, at most 30 s. */
    public void await(CountDownLatch latch) throws InterruptedException {
      if (!latch.await(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("test never released the fault server");
      }
    }
  }

  private final ServerSocket server;
  private final Queue<Script> scripts = new ConcurrentLinkedQueue<>();
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private final List<Thread> threads = new CopyOnWriteArrayList<>();
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicInteger clientCloses = new AtomicInteger();
  private final AtomicInteger infoRequests = new AtomicInteger();
  private volatile Script fallback;
  private volatile Supplier<String> info;

  private FaultServer(Script fallback) throws IOException {
    this.fallback = fallback;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::acceptLoop, "fault-server-accept");
    acceptor.setDaemon(true);
    threads.add(acceptor);
    acceptor.start();
  }

  /** A server that runs the queued scripts, then {@code fallback} for further connections. */
  public static FaultServer start(Script fallback) throws IOException {
    return new FaultServer(fallback);
  }

  /** A server that runs the queued scripts, then answers 503 to further connections. */
  public static FaultServer start() throws IOException {
    return new FaultServer(exchange -> exchange.respond(503, "fault server: no script left"));
  }

  /** Queues scripts for the next connections, in order. */
  public FaultServer then(Script... next) {
    scripts.addAll(List.of(next));
    return this;
  }

  /** Replaces the script for connections after the queue is used up. */
  public void fallback(Script script) {
    this.fallback = script;
  }

  /**
   * From now on answers every {@code GET /info} with 200 and the body {@code body} returns, without
   * using a script: scripts are then assigned when a connection's request head has been read, in
   * that order, instead of in accept order.
   */
  public FaultServer answerInfo(Supplier<String> body) {
    this.info = body;
    return this;
  }

  /** How many {@code GET /info} requests {@link #answerInfo} answered so far. */
  public int infoRequests() {
    return infoRequests.get();
  }

  public URI uri() {
    return URI.create("http://127.0.0.1:" + server.getLocalPort());
  }

  public int port() {
    return server.getLocalPort();
  }

  /** How many connections were accepted so far. */
  public int connections() {
    return connections.get();
  }

  /** The request heads received, in order. */
  public List<String> requests() {
    return List.copyOf(requests);
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
      sockets.add(socket);
      Script chosen = info == null ? nextScript() : null; // else chosen after the head is read
      Thread handler = new Thread(() -> handle(socket, chosen), "fault-server-conn-" + n);
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
      requests.add(head);
      Exchange exchange = new Exchange(socket, head);
      Supplier<String> infoBody = info;
      if (script == null && infoBody != null && head.startsWith("GET /info ")) {
        infoRequests.incrementAndGet(); // before answering: a client that saw the answer sees it
        exchange.respond(200, infoBody.get());
        return;
      }
      (script != null ? script : nextScript()).run(exchange);
    } catch (IOException e) {
      // the client went away mid-script: expected in fault tests
      clientCloses.incrementAndGet();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      throw new IllegalStateException("fault server script failed", e);
    }
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("client closed before sending a request");
      }
      head.write(b);
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    return head.toString(StandardCharsets.US_ASCII);
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket socket : sockets) {
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
}
