package io.github.litefs4j.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.litefs4j.testing.internal.Provisioner;
import io.github.litefs4j.testing.internal.Tool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Start failures: what the exception says, and that nothing is left running or mounted. */
class LiteFsClusterFailureIT {
  @TempDir Path tmp;

  @Test
  void missingBinaryFailsNamingThePathAndHowToInstall() throws IOException {
    Path missing = tmp.resolve("no-such-litefs");

    assertThatThrownBy(() -> LiteFsCluster.builder().binary(missing).baseDir(tmp).start())
        .isInstanceOf(LiteFsClusterException.class)
        .hasMessageContaining(missing.toString())
        .hasMessageContaining("does not exist")
        .hasMessageContaining("scripts/install-litefs")
        .hasMessageContaining("-Dlitefs4j.binary");
    assertThat(clusterDirs()).as("nothing is created before the binary is found").isEmpty();
  }

  @Test
  void binaryThatIsNotExecutableFails() throws IOException {
    Path notExecutable = Files.writeString(tmp.resolve("litefs"), "not a program");

    assertThatThrownBy(() -> LiteFsCluster.builder().binary(notExecutable).baseDir(tmp).start())
        .isInstanceOf(LiteFsClusterException.class)
        .hasMessageContaining(notExecutable.toString())
        .hasMessageContaining("is not executable");
  }

  @Test
  void nodeWhoseProcessExitsAtStartFailsWithItsLogTail() throws IOException {
    Path script =
        script(
            "exits-at-start",
            "echo 'litefs4j-test: refusing to start, config was' \"$3\"",
            "echo 'ERROR: invented start failure' >&2",
            "exit 3");

    assertThatThrownBy(() -> LiteFsCluster.builder().binary(script).baseDir(tmp).start())
        .isInstanceOf(LiteFsClusterException.class)
        .hasMessageContaining("node-0")
        .hasMessageContaining("exited with code 3 while waiting for its FUSE mount")
        .hasMessageContaining("ERROR: invented start failure")
        .hasMessageContaining("litefs4j-test: refusing to start, config was")
        .hasMessageContaining("litefs.log");
    assertNothingLeft();
  }

  @Test
  void replicaThatFailsAtStartStopsThePrimaryToo() throws IOException {
    Path litefs = realBinary();
    Path script =
        script(
            "replica-fails",
            "case \"$3\" in",
            "  */node-1/*) echo 'ERROR: replica start failure for the test' >&2; exit 1 ;;",
            "  *) exec '" + litefs + "' \"$@\" ;;",
            "esac");

    assertThatThrownBy(() -> LiteFsCluster.builder().binary(script).baseDir(tmp).start())
        .isInstanceOf(LiteFsClusterException.class)
        .hasMessageContaining("node-1")
        .hasMessageContaining("exited with code 1")
        .hasMessageContaining("ERROR: replica start failure for the test");
    assertNothingLeft();
    Path clusterDir = clusterDirs().get(0);
    assertThat(Files.readString(clusterDir.resolve("node-0/litefs.log")))
        .as("the primary really ran, and was stopped")
        .contains("connected to cluster, ready")
        .contains("litefs shut down complete");
  }

  @Test
  void nodeThatNeverMountsFailsAfterTheStartTimeoutAndIsKilled() throws IOException {
    Path script = script("hangs", "echo 'litefs4j-test: hanging'", "exec sleep 600");

    long started = System.nanoTime();
    assertThatThrownBy(
            () ->
                LiteFsCluster.builder()
                    .binary(script)
                    .baseDir(tmp)
                    .startTimeout(Duration.ofSeconds(2))
                    .start())
        .isInstanceOf(LiteFsClusterException.class)
        .hasMessageContaining("node-0 did not reach its FUSE mount")
        .hasMessageContaining("within PT2S")
        .hasMessageContaining("litefs4j-test: hanging");
    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .as("fails after the timeout, not much later")
        .isLessThan(Duration.ofSeconds(20));
    assertNothingLeft();
    try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
      assertThat(all.map(p -> p.info().commandLine().orElse("")))
          .noneMatch(cmd -> cmd.contains(tmp.toString()));
    }
  }

  @Test
  void restartOfANodeWhoseBinaryNowFailsReportsItsLogTailAndLeavesNoMount() throws IOException {
    Path litefs = realBinary();
    Path flag = tmp.resolve("fail-now");
    Path script =
        script(
            "fails-when-flagged",
            "if [ -e '" + flag + "' ]; then echo 'ERROR: flagged to fail' >&2; exit 4; fi",
            "exec '" + litefs + "' \"$@\"");
    try (LiteFsCluster cluster = LiteFsCluster.builder().binary(script).baseDir(tmp).start()) {
      LiteFsNode replica = cluster.replica(0);
      replica.kill();
      Files.createFile(flag);

      assertThatThrownBy(replica::start)
          .isInstanceOf(LiteFsClusterException.class)
          .hasMessageContaining("node-1 exited with code 4")
          .hasMessageContaining("ERROR: flagged to fail");
      assertThat(replica.isRunning()).isFalse();
      assertThat(OsState.mountsUnder(replica.mountDir())).isEmpty();

      Files.delete(flag);
      cluster.ensureRunning();
      assertThat(replica.isRunning()).isTrue();
    }
    assertNothingLeft();
  }

  @Test
  void interruptedStartKillsTheNodeRestoresTheFlagAndSaysWhatWasInterrupted() throws Exception {
    Path script = script("hangs-for-interrupt", "exec sleep 600");
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    AtomicBoolean flagAfter = new AtomicBoolean();
    CountDownLatch done = new CountDownLatch(1);
    Thread starter =
        new Thread(
            () -> {
              try {
                LiteFsCluster.builder()
                    .binary(script)
                    .baseDir(tmp)
                    .startTimeout(Duration.ofMinutes(5))
                    .start()
                    .close();
              } catch (Throwable t) {
                thrown.set(t);
              } finally {
                flagAfter.set(Thread.currentThread().isInterrupted());
                done.countDown();
              }
            },
            "litefs4j-test-starter");
    starter.start();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> clusterDirs().size() == 1 && logContains("hangs-for-interrupt"));

    starter.interrupt();

    assertThat(done.await(30, TimeUnit.SECONDS)).as("start returns after the interrupt").isTrue();
    assertThat(thrown.get())
        .isInstanceOf(LiteFsClusterException.class)
        .hasMessageContaining("node-0 was interrupted while starting; it was killed")
        .hasCauseInstanceOf(InterruptedException.class);
    assertThat(flagAfter).as("interrupt flag restored").isTrue();
    assertNothingLeft();
    try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
      assertThat(all.map(p -> p.info().commandLine().orElse("")))
          .noneMatch(cmd -> cmd.contains("sleep 600") && cmd.contains(tmp.toString()));
    }
  }

  private boolean logContains(String text) throws IOException {
    Path log = clusterDirs().get(0).resolve("node-0/litefs.log");
    return Files.exists(log) && Files.readString(log).contains(text);
  }

  private Path script(String name, String... lines) throws IOException {
    Path file = tmp.resolve(name + ".sh");
    Files.writeString(file, "#!/bin/sh\n" + String.join("\n", lines) + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
    return file;
  }

  /** The LiteFS the fixture itself would use (property, PATH, or the per-user cache). */
  private static Path realBinary() {
    return Provisioner.resolve(Tool.LITEFS, null);
  }

  private List<Path> clusterDirs() throws IOException {
    try (Stream<Path> children = Files.list(tmp)) {
      return children
          .filter(p -> p.getFileName().toString().startsWith("litefs4j-cluster-"))
          .collect(Collectors.toList());
    }
  }

  private void assertNothingLeft() throws IOException {
    assertThat(OsState.mountsUnder(tmp)).as("mounts under " + tmp).isEmpty();
    try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
      assertThat(all.map(p -> p.info().commandLine().orElse("")))
          .as("processes using " + tmp)
          .noneMatch(cmd -> cmd.contains(tmp.toString()) && cmd.contains("mount"));
    }
  }
}
