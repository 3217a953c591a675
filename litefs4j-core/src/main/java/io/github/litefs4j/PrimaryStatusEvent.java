package io.github.litefs4j;

import java.util.Optional;

/**
 * An event that states the node's primary status: {@link InitEvent} or {@link PrimaryChangeEvent}.
 * LiteFS sends the same data in both.
 *
 * <p>Three cases: {@code isPrimary()} true (this node holds the lease; LiteFS sends no hostname to
 * the primary itself, so {@link #primaryHostname()} is empty); false with a hostname (a replica
 * connected to that primary); false without one (a replica that currently knows no primary).
 */
public sealed interface PrimaryStatusEvent extends Event permits InitEvent, PrimaryChangeEvent {

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
