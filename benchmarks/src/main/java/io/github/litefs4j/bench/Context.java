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
  private final Path plots;
  private final Path outDir;
  private final Instant started = Instant.now();

  Context(
      Config config, GoProgram go, Path ofdlock, Report report, Path work, Path plots, Path out) {
    this.config = config;
    this.go = go;
    this.ofdlock = ofdlock;
    this.report = report;
    this.work = work;
    this.plots = plots;
    Path parent = out.toAbsolutePath().getParent();
    this.outDir = parent == null ? Path.of("").toAbsolutePath() : parent;
  }

  /**
   * Writes a plot as {@code <plots>/<name>.png} and adds it, with the command that reproduces it,
   * under {@code section} of the report.
   */
  void plot(String section, String name, Plot plot, String caption) throws java.io.IOException {
    Path png = plots.resolve(name + ".png").toAbsolutePath();
    plot.write(png);
    report.detail(
        section,
        "![" + caption + "](" + outDir.relativize(png).toString().replace('\\', '/') + ")");
    report.detail(section, "*Figure: " + caption + "*");
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

  /** The load average now, for plot captions. */
  String loadNote() {
    return "load average "
        + Machine.loadAverage()
        + " on "
        + Runtime.getRuntime().availableProcessors()
        + " cores";
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
