package io.github.litefs4j;

import static org.awaitility.Awaitility.await;

import io.github.litefs4j.internal.ErrnoException;
import io.github.litefs4j.internal.JnaOfdLocks;
import io.github.litefs4j.internal.OfdLocks;
import io.github.litefs4j.internal.OfdLocks.LockType;
import io.github.litefs4j.testing.LiteFsCluster;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** JDBC and raw lock-file helpers for the HALT and lag integration tests. */
final class HaltItSupport {
  static final OfdLocks OFD = JnaOfdLocks.get();
  private static final AtomicInteger NAMES = new AtomicInteger();

  private HaltItSupport() {}

  /**
   * Creates a fresh database with table {@code t(v TEXT)} on the primary and waits until the
   * replica has it.
   *
   * @return its name
   */
  static String newDatabase(LiteFsCluster cluster) throws SQLException {
    String name = "halt" + NAMES.incrementAndGet() + "-" + System.nanoTime() + ".db";
    exec(cluster.primary().database(name), "CREATE TABLE t (v TEXT)");
    Path onReplica = cluster.replica(0).database(name);
    await()
        .atMost(Duration.ofSeconds(20))
        .ignoreExceptions()
        .until(() -> rows(onReplica).isEmpty());
    return name;
  }

  static Connection connect(Path db) throws SQLException {
    return DriverManager.getConnection("jdbc:sqlite:" + db);
  }

  static int exec(Path db, String sql) throws SQLException {
    try (Connection c = connect(db);
        Statement s = c.createStatement()) {
      return s.executeUpdate(sql);
    }
  }

  /** Like {@link #exec} but without waiting for SQLite locks. */
  static int execNoWait(Path db, String sql) throws SQLException {
    try (Connection c = connect(db);
        Statement s = c.createStatement()) {
      s.execute("PRAGMA busy_timeout = 0");
      return s.executeUpdate(sql);
    }
  }

  static List<String> rows(Path db) throws SQLException {
    try (Connection c = connect(db);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT v FROM t ORDER BY rowid")) {
      List<String> out = new ArrayList<>();
      while (rs.next()) {
        out.add(rs.getString(1));
      }
      return out;
    }
  }

  /** The primary SQLite result code of a failure (8 = SQLITE_READONLY, 5 = SQLITE_BUSY). */
  static int sqliteCode(SQLException e) {
    return e.getErrorCode() & 0xff;
  }

  /** What {@code F_OFD_GETLK} on a fresh descriptor of {@code <db>-lock} answers. */
  static OfdLocks.LockInfo lockSeenByOthers(Path db) throws ErrnoException {
    int fd = OFD.open(db + "-lock");
    try {
      return OFD.getLock(fd, LockType.WRITE, LiteFS.HALT_BYTE, 1);
    } finally {
      OFD.close(fd);
    }
  }

  /** Sends SIGSTOP or SIGCONT to a process. */
  static void signal(long pid, String signal) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
    if (p.waitFor() != 0) {
      throw new IOException("kill -" + signal + " " + pid + " failed");
    }
  }
}
