package io.github.litefs4j;

import io.github.litefs4j.internal.ErrnoException;
import io.github.litefs4j.internal.JnaOfdLocks;
import io.github.litefs4j.internal.OfdLocks;
import io.github.litefs4j.internal.OfdLocks.LockType;
import io.github.litefs4j.testing.LiteFsCluster;
import io.github.litefs4j.testsupport.Sql;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Database, raw lock-file and signal helpers for the HALT and lag integration tests. */
final class HaltItSupport {
  static final OfdLocks OFD = JnaOfdLocks.get();
  private static final AtomicInteger NAMES = new AtomicInteger();

  private HaltItSupport() {}

  /**
   * Creates a fresh database with table {@code t(v TEXT)} on the primary and waits until every
   * running replica has it.
   *
   * @return its name
   */
  static String newDatabase(LiteFsCluster cluster) throws SQLException {
    String name = "halt" + NAMES.incrementAndGet() + "-" + System.nanoTime() + ".db";
    Sql.exec(cluster.primary().database(name), "CREATE TABLE t (v TEXT)");
    cluster.awaitReplicated(name, Duration.ofSeconds(20));
    return name;
  }

  /** Table {@code t}'s values in insertion order, through a read-write connection. */
  static List<String> rows(Path db) throws SQLException {
    return Sql.column(db, "SELECT v FROM t ORDER BY rowid");
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
