package io.github.litefs4j.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The figures a reliability test reports: printed to the test's output and appended to {@code
 * target/reliability-figures.txt}, from which RELIABILITY.md is written. One line per test: {@code
 * FIGURES <test>: key=value, ...}.
 */
final class Figures {
  private static final Path FILE = Path.of("target", "reliability-figures.txt");

  private final String test;
  private final Map<String, Object> values = new LinkedHashMap<>();

  private Figures(String test) {
    this.test = test;
  }

  static Figures of(String test) {
    return new Figures(test);
  }

  Figures put(String key, Object value) {
    values.put(key, value);
    return this;
  }

  /** Prints and records the figures; returns the line. */
  String report() {
    String line =
        "FIGURES "
            + test
            + ": "
            + values.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", "));
    System.out.println(line);
    try {
      Files.createDirectories(FILE.getParent());
      Files.writeString(
          FILE,
          Instant.now() + " " + line + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot record figures in " + FILE.toAbsolutePath(), e);
    }
    return line;
  }

  /** Whether the long variants run: {@code -Dlitefs4j.long=true}. */
  static boolean longRun() {
    return Boolean.getBoolean("litefs4j.long");
  }
}
