package io.github.litefs4j.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Runs the helper programs (the Go side, the C baseline, unshare) and reads their output. */
final class Subprocess {
  private Subprocess() {}

  /** What a finished program printed. */
  record Output(int exitCode, String stdout, String stderr) {}

  /**
   * Runs {@code command} to completion.
   *
   * @throws IllegalStateException if it cannot start, runs longer than {@code timeout} (it is
   *     killed) or exits non-zero (with its stderr in the message)
   */
  static Output run(Duration timeout, List<String> command) {
    Process process;
    try {
      process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.PIPE).start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot start " + command, e);
    }
    CompletableFuture<String> out = drain(process.getInputStream());
    CompletableFuture<String> err = drain(process.getErrorStream());
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(
            "timed out after " + timeout + ": " + command + "\n" + err.getNow(""));
      }
      Output output =
          new Output(
              process.exitValue(), out.get(10, TimeUnit.SECONDS), err.get(10, TimeUnit.SECONDS));
      if (output.exitCode() != 0) {
        throw new IllegalStateException(
            "exit code " + output.exitCode() + " from " + command + ":\n" + output.stderr());
      }
      return output;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new IllegalStateException("interrupted while running " + command, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot read the output of " + command, e);
    }
  }

  /** Runs a command and returns its last stdout line, trimmed. */
  static String lastLine(Duration timeout, String... command) {
    String[] lines = run(timeout, Arrays.asList(command)).stdout().strip().split("\n");
    return lines[lines.length - 1].strip();
  }

  /** Collects a stream in the background. */
  static CompletableFuture<String> drain(InputStream in) {
    return CompletableFuture.supplyAsync(
        () -> {
          try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
          } catch (IOException e) {
            return "(cannot read: " + e + ")";
          }
        });
  }

  static List<String> concat(List<String> prefix, String... rest) {
    List<String> all = new ArrayList<>(prefix);
    all.addAll(Arrays.asList(rest));
    return all;
  }
}
