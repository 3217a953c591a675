package io.github.litefs4j.internal;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The shared daemon threads of HALT handling: a cached pool ({@code litefs4j-halt-N}) for the
 * blocking lock calls, which {@link Thread#interrupt()} cannot stop, and one timer thread ({@code
 * litefs4j-halt-ttl}) for TTL warnings. Idle pool threads end after 60 s. Internal: not exported.
 */
final class HaltThreads {
  /** Runs blocking {@code open}/{@code fcntl}/{@code close} calls on lock files. */
  static final ExecutorService WORKERS =
      new ThreadPoolExecutor(
          0,
          Integer.MAX_VALUE,
          60,
          TimeUnit.SECONDS,
          new SynchronousQueue<>(),
          daemons("litefs4j-halt-", true));

  /** Fires TTL warnings for held HALTs. */
  static final ScheduledThreadPoolExecutor TIMER = timer();

  private HaltThreads() {}

  private static ScheduledThreadPoolExecutor timer() {
    ScheduledThreadPoolExecutor t =
        new ScheduledThreadPoolExecutor(1, daemons("litefs4j-halt-ttl", false));
    t.setRemoveOnCancelPolicy(true);
    return t;
  }

  private static ThreadFactory daemons(String name, boolean numbered) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, numbered ? name + n.incrementAndGet() : name);
      t.setDaemon(true);
      return t;
    };
  }
}
