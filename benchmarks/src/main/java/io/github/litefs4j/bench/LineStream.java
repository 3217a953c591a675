package io.github.litefs4j.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** The JSON lines a helper process prints, read on a daemon thread as they come. */
final class LineStream {
  private final BlockingQueue<Map<String, Object>> lines = new LinkedBlockingQueue<>();
  private final String what;

  LineStream(Process process, String what) {
    this.what = what;
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                  if (line.startsWith("{")) {
                    lines.add(Json.parseObject(line));
                  }
                }
              } catch (IOException e) {
                // the process ended; whoever waits times out or has what it needs
              }
            },
            "bench-lines-" + what);
    reader.setDaemon(true);
    reader.start();
  }

  /** Waits for the next line that matches, skipping others. */
  Map<String, Object> await(Predicate<Map<String, Object>> match, Duration timeout, String awaited)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Map<String, Object> line = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (line == null) {
        throw new IllegalStateException(
            "timed out after " + timeout + " waiting for " + what + " to print " + awaited);
      }
      if (match.test(line)) {
        return line;
      }
    }
  }
}
