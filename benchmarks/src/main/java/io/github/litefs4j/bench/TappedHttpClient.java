package io.github.litefs4j.bench;

import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * P3's bench-only tap on litefs4j's transport: a JDK {@link HttpClient} (HTTP/1.1, as litefs4j
 * builds its own) that litefs4j is given through {@code LiteFsClientBuilder.httpClient}, so that
 * the runner sees two points of the path that litefs4j's API does not show: when the HttpClient's
 * selector thread hands a task to its executor (if it has a pool: a cached one like the JDK's
 * default, wrapped to note the time of each hand-off), and when the response body's bytes that
 * carry a {@code primaryChange} event reach litefs4j's body subscriber ({@code onNext}), on which
 * thread. Nothing of litefs4j is changed; the wrapper adds one indirection per call.
 *
 * <p>{@link #arm()} before a kill; {@link #handedOff()} and {@link #delivered()} after.
 */
final class TappedHttpClient extends HttpClient implements AutoCloseable {
  private static final byte[] MARK = "\"primaryChange\"".getBytes(StandardCharsets.US_ASCII);
  private static final ThreadLocal<long[]> HANDED_OFF = new ThreadLocal<>();

  private final boolean inline;
  private final ExecutorService pool;
  private final Executor executor;
  private final HttpClient delegate;
  private volatile boolean armed;
  private volatile long handedOff;
  private volatile long delivered;
  private volatile String deliveredOn = "?";

  /**
   * A tapped client.
   *
   * @param inline run the HttpClient's tasks on the thread that submits them (no hand-off: for the
   *     comparison); else hand them to a cached pool, as the JDK's default executor that litefs4j
   *     uses does, noting the time of each hand-off
   */
  TappedHttpClient(boolean inline) {
    this.inline = inline;
    this.pool =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "bench-tap-http-worker");
              t.setDaemon(true);
              return t;
            });
    this.executor =
        inline
            ? Runnable::run
            : task -> {
              long handedOff = System.nanoTime();
              pool.execute(
                  () -> {
                    HANDED_OFF.set(new long[] {handedOff});
                    task.run();
                  });
            };
    this.delegate =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .executor(executor)
            .build();
  }

  /** Whether tasks run on the submitting thread. */
  boolean inline() {
    return inline;
  }

  /** Forgets the last observation and watches for the next {@code primaryChange}. */
  void arm() {
    handedOff = 0;
    delivered = 0;
    armed = true;
  }

  /**
   * {@code System.nanoTime()} at which the selector thread handed off the task that delivered it,
   * or 0 if it was delivered on the selector thread itself (no hand-off) or not seen.
   */
  long handedOff() {
    return handedOff;
  }

  /** {@code System.nanoTime()} at which its bytes reached litefs4j's subscriber, or 0. */
  long delivered() {
    return delivered;
  }

  /** The name of the thread that called {@code onNext} with it. */
  String deliveredOn() {
    return deliveredOn;
  }

  private void onChunk(List<ByteBuffer> chunk) {
    if (!armed) {
      return;
    }
    for (ByteBuffer b : chunk) {
      if (contains(b)) {
        long now = System.nanoTime();
        armed = false;
        long[] h = HANDED_OFF.get();
        handedOff = h == null ? 0 : h[0];
        delivered = now;
        deliveredOn = Thread.currentThread().getName();
        return;
      }
    }
  }

  private static boolean contains(ByteBuffer b) {
    int end = b.limit() - MARK.length;
    outer:
    for (int i = b.position(); i <= end; i++) {
      for (int k = 0; k < MARK.length; k++) {
        if (b.get(i + k) != MARK[k]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  private final class Tap<T> implements HttpResponse.BodySubscriber<T> {
    private final HttpResponse.BodySubscriber<T> inner;

    Tap(HttpResponse.BodySubscriber<T> inner) {
      this.inner = inner;
    }

    @Override
    public CompletionStage<T> getBody() {
      return inner.getBody();
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      inner.onSubscribe(subscription);
    }

    @Override
    public void onNext(List<ByteBuffer> item) {
      onChunk(item);
      inner.onNext(item);
    }

    @Override
    public void onError(Throwable throwable) {
      inner.onError(throwable);
    }

    @Override
    public void onComplete() {
      inner.onComplete();
    }
  }

  private <T> HttpResponse.BodyHandler<T> tap(HttpResponse.BodyHandler<T> handler) {
    return info -> new Tap<>(handler.apply(info));
  }

  @Override
  public Optional<CookieHandler> cookieHandler() {
    return delegate.cookieHandler();
  }

  @Override
  public Optional<Duration> connectTimeout() {
    return delegate.connectTimeout();
  }

  @Override
  public Redirect followRedirects() {
    return delegate.followRedirects();
  }

  @Override
  public Optional<ProxySelector> proxy() {
    return delegate.proxy();
  }

  @Override
  public SSLContext sslContext() {
    return delegate.sslContext();
  }

  @Override
  public SSLParameters sslParameters() {
    return delegate.sslParameters();
  }

  @Override
  public Optional<Authenticator> authenticator() {
    return delegate.authenticator();
  }

  @Override
  public Version version() {
    return delegate.version();
  }

  @Override
  public Optional<Executor> executor() {
    return delegate.executor();
  }

  @Override
  public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
      throws IOException, InterruptedException {
    return delegate.send(request, tap(handler));
  }

  @Override
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(
      HttpRequest request, HttpResponse.BodyHandler<T> handler) {
    return delegate.sendAsync(request, tap(handler));
  }

  @Override
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(
      HttpRequest request,
      HttpResponse.BodyHandler<T> handler,
      HttpResponse.PushPromiseHandler<T> push) {
    return delegate.sendAsync(request, tap(handler), push);
  }

  /** Stops the pool's idle threads (the delegate's selector thread ends when it is collected). */
  @Override
  public void close() {
    pool.shutdown();
  }
}
