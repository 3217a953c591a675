package io.github.litefs4j;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A minimal reader of a node's {@code GET /events} lines for the ITs, independent of the library:
 * the tx event a test compares positions with is read here, not through the code under test.
 */
final class EventLines implements AutoCloseable {
  private static final Pattern TX =
      Pattern.compile(
          "\"type\":\"tx\",\"db\":\"([^\"]+)\",\"data\":\\{\"txID\":\"([0-9a-f]{16})\","
              + "\"postApplyChecksum\":\"([0-9a-f]{16})\"");

  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final Stream<String> stream;
  private final Thread reader;

  EventLines(URI node) throws Exception {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(node + "/events"))
            .timeout(Duration.ofSeconds(10))
            .build();
    stream = client.send(request, HttpResponse.BodyHandlers.ofLines()).body();
    reader = new Thread(() -> stream.forEach(lines::add), "test-event-lines");
    reader.setDaemon(true);
    reader.start();
    String first = next();
    if (!first.contains("\"type\":\"init\"")) {
      throw new AssertionError("first event is not init: " + first);
    }
  }

  /** The next line, waiting up to 30 s. */
  String next() throws InterruptedException {
    String line = lines.poll(30, TimeUnit.SECONDS);
    if (line == null) {
      throw new AssertionError("no event within 30 s");
    }
    return line;
  }

  /** The position of the next tx event for {@code db}, skipping other events. */
  Position nextTx(String db) throws InterruptedException {
    while (true) {
      Optional<Position> tx = txOf(next(), db);
      if (tx.isPresent()) {
        return tx.get();
      }
    }
  }

  static Optional<Position> txOf(String line, String db) {
    Matcher m = TX.matcher(line);
    if (!m.find() || !m.group(1).equals(db)) {
      return Optional.empty();
    }
    return Optional.of(Position.parse(m.group(2) + "/" + m.group(3)));
  }

  @Override
  public void close() {
    stream.close();
    reader.interrupt();
  }
}
