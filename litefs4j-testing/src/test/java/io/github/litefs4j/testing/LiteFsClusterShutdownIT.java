package io.github.litefs4j.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A JVM that exits without closing its cluster leaves no process and no mount behind; one that is
 * SIGKILLed leaves orphans that scripts/cleanup-litefs removes.
 */
class LiteFsClusterShutdownIT {
  /** What the child printed. */
  private record Child(Process process, Path baseDir, List<Long> pids) {}

  private static Child startChild(String... args) throws IOException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> command = new ArrayList<>(List.of(java.toString(), "-cp"));
    command.add(System.getProperty("java.class.path"));
    for (String property : List.of("litefs4j.binary", "litefs4j.consul", "litefs4j.cache")) {
      String value = System.getProperty(property);
      if (value != null && !value.isBlank()) {
        command.add("-D" + property + "=" + value);
      }
    }
    command.add(LeftOpenClusterMain.class.getName());
    command.addAll(List.of(args));
    Process child =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    Path baseDir = null;
    List<Long> pids = new ArrayList<>();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    for (String line = out.readLine(); line != null; line = out.readLine()) {
      if (line.startsWith("baseDir=")) {
        baseDir = Path.of(line.substring("baseDir=".length()));
      } else if (line.startsWith("pid=")) {
        pids.add(Long.parseLong(line.substring("pid=".length())));
      } else if (line.equals("started")) {
        break;
      }
    }
    assertThat(baseDir).as("the child started a cluster").isNotNull();
    return new Child(child, baseDir, pids);
  }

  private static void assertNothingLeft(Child child) throws IOException {
    for (long pid : child.pids()) {
      assertThat(OsState.processExists(pid)).as("pid %d after JVM exit", pid).isFalse();
    }
    assertThat(OsState.mountsUnder(child.baseDir())).isEmpty();
  }

  @Test
  void shutdownHookStopsAndUnmountsAClusterLeftOpen() throws Exception {
    Child child = startChild();
    assertThat(child.process().waitFor(60, TimeUnit.SECONDS)).as("child JVM exits").isTrue();

    assertThat(child.process().exitValue()).isZero();
    assertThat(child.pids()).hasSize(2);
    assertNothingLeft(child);
    assertThat(child.baseDir()).as("closed cleanly by the hook, so deleted").doesNotExist();
  }

  @Test
  void shutdownHookAlsoStopsTheConsulAgent() throws Exception {
    Child child = startChild("consul");
    assertThat(child.process().waitFor(60, TimeUnit.SECONDS)).as("child JVM exits").isTrue();

    assertThat(child.pids()).as("2 nodes and the agent").hasSize(3);
    assertNothingLeft(child);
    assertThat(child.baseDir()).doesNotExist();
  }

  @Test
  void cleanupScriptRemovesWhatASigkilledJvmLeft() throws Exception {
    Child child = startChild("consul", "wait");
    child.process().destroyForcibly(); // SIGKILL: no shutdown hook runs
    assertThat(child.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
    for (long pid : child.pids()) {
      assertThat(OsState.processExists(pid)).as("orphan pid %d before cleanup", pid).isTrue();
    }

    Process cleanup =
        new ProcessBuilder("bash", Path.of("..", "scripts", "cleanup-litefs").toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(cleanup.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(cleanup.waitFor(60, TimeUnit.SECONDS)).isTrue();

    assertThat(cleanup.exitValue()).as(output).isZero();
    assertNothingLeft(child);
  }
}
