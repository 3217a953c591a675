package io.github.litefs4j.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * What this JVM holds, for the soak tests: threads (all, ours, the HttpClient's), open file
 * descriptors ({@code /proc/self/fd}) and the heap retained after garbage collection.
 *
 * @param threads all live threads
 * @param litefs4jThreads live threads named {@code litefs4j-*}
 * @param httpClientThreads live threads named {@code HttpClient-*}
 * @param fds entries of {@code /proc/self/fd}
 * @param heapBytes heap used after three full collections
 */
record ProcessResources(
    int threads, int litefs4jThreads, int httpClientThreads, int fds, long heapBytes) {

  static ProcessResources measure() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    int all = 0;
    int ours = 0;
    int http = 0;
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (!t.isAlive()) {
        continue;
      }
      all++;
      if (t.getName().startsWith("litefs4j-")) {
        ours++;
      } else if (t.getName().startsWith("HttpClient-")) {
        http++;
      }
    }
    return new ProcessResources(all, ours, http, openFds(), heap);
  }

  static int openFds() {
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      return (int) fds.count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String describe() {
    return String.format(
        "threads %d (litefs4j-* %d, HttpClient-* %d), fds %d, heap %.2f MiB",
        threads, litefs4jThreads, httpClientThreads, fds, heapBytes / 1048576.0);
  }
}
