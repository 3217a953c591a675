package io.github.litefs4j.bench;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * HTTP load for P7, in the runner's JVM: an open-loop generator at a constant rate whose latencies
 * are measured from each operation's intended start (so a stalled server or client cannot hide its
 * queueing: no coordinated omission), and a closed-loop saturation run for throughput.
 *
 * <p>An operation is asynchronous ({@link java.net.http.HttpClient#sendAsync}), so the scheduler
 * never waits for a response before starting the next operation on time.
 */
final class LoadGen {
  private static final Duration DRAIN = Duration.ofSeconds(30);

  /** More failed requests than this share fail the run. */
  private static final double MAX_FAILED_SHARE = 0.05;

  private LoadGen() {}

  /**
   * What a run measured.
   *
   * @param samples the latencies of the successful operations (constant rate), or the operations
   *     completed per one-second window (closed loop)
   * @param failed how many operations failed (an error answer, a timeout); not in {@code samples}
   * @param firstFailure the first failure, or null
   */
  record Run(double[] samples, int failed, Throwable firstFailure) {}

  /** One asynchronous operation; completes with the latency to record, in nanoseconds. */
  interface Op {
    /**
     * Starts the operation.
     *
     * @param intendedNanos the {@link System#nanoTime()} at which the schedule meant to start it
     * @return its latency in nanoseconds, or a failure
     */
    CompletableFuture<Long> start(long intendedNanos);
  }

  /**
   * Starts {@code op} at {@code perSecond} for {@code duration}, each at its planned time {@code
   * start + i / perSecond} (late starts keep their planned time: the delay counts), and waits for
   * every one to finish.
   *
   * @return the latencies of the successful operations, in start order, and the failures
   * @throws IllegalStateException if more than 5% of the operations failed, or one did not finish
   *     within 30 s of the end
   */
  static Run constantRate(Op op, double perSecond, Duration duration) throws InterruptedException {
    int n = (int) Math.max(1, Math.round(perSecond * duration.toNanos() / 1e9));
    long interval = (long) (1e9 / perSecond);
    AtomicLongArray latencies = new AtomicLongArray(n);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    AtomicInteger failed = new AtomicInteger();
    CountDownLatch done = new CountDownLatch(n);
    long start = System.nanoTime();
    for (int i = 0; i < n && failed.get() <= n * MAX_FAILED_SHARE; i++) {
      long planned = start + i * interval;
      long wait;
      while ((wait = planned - System.nanoTime()) > 0) {
        LockSupport.parkNanos(wait);
      }
      int index = i;
      start(op, planned)
          .whenComplete(
              (latency, e) -> {
                if (e != null) {
                  failure.compareAndSet(null, e);
                  failed.incrementAndGet();
                  latencies.set(index, -1);
                } else {
                  latencies.set(index, latency);
                }
                done.countDown();
              });
    }
    checkFailures(failed.get(), n, failure.get());
    if (!done.await(duration.toNanos() + DRAIN.toNanos(), TimeUnit.NANOSECONDS)) {
      throw new IllegalStateException(
          done.getCount() + " of " + n + " P7 requests did not finish within " + DRAIN);
    }
    checkFailures(failed.get(), n, failure.get());
    double[] out = new double[n - failed.get()];
    for (int i = 0, k = 0; i < n; i++) {
      if (latencies.get(i) >= 0) {
        out[k++] = latencies.get(i);
      }
    }
    return new Run(out, failed.get(), failure.get());
  }

  private static void checkFailures(int failed, long attempted, Throwable first) {
    if (failed > attempted * MAX_FAILED_SHARE) {
      throw new IllegalStateException(
          failed + " of " + attempted + " P7 requests failed, the first: " + first, first);
    }
  }

  /**
   * Runs {@code workers} loops of {@code op}, each starting the next operation when the previous
   * one finishes, for {@code seconds} one-second windows.
   *
   * @return the operations completed in each window, per second, and the failures
   * @throws IllegalStateException if more than 5% of the operations failed
   */
  static Run closedLoop(Op op, int workers, int seconds) throws InterruptedException {
    long start = System.nanoTime();
    long end = start + TimeUnit.SECONDS.toNanos(seconds);
    AtomicLongArray perWindow = new AtomicLongArray(seconds);
    Failures failures = new Failures();
    CountDownLatch finished = new CountDownLatch(workers);
    for (int w = 0; w < workers; w++) {
      loop(op, start, end, perWindow, failures, finished);
    }
    if (!finished.await(seconds + DRAIN.toSeconds(), TimeUnit.SECONDS)) {
      throw new IllegalStateException("P7 closed-loop workers did not finish within " + DRAIN);
    }
    double[] rates = new double[seconds];
    long total = failures.count.get();
    for (int i = 0; i < seconds; i++) {
      rates[i] = perWindow.get(i);
      total += perWindow.get(i);
    }
    checkFailures(failures.count.get(), total, failures.first.get());
    return new Run(rates, failures.count.get(), failures.first.get());
  }

  /** The failures of a closed loop. */
  private static final class Failures {
    final AtomicInteger count = new AtomicInteger();
    final AtomicReference<Throwable> first = new AtomicReference<>();

    boolean tooMany() {
      return count.get() > 20;
    }
  }

  private static void loop(
      Op op,
      long start,
      long end,
      AtomicLongArray perWindow,
      Failures failures,
      CountDownLatch finished) {
    long now = System.nanoTime();
    if (now >= end || failures.tooMany()) {
      finished.countDown();
      return;
    }
    start(op, now)
        .whenComplete(
            (latency, e) -> {
              long t = System.nanoTime();
              if (e != null) {
                failures.first.compareAndSet(null, e);
                failures.count.incrementAndGet();
              } else if (t < end) {
                perWindow.incrementAndGet((int) ((t - start) / 1_000_000_000L));
              }
              loop(op, start, end, perWindow, failures, finished);
            });
  }

  /** Starts an operation; an exception thrown while starting becomes a failed future. */
  private static CompletableFuture<Long> start(Op op, long intended) {
    try {
      return op.start(intended);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }
}
