package io.github.litefs4j;

import java.util.Objects;

/**
 * An event this version of litefs4j cannot represent: a type it does not know (a newer LiteFS may
 * add some), or a known type whose {@code data} is missing or not in the documented shape. It is
 * delivered instead of breaking the stream; the stream goes on with the next event.
 *
 * @param type the {@code "type"} the node sent
 * @param json the whole line as the node sent it (without the newline)
 * @param reason why it is not one of the known events, for logs: for example {@code "unknown event
 *     type"} or {@code "tx event without data"}
 */
public record UnknownEvent(String type, String json, String reason) implements Event {

  /**
   * Creates the event.
   *
   * @param type the type the node sent
   * @param json the whole line
   * @param reason why it is not a known event
   * @throws NullPointerException if any component is null
   */
  public UnknownEvent {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(json, "json");
    Objects.requireNonNull(reason, "reason");
  }
}
