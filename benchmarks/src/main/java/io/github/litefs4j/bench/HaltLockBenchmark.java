package io.github.litefs4j.bench;

import io.github.litefs4j.internal.JnaOfdLocks;
import io.github.litefs4j.internal.OfdLocks;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The pure JNA cost of the HALT lock: an OFD write lock on byte 72 and its release, on a local
 * file, through litefs4j's JNA mapping (the calls a HALT makes before LiteFS is involved).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class HaltLockBenchmark {
  /** A local file to lock (the runner passes one). */
  @Param("")
  public String file;

  private final JnaOfdLocks locks = JnaOfdLocks.get();
  private int fd = -1;

  /**
   * Opens the file.
   *
   * @throws Exception if it cannot be opened
   */
  @Setup
  public void open() throws Exception {
    fd = locks.open(file);
  }

  /**
   * Closes the file.
   *
   * @throws Exception if close fails
   */
  @TearDown
  public void close() throws Exception {
    locks.close(fd);
  }

  /**
   * Locks and unlocks the HALT byte once.
   *
   * @throws Exception if fcntl fails
   */
  @Benchmark
  public void lockUnlock() throws Exception {
    locks.setLock(fd, OfdLocks.LockType.WRITE, 72, 1, true);
    locks.setLock(fd, OfdLocks.LockType.UNLOCK, 72, 1, true);
  }
}
