package io.github.litefs4j.examples;

import io.github.litefs4j.LiteFS;
import io.github.litefs4j.LiteFsMountException;
import io.github.litefs4j.testing.LiteFsCluster;
import io.github.litefs4j.testing.LiteFsNode;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo: a local two-node LiteFS cluster, a plain write on the replica that LiteFS refuses, the
 * same write inside {@link LiteFS#withHalt}, the row read back on both nodes, and the lag of each
 * node. Run it with {@code scripts/demo}.
 */
public final class Demo {
  private static final String DB = "demo.db";
  private static final Duration REPLICATION_WAIT = Duration.ofSeconds(10);

  private final PrintStream out;

  Demo(PrintStream out) {
    this.out = out;
  }

  /**
   * Runs the demo and exits with 0 on success, 1 on failure.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    try {
      new Demo(System.out).run();
    } catch (Exception e) {
      System.err.println("demo failed: " + e);
      e.printStackTrace(System.err);
      System.exit(1);
    }
  }

  /** Runs every step; the cluster is torn down when it returns or throws. */
  void run() throws Exception {
    step("Starting a local LiteFS cluster: 1 primary + 1 replica (real processes, FUSE mounts)");
    List<Path> mounts = new ArrayList<>();
    try (LiteFsCluster cluster = LiteFsCluster.builder().replicas(1).start()) {
      cluster.nodes().forEach(node -> mounts.add(node.mountDir()));
      LiteFsNode primary = cluster.primary();
      LiteFsNode replica = cluster.replica(0);
      describe(primary);
      describe(replica);

      Path onPrimary = primary.database(DB);
      Path onReplica = replica.database(DB);

      step("Creating table 'greetings' on the primary with plain sqlite-jdbc");
      execute(
          onPrimary,
          "CREATE TABLE greetings (id INTEGER PRIMARY KEY, text TEXT NOT NULL, node TEXT)");
      execute(
          onPrimary,
          "INSERT INTO greetings (text, node) VALUES ('hello from the primary', 'node-0')");
      waitForRows(onReplica, 1);
      say("the replica has the table and 1 row (replicated): " + rows(onReplica));

      step("A plain write on the replica: LiteFS refuses it");
      try {
        execute(onReplica, "INSERT INTO greetings (text, node) VALUES ('plain write', 'node-1')");
        throw new IllegalStateException(
            "the replica accepted a plain write: LiteFS should refuse it");
      } catch (SQLException e) {
        say("refused, as expected: " + e.getMessage());
      }

      step("The same write on the replica inside LiteFS.withHalt (forwarded to the primary)");
      Instant start = Instant.now();
      LiteFS.withHalt(
          onReplica,
          () ->
              execute(
                  onReplica,
                  "INSERT INTO greetings (text, node) VALUES ('hello from the replica, through HALT', 'node-1')"));
      say(
          "committed in "
              + Duration.between(start, Instant.now()).toMillis()
              + " ms (HALT + write + unhalt)");

      step("Reading the rows back on both nodes");
      waitForRows(onPrimary, 2);
      waitForRows(onReplica, 2);
      say("primary: " + rows(onPrimary));
      say("replica: " + rows(onReplica));

      step("Replication lag on each node (LiteFS.lag)");
      for (LiteFsNode node : cluster.nodes()) {
        say(node.name() + (node.isPrimary() ? " (primary): " : " (replica): ") + lag(node));
      }

      step("Tearing the cluster down (stops LiteFS, unmounts FUSE)");
    }
    String mountTable = Files.readString(Path.of("/proc/self/mountinfo"));
    for (Path mount : mounts) {
      if (mountTable.contains(" " + mount + " ")) {
        throw new IllegalStateException(mount + " is still mounted after the cluster was closed");
      }
    }
    say("done: no LiteFS mount left behind.");
  }

  private String lag(LiteFsNode node) {
    try {
      return LiteFS.lag(node.mountDir()).toMillis() + " ms";
    } catch (LiteFsMountException e) {
      return "initial replication not finished yet";
    }
  }

  private void describe(LiteFsNode node) {
    say(
        String.format(
            "%s %-8s mount %s, HTTP %s",
            node.name(),
            node.isPrimary() ? "primary" : "replica",
            node.mountDir(),
            node.httpUri()));
  }

  private static void execute(Path db, String sql) throws SQLException {
    try (Connection conn = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement statement = conn.createStatement()) {
      statement.executeUpdate(sql);
    }
  }

  private static List<String> rows(Path db) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Connection conn = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement statement = conn.createStatement();
        ResultSet rs = statement.executeQuery("SELECT id, text, node FROM greetings ORDER BY id")) {
      while (rs.next()) {
        rows.add(rs.getInt(1) + ":'" + rs.getString(2) + "'@" + rs.getString(3));
      }
    }
    return rows;
  }

  /** Waits until replication has brought the table to at least {@code count} rows. */
  private static void waitForRows(Path db, int count) throws Exception {
    Instant deadline = Instant.now().plus(REPLICATION_WAIT);
    while (true) {
      if (Files.exists(db)) {
        try {
          if (rows(db).size() >= count) {
            return;
          }
        } catch (SQLException e) {
          // the table may not have replicated yet; retried below until the deadline
          if (Instant.now().isAfter(deadline)) {
            throw e;
          }
        }
      }
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException(
            db + " did not reach " + count + " rows in " + REPLICATION_WAIT);
      }
      Thread.sleep(20);
    }
  }

  private void step(String text) {
    out.println();
    out.println("==> " + text);
  }

  private void say(String text) {
    out.println("    " + text);
  }
}
