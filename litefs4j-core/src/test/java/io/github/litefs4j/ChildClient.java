package io.github.litefs4j;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@link HaltClientMain} in a JVM of its own, with the test's class and module path on its class
 * path: {@link #send} writes a command, {@link #answer} reads the next line it printed. Closing
 * ends its input, then kills it if it does not exit within 10 s.
 */
final class ChildClient implements AutoCloseable {
  private final Process process;
  private final PrintWriter commands;
  private final BufferedReader answers;

  private ChildClient(Process process) {
    this.process = process;
    this.commands =
        new PrintWriter(
            new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8),
            true);
    this.answers =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
  }

  /** Starts the client for {@code db} and waits for it to be ready. */
  static ChildClient start(Path db, Path stderr) throws IOException {
    List<String> path = new ArrayList<>();
    for (String property : List.of("java.class.path", "jdk.module.path")) {
      String value = System.getProperty(property);
      if (value != null && !value.isEmpty()) {
        path.add(value);
      }
    }
    List<String> command =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx128m",
            "-cp",
            String.join(File.pathSeparator, path),
            HaltClientMain.class.getName(),
            db.toString());
    Process p =
        new ProcessBuilder(command)
            .redirectError(ProcessBuilder.Redirect.to(stderr.toFile()))
            .start();
    ChildClient client = new ChildClient(p);
    String ready = client.answer();
    if (!"READY".equals(ready)) {
      client.close();
      throw new IllegalStateException("child client did not start: " + ready + ", see " + stderr);
    }
    return client;
  }

  void send(String command) {
    commands.println(command);
  }

  /** The next line the client printed (blocks; the test's own timeout bounds it). */
  String answer() throws IOException {
    String line = answers.readLine();
    return line == null ? "EOF" : line;
  }

  /** Sends {@code command} and returns the answer. */
  String ask(String command) throws IOException {
    send(command);
    return answer();
  }

  @Override
  public void close() {
    commands.close();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
