package io.github.litefs4j.reliability;

import io.github.litefs4j.PositionTimeoutException;
import io.github.litefs4j.ReconnectPolicy;
import io.github.litefs4j.ReplicationTracker;
import io.github.litefs4j.ReplicationTracker.Required;
import io.github.litefs4j.jdbc.LiteFsDatabase;
import io.github.litefs4j.jdbc.WritePolicy;
import io.github.litefs4j.jdbc.WriteResult;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The application of the failover chaos test, in its own JVM (a child process started while a HALT
 * is held releases it, and the test JVM starts LiteFS processes): one writer thread per node,
 * through {@link LiteFsDatabase} with {@link WritePolicy#forwardThroughHalt} (direct on the
 * primary, HALT on a replica). Writes alternate between plain acknowledgement (the write returned)
 * and replicated acknowledgement ({@link Required#allRunning(int) all running, at least 2}, through
 * one {@link ReplicationTracker} of every node). One line per attempt:
 *
 * <pre>
 * A &lt;id&gt; P|R OK &lt;micros&gt; &lt;route&gt; &lt;acks&gt;
 * A &lt;id&gt; P|R FAIL &lt;micros&gt; &lt;kind&gt; &lt;message&gt;
 * </pre>
 *
 * <p>While the pause file exists each writer finishes its write in progress, prints {@code PAUSED
 * <thread> <generation>} (the generation is the file's content, written atomically by the test) and
 * starts no new one until the file is gone; a file replaced by a new generation meanwhile is
 * reported again.
 *
 * <p>Arguments: stop file (the writers end once it exists), pause file, HALT timeout ms,
 * acknowledgement timeout ms, then per node its database path and HTTP URI.
 */
public final class FailoverWriterMain {
  private static final long PAUSE_AFTER_FAILURE_MS = 50;
  private static final PrintStream OUT = new PrintStream(System.out, true, StandardCharsets.UTF_8);

  private FailoverWriterMain() {}

  public static void main(String[] args) throws Exception {
    Path stop = Path.of(args[0]);
    Path pause = Path.of(args[1]);
    Duration haltTimeout = Duration.ofMillis(Long.parseLong(args[2]));
    Duration ackTimeout = Duration.ofMillis(Long.parseLong(args[3]));
    List<Path> dbs = new ArrayList<>();
    ReplicationTracker.Builder builder =
        ReplicationTracker.builder()
            .reconnectPolicy(
                ReconnectPolicy.builder()
                    .initialDelay(Duration.ofMillis(20))
                    .maxDelay(Duration.ofMillis(200))
                    .build());
    for (int i = 4; i + 1 < args.length; i += 2) {
      dbs.add(Path.of(args[i]));
      builder.node(URI.create(args[i + 1]));
    }
    try (ReplicationTracker tracker = builder.build()) {
      List<Thread> threads = new ArrayList<>();
      for (int i = 0; i < dbs.size(); i++) {
        WritePolicy policy = WritePolicy.forwardThroughHalt(haltTimeout);
        LiteFsDatabase plain = LiteFsDatabase.builder(dbs.get(i), policy).build();
        LiteFsDatabase replicated =
            LiteFsDatabase.builder(dbs.get(i), policy)
                .replicatedAcknowledgement(tracker, Required.allRunning(2), ackTimeout)
                .build();
        long firstId = (i + 1) * 1_000_000_000L;
        int node = i;
        Thread t =
            new Thread(() -> write(stop, pause, node, plain, replicated, firstId), "writer-" + i);
        threads.add(t);
        t.start();
      }
      for (Thread t : threads) {
        t.join();
      }
    }
    OUT.println("DONE");
  }

  private static void write(
      Path stop,
      Path pause,
      int node,
      LiteFsDatabase plain,
      LiteFsDatabase replicated,
      long firstId) {
    for (long id = firstId; !Files.exists(stop); id++) {
      String pausedFor = pauseGeneration(pause);
      while (pausedFor != null && !Files.exists(stop)) {
        OUT.println("PAUSED " + node + " " + pausedFor);
        String now;
        do {
          pause(); // pacing of the workload, not a wait for a result
          now = pauseGeneration(pause);
        } while (pausedFor.equals(now) && !Files.exists(stop));
        // Gone: write again. Another generation (the file was replaced between two looks): that
        // pause is reported too, so the test never waits for a writer that did not see a gap.
        pausedFor = now;
      }
      boolean isReplicated = (id & 1) == 1;
      String kind = isReplicated ? "R" : "P";
      long start = System.nanoTime();
      long rowId = id;
      try {
        WriteResult<Integer> written =
            (isReplicated ? replicated : plain)
                .write(
                    c -> {
                      try (PreparedStatement insert =
                          c.prepareStatement("INSERT INTO t (id, kind) VALUES (?, ?)")) {
                        insert.setLong(1, rowId);
                        insert.setString(2, kind);
                        return insert.executeUpdate();
                      }
                    });
        OUT.println(
            "A "
                + id
                + " "
                + kind
                + " OK "
                + micros(start)
                + " "
                + written.route()
                + " "
                + written.acknowledgedBy());
      } catch (Exception e) {
        String what =
            e instanceof PositionTimeoutException p && p.required().isPresent()
                ? "PositionTimeoutException(acked=" + p.acknowledgedBy().size() + ")"
                : HaltWriterMain.kind(e);
        OUT.println(
            "A " + id + " " + kind + " FAIL " + micros(start) + " " + what + " " + oneLine(e));
        pause();
      }
    }
  }

  /** The pause file's generation (its content), or null when there is no pause file. */
  private static String pauseGeneration(Path pause) {
    try {
      return Files.readString(pause, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void pause() {
    try {
      TimeUnit.MILLISECONDS.sleep(PAUSE_AFTER_FAILURE_MS); // pacing of the workload
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static long micros(long start) {
    return (System.nanoTime() - start) / 1000;
  }

  private static String oneLine(Exception e) {
    String m = e.getMessage();
    return m == null ? "" : m.replace('\n', ' ').replace('\r', ' ');
  }
}
