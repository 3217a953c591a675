package io.github.litefs4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.litefs4j.testsupport.FakeHttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Export faults a real node cannot be made to produce, against a scripted server; each fault is
 * followed by a good export through the same client. The real round trip is in HttpApiIT.
 */
class ExportFaultsTest {
  static byte[] database; // a real two-page SQLite file made by sqlite-jdbc

  @TempDir Path tmp;
  FakeHttpServer server;
  LiteFsClient client;

  @BeforeAll
  static void makeDatabase(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("sample.db");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement()) {
      s.execute("PRAGMA page_size=4096");
      s.execute("CREATE TABLE t(x)");
      s.execute("INSERT INTO t VALUES ('hello')");
    }
    database = Files.readAllBytes(file);
    assertThat(database.length).isEqualTo(8192);
  }

  @BeforeEach
  void setUp() throws IOException {
    server = FakeHttpServer.start();
    client = LiteFsClient.create(server.uri());
  }

  @AfterEach
  void tearDown() throws IOException {
    server.close();
  }

  private void thenAGoodExportWorks() throws Exception {
    server.then(ex -> ex.respondChunked(database));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThat(client.exportDatabase("app.db", out)).isEqualTo(database.length);
    assertThat(out.toByteArray()).isEqualTo(database);
  }

  @Test
  void aBodyCutShortOfItsContentLengthIsTruncated() throws Exception {
    server.then(
        ex -> {
          OutputStream out = ex.out();
          out.write(
              FakeHttpServer.ascii(
                  "HTTP/1.1 200 OK\r\nContent-Length: 8192\r\nConnection: close\r\n\r\n"));
          out.write(database, 0, 4096);
        });
    assertThatThrownBy(() -> client.exportDatabase("app.db", new ByteArrayOutputStream()))
        .isInstanceOf(LiteFsConnectionException.class)
        .hasMessageContaining("app.db")
        .satisfies(
            e -> {
              LiteFsConnectionException t = (LiteFsConnectionException) e;
              assertThat(t.received().getAsLong()).isLessThan(8192);
              assertThat(t.uri().toString()).endsWith("/export?name=app.db");
            });
    thenAGoodExportWorks();
  }

  @Test
  void aConnectionResetMidBodyIsTruncated() throws Exception {
    CountDownLatch headerSeen = new CountDownLatch(1);
    server.then(
        ex -> {
          OutputStream out = ex.out();
          out.write(
              FakeHttpServer.ascii(
                  "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1000\r\n"));
          out.write(database, 0, 4096);
          out.write(FakeHttpServer.ascii("\r\n"));
          out.flush();
          try {
            // Reset only once the client has the SQLite header (an RST discards unread data).
            headerSeen.await(30, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          ex.reset();
        });
    assertThatThrownBy(
            () ->
                client.exportDatabase(
                    "app.db",
                    new ByteArrayOutputStream(),
                    (bytes, total) -> {
                      if (bytes >= 100) {
                        headerSeen.countDown();
                      }
                    }))
        .isInstanceOf(LiteFsConnectionException.class)
        .hasCauseInstanceOf(IOException.class)
        .satisfies(
            e -> {
              LiteFsConnectionException t = (LiteFsConnectionException) e;
              assertThat(t.received().getAsLong()).isBetween(100L, 4096L);
              assertThat(t.expected()).hasValue(8192); // from the SQLite header
            });
    thenAGoodExportWorks();
  }

  @Test
  void aCompleteBodyShorterThanItsSqliteHeaderAnnouncesIsTruncated() throws Exception {
    server.then(ex -> ex.respondChunked(Arrays.copyOf(database, 4096)));
    assertThatThrownBy(() -> client.exportDatabase("app.db", new ByteArrayOutputStream()))
        .isInstanceOf(LiteFsConnectionException.class)
        .hasMessageContaining("4096 bytes of 8192")
        .satisfies(e -> assertThat(((LiteFsConnectionException) e).expected()).hasValue(8192));
    thenAGoodExportWorks();
  }

  @Test
  void aBodyThatIsNotSqliteIsMalformed() throws Exception {
    server.then(
        ex ->
            ex.respond(
                200, "text/html", FakeHttpServer.ascii("<html>" + "x".repeat(200) + "</html>")));
    assertThatThrownBy(() -> client.exportDatabase("app.db", new ByteArrayOutputStream()))
        .isInstanceOf(LiteFsProtocolException.class)
        .hasFieldOrPropertyWithValue("reason", LiteFsProtocolException.Reason.MALFORMED_RESPONSE)
        .hasMessageContaining("not a SQLite database")
        .hasMessageContaining("<html>");
    thenAGoodExportWorks();
  }

  @Test
  void aFailedExportToAPathLeavesNoFileAndNoTemporaryFile() throws Exception {
    Path target = tmp.resolve("backup.db");
    server.then(ex -> ex.respondChunked(Arrays.copyOf(database, 4096)));
    assertThatThrownBy(() -> client.exportDatabase("app.db", target))
        .isInstanceOf(LiteFsConnectionException.class);
    assertThat(target).doesNotExist();
    assertThat(listDir()).isEmpty();
  }

  @Test
  void aFailedExportOverAnExistingFileLeavesItUnchanged() throws Exception {
    Path target = tmp.resolve("backup.db");
    Files.writeString(target, "previous backup");
    server.then(
        ex -> {
          OutputStream out = ex.out();
          out.write(
              FakeHttpServer.ascii(
                  "HTTP/1.1 200 OK\r\nContent-Length: 8192\r\nConnection: close\r\n\r\n"));
          out.write(database, 0, 5000);
        });
    assertThatThrownBy(() -> client.exportDatabase("app.db", target))
        .isInstanceOf(LiteFsConnectionException.class);
    assertThat(target).hasContent("previous backup");
    assertThat(listDir()).containsExactly("backup.db");

    server.then(ex -> ex.respondChunked(database));
    assertThat(client.exportDatabase("app.db", target)).isEqualTo(8192);
    assertThat(Files.readAllBytes(target)).isEqualTo(database);
    assertThat(listDir()).containsExactly("backup.db");
  }

  @Test
  void progressReportsTheTotalAnnouncedByTheSqliteHeader() throws Exception {
    server.then(ex -> ex.respondChunked(database));
    List<long[]> calls = new ArrayList<>();
    client.exportDatabase(
        "app.db",
        new ByteArrayOutputStream(),
        (bytes, total) -> calls.add(new long[] {bytes, total.orElse(-1)}));
    assertThat(calls).isNotEmpty();
    long[] last = calls.get(calls.size() - 1);
    assertThat(last).containsExactly(8192, 8192);
    assertThat(calls).allSatisfy(c -> assertThat(c[1]).isEqualTo(8192));
  }

  @Test
  void aProgressCallbackThatThrowsAbortsAndLeavesNoFile() throws Exception {
    Path target = tmp.resolve("backup.db");
    server.then(ex -> ex.respondChunked(database));
    assertThatThrownBy(
            () ->
                client.exportDatabase(
                    "app.db",
                    target,
                    (bytes, total) -> {
                      throw new IllegalStateException("disk quota (test)");
                    }))
        .isInstanceOf(IllegalStateException.class);
    assertThat(target).doesNotExist();
    assertThat(listDir()).isEmpty();
  }

  @Test
  void theDatabaseNameIsPercentEncoded() throws Exception {
    server.then(ex -> ex.respondChunked(database));
    client.exportDatabase("my db&x=1+2.db", new ByteArrayOutputStream());
    assertThat(server.takeRequest())
        .startsWith("GET /export?name=my%20db%26x%3D1%2B2.db HTTP/1.1\r\n");
  }

  @Test
  void anEmptyNameIsRejectedBeforeSending() {
    assertThatThrownBy(() -> client.exportDatabase("", new ByteArrayOutputStream()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("database name must not be empty");
  }

  private List<String> listDir() throws IOException {
    try (Stream<Path> files = Files.list(tmp)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
