package io.github.litefs4j;

import java.net.URI;

/**
 * A line of a LiteFS event stream is longer than the limit ({@link
 * EventSubscription#MAX_EVENT_BYTES}, 1 MiB). The line is not buffered beyond the limit, so a
 * broken or hostile server cannot exhaust the heap. LiteFS's own events are a few hundred bytes.
 *
 * <p>The connection is dropped; the next call to {@link EventSubscription#next()} opens a new one.
 */
public class EventTooLargeException extends EventStreamException {
  private static final long serialVersionUID = 1L;

  private final int limit;

  /**
   * Creates the exception.
   *
   * @param message what was read, with the start of the line quoted
   * @param uri the URI of the event stream
   * @param limit the limit in bytes that the line exceeded
   */
  public EventTooLargeException(String message, URI uri, int limit) {
    super(message, uri, null);
    this.limit = limit;
  }

  /**
   * The limit in bytes that the line exceeded.
   *
   * @return the maximum line length, in bytes, without the newline
   */
  public int limit() {
    return limit;
  }
}
