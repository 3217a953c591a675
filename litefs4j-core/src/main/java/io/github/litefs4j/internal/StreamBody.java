package io.github.litefs4j.internal;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A response body handed over chunk by chunk to one reading thread, with a timed wait, and which
 * any thread can cancel to wake that reader. Unlike {@code BodyHandlers.ofInputStream()}, a read
 * can time out without losing the stream, and no thread of our own is needed: the HttpClient's
 * executor delivers the chunks.
 *
 * <p>Back-pressure: one chunk is requested in advance; the next only when the reader takes one, so
 * the HttpClient stops reading the socket while the consumer is slow (and LiteFS eventually drops a
 * subscriber that falls too far behind, as it should).
 *
 * <p>{@link #poll(long)} is for one thread at a time; {@link #cancel()} for any thread. Internal:
 * not exported.
 */
final class StreamBody implements HttpResponse.BodySubscriber<StreamBody> {

  /** What arrived: bytes, the end of the body, a failure, or the cancellation of the exchange. */
  enum Kind {
    DATA,
    END,
    FAILED,
    CANCELLED
  }

  /**
   * One item of the body: {@code buffers} for {@link Kind#DATA}, {@code failure} for {@link
   * Kind#FAILED}.
   */
  record Chunk(Kind kind, List<ByteBuffer> buffers, Throwable failure) {
    static final Chunk END = new Chunk(Kind.END, List.of(), null);
    static final Chunk CANCELLED = new Chunk(Kind.CANCELLED, List.of(), null);
  }

  private final BlockingQueue<Chunk> queue = new LinkedBlockingQueue<>();
  private volatile Flow.Subscription subscription;
  private volatile boolean cancelled;

  @Override
  public void onSubscribe(Flow.Subscription s) {
    subscription = s;
    if (cancelled) {
      s.cancel();
    } else {
      s.request(1);
    }
  }

  @Override
  public void onNext(List<ByteBuffer> chunk) {
    queue.add(new Chunk(Kind.DATA, chunk, null));
  }

  @Override
  public void onError(Throwable error) {
    queue.add(new Chunk(Kind.FAILED, List.of(), error));
  }

  @Override
  public void onComplete() {
    queue.add(Chunk.END);
  }

  @Override
  public CompletionStage<StreamBody> getBody() {
    return CompletableFuture.completedFuture(this);
  }

  /**
   * Waits up to {@code nanos} for the next item: a {@code List<ByteBuffer>} chunk, {@link #END}, a
   * {@link Failure}, or {@link #CANCELLED}; null on timeout. Taking a chunk requests the next one.
   */
  Chunk poll(long nanos) throws InterruptedException {
    if (cancelled) {
      return Chunk.CANCELLED;
    }
    Chunk item = queue.poll(nanos, TimeUnit.NANOSECONDS);
    if (cancelled) {
      return Chunk.CANCELLED;
    }
    if (item != null && item.kind() == Kind.DATA) {
      // A chunk can only arrive after onSubscribe, so the subscription is set.
      subscription.request(1);
    }
    return item;
  }

  /**
   * Up to {@code max} bytes of the body as UTF-8 text (an error body), waiting at most {@code
   * nanos} in all; an end, failure, cancellation or timeout keeps what arrived by then.
   */
  String readText(int max, long nanos) throws InterruptedException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long deadline = System.nanoTime() + nanos;
    while (out.size() < max) {
      Chunk item = poll(deadline - System.nanoTime());
      if (item == null || item.kind() != Kind.DATA) {
        break;
      }
      for (ByteBuffer b : item.buffers()) {
        byte[] bytes = new byte[Math.min(b.remaining(), max - out.size())];
        b.get(bytes);
        out.write(bytes, 0, bytes.length);
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /** Aborts the exchange (the connection is closed) and wakes a waiting {@link #poll}. */
  void cancel() {
    cancelled = true;
    Flow.Subscription s = subscription;
    if (s != null) {
      s.cancel();
    }
    queue.add(Chunk.CANCELLED);
  }
}
