package io.github.litefs4j.reliability;

import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/**
 * Runs a parser on one input at a time and keeps the figures of a fuzz run: how many inputs, how
 * each ended (result type, or exception class with its reason), the slowest input, and the most
 * memory one input made the parser allocate (measured per thread with {@code
 * com.sun.management.ThreadMXBean#getThreadAllocatedBytes}). Not thread-safe: one per property.
 */
final class InputMeter {
  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  /** What a parser did with an input. */
  record Outcome(Object value, Throwable thrown, long nanos, long allocatedBytes) {}

  private final String name;
  private final Map<String, Long> outcomes = new TreeMap<>();
  private long inputs;
  private long inputBytes;
  private long maxInputLength;
  private long maxNanos;
  private long maxAllocated;
  private long maxAllocatedInputLength;
  private double maxAllocatedPerInputByte; // over inputs of at least 4 KiB

  InputMeter(String name) {
    this.name = name;
    THREADS.setThreadAllocatedMemoryEnabled(true);
  }

  /** Parses one input of {@code length} bytes (or chars) and records how it ended. */
  Outcome run(int length, Callable<?> parse) {
    long tid = Thread.currentThread().getId();
    long allocatedBefore = THREADS.getThreadAllocatedBytes(tid);
    long start = System.nanoTime();
    Object value = null;
    Throwable thrown = null;
    try {
      value = parse.call();
    } catch (Throwable t) {
      thrown = t;
    }
    long nanos = System.nanoTime() - start;
    long allocated = THREADS.getThreadAllocatedBytes(tid) - allocatedBefore;
    inputs++;
    inputBytes += length;
    maxInputLength = Math.max(maxInputLength, length);
    maxNanos = Math.max(maxNanos, nanos);
    if (allocated > maxAllocated) {
      maxAllocated = allocated;
      maxAllocatedInputLength = length;
    }
    if (length >= 4096) {
      maxAllocatedPerInputByte = Math.max(maxAllocatedPerInputByte, (double) allocated / length);
    }
    String kind =
        thrown != null
            ? CoreUnderTest.outcomeName(thrown)
            : value == null ? "null" : value.getClass().getSimpleName();
    outcomes.merge(kind, 1L, Long::sum);
    return new Outcome(value, thrown, nanos, allocated);
  }

  long inputs() {
    return inputs;
  }

  long maxNanos() {
    return maxNanos;
  }

  long maxAllocated() {
    return maxAllocated;
  }

  Map<String, Long> outcomes() {
    return outcomes;
  }

  Figures figures() {
    return Figures.of(name)
        .put("inputs", inputs)
        .put("inputMiB", String.format("%.1f", inputBytes / 1048576.0))
        .put("longestInput", maxInputLength)
        .put("slowestInputMs", String.format("%.2f", maxNanos / 1e6))
        .put("maxAllocatedKiB", maxAllocated / 1024)
        .put("maxAllocatedInputLength", maxAllocatedInputLength)
        .put("maxAllocatedPerInputByte", String.format("%.1f", maxAllocatedPerInputByte))
        .put("outcomes", outcomes);
  }
}
