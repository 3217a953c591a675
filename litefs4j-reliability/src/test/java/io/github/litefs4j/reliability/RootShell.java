package io.github.litefs4j.reliability;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One long-lived {@code bash} that runs the test's network commands ({@code ip ...}). It exists so
 * that the test JVM starts no child process while it holds a HALT: a child started then inherits
 * the lock's descriptor and releases the HALT when it execs. The shell is started before any HALT,
 * so neither it nor the commands it runs hold the descriptor. Not thread-safe.
 */
final class RootShell implements AutoCloseable {
  private static final String MARK = "__l4j_rc=";
  private final Process bash;
  private final Writer in;
  private final BufferedReader out;

  RootShell() {
    try {
      bash = new ProcessBuilder("bash", "--noprofile", "--norc").redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start bash", e);
    }
    in = new OutputStreamWriter(bash.getOutputStream(), StandardCharsets.UTF_8);
    out = new BufferedReader(new InputStreamReader(bash.getInputStream(), StandardCharsets.UTF_8));
    run("export PATH=\"/usr/sbin:/sbin:$PATH\""); // ip lives in /usr/sbin, not always on PATH
  }

  /** Runs a command line; returns its output. */
  String run(String command) {
    List<String> lines = new ArrayList<>();
    int rc = exec(command, lines);
    if (rc != 0) {
      throw new IllegalStateException(
          "command failed with " + rc + ": " + command + "\n" + String.join("\n", lines));
    }
    return String.join("\n", lines);
  }

  /** Runs a command line and ignores its failure (for cleanup). */
  void runQuietly(String command) {
    exec(command, new ArrayList<>());
  }

  private int exec(String command, List<String> lines) {
    try {
      in.write(command + " 2>&1; echo " + MARK + "$?\n");
      in.flush();
      String line;
      while ((line = out.readLine()) != null) {
        if (line.startsWith(MARK)) {
          return Integer.parseInt(line.substring(MARK.length()).strip());
        }
        lines.add(line);
      }
      throw new IllegalStateException("bash ended while running: " + command);
    } catch (IOException e) {
      throw new UncheckedIOException("bash failed running: " + command, e);
    }
  }

  @Override
  public void close() throws InterruptedException {
    try {
      in.write("exit\n");
      in.flush();
    } catch (IOException e) {
      bash.destroy(); // its stdin is gone: it ends on SIGTERM instead
    }
    if (!bash.waitFor(5, TimeUnit.SECONDS)) {
      bash.destroyForcibly();
    }
  }
}
