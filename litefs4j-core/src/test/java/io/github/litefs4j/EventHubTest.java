package io.github.litefs4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.litefs4j.testsupport.FakeHttpServer;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * One {@code /events} stream per client: subscriptions, the primary monitor and an event-driven
 * position waiter of one {@link LiteFsClient} share a single connection and thread, closed with the
 * last of them. Counted on a scripted server.
 */
class EventHubTest {
  @Test
  void listenersMonitorAndWaiterOfOneClientShareOneStreamClosedWithTheLast() throws Exception {
    CountDownLatch endStream = new CountDownLatch(1);
    try (FakeHttpServer server =
        FakeHttpServer.start(
                exchange -> {
                  exchange.startStream().send(Samples.INIT_REPLICA);
                  exchange.await(endStream);
                })
            .answerInfo(() -> Samples.INFO_REPLICA)) {
      LiteFsClient client = LiteFsClient.create(server.uri());
      Recorder first = new Recorder();
      Recorder second = new Recorder();

      EventWatcher a = client.subscribe(first);
      assertThat(first.take()).isEqualTo(new Recorder.Connected(false));
      assertThat(first.take()).isInstanceOf(InitEvent.class);
      // A late joiner gets the connection and the current status at once, from the same stream.
      EventWatcher b = client.subscribe(second);
      assertThat(second.take()).isEqualTo(new Recorder.Connected(false));
      assertThat(second.take()).isEqualTo(new InitEvent(false, java.util.Optional.of("node-a")));
      PrimaryMonitor monitor = client.monitorPrimary();
      assertThat(monitor.awaitReady(Duration.ofSeconds(10)).role())
          .isEqualTo(PrimaryState.Role.REPLICA);
      PositionWaiter waiter = PositionWaiter.withEvents(client);

      assertThat(server.connections() - server.infoRequests()).as("event streams").isEqualTo(1);
      assertThat(OurThreads.alive()).filteredOn(n -> n.startsWith("litefs4j-events")).hasSize(1);

      a.close();
      monitor.close();
      waiter.close();
      assertThat(b.isClosed()).isFalse();
      assertThat(OurThreads.alive()).filteredOn(n -> n.startsWith("litefs4j-events")).hasSize(1);
      b.close(); // the last user: the stream and its thread end
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> OurThreads.alive().stream().noneMatch(n -> n.startsWith("litefs4j-events")));

      // A new user opens a new stream.
      try (EventWatcher c = client.subscribe(new Recorder())) {
        await().atMost(Duration.ofSeconds(10)).until(c::isConnected);
        assertThat(server.connections() - server.infoRequests()).isEqualTo(2);
      }
      endStream.countDown();
    }
  }
}
