package io.github.litefs4j.testsupport;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class FakeHttpServerTest {
  private static final Duration LIMIT = Duration.ofSeconds(5);
  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();

  private static HttpResponse<String> get(URI base, String path) throws Exception {
    return assertTimeoutPreemptively(
        LIMIT,
        () ->
            CLIENT.send(
                HttpRequest.newBuilder(base.resolve(path)).timeout(LIMIT).build(),
                HttpResponse.BodyHandlers.ofString()));
  }

  /** A raw socket to the server with a read timeout, so that a broken server fails, not hangs. */
  private static Socket connect(FakeHttpServer server) throws IOException {
    Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port());
    socket.setSoTimeout(2_000);
    return socket;
  }

  private static void sendGet(Socket socket, String path) throws IOException {
    OutputStream out = socket.getOutputStream();
    out.write(FakeHttpServer.ascii("GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n"));
    out.flush();
  }

  /** Everything until EOF (a read timeout fails the test). */
  private static String readAll(Socket socket) throws IOException {
    return new String(socket.getInputStream().readAllBytes(), ISO_8859_1);
  }

  /** Exactly {@code n} bytes. */
  private static String read(InputStream in, int n) throws IOException {
    return new String(in.readNBytes(n), ISO_8859_1);
  }

  @Test
  void scriptsRunInQueueOrderThenTheFallbackOr503ByDefault() throws Exception {
    try (FakeHttpServer server = FakeHttpServer.start(ex -> ex.respond(418, "fallback"))) {
      server.then(ex -> ex.respond(200, "first"), ex -> ex.respond(201, "second"));

      HttpResponse<String> r1 = get(server.uri(), "/");
      HttpResponse<String> r2 = get(server.uri(), "/");
      HttpResponse<String> r3 = get(server.uri(), "/");
      server.fallback(ex -> ex.respond(202, "replaced"));
      HttpResponse<String> r4 = get(server.uri(), "/");

      assertThat(List.of(r1.statusCode(), r2.statusCode(), r3.statusCode(), r4.statusCode()))
          .containsExactly(200, 201, 418, 202);
      assertThat(List.of(r1.body(), r2.body(), r3.body(), r4.body()))
          .containsExactly("first", "second", "fallback", "replaced");
      assertThat(server.connections()).isEqualTo(4);
      await().atMost(LIMIT).until(() -> server.completed() == 4);
      assertThat(server.failures()).isEmpty();
    }
    try (FakeHttpServer server = FakeHttpServer.start()) { // the default fallback
      server.then(ex -> ex.respond(200, "only"));
      assertThat(get(server.uri(), "/").body()).isEqualTo("only");
      HttpResponse<String> r = get(server.uri(), "/anything");
      assertThat(r.statusCode()).isEqualTo(503);
      assertThat(r.body()).isEqualTo("fake server: no script left");
    }
  }

  @Test
  void requestHeadsAreRecordedInOrderAndExposedToTheScript() throws Exception {
    AtomicReference<String> seen = new AtomicReference<>();
    try (FakeHttpServer server = FakeHttpServer.start()) {
      server.then(
          ex -> ex.respond(200, "a"),
          ex -> {
            long drained = ex.drainBody();
            seen.set(ex.requestLine() + "|" + ex.header("x-trace") + "|" + ex.header("Nope"));
            ex.respond(200, Long.toString(drained));
          });

      get(server.uri(), "/a?name=x.db");
      HttpResponse<String> post =
          assertTimeoutPreemptively(
              LIMIT,
              () ->
                  CLIENT.send(
                      HttpRequest.newBuilder(server.uri().resolve("/b"))
                          .header("X-Trace", "42")
                          .POST(HttpRequest.BodyPublishers.ofString("hello"))
                          .timeout(LIMIT)
                          .build(),
                      HttpResponse.BodyHandlers.ofString()));

      assertThat(post.body()).isEqualTo("5"); // the whole body, by its Content-Length
      assertThat(seen.get()).isEqualTo("POST /b HTTP/1.1|42|null");
      List<String> heads = server.requests();
      assertThat(heads).hasSize(2);
      assertThat(heads.get(0)).startsWith("GET /a?name=x.db HTTP/1.1\r\n").endsWith("\r\n\r\n");
      assertThat(heads.get(1)).startsWith("POST /b HTTP/1.1\r\n").contains("X-Trace: 42\r\n");
      assertThat(server.takeRequest()).isEqualTo(heads.get(0));
      assertThat(server.takeRequest()).isEqualTo(heads.get(1));
      assertThat(server.takeRequest(50, TimeUnit.MILLISECONDS)).isEmpty();
    }
  }

  @Test
  void unrecordedServerRunsItsScriptForEveryConnectionAndKeepsNoHeads() throws Exception {
    try (FakeHttpServer server = FakeHttpServer.startUnrecorded(ex -> ex.respond(200, "ok"))) {
      assertThat(get(server.uri(), "/1").body()).isEqualTo("ok");
      assertThat(get(server.uri(), "/2").body()).isEqualTo("ok");

      assertThat(server.connections()).isEqualTo(2);
      assertThat(server.requests()).isEmpty();
      assertThat(server.takeRequest(50, TimeUnit.MILLISECONDS)).isEmpty();
    }
  }

  @Test
  void failuresRecordsAThrowingScriptAndAHeadCutShort() throws Exception {
    try (FakeHttpServer server = FakeHttpServer.start(ex -> ex.respond(200, "ok"))) {
      server.then(
          ex -> {
            throw new IllegalStateException("boom");
          });

      try (Socket socket = connect(server)) {
        sendGet(socket, "/");
        assertThat(readAll(socket)).isEmpty(); // closed without an answer
      }
      await().atMost(LIMIT).until(() -> server.failures().size() == 1);
      assertThat(server.failures().get(0))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("boom");

      try (Socket socket = connect(server)) {
        socket.getOutputStream().write(FakeHttpServer.ascii("GET / HTTP/1.1\r\nHo"));
        socket.shutdownOutput();
        assertThat(readAll(socket)).isEmpty();
      }
      await().atMost(LIMIT).until(() -> server.failures().size() == 2);
      assertThat(server.failures().get(1))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("before sending a whole request head");

      assertThat(get(server.uri(), "/").body()).isEqualTo("ok");
      await().atMost(LIMIT).until(() -> server.completed() == 1);
    }
  }

  @Test
  void respondWritesStatusContentTypeLengthAndConnectionClose() throws Exception {
    try (FakeHttpServer server = FakeHttpServer.start()) {
      server.then(ex -> ex.respond(404, "no such db: é"));

      try (Socket socket = connect(server)) {
        sendGet(socket, "/db");
        byte[] body = "no such db: é".getBytes(UTF_8);
        assertThat(readAll(socket))
            .isEqualTo(
                "HTTP/1.1 404 X\r\nContent-Type: text/plain\r\nContent-Length: "
                    + body.length
                    + "\r\nConnection: close\r\n\r\n"
                    + new String(body, ISO_8859_1));
      }
    }
  }

  @Test
  void respondChunkedSendsTheBodyAsOneChunkThenTheLastChunk() throws Exception {
    try (FakeHttpServer server = FakeHttpServer.start()) {
      server.then(
          ex -> ex.respondChunked("hello, export".getBytes(UTF_8)),
          ex -> ex.respondChunked("hello, export".getBytes(UTF_8)));

      try (Socket socket = connect(server)) {
        sendGet(socket, "/export");
        assertThat(readAll(socket))
            .isEqualTo(
                "HTTP/1.1 200 X\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                    + "d\r\nhello, export\r\n0\r\n\r\n");
      }
      assertThat(get(server.uri(), "/export").body()).isEqualTo("hello, export");
    }
  }

  @Test
  void chunkedStreamLinesArriveInOrderAsTheyAreSent() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    try (FakeHttpServer server = FakeHttpServer.start()) {
      server.then(
          ex -> {
            ex.startStream().send("{\"n\":1}\n").send("{\"n\":2}\n");
            ex.await(release);
            ex.send("{\"n\":3}\n").end();
          });

      assertTimeoutPreemptively(
          LIMIT,
          () -> {
            HttpResponse<InputStream> r =
                CLIENT.send(
                    HttpRequest.newBuilder(server.uri().resolve("/events")).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
            try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(r.body(), UTF_8))) {
              // Both lines before the script is released: each chunk was flushed when sent.
              assertThat(lines.readLine()).isEqualTo("{\"n\":1}");
              assertThat(lines.readLine()).isEqualTo("{\"n\":2}");
              release.countDown();
              assertThat(lines.readLine()).isEqualTo("{\"n\":3}");
              assertThat(lines.readLine()).isNull(); // the last chunk: a clean end
            }
          });
      await().atMost(LIMIT).until(() -> server.completed() == 1);
      assertThat(server.failures()).isEmpty();
    }
  }

  @Test
  void hangUpInsideAChunkIsATruncatedBodyForTheClient() throws Exception {
    try (FakeHttpServer server = FakeHttpServer.start()) {
      FakeHttpServer.Script cut = ex -> ex.startStream().raw("a\r\nhel");
      server.then(cut, cut);

      try (Socket socket = connect(server)) {
        sendGet(socket, "/events");
        assertThat(readAll(socket)).endsWith("\r\n\r\na\r\nhel"); // then EOF
      }
      Throwable failure = catchThrowable(() -> get(server.uri(), "/events"));
      assertThat(failure).isInstanceOf(IOException.class);
    }
  }

  @Test
  void resetMakesTheCloseAHardReset() throws Exception {
    try (FakeHttpServer server = FakeHttpServer.start()) {
      server.then(
          ex -> {
            ex.respondHead(200, "Content-Length: 100\r\n");
            ex.reset();
          },
          ex -> ex.respondHead(200, "Content-Length: 100\r\n"));

      try (Socket socket = connect(server)) {
        sendGet(socket, "/");
        Throwable reset = catchThrowable(() -> readAll(socket));
        assertThat(reset).isInstanceOf(SocketException.class).hasMessageContaining("reset");
      }
      try (Socket socket = connect(server)) { // without reset(): an orderly close (FIN)
        sendGet(socket, "/");
        assertThat(readAll(socket)).startsWith("HTTP/1.1 200 X\r\n");
      }
    }
  }

  @Test
  void closeClosesOpenConnectionsAndStopsListening() throws Exception {
    FakeHttpServer server = FakeHttpServer.start();
    server.then(ex -> ex.startStream().send("x\n").awaitClientClose());
    try (Socket socket = connect(server)) {
      sendGet(socket, "/events");
      InputStream in = socket.getInputStream();
      String head =
          "HTTP/1.1 200 X\r\nContent-Type: application/json\r\n"
              + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n";
      assertThat(read(in, head.length() + 7)).isEqualTo(head + "2\r\nx\n\r\n");

      long start = System.nanoTime();
      server.close();
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));

      // The script was still waiting for this client: only close() can have ended the connection.
      int next;
      try {
        next = in.read();
      } catch (SocketException e) {
        next = -1; // reset: also closed
      }
      assertThat(next).isEqualTo(-1);
    }
    assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), server.port()).close())
        .isInstanceOf(ConnectException.class);
  }

  @Test
  void answerInfoAnswersGetInfoWithoutUsingAScript() throws Exception {
    try (FakeHttpServer server = FakeHttpServer.start()) {
      server.then(ex -> ex.respond(200, "script")).answerInfo(() -> "{\"primary\":true}");

      HttpResponse<String> info1 = get(server.uri(), "/info");
      HttpResponse<String> info2 = get(server.uri(), "/info");
      HttpResponse<String> other = get(server.uri(), "/other");
      HttpResponse<String> last = get(server.uri(), "/info?x");

      assertThat(info1.statusCode()).isEqualTo(200);
      assertThat(info1.body()).isEqualTo("{\"primary\":true}");
      assertThat(info2.body()).isEqualTo("{\"primary\":true}");
      assertThat(server.infoRequests()).isEqualTo(2);
      assertThat(other.body()).isEqualTo("script");
      assertThat(last.statusCode()).isEqualTo(503); // not "GET /info ": the fallback
    }
  }

  @Test
  void refusingUriRefusesConnections() throws Exception {
    URI refusing = FakeHttpServer.refusingUri();

    assertThat(refusing.getHost()).isEqualTo("127.0.0.1");
    Throwable failure = catchThrowable(() -> get(refusing, "/"));
    assertThat(failure).isInstanceOf(ConnectException.class);
  }
}
