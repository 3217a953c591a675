package io.github.litefs4j.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The TTL warnings of held HALTs, on {@link HaltThreads#TIMER} without a timer task per HALT: a
 * HALT registers its due time, and a sweep is scheduled only when none is pending at or before that
 * time. HALTs taken one after another (each due later than the pending sweep) therefore neither
 * schedule nor cancel anything and never wake the timer thread; a sweep warns the HALTs that are
 * due and schedules the next sweep for the earliest one left.
 *
 * <p>Thread-safe. Internal: not exported.
 */
final class TtlWarnings {
  private static final Map<HaltHandle, Long> DUE = new ConcurrentHashMap<>();

  /** The {@code System.nanoTime()} of the earliest pending sweep, or null if none is pending. */
  private static final AtomicReference<Long> SWEEP = new AtomicReference<>();

  private TtlWarnings() {}

  /** Warns through {@link HaltHandle#warnPastTtl()} at {@code dueNanos} unless unwatched. */
  static void watch(HaltHandle halt, long dueNanos) {
    DUE.put(halt, dueNanos);
    sweepBy(dueNanos);
  }

  /** The HALT was released: no warning. */
  static void unwatch(HaltHandle halt) {
    DUE.remove(halt);
  }

  private static void sweepBy(long dueNanos) {
    while (true) {
      Long pending = SWEEP.get();
      if (pending != null && pending - dueNanos <= 0) {
        return; // that sweep sees this HALT and schedules the next one if it is not due yet
      }
      if (SWEEP.compareAndSet(pending, dueNanos)) {
        HaltThreads.TIMER.schedule(
            TtlWarnings::sweep, Math.max(0, dueNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        return;
      }
    }
  }

  private static void sweep() {
    SWEEP.set(null);
    long now = System.nanoTime();
    Long next = null;
    for (Map.Entry<HaltHandle, Long> e : DUE.entrySet()) {
      long due = e.getValue();
      if (due - now <= 0) {
        if (DUE.remove(e.getKey(), e.getValue())) {
          e.getKey().warnPastTtl();
        }
      } else if (next == null || due - next < 0) {
        next = due;
      }
    }
    if (next != null) {
      sweepBy(next);
    }
  }
}
