package io.github.litefs4j.reliability;

import io.github.litefs4j.HaltException;
import io.github.litefs4j.LiteFS;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The application of the chaos test, run in its own JVM on the replica's side: performs {@code
 * count} inserts through {@link LiteFS#withHalt}, each row with a unique id, and prints one line
 * per attempt:
 *
 * <pre>
 * A &lt;id&gt; OK &lt;micros&gt;
 * A &lt;id&gt; UNHALT &lt;micros&gt; &lt;kind&gt;      (the insert committed, the release failed)
 * A &lt;id&gt; FAIL &lt;micros&gt; &lt;kind&gt; &lt;message&gt;
 * </pre>
 *
 * It runs in a separate process because the test JVM starts child processes (LiteFS, fusermount)
 * while it kills and restarts the primary, and a child process started while a HALT is held
 * releases that HALT: in production the application and the primary's host are separate too.
 *
 * <p>Arguments: database path, count, first id, HALT timeout in ms, pause after a failure in ms.
 */
public final class HaltWriterMain {
  private HaltWriterMain() {}

  public static void main(String[] args) throws Exception {
    Path db = Path.of(args[0]);
    int count = Integer.parseInt(args[1]);
    long firstId = Long.parseLong(args[2]);
    Duration haltTimeout = Duration.ofMillis(Long.parseLong(args[3]));
    long pauseAfterFailureMs = Long.parseLong(args[4]);
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    String url = "jdbc:sqlite:" + db;

    for (long id = firstId; id < firstId + count; id++) {
      long start = System.nanoTime();
      long rowId = id;
      try (Connection c = DriverManager.getConnection(url);
          PreparedStatement insert = c.prepareStatement("INSERT INTO t (id) VALUES (?)")) {
        int rows =
            LiteFS.withHalt(
                db,
                haltTimeout,
                () -> {
                  insert.setLong(1, rowId);
                  return insert.executeUpdate();
                });
        if (rows != 1) {
          throw new IllegalStateException("INSERT changed " + rows + " rows");
        }
        out.println("A " + id + " OK " + micros(start));
      } catch (Exception e) {
        if (e instanceof HaltException h && h.reason() == HaltException.Reason.UNHALT_FAILED) {
          out.println("A " + id + " UNHALT " + micros(start) + " " + kind(e));
        } else {
          out.println(
              "A " + id + " FAIL " + micros(start) + " " + kind(e) + " " + oneLine(e.getMessage()));
          TimeUnit.MILLISECONDS.sleep(pauseAfterFailureMs); // pacing of the workload, not a wait
        }
      }
    }
    out.println("DONE");
  }

  private static long micros(long start) {
    return (System.nanoTime() - start) / 1000;
  }

  /**
   * The kind of a failure: the exception class, with the errno of a HALT failure or the SQLite
   * result code of an SQL failure, and the classes of suppressed exceptions.
   */
  static String kind(Throwable e) {
    StringBuilder k = new StringBuilder(e.getClass().getSimpleName());
    if (e instanceof HaltException h) {
      h.errnoName().ifPresent(name -> k.append('(').append(name).append(')'));
    } else if (e instanceof SQLException s) {
      k.append("(SQLITE_").append(sqliteName(s.getErrorCode() & 0xff)).append(')');
    }
    for (Throwable s : e.getSuppressed()) {
      k.append('+').append(s.getClass().getSimpleName());
    }
    return k.toString();
  }

  private static String sqliteName(int primaryCode) {
    return switch (primaryCode) {
      case 1 -> "ERROR";
      case 5 -> "BUSY";
      case 6 -> "LOCKED";
      case 8 -> "READONLY";
      case 10 -> "IOERR";
      case 11 -> "CORRUPT";
      case 13 -> "FULL";
      case 14 -> "CANTOPEN";
      case 15 -> "PROTOCOL";
      case 19 -> "CONSTRAINT";
      case 26 -> "NOTADB";
      default -> Integer.toString(primaryCode);
    };
  }

  private static String oneLine(String s) {
    return s == null ? "" : s.replace('\n', ' ').replace('\r', ' ');
  }
}
