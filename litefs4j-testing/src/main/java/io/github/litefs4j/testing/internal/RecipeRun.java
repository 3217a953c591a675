package io.github.litefs4j.testing.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One run of the build recipe {@code provision.sh}: {@code bash provision.sh <tool> <cache>} with
 * the given {@code PATH}, its output in temporary files next to the cache.
 *
 * @param exitCode the script's exit code; {@link #MISSING_PREREQUISITE} when a prerequisite is
 *     missing
 * @param stdout what it printed on stdout (the binary's path on the last line)
 * @param stderr what it printed on stderr (progress, the build log on failure)
 */
record RecipeRun(int exitCode, String stdout, String stderr) {
  /** The script's exit code when Go, gcc or flock is missing. */
  static final int MISSING_PREREQUISITE = 3;

  private static final int TAIL_LINES = 40;

  /**
   * Runs the script and waits for it. An interrupt kills the script (its trap removes its work
   * folder) and is rethrown.
   */
  static RecipeRun run(Path script, String tool, Path cacheRoot, String pathVariable)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile(cacheRoot, "provision-", ".out");
    Path err = Files.createTempFile(cacheRoot, "provision-", ".err");
    try {
      ProcessBuilder builder =
          new ProcessBuilder("bash", script.toString(), tool, cacheRoot.toString())
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
      if (pathVariable != null) {
        builder.environment().put("PATH", pathVariable);
      }
      Process process;
      try {
        process = builder.start();
      } catch (IOException e) {
        return new RecipeRun(
            MISSING_PREREQUISITE,
            "",
            "bash is missing ("
                + e.getMessage()
                + "): the build recipe is a bash script; install bash.");
      }
      try {
        int code = process.waitFor();
        return new RecipeRun(
            code,
            Files.readString(out, StandardCharsets.UTF_8),
            Files.readString(err, StandardCharsets.UTF_8));
      } catch (InterruptedException e) {
        process.destroy();
        throw e;
      }
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  /** The last non-blank line of stdout, trimmed; empty if there is none. */
  String lastStdoutLine() {
    List<String> lines = stdout.strip().lines().toList();
    return lines.isEmpty() ? "" : lines.get(lines.size() - 1).strip();
  }

  /** The last lines of stderr, without the recipe's "provision: " prefixes. */
  String stderrTail() {
    List<String> lines = stderr.strip().lines().toList();
    List<String> tail = lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size());
    return String.join("\n", tail).replace("provision: ", "").strip();
  }
}
