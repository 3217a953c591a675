package io.github.litefs4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The raw lines of a node's {@code GET /events}, read with the plain JDK HttpClient and no litefs4j
 * code, to pin down exactly what LiteFS sends.
 */
final class RawEventLines implements AutoCloseable {
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final CompletableFuture<Flow.Subscription> subscription = new CompletableFuture<>();

  RawEventLines(HttpClient http, URI node) {
    http.sendAsync(
        HttpRequest.newBuilder(node.resolve("/events")).build(),
        HttpResponse.BodyHandlers.fromLineSubscriber(
            new Flow.Subscriber<String>() {
              @Override
              public void onSubscribe(Flow.Subscription s) {
                subscription.complete(s);
                s.request(Long.MAX_VALUE);
              }

              @Override
              public void onNext(String line) {
                lines.add(line);
              }

              @Override
              public void onError(Throwable error) {
                lines.add("ERROR " + error);
              }

              @Override
              public void onComplete() {
                lines.add("END");
              }
            }));
  }

  /** The next line that matches, skipping others, within {@code timeout}. */
  String next(Predicate<String> matching, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      String line = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      assertThat(line).as("a matching event line within " + timeout).isNotNull();
      if (matching.test(line)) {
        return line;
      }
    }
  }

  @Override
  public void close() {
    subscription.thenAccept(Flow.Subscription::cancel);
  }
}
