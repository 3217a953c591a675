package io.github.litefs4j.internal;

import java.lang.System.Logger.Level;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Makes HALT waits that block on the calling thread interruptible: one daemon thread ({@code
 * litefs4j-halt-watchdog}) looks at every registered wait every 10 ms and, once the waiting thread
 * is interrupted, cancels the wait with a FUSE Flush on its open file description (closing a {@code
 * dup} of the descriptor), repeated at each look until the wait ends, in case LiteFS had not
 * entered the wait yet. The thread starts with the first wait and ends after 60 s without one.
 * Registering a wait neither wakes nor waits for the watchdog.
 *
 * <p>Thread-safe. Internal: not exported.
 */
final class HaltWatchdog {
  private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
  private static final long LINGER_NANOS = TimeUnit.SECONDS.toNanos(60);
  private static final Set<Wait> WAITS = ConcurrentHashMap.newKeySet();

  /** Guarded by {@code HaltWatchdog.class}. */
  private static boolean running;

  private HaltWatchdog() {}

  /** One wait on the calling thread for a HALT on an open lock file. */
  static final class Wait {
    private final Thread thread;
    private final OfdLocks ofd;
    private final int fd;
    private final String lockFile;
    private boolean done;
    private boolean cancelled;

    Wait(Thread thread, OfdLocks ofd, int fd, String lockFile) {
      this.thread = thread;
      this.ofd = ofd;
      this.fd = fd;
      this.lockFile = lockFile;
    }

    /** True once the watchdog has sent a cancelling flush (the waiter may then stop retrying). */
    synchronized boolean isCancelled() {
      return cancelled;
    }

    /**
     * Called by the waiter when its call returned, before it uses or closes the descriptor: no
     * flush is sent after this.
     *
     * @return true if the watchdog cancelled the wait (a HALT granted meanwhile may be released)
     */
    synchronized boolean finish() {
      done = true;
      return cancelled;
    }

    /** Watchdog thread: flushes while the waiter is interrupted and still waiting. */
    private synchronized void check() {
      if (done || !thread.isInterrupted()) {
        return;
      }
      cancelled = true;
      try {
        ofd.close(ofd.dup(fd));
      } catch (ErrnoException e) {
        // LiteFS answers a flush that cancels a wait with success or EINTR; either way the
        // waiter's call ends, or the next look flushes again.
        HaltCoordinator.LOG.log(
            Level.DEBUG, () -> "cancelling flush of " + lockFile + ": " + e.getMessage(), e);
      }
    }
  }

  /** Starts watching {@code w}; call {@link #unwatch} after {@link Wait#finish()}. */
  static void watch(Wait w) {
    WAITS.add(w);
    synchronized (HaltWatchdog.class) {
      if (!running) {
        running = true;
        Thread t = new Thread(HaltWatchdog::loop, "litefs4j-halt-watchdog");
        t.setDaemon(true);
        t.start();
      }
    }
  }

  static void unwatch(Wait w) {
    WAITS.remove(w);
  }

  private static void loop() {
    long idleSince = System.nanoTime();
    while (true) {
      LockSupport.parkNanos(POLL_NANOS);
      Thread.interrupted(); // only the 60 s without waits ends this thread
      if (WAITS.isEmpty()) {
        if (System.nanoTime() - idleSince >= LINGER_NANOS) {
          synchronized (HaltWatchdog.class) {
            if (WAITS.isEmpty()) {
              running = false;
              return;
            }
          }
        }
        continue;
      }
      idleSince = System.nanoTime();
      for (Wait w : WAITS) {
        w.check();
      }
    }
  }
}
