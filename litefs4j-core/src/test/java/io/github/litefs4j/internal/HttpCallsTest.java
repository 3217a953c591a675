package io.github.litefs4j.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class HttpCallsTest {
  private static final URI NODE = URI.create("http://127.0.0.1:1");

  private static HttpCalls http(HttpClient supplied) {
    return new HttpCalls(NODE, supplied, Duration.ofSeconds(1), Duration.ofSeconds(2), Map.of());
  }

  @Test
  void theEventStreamHasAClientOfItsOwnThatRunsTasksOnTheSubmittingThread() {
    HttpCalls http = http(null);

    HttpClient events = http.eventClient();

    assertThat(events).isNotSameAs(http.client()).isSameAs(http.eventClient());
    assertThat(events.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
    assertThat(events.connectTimeout()).contains(Duration.ofSeconds(1));
    Executor executor = events.executor().orElseThrow();
    AtomicReference<Thread> ranOn = new AtomicReference<>();
    executor.execute(() -> ranOn.set(Thread.currentThread()));
    assertThat(ranOn.get()).isSameAs(Thread.currentThread());
  }

  @Test
  void otherCallsKeepTheJdkDefaultExecutor() {
    assertThat(http(null).client().executor()).isEmpty();
  }

  @Test
  void aSuppliedClientCarriesTheEventStreamToo() {
    HttpClient supplied = HttpClient.newHttpClient();
    HttpCalls http = http(supplied);

    assertThat(http.eventClient()).isSameAs(supplied);
    assertThat(http.client()).isSameAs(supplied);
  }
}
