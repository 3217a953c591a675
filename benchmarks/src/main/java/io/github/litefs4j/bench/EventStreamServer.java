package io.github.litefs4j.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The local event server of P1: on 127.0.0.1, answers {@code GET /events} with the same
 * pre-rendered chunked NDJSON body every time (the {@link EventCorpus}), written in 64 KiB socket
 * writes, then closes the connection. Both clients read from it in turn, so they decode identical
 * bytes; the server costs one memory copy per write. Anything else gets 404.
 */
final class EventStreamServer implements AutoCloseable {
  private static final int WRITE = 64 * 1024;

  private final ServerSocket socket;
  private final byte[] head;
  private final byte[] body;
  private final Thread acceptor;
  private final AtomicInteger served = new AtomicInteger();
  private volatile boolean closed;

  EventStreamServer(EventCorpus corpus) throws IOException {
    this.body = corpus.chunkedBody();
    this.head =
        ("HTTP/1.1 200 OK\r\n"
                + "Content-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\n"
                + "Connection: close\r\n"
                + "\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    this.socket = new ServerSocket();
    socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
    this.acceptor = new Thread(this::acceptLoop, "bench-event-server");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + socket.getLocalPort());
  }

  int served() {
    return served.get();
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket client = socket.accept();
        Thread t = new Thread(() -> serve(client), "bench-event-server-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        if (!closed) {
          System.err.println("event server: accept failed: " + e);
        }
      }
    }
  }

  private void serve(Socket client) {
    try (client) {
      client.setTcpNoDelay(true);
      InputStream in = client.getInputStream();
      String requestLine = readHead(in);
      OutputStream out = client.getOutputStream();
      if (!requestLine.startsWith("GET /events ")) {
        out.write(
            "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));
        return;
      }
      out.write(head);
      for (int off = 0; off < body.length; off += WRITE) {
        out.write(body, off, Math.min(WRITE, body.length - off));
      }
      out.flush();
      served.incrementAndGet();
    } catch (IOException e) {
      // A client that stops reading early (closing its subscription) resets the connection.
      if (!closed) {
        System.err.println("event server: connection ended early: " + e.getMessage());
      }
    }
  }

  /** Reads the request head; returns its first line. */
  private static String readHead(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("request ended early: " + head);
      }
      head.append((char) b);
      matched = (b == '\r' || b == '\n') && "\r\n\r\n".charAt(matched) == b ? matched + 1 : 0;
    }
    int eol = head.indexOf("\r\n");
    return head.substring(0, eol);
  }

  @Override
  public void close() throws IOException {
    closed = true;
    socket.close();
  }
}
