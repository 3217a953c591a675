package io.github.litefs4j.docs;

// tag::quickstart[]
import io.github.litefs4j.LiteFS;
import io.github.litefs4j.LiteFsClient;
import io.github.litefs4j.PrimaryMonitor;
import io.github.litefs4j.PrimaryState;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;

public class QuickStart {
  public static void main(String[] args) throws Exception {
    run(Path.of("/litefs/app.db"), LiteFsClient.DEFAULT); // a database on the mount; the node's API
  }

  static void run(Path db, LiteFsClient node) throws Exception {
    try (Connection conn = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement sql = conn.createStatement()) {
      // On a replica the HALT lock lets this node write: each commit is applied on the primary.
      LiteFS.withHalt(
          db,
          Duration.ofSeconds(5),
          () -> {
            sql.execute("CREATE TABLE IF NOT EXISTS hits (at TEXT)");
            sql.execute("INSERT INTO hits VALUES (datetime('now'))");
          });
    }
    Duration lag = LiteFS.lag(db); // zero on the primary
    try (PrimaryMonitor monitor = node.monitorPrimary()) { // follows the node's event stream
      PrimaryState state = monitor.awaitReady(Duration.ofSeconds(10));
      // PRIMARY, REPLICA (with the primary's hostname), DISCONNECTED or UNKNOWN
      System.out.println(state.role() + " " + state.primaryHostname().orElse("") + ", lag " + lag);
    }
  }
}
// end::quickstart[]
