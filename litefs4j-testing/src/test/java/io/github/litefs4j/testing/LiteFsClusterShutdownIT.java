package io.github.litefs4j.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A JVM that exits without closing its cluster leaves no process and no mount behind. */
class LiteFsClusterShutdownIT {
  @Test
  void shutdownHookStopsAndUnmountsAClusterLeftOpen() throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process child =
        new ProcessBuilder(
                java.toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "-Dlitefs4j.binary=" + System.getProperty("litefs4j.binary"),
                LeftOpenClusterMain.class.getName())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    Path baseDir = null;
    List<Long> pids = new ArrayList<>();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        if (line.startsWith("baseDir=")) {
          baseDir = Path.of(line.substring("baseDir=".length()));
        } else if (line.startsWith("pid=")) {
          pids.add(Long.parseLong(line.substring("pid=".length())));
        }
      }
    }
    assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("child JVM exits").isTrue();

    assertThat(child.exitValue()).isZero();
    assertThat(baseDir).as("the child started a cluster").isNotNull();
    assertThat(pids).hasSize(2);
    for (long pid : pids) {
      assertThat(OsState.processExists(pid)).as("litefs pid %d after JVM exit", pid).isFalse();
    }
    assertThat(OsState.mountsUnder(baseDir)).isEmpty();
    assertThat(baseDir).as("closed cleanly by the hook, so deleted").doesNotExist();
  }
}
