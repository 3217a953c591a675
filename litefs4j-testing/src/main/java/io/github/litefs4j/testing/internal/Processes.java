package io.github.litefs4j.testing.internal;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Waiting for child processes to exit.
 *
 * <p>Stateless and thread-safe.
 */
final class Processes {
  private Processes() {}

  /**
   * Waits up to {@code timeout} for {@code p} to exit. An interrupt does not cut the wait short (a
   * cleanup must finish); the flag is restored afterwards.
   *
   * @return whether it exited
   */
  static boolean waitForExit(Process p, Duration timeout) {
    boolean interrupted = false;
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      while (true) {
        try {
          return p.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Whether {@code p} was started and is alive. */
  static boolean isAlive(Process p) {
    return p != null && p.isAlive();
  }

  /**
   * The pid of a live process.
   *
   * @throws IllegalStateException with {@code notRunning} if it was not started or has exited
   */
  static long pid(Process p, String notRunning) {
    if (!isAlive(p)) {
      throw new IllegalStateException(notRunning);
    }
    return p.pid();
  }
}
