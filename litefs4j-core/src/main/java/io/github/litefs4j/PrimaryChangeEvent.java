package io.github.litefs4j;

import java.util.Objects;
import java.util.Optional;

/**
 * The node's primary status changed: it gained or lost the lease, or, on a replica, it connected to
 * a primary or lost its connection to it (then {@link #primaryHostname()} is empty).
 *
 * <p>Wire form: {@code {"type":"primaryChange","data":{"isPrimary":false,"hostname":"node-a"}}},
 * the same data as {@link InitEvent}. LiteFS may send it when nothing visible changed (for example
 * on a lease renewal); compare with the previous status if that matters.
 *
 * @param isPrimary whether this node now holds the primary lease
 * @param primaryHostname the primary's hostname; empty on the primary itself and on a replica that
 *     lost its primary
 */
public record PrimaryChangeEvent(boolean isPrimary, Optional<String> primaryHostname)
    implements Event.PrimaryStatus {

  /** The wire type, {@code "primaryChange"}. */
  public static final String TYPE = "primaryChange";

  /**
   * Creates the event.
   *
   * @param isPrimary whether this node now holds the primary lease
   * @param primaryHostname the primary's hostname, empty if none
   * @throws NullPointerException if {@code primaryHostname} is null
   */
  public PrimaryChangeEvent {
    Objects.requireNonNull(primaryHostname, "primaryHostname");
  }

  @Override
  public String type() {
    return TYPE;
  }
}
