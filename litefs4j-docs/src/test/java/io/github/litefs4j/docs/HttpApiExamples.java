package io.github.litefs4j.docs;

import io.github.litefs4j.LiteFsClient;
import io.github.litefs4j.NodeInfo;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/** The samples of docs/http-api.md. */
final class HttpApiExamples {
  private static final Logger log = System.getLogger("app");

  private HttpApiExamples() {}

  static void calls(OutputStream outputStream, InputStream inputStream) {
    // tag::calls[]
    LiteFsClient client = LiteFsClient.create(URI.create("http://localhost:20202"));

    NodeInfo info = client.info();
    info.isPrimary(); // holds the lease
    info.candidate(); // may become primary
    info.primaryHostname(); // Optional: the primary's; empty on the primary and when cut off
    info.nodeId(); // Optional: 16 uppercase hex digits, from the Litefs-Id header
    info.clusterId(); // Optional: LFSC...

    // Export streams the database file. To a Path it is atomic: a temporary file in the same
    // directory, flushed, then moved into place; a failed or truncated export leaves nothing.
    long bytes =
        client.exportDatabase(
            "app.db",
            Path.of("/backups/app.db"),
            (done, total) -> log.log(Level.INFO, "{0} of {1} bytes", done, total.orElse(-1)));
    client.exportDatabase("app.db", outputStream);

    // Import (primary only): the SQLite header is checked before anything is sent.
    client.importDatabase("app.db", Path.of("/backups/app.db"));
    client.importDatabase("app.db", inputStream);

    client.promote(); // ask this candidate node to become primary
    client.handoff("4F2A0C1D2E3B4A59"); // ask the primary to hand its lease to that node
    // end::calls[]
    log.log(Level.DEBUG, "exported {0} bytes", bytes);
  }

  static LiteFsClient transferTimeout() {
    // tag::transfer-timeout[]
    LiteFsClient client =
        LiteFsClient.builder()
            .baseUri(URI.create("http://localhost:20202"))
            .transferTimeout(Duration.ofMinutes(10)) // bound every export and import
            .build();
    // end::transfer-timeout[]
    return client;
  }
}
