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
}
