package io.github.litefs4j.internal;

import io.github.litefs4j.Event;
import io.github.litefs4j.EventListener;
import io.github.litefs4j.EventWatcher;
import io.github.litefs4j.InitEvent;
import io.github.litefs4j.LiteFsException;
import io.github.litefs4j.LiteFsInterruptedException;
import io.github.litefs4j.LiteFsTimeoutException;
import io.github.litefs4j.ReconnectPolicy;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@link EventWatcher}: one daemon thread that reads an {@link HttpEventSubscription}, calls the
 * listener, and after any failure waits a {@link Backoff} delay (woken at once by {@link #close()})
 * before reading again, which reconnects. Internal: not exported.
 */
public final class ReconnectingEventWatcher implements EventWatcher {
  static final System.Logger LOG = System.getLogger("io.github.litefs4j.events");
  private static final AtomicInteger THREADS = new AtomicInteger();
  private static final long CLOSE_WAIT_SECONDS = 10;

  private final HttpEventSubscription subscription;
  private final EventListener listener;
  private final Backoff backoff;
  private final Duration idleTimeout;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final CountDownLatch closedLatch = new CountDownLatch(1);
  private final Thread thread;
  private volatile boolean connected;

  private ReconnectingEventWatcher(
      HttpCalls http, EventListener listener, ReconnectPolicy policy, String threadPrefix) {
    this.subscription = new HttpEventSubscription(http);
    this.listener = listener;
    this.backoff = new Backoff(policy.initialDelay(), policy.maxDelay());
    this.idleTimeout = policy.idleTimeout().orElse(null);
    this.thread = new Thread(this::run, threadPrefix + "-" + THREADS.incrementAndGet());
    thread.setDaemon(true);
  }

  /**
   * Starts a watcher whose thread is named {@code <threadPrefix>-N}.
   *
   * @param threadPrefix starts with {@code litefs4j-}
   */
  public static ReconnectingEventWatcher start(
      HttpCalls http, EventListener listener, ReconnectPolicy policy, String threadPrefix) {
    ReconnectingEventWatcher watcher =
        new ReconnectingEventWatcher(http, listener, policy, threadPrefix);
    watcher.thread.start();
    return watcher;
  }

  @Override
  public boolean isConnected() {
    return connected;
  }

  @Override
  public boolean isClosed() {
    return closed.get();
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      awaitThreadEnd();
      return;
    }
    subscription.close(); // wakes a read
    closedLatch.countDown(); // wakes a backoff wait
    awaitThreadEnd();
  }

  private void awaitThreadEnd() {
    ListenerThreads.awaitEnd(thread, CLOSE_WAIT_SECONDS);
  }

  private void run() {
    try {
      loop();
    } finally {
      connected = false;
      subscription.close(); // also when a listener threw an Error: never leave a stream open
    }
  }

  private void loop() {
    boolean delivered = false; // a stream of this watcher delivered its init event
    while (!closed.get()) {
      try {
        if (subscription.connect()) {
          connected = true;
          boolean gap = delivered;
          callListener(() -> listener.onConnected(gap), "onConnected");
        }
        Event event = idleTimeout == null ? subscription.next() : subscription.next(idleTimeout);
        if (event instanceof InitEvent) {
          backoff.reset();
          delivered = true;
        }
        callListener(() -> listener.onEvent(event), "onEvent");
      } catch (IllegalStateException e) {
        break;
      } catch (LiteFsInterruptedException e) {
        // Only close() stops this thread. A stray interrupt (from a listener, say) is cleared;
        // the stream is still open and the loop reads on.
        Thread.interrupted();
        LOG.log(Level.DEBUG, "{0} ignored an interrupt", thread.getName());
      } catch (LiteFsException e) {
        if (closed.get()) {
          break;
        }
        if (e instanceof LiteFsTimeoutException) {
          subscription.disconnect(); // the idle timeout; other failures already dropped it
        }
        connected = false;
        Duration delay = backoff.nextDelay();
        LOG.log(
            Level.DEBUG, "event stream {0}: {1}; retrying in {2}", subscription.uri(), e, delay);
        callListener(() -> listener.onDisconnected(e, delay), "onDisconnected");
        if (awaitClosed(delay)) {
          break;
        }
      }
    }
  }

  /** Waits {@code delay}, or less if closed meanwhile; true if closed. */
  private boolean awaitClosed(Duration delay) {
    long deadline = System.nanoTime() + delay.toNanos();
    while (true) {
      try {
        return closedLatch.await(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        if (closed.get()) {
          return true;
        }
        LOG.log(Level.DEBUG, "{0} ignored an interrupt during backoff", thread.getName());
      }
    }
  }

  private void callListener(Runnable call, String method) {
    if (closed.get()) {
      return;
    }
    try {
      call.run();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "EventListener." + method + " threw; the stream goes on", e);
    }
  }
}
