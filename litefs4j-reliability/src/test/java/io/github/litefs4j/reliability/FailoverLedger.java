package io.github.litefs4j.reliability;

import io.github.litefs4j.testing.LiteFsNode;
import io.github.litefs4j.testsupport.Sql;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The chaos test's books of {@link FailoverWriterMain}'s output: which writes were acknowledged, of
 * which kind ({@code P} plain, {@code R} replicated), how the others failed, and which acknowledged
 * writes a primary lacked when it was checked. Not thread-safe (the test's thread only).
 */
final class FailoverLedger {
  private final Map<String, Set<Long>> acked = Map.of("P", new HashSet<>(), "R", new HashSet<>());
  private final Map<String, Set<Long>> lost = Map.of("P", new HashSet<>(), "R", new HashSet<>());
  private final Map<String, Long> maxMicros = new HashMap<>(Map.of("P", 0L, "R", 0L));
  private final Map<String, Integer> failedByKind = new TreeMap<>();
  private final Map<String, String> lossesByCheck = new LinkedHashMap<>();
  private final List<String> untyped = new ArrayList<>();
  private int attempted;
  private int parsed; // lines of the writer's output read so far

  /** Reads the writer's new lines; true once both kinds have {@code each} acknowledged writes. */
  boolean enough(List<String> output, int each) {
    read(output);
    return acked.get("P").size() >= each && acked.get("R").size() >= each;
  }

  /**
   * Counts the acknowledged writes (so far) that {@code primary} lacks and that no earlier check
   * found missing, under {@code label}.
   */
  void check(String label, ChildJvm writer, LiteFsNode primary) throws SQLException {
    read(writer.output()); // first the acknowledgements, then the primary's rows
    Set<Long> present = ids(primary.database("chaos.db"));
    int plain = lose("P", present);
    int replicated = lose("R", present);
    if (plain + replicated > 0) {
      lossesByCheck.put(label, "plain " + plain + ", replicated " + replicated);
    }
  }

  /** The ids in table {@code t}, read while the writers write (so waiting for their locks). */
  private static Set<Long> ids(Path db) throws SQLException {
    Set<Long> ids = new HashSet<>();
    try (Connection c = Sql.connect(db);
        Statement s = c.createStatement()) {
      s.execute("PRAGMA busy_timeout = 20000");
      try (ResultSet rs = s.executeQuery("SELECT id FROM t")) {
        while (rs.next()) {
          ids.add(rs.getLong(1));
        }
      }
    }
    return ids;
  }

  private int lose(String kind, Set<Long> present) {
    int n = 0;
    for (long id : acked.get(kind)) {
      if (!present.contains(id) && lost.get(kind).add(id)) {
        n++;
      }
    }
    return n;
  }

  private void read(List<String> output) {
    for (; parsed < output.size(); parsed++) {
      String line = output.get(parsed);
      if (!line.startsWith("A ")) {
        continue;
      }
      String[] f = line.split(" ", 7);
      attempted++;
      long id = Long.parseLong(f[1]);
      String kind = f[2];
      long micros = Long.parseLong(f[4]);
      if (f[3].equals("OK")) {
        acked.get(kind).add(id);
        maxMicros.merge(kind, micros, Math::max);
      } else {
        failedByKind.merge(kind + ":" + f[5], 1, Integer::sum);
        if (!isTyped(f[5])) {
          untyped.add(line);
        }
      }
    }
  }

  /** A litefs4j exception, a JDBC module exception, or an SQL failure with an SQLite code. */
  private static boolean isTyped(String kind) {
    return kind.startsWith("Halt")
        || kind.startsWith("LiteFs")
        || kind.startsWith("PositionTimeoutException")
        || kind.startsWith("ReadOnlyReplica")
        || kind.startsWith("DatabaseBusy")
        || kind.startsWith("SQLiteException(SQLITE_")
        || kind.startsWith("SQLException(SQLITE_");
  }

  int attempted() {
    return attempted;
  }

  int ackedPlain() {
    return acked.get("P").size();
  }

  int ackedReplicated() {
    return acked.get("R").size();
  }

  int lostPlain() {
    return lost.get("P").size();
  }

  int lostReplicated() {
    return lost.get("R").size();
  }

  Set<Long> lostReplicatedIds() {
    return Set.copyOf(lost.get("R"));
  }

  long maxMicros(String kind) {
    return maxMicros.get(kind);
  }

  Map<String, String> lossesByCheck() {
    return lossesByCheck;
  }

  Map<String, Integer> failedByKind() {
    return failedByKind;
  }

  int replicatedTimeouts() {
    return failedByKind.entrySet().stream()
        .filter(e -> e.getKey().startsWith("R:PositionTimeoutException"))
        .mapToInt(Map.Entry::getValue)
        .sum();
  }

  List<String> untyped() {
    return untyped;
  }

  @Override
  public String toString() {
    return "acknowledged plain "
        + ackedPlain()
        + ", replicated "
        + ackedReplicated()
        + " of "
        + attempted
        + " attempts; lost plain "
        + lostPlain()
        + ", replicated "
        + lostReplicated();
  }
}
