package io.github.litefs4j.reliability;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A socket-level HTTP/1.1 server on 127.0.0.1 for faults a real LiteFS node cannot be made to
 * produce (a truncated body, a stall, a server that never answers). Each connection runs the
 * handler on its own daemon thread after the request head was read; every request head is recorded.
 */
final class RawHttpServer implements AutoCloseable {
  /** What the server does with one request. */
  @FunctionalInterface
  interface Handler {
    void handle(Exchange exchange) throws Exception;
  }

  /** One request: its head, and the socket to answer on. */
  static final class Exchange {
    final String head;
    final Socket socket;
    final InputStream in;
    final OutputStream out;

    Exchange(String head, Socket socket) throws IOException {
      this.head = head;
      this.socket = socket;
      this.in = socket.getInputStream();
      this.out = socket.getOutputStream();
    }

    /** The request line, for example {@code GET /export?name=a.db HTTP/1.1}. */
    String requestLine() {
      return head.substring(0, head.indexOf("\r\n"));
    }

    /** The value of a request header, or null. */
    String header(String name) {
      for (String line : head.split("\r\n")) {
        int colon = line.indexOf(':');
        if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
          return line.substring(colon + 1).strip();
        }
      }
      return null;
    }

    void respond(int status, String body) throws IOException {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      respondHead(status, "Content-Length: " + bytes.length + "\r\nContent-Type: text/plain\r\n");
      out.write(bytes);
      out.flush();
    }

    void respondHead(int status, String headers) throws IOException {
      out.write(
          ("HTTP/1.1 " + status + " X\r\n" + headers + "Connection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
    }

    /**
     * Reads and discards a request body of {@code Content-Length} bytes (a chunked body until EOF;
     * none without either header), as Go's server does before answering.
     */
    long drainBody() throws IOException {
      String length = header("Content-Length");
      boolean chunked = header("Transfer-Encoding") != null;
      long n = length != null ? Long.parseLong(length) : chunked ? Long.MAX_VALUE : 0;
      long read = 0;
      byte[] buf = new byte[65536];
      while (read < n) {
        int k = in.read(buf, 0, (int) Math.min(buf.length, n - read));
        if (k < 0) {
          break;
        }
        read += k;
      }
      return read;
    }
  }

  private final ServerSocket server;
  private final Handler handler;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  final BlockingQueue<String> requests = new LinkedBlockingQueue<>();
  final List<Exception> handlerFailures = new CopyOnWriteArrayList<>();
  private volatile boolean closed;

  RawHttpServer(Handler handler) throws IOException {
    this.handler = handler;
    this.server = new ServerSocket();
    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    Thread acceptor = new Thread(this::acceptLoop, "raw-http-acceptor");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + server.getLocalPort());
  }

  private void acceptLoop() {
    while (!closed) {
      Socket socket;
      try {
        socket = server.accept();
      } catch (IOException e) {
        return; // closed
      }
      sockets.add(socket);
      Thread t = new Thread(() -> serve(socket), "raw-http-conn");
      t.setDaemon(true);
      t.start();
    }
  }

  private void serve(Socket socket) {
    try (socket) {
      String head = readHead(socket.getInputStream());
      if (head == null) {
        return;
      }
      requests.add(head);
      handler.handle(new Exchange(head, socket));
    } catch (Exception e) {
      // The client went away or the test closed the server: nothing to answer; kept for debugging.
      handlerFailures.add(e);
    }
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    int b;
    while ((b = in.read()) >= 0) {
      head.write(b);
      matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
      if (matched == 4) {
        return head.toString(StandardCharsets.ISO_8859_1);
      }
    }
    return null;
  }

  @Override
  public void close() throws IOException {
    closed = true;
    server.close();
    for (Socket s : sockets) {
      s.close();
    }
  }
}
