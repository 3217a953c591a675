package io.github.litefs4j.bench;

import io.github.litefs4j.LiteFS;
import io.github.litefs4j.Position;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * P6: one {@code LiteFS.lag} and one {@code LiteFS.position} read on a live LiteFS FUSE mount (a
 * replica's), in nanoseconds per call. The runner passes the database path.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class MountReadBenchmark {
  /** A database on a LiteFS mount. */
  @Param("")
  public String db;

  private Path path;

  /** Checks the path once per fork. */
  @Setup
  public void setup() {
    if (db.isEmpty()) {
      throw new IllegalArgumentException("pass -p db=<database on a LiteFS mount>");
    }
    path = Path.of(db);
  }

  /**
   * Reads {@code .lag}.
   *
   * @return the lag
   */
  @Benchmark
  public Duration lag() {
    return LiteFS.lag(path);
  }

  /**
   * Reads {@code <db>-pos}.
   *
   * @return the position
   */
  @Benchmark
  public Position position() {
    return LiteFS.position(path);
  }
}
