package io.github.litefs4j.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.litefs4j.Event;
import io.github.litefs4j.EventSubscription;
import io.github.litefs4j.InitEvent;
import io.github.litefs4j.LiteFsClient;
import io.github.litefs4j.LiteFsException;
import io.github.litefs4j.LiteFsProtocolException;
import io.github.litefs4j.LiteFsTimeoutException;
import io.github.litefs4j.reliability.FuzzEventLines.Kind;
import io.github.litefs4j.reliability.FuzzEventLines.Line;
import io.github.litefs4j.testsupport.FakeExchange;
import io.github.litefs4j.testsupport.FakeHttpServer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A slice of the fuzzing through the public pull subscription: a socket-level server streams 200
 * event streams (x100 with {@code -Dlitefs4j.long=true}), each a new connection after the previous
 * one failed or ended, every one an {@code init}, well-formed events, then generated lines
 * (damaged, random, over 1 MiB: at random and in every {@value #TOO_LARGE_EVERY}th stream), cut
 * into random HTTP chunks that split lines and UTF-8 sequences. Every {@code next()} returns the
 * event that was sent or throws a {@link LiteFsException}; after a failure the next call reconnects
 * and starts with an {@code init}; no call hangs. The streams derive from the run seed of {@link
 * Seeds} ({@code -Dlitefs4j.runSeed=<seed>} replays a run).
 */
class EventStreamFuzzTest {
  private static final int STREAMS = Seeds.scaled(200);

  /** Every this many streams, the first damaged line is over the 1 MiB limit. */
  static final int TOO_LARGE_EVERY = 40;

  private static final byte[] INIT =
      Garbage.utf8("{\"type\":\"init\",\"data\":{\"isPrimary\":true}}");

  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicLong linesSent = new AtomicLong();
  private final Map<Integer, List<Event>> wellFormedPrefix = new ConcurrentHashMap<>();

  @Test
  void generatedStreamsGiveTheirEventsOrTypedFailuresAndAlwaysRecover() throws Exception {
    long seed = Seeds.runSeed();
    try (FakeHttpServer server = FakeHttpServer.start(ex -> serve(ex, seed))) {
      LiteFsClient client = LiteFsClient.create(server.uri());
      Map<String, Integer> outcomes = new TreeMap<>();
      long events = 0;
      long matched = 0;
      try (EventSubscription subscription = client.subscribeEvents()) {
        boolean newStream = true;
        List<Event> expected = List.of();
        int position = 0;
        while (connections.get() < STREAMS || !newStream) {
          Event event;
          try {
            event = subscription.next(Duration.ofSeconds(10));
          } catch (LiteFsTimeoutException e) {
            throw new AssertionError("a read hung (" + rerun(seed) + ")", e);
          } catch (LiteFsException e) {
            outcomes.merge(CoreUnderTest.outcomeName(e), 1, Integer::sum);
            assertThat(e.getMessage()).isNotBlank();
            newStream = true;
            continue;
          }
          events++;
          outcomes.merge(event.getClass().getSimpleName(), 1, Integer::sum);
          if (newStream) {
            assertThat(event)
                .as("first event of a stream (%s)", rerun(seed))
                .isInstanceOf(InitEvent.class);
            expected = wellFormedPrefix.getOrDefault(connections.get() - 1, List.of());
            position = 0;
            newStream = false;
          } else if (position < expected.size()) {
            assertThat(event)
                .as("event %d (%s)", position, rerun(seed))
                .isEqualTo(expected.get(position));
            position++;
            matched++;
          }
        }
      }
      Figures.of("EventStreamFuzzTest")
          .put("runSeed", Seeds.hex(seed))
          .put("streams", connections.get())
          .put("linesSent", linesSent.get())
          .put("eventsReceived", events)
          .put("wellFormedMatched", matched)
          .put("outcomes", outcomes)
          .report();
      assertThat(connections.get()).isGreaterThanOrEqualTo(STREAMS);
      assertThat(outcomes)
          .as(rerun(seed))
          .containsKeys(
              outcome(LiteFsProtocolException.Reason.EVENT_STREAM),
              outcome(LiteFsProtocolException.Reason.EVENT_TOO_LARGE));
    }
  }

  private static String rerun(long seed) {
    return "run seed "
        + Seeds.hex(seed)
        + ", rerun with -D"
        + Seeds.RUN_SEED
        + "="
        + Seeds.hex(seed);
  }

  /** The outcome name of a protocol failure of that reason, as {@link CoreUnderTest} gives it. */
  private static String outcome(LiteFsProtocolException.Reason reason) {
    return LiteFsProtocolException.class.getSimpleName() + "(" + reason + ")";
  }

  private void serve(FakeExchange ex, long seed) throws Exception {
    int index = connections.getAndIncrement();
    Random r = new Random(seed + index);
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(INIT);
    body.write('\n');
    List<Event> prefix = new ArrayList<>();
    int valid = r.nextInt(5);
    for (int i = 0; i < valid; i++) {
      Line line = FuzzEventLines.valid(r, 0);
      body.write(line.bytes());
      body.write('\n');
      prefix.add(line.expected());
    }
    wellFormedPrefix.put(index, prefix);
    int damaged = 1 + r.nextInt(10);
    for (int i = 0; i < damaged; i++) {
      boolean tooLarge = r.nextInt(100) == 0 || (i == 0 && index % TOO_LARGE_EVERY == 0);
      byte[] bytes =
          tooLarge
              ? Garbage.utf8("{\"type\":\"tx\",\"db\":\"" + "x".repeat((1 << 20) + 10) + "\"}")
              : FuzzEventLines.generate(Kind.values()[r.nextInt(Kind.values().length)], r).bytes();
      body.write(bytes);
      if (r.nextInt(10) != 0) {
        body.write('\n'); // else the stream ends mid-line
      }
    }
    linesSent.addAndGet(1 + valid + damaged);
    byte[] all = body.toByteArray();
    ex.respondHead(200, "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n");
    int at = 0;
    while (at < all.length) {
      int n = Math.min(all.length - at, 1 + r.nextInt(r.nextBoolean() ? 16 : 65536));
      ex.out().write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
      ex.out().write(all, at, n);
      ex.out().write("\r\n".getBytes(StandardCharsets.US_ASCII));
      ex.out().flush();
      at += n;
    }
    ex.out().write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    ex.out().flush();
  }
}
