package io.github.litefs4j.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** What every metric needs: sizes, the Go program, the C baseline, the report, a work folder. */
final class Context {
  final Config config;
  final GoProgram go;
  final Path ofdlock;
  final Report report;
  final Path work;
  private final Instant started = Instant.now();

  Context(Config config, GoProgram go, Path ofdlock, Report report, Path work) {
    this.config = config;
    this.go = go;
    this.ofdlock = ofdlock;
    this.report = report;
    this.work = work;
  }

  /** Progress on stdout, with the elapsed time and the load average. */
  void log(String format, Object... args) {
    Duration d = Duration.between(started, Instant.now());
    System.out.printf(
        Locale.ROOT,
        "[bench %2d:%02d load %s] %s%n",
        d.toMinutes(),
        d.toSecondsPart(),
        Machine.loadAverage(),
        String.format(Locale.ROOT, format, args));
    System.out.flush();
  }

  Path jmhLog(String name) {
    return work.resolve("jmh-" + name + ".log");
  }

  /** The wall clock in nanoseconds since the epoch (comparable with Go's time.Now().UnixNano()). */
  static long wallNanos() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }
}
