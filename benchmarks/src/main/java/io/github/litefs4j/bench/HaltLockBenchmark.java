package io.github.litefs4j.bench;

import io.github.litefs4j.internal.HaltCoordinator;
import io.github.litefs4j.internal.JnaOfdLocks;
import io.github.litefs4j.internal.OfdLocks;
import java.nio.file.Path;
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
 * file, through litefs4j's JNA mapping (the calls a HALT makes before LiteFS is involved); and
 * litefs4j's whole HALT machinery on the same file ({@code withHalt} with an empty function) next
 * to the same system calls made on the calling thread, which isolates what the machinery adds
 * (thread hand-offs, bookkeeping) from what LiteFS takes.
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
  private HaltCoordinator coordinator;
  private Path db;

  /**
   * Opens the file.
   *
   * @throws Exception if it cannot be opened
   */
  @Setup
  public void open() throws Exception {
    fd = locks.open(file);
    coordinator = new HaltCoordinator(locks);
    db = Path.of(file.substring(0, file.length() - "-lock".length()));
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

  /**
   * litefs4j's HALT round trip on the local file with an empty function: open, {@code F_OFD_SETLKW}
   * on a worker thread, {@code F_OFD_GETLK}, unlock on a worker thread, close.
   *
   * @return the function's result
   */
  @Benchmark
  public Object withHalt() {
    return coordinator.withHalt(db, null, () -> fd);
  }

  /**
   * The same system calls as {@link #withHalt()} (open, lock, GETLK, unlock, close), all on the
   * calling thread.
   *
   * @throws Exception if a call fails
   */
  @Benchmark
  public void sameCallsOnTheCallingThread() throws Exception {
    int f = locks.open(file);
    try {
      locks.setLock(f, OfdLocks.LockType.WRITE, 72, 1, true);
      locks.getLock(f, OfdLocks.LockType.WRITE, 72, 1);
      locks.setLock(f, OfdLocks.LockType.UNLOCK, 72, 1, false);
    } finally {
      locks.close(f);
    }
  }
}
