package io.github.litefs4j.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** The Go side: benchmarks/go built into one binary, started once per round with a mode. */
final class GoProgram {
  private final Path binary;

  GoProgram(Path binary) {
    this.binary = binary;
  }

  Path binary() {
    return binary;
  }

  /** Runs a mode to completion and parses the JSON object it prints last. */
  Map<String, Object> run(Duration timeout, String mode, String... args) {
    return Json.parseObject(
        Subprocess.lastLine(timeout, command(mode, args).toArray(String[]::new)));
  }

  /** The command line for a mode. */
  List<String> command(String mode, String... args) {
    List<String> command = new ArrayList<>();
    command.add(binary.toString());
    command.add(mode);
    command.addAll(Arrays.asList(args));
    return command;
  }
}
