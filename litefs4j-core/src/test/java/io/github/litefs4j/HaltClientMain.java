package io.github.litefs4j;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;

/**
 * A second LiteFS client process on the same node, for {@link HaltSharedNodeIT}. Reads commands
 * from standard input, one per line, and answers each with one line on standard output:
 *
 * <ul>
 *   <li>{@code halt}: takes the HALT on the database (10 s at most), answers {@code HELD} or {@code
 *       FAILED <exception>};
 *   <li>{@code unhalt}: releases it, answers {@code RELEASED};
 *   <li>{@code insert <value>}: a plain JDBC insert into {@code t}, without a HALT of its own,
 *       answers {@code INSERTED} or {@code FAILED <exception>};
 *   <li>{@code loop <n>}: takes and releases the HALT {@code n} times back to back, printing {@code
 *       ASK <i> <System.nanoTime()>} before each request and {@code GRANT <i> <System.nanoTime()>}
 *       after each grant, then {@code LOOPED}.
 * </ul>
 *
 * Exits at the end of its input. Argument: the database path on the node's mount.
 */
public final class HaltClientMain {
  private HaltClientMain() {}

  public static void main(String[] args) throws Exception {
    Path db = Path.of(args[0]);
    HaltLock held = null;
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    System.out.println("READY");
    String line;
    while ((line = in.readLine()) != null) {
      String[] command = line.split(" ", 2);
      try {
        switch (command[0]) {
          case "halt" -> {
            held = LiteFS.halt(db, Duration.ofSeconds(10));
            System.out.println("HELD");
          }
          case "unhalt" -> {
            held.unhalt();
            System.out.println("RELEASED");
          }
          case "insert" -> {
            insert(db, command[1]);
            System.out.println("INSERTED");
          }
          case "loop" -> {
            int n = Integer.parseInt(command[1]);
            for (int i = 1; i <= n; i++) {
              System.out.println("ASK " + i + " " + System.nanoTime());
              try (HaltLock lock = LiteFS.halt(db, Duration.ofSeconds(10))) {
                System.out.println("GRANT " + i + " " + System.nanoTime());
              }
            }
            System.out.println("LOOPED");
          }
          default -> System.out.println("FAILED unknown command " + line);
        }
      } catch (RuntimeException | SQLException e) {
        System.out.println("FAILED " + e);
      }
      System.out.flush();
    }
  }

  private static void insert(Path db, String value) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
      c.createStatement().executeUpdate("INSERT INTO t VALUES ('" + value + "')");
    }
  }
}
