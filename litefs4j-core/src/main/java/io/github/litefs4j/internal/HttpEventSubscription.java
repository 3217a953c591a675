package io.github.litefs4j.internal;

import io.github.litefs4j.Event;
import io.github.litefs4j.EventSubscription;
import io.github.litefs4j.LiteFsConnectionException;
import io.github.litefs4j.LiteFsException;
import io.github.litefs4j.LiteFsInterruptedException;
import io.github.litefs4j.LiteFsProtocolException;
import io.github.litefs4j.LiteFsTimeoutException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@link EventSubscription} over {@code GET /events}: one HTTP exchange at a time, read through a
 * {@link StreamBody}, split by a {@link LineFramer} and decoded by {@link EventDecoder}.
 *
 * <p>Besides the public contract, {@link #connect()} and {@link #disconnect()} let {@link
 * ReconnectingEventWatcher} tell when a stream opens and drop one after an idle timeout. Internal:
 * not exported.
 */
public final class HttpEventSubscription implements EventSubscription {
  private static final int QUOTED_BYTES = 240;

  private final HttpCalls http;
  private final URI uri;
  private final int maxLine;
  private final ReentrantLock readLock = new ReentrantLock();
  private volatile boolean closed;
  // Replaced only under readLock; read without it by close().
  private volatile Connection connection;

  /** A subscription to the node of {@code http}, with the standard line limit. */
  public HttpEventSubscription(HttpCalls http) {
    this(http, MAX_EVENT_BYTES);
  }

  /** A subscription with another line limit (tests). */
  HttpEventSubscription(HttpCalls http, int maxLine) {
    this.http = http;
    this.uri = http.uri("/events", Map.of());
    this.maxLine = maxLine;
  }

  /** One HTTP exchange: the pending response, then the body and its framer. */
  private final class Connection {
    final HttpRequest request = http.request(uri, null).GET().build();
    final StreamBody body = new StreamBody();
    final LineFramer framer = new LineFramer(maxLine);
    final long headerDeadline = System.nanoTime() + http.requestTimeout().toNanos();
    final CompletableFuture<HttpResponse<StreamBody>> response =
        http.client().sendAsync(request, info -> body);
    boolean open;

    void cancel() {
      response.cancel(true);
      body.cancel();
    }
  }

  @Override
  public Event next() {
    return read(null);
  }

  @Override
  public Event next(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive: " + timeout);
    }
    return read(timeout);
  }

  @Override
  public boolean isClosed() {
    return closed;
  }

  @Override
  public void close() {
    closed = true;
    Connection c = connection;
    if (c != null) {
      c.cancel();
    }
  }

  /**
   * Opens the stream if none is open and waits for the response headers (bounded by the request
   * timeout). Throws as {@link #next()} does.
   *
   * @return true if this call opened a new stream, false if one was already open
   */
  public boolean connect() {
    lock(null, 0);
    try {
      Connection c = connection;
      if (c != null && c.open) {
        return false;
      }
      awaitOpen(c != null ? c : start(), null, 0);
      return true;
    } finally {
      readLock.unlock();
    }
  }

  /** Drops the current connection, if any; the next read opens a new one. */
  public void disconnect() {
    readLock.lock();
    try {
      drop();
    } finally {
      readLock.unlock();
    }
  }

  /** The URI of the event stream. */
  public URI uri() {
    return uri;
  }

  private Event read(Duration timeout) {
    long deadline = timeout == null ? 0 : System.nanoTime() + timeout.toNanos();
    lock(timeout, deadline);
    try {
      Connection c = connection;
      if (c == null) {
        c = start();
      }
      if (!c.open) {
        awaitOpen(c, timeout, deadline);
      }
      return readEvent(c, timeout, deadline);
    } finally {
      readLock.unlock();
    }
  }

  private void lock(Duration timeout, long deadline) {
    if (closed) {
      throw closedException();
    }
    try {
      if (timeout == null) {
        readLock.lockInterruptibly();
      } else if (!readLock.tryLock(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) {
        throw timeoutException(timeout, "another thread is reading the stream");
      }
    } catch (InterruptedException e) {
      throw interrupted(e);
    }
    if (closed) {
      readLock.unlock();
      throw closedException();
    }
  }

  private Connection start() {
    Connection c = new Connection();
    connection = c;
    if (closed) { // close() may have missed the new connection: make sure it is cancelled
      c.cancel();
      connection = null;
      throw closedException();
    }
    return c;
  }

  private void awaitOpen(Connection c, Duration timeout, long deadline) {
    long now = System.nanoTime();
    long wait = c.headerDeadline - now;
    boolean userLimit = timeout != null && deadline - now < wait;
    if (userLimit) {
      wait = deadline - now;
    }
    HttpResponse<StreamBody> response;
    try {
      response = c.response.get(Math.max(0, wait), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      if (userLimit) { // the caller's timeout: keep the pending request for the next call
        throw timeoutException(timeout, "the node has not answered yet");
      }
      throw fail(
          new LiteFsConnectionException(
              "LiteFS node at "
                  + http.baseUri()
                  + " did not answer GET "
                  + uri
                  + " within "
                  + http.requestTimeout(),
              uri,
              e));
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw fail(
          new LiteFsConnectionException(
              "LiteFS node at "
                  + http.baseUri()
                  + " could not be reached for GET "
                  + uri
                  + ": "
                  + cause,
              uri,
              cause));
    } catch (CancellationException e) {
      throw fail(new LiteFsConnectionException("GET " + uri + " was cancelled", uri, e));
    } catch (InterruptedException e) {
      throw interrupted(e);
    }
    if (response.statusCode() != 200) {
      String body = drainText(c, HttpCalls.MAX_ERROR_BODY);
      throw fail(HttpCalls.error(c.request, response.statusCode(), body));
    }
    c.open = true;
  }

  /** Up to {@code max} bytes of an error body, waiting no longer than the request timeout. */
  private String drainText(Connection c, int max) {
    try {
      return c.body.readText(max, http.requestTimeout().toNanos());
    } catch (InterruptedException e) {
      throw interrupted(e);
    }
  }

  private Event readEvent(Connection c, Duration timeout, long deadline) {
    LineFramer framer = c.framer;
    while (true) {
      if (framer.nextLine()) {
        byte[] bytes = framer.lineBytes();
        int off = framer.lineStart();
        int len = framer.lineLength();
        if (framer.lineTooLong()) {
          throw fail(
              tooLarge(
                  new String(bytes, off, Math.min(len, QUOTED_BYTES), StandardCharsets.UTF_8)));
        }
        try {
          return EventDecoder.decode(bytes, off, len);
        } catch (EventDecoder.NotAnEventException e) {
          String line = new String(bytes, off, Math.min(len, QUOTED_BYTES), StandardCharsets.UTF_8);
          throw fail(
              new LiteFsProtocolException(
                  LiteFsProtocolException.Reason.EVENT_STREAM,
                  "LiteFS node at "
                      + http.baseUri()
                      + " sent a line that is not an event ("
                      + e.getMessage()
                      + "), "
                      + len
                      + " bytes: "
                      + Texts.quote(line),
                  uri,
                  line,
                  -1,
                  e));
        }
      }
      if (framer.overLimit()) {
        throw fail(tooLarge(framer.partialPrefix(QUOTED_BYTES)));
      }
      long wait = timeout == null ? Long.MAX_VALUE : deadline - System.nanoTime();
      StreamBody.Chunk item;
      try {
        item = wait > 0 ? c.body.poll(wait) : null;
      } catch (InterruptedException e) {
        throw interrupted(e);
      }
      if (item == null) {
        throw timeoutException(timeout, "the stream is open and idle");
      }
      switch (item.kind()) {
        case DATA -> item.buffers().forEach(framer::append);
        case END -> throw fail(ended(framer));
        case FAILED ->
            throw fail(
                new LiteFsConnectionException(
                    "event stream from LiteFS node at "
                        + http.baseUri()
                        + " broke: "
                        + item.failure()
                        + (framer.hasPartialLine()
                            ? " (after " + framer.partialLength() + " bytes of a line)"
                            : ""),
                    uri,
                    item.failure()));
        case CANCELLED ->
            throw fail(new LiteFsConnectionException("GET " + uri + " was cancelled", uri, null));
      }
    }
  }

  private LiteFsProtocolException ended(LineFramer framer) {
    if (framer.hasPartialLine()) {
      String partial = framer.partialPrefix(QUOTED_BYTES);
      return new LiteFsProtocolException(
          LiteFsProtocolException.Reason.EVENT_STREAM,
          "event stream from LiteFS node at "
              + http.baseUri()
              + " ended in the middle of a line after "
              + framer.partialLength()
              + " bytes: "
              + Texts.quote(partial),
          uri,
          partial,
          -1,
          null);
    }
    return new LiteFsProtocolException(
        LiteFsProtocolException.Reason.EVENT_STREAM,
        "event stream from LiteFS node at "
            + http.baseUri()
            + " ended (the node closed it: shutting down, or this subscriber fell 1024 events"
            + " behind)",
        uri,
        null,
        -1,
        null);
  }

  private LiteFsProtocolException tooLarge(String prefix) {
    return new LiteFsProtocolException(
        LiteFsProtocolException.Reason.EVENT_TOO_LARGE,
        "LiteFS node at "
            + http.baseUri()
            + " sent an event line longer than the limit of "
            + maxLine
            + " bytes, starting with "
            + Texts.quote(prefix),
        uri,
        prefix,
        maxLine,
        null);
  }

  /**
   * Drops the connection after a failure and returns what to throw: the failure, or, if the
   * subscription was closed meanwhile (which is what made the read fail), the closed exception.
   */
  private RuntimeException fail(LiteFsException failure) {
    drop();
    if (closed) {
      IllegalStateException e = closedException();
      e.addSuppressed(failure);
      return e;
    }
    return failure;
  }

  private void drop() {
    Connection c = connection;
    if (c != null) {
      connection = null;
      c.cancel();
    }
  }

  private IllegalStateException closedException() {
    return new IllegalStateException("event subscription to " + uri + " is closed");
  }

  private LiteFsTimeoutException timeoutException(Duration timeout, String detail) {
    return new LiteFsTimeoutException(
        "no event from " + uri + " within " + timeout + " (" + detail + ")", timeout, null);
  }

  private RuntimeException interrupted(InterruptedException e) {
    Thread.currentThread().interrupt();
    if (closed) {
      return closedException();
    }
    return new LiteFsInterruptedException("interrupted while waiting for an event from " + uri, e);
  }
}
