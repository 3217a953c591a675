package io.github.litefs4j;

/**
 * An event from a LiteFS node's event stream ({@code GET /events}).
 *
 * <p>The set is closed: {@link InitEvent} (always the first event of a stream), {@link TxEvent} (a
 * transaction committed on the primary or applied on a replica), {@link PrimaryChangeEvent} (the
 * node gained or lost the lease, or a replica connected to or lost its primary) and {@link
 * UnknownEvent} (anything else, so that a newer LiteFS cannot break a stream). {@link
 * PrimaryStatusEvent} groups the two events that carry the primary status.
 *
 * <pre>{@code
 * if (event instanceof TxEvent tx) {
 *   cache.invalidate(tx.database(), tx.position());
 * } else if (event instanceof PrimaryStatusEvent status) {
 *   log.info("primary: " + status.isPrimary() + " " + status.primaryHostname());
 * }
 * }</pre>
 *
 * <p>Events are immutable values and thread-safe.
 */
public sealed interface Event permits PrimaryStatusEvent, TxEvent, UnknownEvent {

  /**
   * The event's type as LiteFS names it on the wire.
   *
   * @return {@code "init"}, {@code "tx"}, {@code "primaryChange"} or, for an {@link UnknownEvent},
   *     whatever the node sent
   */
  String type();
}
