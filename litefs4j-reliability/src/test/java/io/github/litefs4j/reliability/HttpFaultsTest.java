package io.github.litefs4j.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.litefs4j.EventSubscription;
import io.github.litefs4j.LiteFsClient;
import io.github.litefs4j.LiteFsConnectionException;
import io.github.litefs4j.LiteFsHttpException;
import io.github.litefs4j.LiteFsHttpException.Reason;
import io.github.litefs4j.LiteFsInterruptedException;
import io.github.litefs4j.LiteFsTimeoutException;
import io.github.litefs4j.testsupport.FakeHttpServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTP faults a real LiteFS node does not produce, from a socket-level server: a truncated export
 * (typed error, nothing left at the destination), an import of a non-SQLite file (refused before
 * anything is sent), error statuses with bodies on every call, and a server that accepts the
 * connection and never answers (the client's timeouts apply where documented).
 */
class HttpFaultsTest {
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(1);
  private static final Duration MARGIN = Duration.ofSeconds(5);
  private static final Duration TRANSFER_TIMEOUT = Duration.ofSeconds(1);
  private static byte[] database;

  @TempDir Path tmp;
  private FakeHttpServer server;

  /** A real SQLite database of 8 pages of 4096 bytes: its header announces 32768 bytes. */
  @BeforeAll
  static void createDatabase(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("real.db");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement()) {
      s.execute("PRAGMA page_size = 4096");
      s.execute("CREATE TABLE t (v TEXT)");
      s.execute("INSERT INTO t VALUES (hex(randomblob(20000)))");
    }
    database = Files.readAllBytes(file);
    assertThat(database.length).isGreaterThan(8192);
  }

  @AfterEach
  void stopServer() throws IOException {
    if (server != null) {
      server.close();
    }
  }

  /**
   * An export answer that announces the whole database, sends its first 5,000 bytes, counts down
   * {@code sent}, and then sends nothing more until {@code release}.
   */
  private static FakeHttpServer.Script stallsAfter5000Bytes(
      CountDownLatch sent, CountDownLatch release) {
    return ex -> {
      ex.respondHead(200, "Content-Length: " + database.length + "\r\n");
      ex.out().write(database, 0, 5000);
      ex.out().flush();
      sent.countDown();
      release.await();
    };
  }

  private static LiteFsClient withTransferTimeout(LiteFsClient client) {
    return client.newBuilder().transferTimeout(TRANSFER_TIMEOUT).build();
  }

  private LiteFsClient client(FakeHttpServer.Script handler) throws IOException {
    server = FakeHttpServer.start(handler);
    return LiteFsClient.builder().baseUri(server.uri()).requestTimeout(REQUEST_TIMEOUT).build();
  }

  // ---- truncated export
  // --------------------------------------------------------------------------

  @Test
  void aTruncatedChunkedExportFailsTypedAndLeavesTheOldFileAndNoTemporaryFile() throws Exception {
    int cut = database.length / 2;
    LiteFsClient client =
        client(
            ex -> {
              ex.respondHead(200, "Transfer-Encoding: chunked\r\n");
              ex.out()
                  .write((Integer.toHexString(cut) + "\r\n").getBytes(StandardCharsets.US_ASCII));
              ex.out().write(database, 0, cut);
              ex.out().write("\r\n".getBytes(StandardCharsets.US_ASCII));
              ex.out().flush(); // and the connection closes without the last chunk
            });
    Path target = tmp.resolve("backup.db");
    Files.writeString(target, "the previous backup");

    assertThatThrownBy(() -> client.exportDatabase("app.db", target))
        .isInstanceOfSatisfying(
            LiteFsConnectionException.class,
            e -> {
              // Every byte that arrived is delivered before the failure (checked exact in 600
              // repetitions on JDK 17 and 25); only "never more than sent" is asserted, as the
              // JDK does not promise it.
              assertThat(e.isTruncated()).as("isTruncated").isTrue();
              assertThat(e.received().getAsLong()).isBetween(0L, (long) cut);
              assertThat(e.getMessage()).contains("app.db");
            });
    assertThat(Files.readString(target)).isEqualTo("the previous backup");
    assertThat(filesIn(tmp)).containsExactly("backup.db");
  }

  @Test
  void anExportCutShortOfItsContentLengthFailsTypedAndCreatesNoFile() throws Exception {
    int cut = 5000;
    LiteFsClient client =
        client(
            ex -> {
              ex.respondHead(200, "Content-Length: " + database.length + "\r\n");
              ex.out().write(database, 0, cut);
              ex.out().flush();
            });
    Path target = tmp.resolve("new.db");

    assertThatThrownBy(() -> client.exportDatabase("app.db", target))
        .isInstanceOfSatisfying(
            LiteFsConnectionException.class,
            e -> assertThat(e.isTruncated()).as("isTruncated").isTrue());
    assertThat(filesIn(tmp)).isEmpty();
  }

  @Test
  void anExportThatEndsCleanlyButShortOfItsSqliteHeaderSizeFailsTyped() throws Exception {
    // LiteFS streams exports chunked without a Content-Length: the SQLite header's page count is
    // what tells a whole file from a truncated one.
    LiteFsClient client =
        client(
            ex -> {
              ex.respondHead(200, "Transfer-Encoding: chunked\r\n");
              int n = database.length - 4096;
              ex.out().write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
              ex.out().write(database, 0, n);
              ex.out().write("\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
              ex.out().flush();
            });
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    assertThatThrownBy(() -> client.exportDatabase("app.db", out))
        .isInstanceOfSatisfying(
            LiteFsConnectionException.class,
            e -> {
              assertThat(e.isTruncated()).as("isTruncated").isTrue();
              assertThat(e.expected()).hasValue(database.length);
            });
  }

  @Test
  void aCompleteExportIsWrittenWholeAfterTheFaultyOnes() throws Exception {
    LiteFsClient client =
        client(
            ex -> {
              ex.respondHead(200, "Content-Length: " + database.length + "\r\n");
              ex.out().write(database);
              ex.out().flush();
            });
    Path target = tmp.resolve("ok.db");

    assertThat(client.exportDatabase("app.db", target)).isEqualTo(database.length);
    assertThat(Files.readAllBytes(target)).isEqualTo(database);
    assertThat(filesIn(tmp)).containsExactly("ok.db");
  }

  // ---- import of a file that is not SQLite ---------------------------------------------------

  @Test
  void importOfANonSqliteFileIsRefusedBeforeAnythingIsSent() throws Exception {
    LiteFsClient client = client(ex -> ex.respond(200, ""));
    byte[] almost = Arrays.copyOf(database, 100);
    almost[15] = ' '; // "SQLite format 3 " without its NUL
    List<byte[]> notSqlite =
        List.of(
            new byte[0],
            "hello".getBytes(StandardCharsets.UTF_8),
            "SQLite format 3".getBytes(StandardCharsets.US_ASCII),
            almost,
            "PK\u0003\u0004 a zip file".getBytes(StandardCharsets.ISO_8859_1));
    int i = 0;
    for (byte[] content : notSqlite) {
      Path file = tmp.resolve("not-sqlite-" + i++);
      Files.write(file, content);
      assertThatThrownBy(() -> client.importDatabase("app.db", file))
          .isExactlyInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(file.toString())
          .hasMessageContaining("nothing was sent");
      assertThatThrownBy(() -> client.importDatabase("app.db", new ByteArrayInputStream(content)))
          .isExactlyInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("nothing was sent");
    }
    assertThat(server.requests()).as("requests the server received").isEmpty();
  }

  // ---- error statuses with bodies
  // ----------------------------------------------------------------

  @Test
  void everyCallTurnsAnErrorStatusIntoATypedExceptionCarryingTheBody() throws Exception {
    int[] statuses = {400, 401, 403, 404, 409, 418, 429, 500, 502, 503, 504};
    for (int status : statuses) {
      String body = "error " + status + ": the node says \"no\"\nsecond line";
      LiteFsClient client =
          client(
              ex -> {
                ex.drainBody();
                ex.respond(status, body);
              });
      Path dbFile = tmp.resolve("import.db");
      Files.write(dbFile, database);
      List<StatusCall> calls =
          List.of(
              new StatusCall("info", LiteFsClient::info, Map.of()),
              new StatusCall(
                  "export",
                  c -> c.exportDatabase("app.db", new ByteArrayOutputStream()),
                  Map.of(404, Reason.DATABASE_NOT_FOUND)),
              new StatusCall(
                  "import",
                  c -> c.importDatabase("app.db", dbFile),
                  Map.of(503, Reason.NOT_PRIMARY)),
              new StatusCall("promote", LiteFsClient::promote, Map.of(409, Reason.NOT_CANDIDATE)),
              new StatusCall("handoff", c -> c.handoff("0123456789ABCDEF"), Map.of()),
              new StatusCall(
                  "events",
                  c -> {
                    try (EventSubscription events = c.subscribeEvents()) {
                      events.next(Duration.ofSeconds(5));
                    }
                  },
                  null));
      for (StatusCall call : calls) {
        Throwable thrown = catchThrowable(() -> call.run().accept(client));
        assertThat(thrown)
            .as("%s, status %d", call.name(), status)
            .isInstanceOfSatisfying(
                LiteFsHttpException.class,
                http -> {
                  assertThat(http.reason()).isEqualTo(call.expectedReason(status));
                  assertThat(http.status()).isEqualTo(status);
                  assertThat(http.body()).isEqualTo(body);
                  assertThat(http.getMessage()).contains(String.valueOf(status));
                });
      }
      server.close();
      server = null;
    }
  }

  /**
   * A client call and the statuses it gives a reason of its own (400 is {@code INVALID_REQUEST} on
   * every call of the node API; {@code typed} null: a call, {@code /events}, that maps none).
   */
  private record StatusCall(String name, Consumer<LiteFsClient> run, Map<Integer, Reason> typed) {
    Reason expectedReason(int status) {
      if (typed == null) {
        return Reason.OTHER;
      }
      return status == 400 ? Reason.INVALID_REQUEST : typed.getOrDefault(status, Reason.OTHER);
    }
  }

  // ---- a server that never answers -------------------------------------------------------------

  @Test
  void callsToAServerThatNeverAnswersEndWithinTheRequestTimeout() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    LiteFsClient client = client(ex -> release.await());
    try {
      List<Consumer<LiteFsClient>> calls =
          List.of(
              LiteFsClient::info,
              c -> c.exportDatabase("app.db", new ByteArrayOutputStream()),
              LiteFsClient::promote,
              c -> c.handoff("0123456789ABCDEF"),
              c -> {
                try (EventSubscription events = c.subscribeEvents()) {
                  events.next();
                }
              });
      for (Consumer<LiteFsClient> call : calls) {
        long start = System.nanoTime();
        Throwable thrown = catchThrowable(() -> call.accept(client));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(thrown).isInstanceOf(LiteFsConnectionException.class);
        assertThat(thrown.getMessage()).contains(server.uri().toString());
        assertThat(took).isGreaterThanOrEqualTo(REQUEST_TIMEOUT.minusMillis(50));
        assertThat(took).isLessThan(REQUEST_TIMEOUT.plus(MARGIN));
      }
      // A shorter wait of the caller's own is kept too, and the stream stays usable.
      try (EventSubscription events = client.subscribeEvents()) {
        assertThatThrownBy(() -> events.next(Duration.ofMillis(200)))
            .isInstanceOf(LiteFsTimeoutException.class);
      }
    } finally {
      release.countDown();
    }
  }

  @Test
  void anImportToAServerThatNeverAnswersEndsAfterTheTransferTimeout() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch clientClosed = new CountDownLatch(1);
    LiteFsClient client =
        withTransferTimeout(
            client(
                ex -> {
                  ex.drainBody();
                  if (ex.in().read() < 0) { // never answers; sees the client close the connection
                    clientClosed.countDown();
                  }
                  release.await();
                }));
    Path file = tmp.resolve("import.db");
    Files.write(file, database);
    try {
      long start = System.nanoTime();
      assertThatThrownBy(() -> client.importDatabase("app.db", file))
          .isInstanceOfSatisfying(
              LiteFsTimeoutException.class,
              e -> {
                assertThat(e.timeout()).isEqualTo(TRANSFER_TIMEOUT);
                assertThat(e)
                    .hasMessageContaining("import of app.db (" + database.length + " bytes sent)")
                    .hasMessageContaining("transfer timeout of " + TRANSFER_TIMEOUT);
              });
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertThat(took).isBetween(TRANSFER_TIMEOUT.minusMillis(50), TRANSFER_TIMEOUT.plus(MARGIN));
      assertThat(clientClosed.await(10, TimeUnit.SECONDS)).isTrue();
    } finally {
      release.countDown();
    }
  }

  @Test
  void anExportThatStallsMidBodyEndsAfterTheTransferTimeoutAndLeavesTheOldFile() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    LiteFsClient client =
        withTransferTimeout(client(stallsAfter5000Bytes(new CountDownLatch(1), release)));
    Path target = tmp.resolve("backup.db");
    Files.writeString(target, "the previous backup");
    try {
      assertThatThrownBy(() -> client.exportDatabase("app.db", target))
          .isInstanceOfSatisfying(
              LiteFsTimeoutException.class,
              e -> {
                assertThat(e.timeout()).isEqualTo(TRANSFER_TIMEOUT);
                assertThat(e).hasMessageContaining("(5000 bytes received)");
              });
    } finally {
      release.countDown();
    }
    assertThat(Files.readString(target)).isEqualTo("the previous backup");
    assertThat(filesIn(tmp)).containsExactly("backup.db"); // the temporary file is gone
  }

  @Test
  void anExportThatStallsMidBodyWithoutATransferTimeoutEndsOnInterrupt() throws Exception {
    CountDownLatch sent = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    LiteFsClient client = client(stallsAfter5000Bytes(sent, release));
    assertThat(client.transferTimeout()).isEmpty();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      Throwable thrown =
          interruptOnceStalled(
              () -> client.exportDatabase("app.db", out),
              () -> {
                assertThat(sent.await(10, TimeUnit.SECONDS)).isTrue();
                await().untilAsserted(() -> assertThat(out.size()).isEqualTo(5000));
              });
      assertThat(thrown).isInstanceOf(LiteFsInterruptedException.class);
    } finally {
      release.countDown();
    }
  }

  @Test
  void anImportToAServerThatNeverAnswersIsUnboundedByDefaultButEndsOnInterrupt() throws Exception {
    // Without a transfer timeout imports are not bound by any timeout (a large upload may take
    // long). What bounds them then is the caller: an interrupt ends the call with a typed
    // exception.
    CountDownLatch bodyRead = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    LiteFsClient client =
        client(
            ex -> {
              ex.drainBody();
              bodyRead.countDown();
              release.await();
            });
    Path file = tmp.resolve("import.db");
    Files.write(file, database);
    try {
      Throwable thrown =
          interruptOnceStalled(
              () -> client.importDatabase("app.db", file),
              () -> assertThat(bodyRead.await(10, TimeUnit.SECONDS)).isTrue());
      assertThat(thrown).isInstanceOf(LiteFsInterruptedException.class);
    } finally {
      release.countDown();
    }
  }

  /**
   * Runs {@code call} on a thread of its own; once {@code awaitStall} returns, checks that the call
   * is still blocked, interrupts its thread and returns what it threw.
   */
  private static Throwable interruptOnceStalled(ThrowingRunnable call, ThrowingRunnable awaitStall)
      throws Exception {
    CompletableFuture<Throwable> result = new CompletableFuture<>();
    Thread caller = new Thread(() -> result.complete(catchThrowable(call)), "transfer");
    caller.start();
    try {
      awaitStall.run();
      assertThat(result).isNotDone();
      caller.interrupt();
      return result.get(10, TimeUnit.SECONDS);
    } finally {
      caller.interrupt();
      caller.join(10_000);
    }
  }

  private static Throwable catchThrowable(ThrowingRunnable r) {
    try {
      r.run();
      return null;
    } catch (Throwable t) {
      return t;
    }
  }

  @FunctionalInterface
  private interface ThrowingRunnable {
    void run() throws Exception;
  }

  private static List<String> filesIn(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
