package io.github.litefs4j.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One connection accepted by a {@link FakeHttpServer}, whose request head has been read, with the
 * means to answer it (or to mistreat the client: cut, reset, stall). Not thread-safe: used by the
 * connection's own script thread.
 */
public final class FakeExchange {
  private final Socket socket;
  private final OutputStream out;
  private final InputStream in;
  private final String head;

  FakeExchange(Socket socket, String head) throws IOException {
    this.socket = socket;
    this.out = socket.getOutputStream();
    this.in = socket.getInputStream();
    this.head = head;
  }

  /** The request line and headers, each line ending in CRLF, with the blank line. */
  public String head() {
    return head;
  }

  /** The request line, for example {@code GET /export?name=a.db HTTP/1.1}. */
  public String requestLine() {
    return head.substring(0, head.indexOf("\r\n"));
  }

  /** The value of a request header (name case-insensitive), or null if it was not sent. */
  public String header(String name) {
    for (String line : head.split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
        return line.substring(colon + 1).strip();
      }
    }
    return null;
  }

  /** The connection's socket (for a reset, or socket options). */
  public Socket socket() {
    return socket;
  }

  /** What the client sends after the request head (its body). */
  public InputStream in() {
    return in;
  }

  /** The raw response stream; nothing is flushed until the caller does or the script ends. */
  public OutputStream out() {
    return out;
  }

  /** A complete {@code text/plain} response with Content-Length and Connection: close. */
  public void respond(int status, String body) throws IOException {
    respond(status, "text/plain", body.getBytes(StandardCharsets.UTF_8));
  }

  /** A complete response with Content-Length and Connection: close, flushed. */
  public void respond(int status, String contentType, byte[] body) throws IOException {
    respondHead(
        status, "Content-Type: " + contentType + "\r\nContent-Length: " + body.length + "\r\n");
    out.write(body);
    out.flush();
  }

  /**
   * A status line, {@code headers} (each line ending in CRLF, may be empty) and {@code Connection:
   * close}, then the blank line; flushed. The body, if any, is the caller's.
   */
  public void respondHead(int status, String headers) throws IOException {
    out.write(
        FakeHttpServer.ascii(
            "HTTP/1.1 " + status + " X\r\n" + headers + "Connection: close\r\n\r\n"));
    out.flush();
  }

  /** The head of a 200 chunked {@code application/json} stream, as LiteFS sends events. */
  public FakeExchange startStream() throws IOException {
    respondHead(200, "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n");
    return this;
  }

  /** One chunk holding {@code text} (UTF-8), flushed. */
  public FakeExchange send(String text) throws IOException {
    return send(text.getBytes(StandardCharsets.UTF_8));
  }

  /** One chunk holding {@code bytes}, flushed. */
  public FakeExchange send(byte[] bytes) throws IOException {
    out.write(FakeHttpServer.ascii(Integer.toHexString(bytes.length) + "\r\n"));
    out.write(bytes);
    out.write(FakeHttpServer.ascii("\r\n"));
    out.flush();
    return this;
  }

  /** The terminating chunk: a clean end of a chunked body. */
  public void end() throws IOException {
    out.write(FakeHttpServer.ascii("0\r\n\r\n"));
    out.flush();
  }

  /**
   * A complete chunked 200 response holding {@code body} as one chunk (no Content-Type), as LiteFS
   * streams an export.
   */
  public void respondChunked(byte[] body) throws IOException {
    respondHead(200, "Transfer-Encoding: chunked\r\n");
    send(body);
    end();
  }

  /** Raw text (UTF-8), flushed: for a hang-up inside a chunk, or a malformed head. */
  public FakeExchange raw(String text) throws IOException {
    return raw(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Raw bytes, flushed. */
  public FakeExchange raw(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
    return this;
  }

  /**
   * Raw bytes in socket writes of at most {@code writeSize} bytes each, flushed at the end: a
   * pre-rendered body at full speed (one memory copy per write).
   */
  public FakeExchange rawInWrites(byte[] bytes, int writeSize) throws IOException {
    for (int off = 0; off < bytes.length; off += writeSize) {
      out.write(bytes, off, Math.min(writeSize, bytes.length - off));
    }
    out.flush();
    return this;
  }

  /**
   * Reads and discards a request body of {@code Content-Length} bytes (a chunked body until EOF;
   * none without either header), as Go's server does before answering.
   *
   * @return how many bytes were read
   */
  public long drainBody() throws IOException {
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

  /** Waits until the client closes the connection (or the server is closed), discarding input. */
  public void awaitClientClose() throws IOException {
    try {
      while (in.read() >= 0) {
        // discard anything the client sends
      }
    } catch (SocketException e) {
      // Reset by the client or closed by the server: the connection is gone either way.
    }
  }

  /**
   * Waits for {@code latch}, at most 30 s.
   *
   * @throws IllegalStateException if the test never released it
   */
  public void await(CountDownLatch latch) throws InterruptedException {
    if (!latch.await(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException("test never released the fake server");
    }
  }

  /** Makes the close at the end of the script a hard reset (RST instead of FIN). */
  public void reset() {
    try {
      socket.setSoLinger(true, 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
