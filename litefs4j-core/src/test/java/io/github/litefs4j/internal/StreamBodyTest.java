package io.github.litefs4j.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class StreamBodyTest {
  private static final long SHORT = TimeUnit.MILLISECONDS.toNanos(1);

  /** A subscription that counts what the body asks for. */
  private static final class Recorded implements Flow.Subscription {
    final AtomicLong requested = new AtomicLong();
    final AtomicBoolean cancelled = new AtomicBoolean();

    @Override
    public void request(long n) {
      requested.addAndGet(n);
    }

    @Override
    public void cancel() {
      cancelled.set(true);
    }
  }

  private static List<ByteBuffer> chunk(String text) {
    return List.of(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void theNextChunkIsRequestedWhenTheReaderComesBackNotWhenItTakesOne() throws Exception {
    StreamBody body = new StreamBody();
    Recorded subscription = new Recorded();
    body.onSubscribe(subscription);
    assertThat(subscription.requested).hasValue(1);

    body.onNext(chunk("{\"type\":\"tx\"}\n"));
    StreamBody.Chunk first = body.poll(SHORT);

    assertThat(first.kind()).isEqualTo(StreamBody.Kind.DATA);
    assertThat(subscription.requested).as("still handling the chunk it took").hasValue(1);
    assertThat(body.poll(SHORT)).as("nothing more arrived").isNull();
    assertThat(subscription.requested).as("came back for more").hasValue(2);
    assertThat(body.poll(SHORT)).isNull();
    assertThat(subscription.requested).as("one chunk in advance, not one per poll").hasValue(2);
  }

  @Test
  void chunksEndAndFailuresComeInTheOrderTheyArrived() throws Exception {
    StreamBody body = new StreamBody();
    body.onSubscribe(new Recorded());
    body.onNext(chunk("a"));
    body.onNext(chunk("b"));
    body.onComplete();

    assertThat(body.poll(SHORT).buffers().get(0).get()).isEqualTo((byte) 'a');
    assertThat(body.poll(SHORT).buffers().get(0).get()).isEqualTo((byte) 'b');
    assertThat(body.poll(SHORT).kind()).isEqualTo(StreamBody.Kind.END);
  }

  @Test
  void cancelCancelsTheSubscriptionAndEndsTheReads() throws Exception {
    StreamBody body = new StreamBody();
    Recorded subscription = new Recorded();
    body.onSubscribe(subscription);
    body.onNext(chunk("unread"));

    body.cancel();

    assertThat(subscription.cancelled).isTrue();
    assertThat(body.poll(SHORT).kind()).isEqualTo(StreamBody.Kind.CANCELLED);
  }
}
