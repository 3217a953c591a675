package io.github.litefs4j;

import java.util.Optional;

/**
 * An event from a LiteFS node's event stream ({@code GET /events}).
 *
 * <p>The set is closed: {@link InitEvent} (always the first event of a stream), {@link TxEvent} (a
 * transaction committed on the primary or applied on a replica), {@link PrimaryChangeEvent} (the
 * node gained or lost the lease, or a replica connected to or lost its primary) and {@link
 * UnknownEvent} (anything else, so that a newer LiteFS cannot break a stream). {@link
 * Event.PrimaryStatus} groups the two events that carry the primary status.
 *
 * <pre>{@code
 * if (event instanceof TxEvent tx) {
 *   cache.invalidate(tx.database(), tx.position());
 * } else if (event instanceof Event.PrimaryStatus status) {
 *   log.info("primary: " + status.isPrimary() + " " + status.primaryHostname());
 * }
 * }</pre>
 *
 * <p>Events are immutable values and thread-safe.
 */
public sealed interface Event permits Event.PrimaryStatus, TxEvent, UnknownEvent {

  /**
   * The event's type as LiteFS names it on the wire.
   *
   * @return {@code "init"}, {@code "tx"}, {@code "primaryChange"} or, for an {@link UnknownEvent},
   *     whatever the node sent
   */
  String type();

  /**
   * An event that states the node's primary status: {@link InitEvent} or {@link
   * PrimaryChangeEvent}. LiteFS sends the same data in both.
   *
   * <p>Three cases: {@code isPrimary()} true (this node holds the lease; LiteFS sends no hostname
   * to the primary itself, so {@link #primaryHostname()} is empty); false with a hostname (a
   * replica connected to that primary); false without one (a replica that currently knows no
   * primary).
   */
  sealed interface PrimaryStatus extends Event permits InitEvent, PrimaryChangeEvent {

    /**
     * Whether this node holds the primary lease.
     *
     * @return true on the primary
     */
    boolean isPrimary();

    /**
     * The hostname of the primary this replica is connected to.
     *
     * @return the primary's hostname (as configured in its lease section); empty on the primary
     *     itself and on a replica that is not connected to a primary
     */
    Optional<String> primaryHostname();
  }
}
