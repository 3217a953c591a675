package io.github.litefs4j.internal;

import java.lang.System.Logger.Level;
import java.util.concurrent.TimeUnit;

/** The close-time wait shared by the threads that call listeners. Internal: not exported. */
final class ListenerThreads {
  private static final System.Logger LOG = System.getLogger("io.github.litefs4j");

  private ListenerThreads() {}

  /**
   * Waits up to {@code seconds} for a listener-calling thread to end after its owner was closed,
   * and logs a warning if it is still in a listener call then. Returns at once when called from
   * that thread itself (a listener closing its owner: the thread ends when the listener returns).
   * Never throws; an interrupt of the waiting thread is kept in its flag.
   */
  static void awaitEnd(Thread thread, long seconds) {
    if (Thread.currentThread() == thread) {
      return;
    }
    try {
      thread.join(TimeUnit.SECONDS.toMillis(seconds));
      if (thread.isAlive()) {
        LOG.log(
            Level.WARNING,
            "{0} did not end within {1} s after close(): a listener call is still running",
            thread.getName(),
            seconds);
      }
    } catch (InterruptedException e) {
      // close() never throws; the thread ends on its own once the listener returns.
      Thread.currentThread().interrupt();
    }
  }
}
