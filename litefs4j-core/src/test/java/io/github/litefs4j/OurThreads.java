package io.github.litefs4j;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The threads litefs4j owns ({@code litefs4j-*}) and the CPU time they and the JDK HttpClient's
 * threads ({@code HttpClient-*}, which do the socket work of our streams) have used.
 */
public final class OurThreads {
  private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();

  private OurThreads() {}

  /** Names of the live threads named {@code litefs4j-*}. */
  public static List<String> alive() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(name -> name.startsWith("litefs4j-"))
        .sorted()
        .collect(Collectors.toList());
  }

  /**
   * The CPU time used so far by the live {@code litefs4j-*} and {@code HttpClient-*} threads, in
   * nanoseconds.
   */
  public static long cpuNanos() {
    if (!MX.isThreadCpuTimeEnabled()) {
      MX.setThreadCpuTimeEnabled(true);
    }
    long total = 0;
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      String name = thread.getName();
      if (name.startsWith("litefs4j-") || name.startsWith("HttpClient-")) {
        long cpu = MX.getThreadCpuTime(thread.getId());
        if (cpu > 0) {
          total += cpu;
        }
      }
    }
    return total;
  }

  /**
   * Lets {@code window} pass (a measurement window for CPU time, not a synchronization) and returns
   * the CPU time that {@link #cpuNanos()} counted meanwhile.
   */
  public static long cpuNanosDuring(java.time.Duration window) {
    long before = cpuNanos();
    long end = System.nanoTime() + window.toNanos();
    for (long left = window.toNanos(); left > 0; left = end - System.nanoTime()) {
      java.util.concurrent.locks.LockSupport.parkNanos(left);
    }
    return cpuNanos() - before;
  }
}
