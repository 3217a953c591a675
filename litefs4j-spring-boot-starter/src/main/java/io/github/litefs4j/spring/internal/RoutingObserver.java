package io.github.litefs4j.spring.internal;

import io.github.litefs4j.spring.RoutingMode;
import java.time.Duration;

/**
 * What the routing code reports, so that meters can count it without the routing code knowing
 * Micrometer. Implementations must be thread-safe and must not throw.
 */
public interface RoutingObserver {

  /** Reports nothing. */
  RoutingObserver NOOP = new RoutingObserver() {};

  /**
   * A request passed the router.
   *
   * @param mode the configured mode
   * @param outcome what happened, one of the {@link Outcome} names
   */
  default void routed(RoutingMode mode, Outcome outcome) {}

  /**
   * A HALT for a write request was granted.
   *
   * @param took from asking to holding
   */
  default void haltAcquired(Duration took) {}

  /**
   * A HALT for a write request was not granted.
   *
   * @param reason {@code timeout}, {@code refused} (LiteFS said no) or {@code error}
   */
  default void haltFailed(String reason) {}

  /**
   * A read with a {@code __txid} cookie waited.
   *
   * @param took how long it waited
   * @param outcome {@code reached}, {@code timeout} or {@code invalid}
   */
  default void readYourWritesWaited(Duration took, String outcome) {}

  /** What the router did with a request. */
  enum Outcome {
    /** A read, or a write on the primary: served here. */
    LOCAL,
    /** Answered with fly-replay. */
    REPLAYED,
    /** Proxied to the primary's application, which answered. */
    FORWARDED,
    /** The primary's application could not be reached or did not answer in time. */
    FORWARD_FAILED,
    /** Served here under a HALT. */
    HALTED,
    /** The HALT was not granted: 503. */
    HALT_FAILED,
    /** Refused with 503 (mode refuse). */
    REFUSED,
    /** No primary known: 503. */
    NO_PRIMARY,
    /** A forwarded request reached a node that is not the primary: 508. */
    LOOP
  }
}
