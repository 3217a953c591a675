package io.github.litefs4j.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** What the report says about the machine and its load. */
final class Machine {
  private Machine() {}

  static String cpuModel() {
    return read("/proc/cpuinfo")
        .flatMap(
            s ->
                s.lines()
                    .filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip())
                    .findFirst())
        .orElse("unknown CPU");
  }

  static String os() {
    String pretty =
        read("/etc/os-release")
            .flatMap(
                s ->
                    s.lines()
                        .filter(l -> l.startsWith("PRETTY_NAME="))
                        .map(l -> l.substring(12).replace("\"", ""))
                        .findFirst())
            .orElse(System.getProperty("os.name"));
    return pretty
        + ", Linux "
        + read("/proc/sys/kernel/osrelease").map(String::strip).orElse("?")
        + ", "
        + System.getProperty("os.arch");
  }

  static String memory() {
    return read("/proc/meminfo")
        .flatMap(
            s ->
                s.lines()
                    .filter(l -> l.startsWith("MemTotal:"))
                    .map(l -> l.replaceAll("[^0-9]", ""))
                    .findFirst())
        .map(kb -> String.format("%.1f GiB", Long.parseLong(kb) / 1024.0 / 1024.0))
        .orElse("?");
  }

  /** The 1, 5 and 15 minute load averages. */
  static String loadAverage() {
    return read("/proc/loadavg")
        .map(s -> String.join(" / ", java.util.Arrays.copyOf(s.strip().split("\\s+"), 3)))
        .orElse("?");
  }

  /** The 1 minute load average. */
  static double load1() {
    return read("/proc/loadavg")
        .map(s -> Double.parseDouble(s.strip().split("\\s+")[0]))
        .orElse(-1.0);
  }

  static String jdk() {
    return System.getProperty("java.vm.vendor")
        + " "
        + System.getProperty("java.vm.name")
        + " "
        + System.getProperty("java.runtime.version");
  }

  static Optional<String> read(String file) {
    try {
      return Optional.of(Files.readString(Path.of(file)));
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
