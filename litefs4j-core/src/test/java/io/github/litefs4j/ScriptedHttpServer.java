package io.github.litefs4j;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A loopback HTTP/1.1 server that answers each connection with the next scripted raw response, for
 * the faults a real LiteFS node cannot be made to produce (a body cut short, a connection reset
 * mid-body, a body that is not a database). Each connection serves one request.
 */
final class ScriptedHttpServer implements AutoCloseable {

  /** Writes a raw response on the socket. */
  @FunctionalInterface
  interface Responder {
    void respond(Socket socket, OutputStream out) throws IOException;
  }

  private final ServerSocket server;
  private final BlockingQueue<Responder> script = new LinkedBlockingQueue<>();
  private final BlockingQueue<String> requests = new LinkedBlockingQueue<>();
  private final Thread thread;

  ScriptedHttpServer() throws IOException {
    server = new ServerSocket();
    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    thread = new Thread(this::serve, "scripted-http-server");
    thread.setDaemon(true);
    thread.start();
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + server.getLocalPort());
  }

  void enqueue(Responder responder) {
    script.add(responder);
  }

  /** The request line and headers of the next request received. */
  String takeRequest() throws InterruptedException {
    String request = requests.poll(30, TimeUnit.SECONDS);
    if (request == null) {
      throw new AssertionError("no request arrived");
    }
    return request;
  }

  private void serve() {
    while (!server.isClosed()) {
      try (Socket socket = server.accept()) {
        requests.add(readHead(socket.getInputStream()));
        Responder responder = script.poll(30, TimeUnit.SECONDS);
        if (responder == null) {
          continue;
        }
        OutputStream out = socket.getOutputStream();
        responder.respond(socket, out);
        out.flush();
      } catch (IOException e) {
        if (server.isClosed()) {
          return;
        }
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      head.write(b);
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    return head.toString(StandardCharsets.ISO_8859_1);
  }

  static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  /** A complete response with Content-Length and Connection: close. */
  static Responder complete(int status, String contentType, byte[] body) {
    return (socket, out) -> {
      out.write(
          ascii(
              "HTTP/1.1 "
                  + status
                  + " X\r\nContent-Type: "
                  + contentType
                  + "\r\nContent-Length: "
                  + body.length
                  + "\r\nConnection: close\r\n\r\n"));
      out.write(body);
    };
  }

  /** A complete chunked response (one chunk plus the terminator), as LiteFS streams exports. */
  static Responder chunked(byte[] body) {
    return (socket, out) -> {
      out.write(
          ascii("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"));
      out.write(ascii(Integer.toHexString(body.length) + "\r\n"));
      out.write(body);
      out.write(ascii("\r\n0\r\n\r\n"));
    };
  }

  /** Hard-resets the connection (RST instead of FIN). */
  static void reset(Socket socket) {
    try {
      socket.setSoLinger(true, 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    thread.interrupt();
  }
}
