package io.github.litefs4j;

import java.net.URI;

/**
 * A LiteFS node's event stream ({@code GET /events}) delivered something that is not an event, or
 * ended.
 *
 * <p>Thrown for a line that is not a JSON object with a string {@code "type"} (the message quotes
 * the line), for a stream that ends (LiteFS ends it when the subscriber falls 1024 events behind,
 * or when the node shuts down), and for a stream that ends in the middle of a line. Events of an
 * unknown type, or of a known type with missing or malformed data, are not errors: they arrive as
 * {@link UnknownEvent}.
 *
 * <p>After this exception the subscription has dropped the connection; the next call to {@link
 * EventSubscription#next()} opens a new one.
 */
public class EventStreamException extends LiteFsException {
  private static final long serialVersionUID = 1L;

  private final URI uri;

  /**
   * Creates the exception.
   *
   * @param message what was read, quoted
   * @param uri the URI of the event stream
   * @param cause the parse failure, or null
   */
  public EventStreamException(String message, URI uri, Throwable cause) {
    super(message, cause);
    this.uri = uri;
  }

  /**
   * The URI of the event stream.
   *
   * @return for example {@code http://localhost:20202/events}
   */
  public URI uri() {
    return uri;
  }
}
