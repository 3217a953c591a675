package io.github.litefs4j.testing.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The build recipe itself, run as the install scripts run it: two processes build once. */
class ProvisionScriptTest {
  @TempDir Path tmp;

  private Process recipe(Path script, FakeGo go, Path out) throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder("bash", script.toString(), "litefs", tmp.resolve("cache").toString())
            .redirectOutput(out.toFile())
            .redirectError(ProcessBuilder.Redirect.appendTo(tmp.resolve("stderr").toFile()));
    builder.environment().put("PATH", go.path());
    return builder.start();
  }

  @Test
  void twoProcessesBuildOnceAndBothPrintTheBinary() throws Exception {
    Path script = Files.writeString(tmp.resolve("provision.sh"), Provisioner.recipeText());
    FakeGo go = FakeGo.in(tmp.resolve("go"), true);

    Process first = recipe(script, go, tmp.resolve("first.out"));
    Process second = null;
    try {
      await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(go.started));
      Process waiting = recipe(script, go, tmp.resolve("second.out"));
      second = waiting;
      // The second run waits on the cache's lock: its flock(1) child is blocked.
      await()
          .atMost(Duration.ofSeconds(120))
          .until(() -> waiting.descendants().anyMatch(ProvisionScriptTest::isFlock));
      Files.createFile(go.release);

      assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(waiting.waitFor(60, TimeUnit.SECONDS)).isTrue();
    } finally {
      stop(first);
      stop(second);
    }
    String binary = tmp.resolve("cache/litefs-v0.5.14/litefs").toString();
    assertThat(first.exitValue()).as(stderr()).isZero();
    assertThat(second.exitValue()).as(stderr()).isZero();
    assertThat(lastLine(tmp.resolve("first.out"))).isEqualTo(binary);
    assertThat(lastLine(tmp.resolve("second.out"))).isEqualTo(binary);
    assertThat(go.buildCount()).isEqualTo(1);
    assertThat(tmp.resolve("cache")).isDirectoryNotContaining("glob:**/.build-*");
  }

  @Test
  void withoutGoTheRecipeExitsThreeAndSaysToInstallGo() throws Exception {
    Path script = Files.writeString(tmp.resolve("provision.sh"), Provisioner.recipeText());
    ProcessBuilder builder =
        new ProcessBuilder("bash", script.toString(), "consul", tmp.resolve("cache").toString())
            .redirectErrorStream(true);
    builder.environment().put("PATH", "/usr/bin:/bin");
    Process run = builder.start();
    String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(run.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(run.exitValue()).isEqualTo(RecipeRun.MISSING_PREREQUISITE);
    assertThat(output).contains("Go is missing: install a Go toolchain (1.24 or newer");
  }

  /** The kernel's name of the process ({@code /proc/PID/comm}): set at exec, unlike Info. */
  private static boolean isFlock(ProcessHandle process) {
    try {
      return Files.readString(Path.of("/proc", Long.toString(process.pid()), "comm"))
          .strip()
          .equals("flock");
    } catch (IOException gone) {
      return false; // the process ended between listing and reading
    }
  }

  /** Ends a recipe run and what it started, so a failed test leaves no process behind. */
  private static void stop(Process run) {
    if (run != null && run.isAlive()) {
      run.descendants().forEach(ProcessHandle::destroyForcibly);
      run.destroyForcibly();
    }
  }

  private String stderr() throws IOException {
    Path file = tmp.resolve("stderr");
    return Files.exists(file) ? Files.readString(file) : "";
  }

  private static String lastLine(Path file) throws IOException {
    var lines = Files.readAllLines(file);
    return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
  }
}
