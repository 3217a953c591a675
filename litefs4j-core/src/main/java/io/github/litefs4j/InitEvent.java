package io.github.litefs4j;

import java.util.Objects;
import java.util.Optional;

/**
 * The first event of every event stream: the node's primary status when the stream was opened.
 *
 * <p>Wire form on the primary: {@code {"type":"init","data":{"isPrimary":true}}} (no hostname); on
 * a connected replica: {@code {"type":"init","data":{"isPrimary":false,"hostname":"node-a"}}}.
 * Because LiteFS does not replay, an {@code init} after a reconnect marks a point where events may
 * have been missed.
 *
 * @param isPrimary whether this node holds the primary lease
 * @param primaryHostname the primary's hostname; empty on the primary itself and on a replica that
 *     knows no primary (LiteFS sends an empty or no hostname then)
 */
public record InitEvent(boolean isPrimary, Optional<String> primaryHostname)
    implements Event.PrimaryStatus {

  /** The wire type, {@code "init"}. */
  public static final String TYPE = "init";

  /**
   * Creates the event.
   *
   * @param isPrimary whether this node holds the primary lease
   * @param primaryHostname the primary's hostname, empty if none
   * @throws NullPointerException if {@code primaryHostname} is null
   */
  public InitEvent {
    Objects.requireNonNull(primaryHostname, "primaryHostname");
  }

  @Override
  public String type() {
    return TYPE;
  }
}
