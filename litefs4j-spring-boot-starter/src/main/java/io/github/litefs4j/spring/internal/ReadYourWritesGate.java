package io.github.litefs4j.spring.internal;

import io.github.litefs4j.LiteFsException;
import io.github.litefs4j.PositionTimeoutException;
import io.github.litefs4j.ReadYourWrites;
import io.github.litefs4j.spring.ReadYourWritesFallback;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Collections;

/**
 * Holds a read on a replica until this node has applied the TXID of the client's {@code __txid}
 * cookie, waiting on the node's event stream (core's {@code PositionWaiter.withEvents}), for at
 * most {@code litefs.read-your-writes.max-wait}. Then, as configured, 503 with {@code Retry-After}
 * or the stale read marked {@value #STALE_HEADER}. A malformed cookie answers 400 and deletes the
 * cookie. Reads without the cookie, and every read on the primary, pass at once. Thread-safe.
 */
final class ReadYourWritesGate {
  static final String STALE_HEADER = "LiteFs-Stale";
  private static final System.Logger LOG = System.getLogger(ReadYourWritesGate.class.getName());

  private final ReadYourWrites readYourWrites;
  private final ReadYourWritesFallback onTimeout;
  private final Duration retryAfter;
  private final RoutingObserver observer;

  ReadYourWritesGate(
      ReadYourWrites readYourWrites,
      ReadYourWritesFallback onTimeout,
      Duration retryAfter,
      RoutingObserver observer) {
    this.readYourWrites = readYourWrites;
    this.onTimeout = onTimeout;
    this.retryAfter = retryAfter;
    this.observer = observer;
  }

  /**
   * Waits if the request carries the cookie.
   *
   * @return true to serve the read, false when the response is complete (400 or 503)
   */
  boolean beforeRead(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String cookies = String.join("; ", Collections.list(request.getHeaders("Cookie")));
    if (!cookies.contains(TxidCookies.NAME)) {
      return true;
    }
    long start = System.nanoTime();
    try {
      boolean waited = readYourWrites.awaitCookieHeader(cookies).isPresent();
      if (waited) {
        observer.readYourWritesWaited(since(start), "reached");
      }
      return true;
    } catch (IllegalArgumentException e) {
      observer.readYourWritesWaited(since(start), "invalid");
      response.addHeader("Set-Cookie", TxidCookies.expired());
      Responses.text(response, HttpServletResponse.SC_BAD_REQUEST, e.getMessage());
      return false;
    } catch (PositionTimeoutException e) {
      observer.readYourWritesWaited(since(start), "timeout");
      return timedOut(request, response, e);
    } catch (LiteFsException e) {
      observer.readYourWritesWaited(since(start), "error");
      return timedOut(request, response, e);
    }
  }

  private boolean timedOut(
      HttpServletRequest request, HttpServletResponse response, LiteFsException e)
      throws IOException {
    String what =
        request.getMethod()
            + " "
            + request.getRequestURI()
            + ": this node has not reached the client's last write within "
            + readYourWrites.maxWait();
    if (onTimeout == ReadYourWritesFallback.SERVE_STALE) {
      LOG.log(Level.INFO, what + "; serving it stale (" + e.getMessage() + ")");
      response.setHeader(STALE_HEADER, "true");
      return true;
    }
    LOG.log(Level.WARNING, what + "; answering 503 (" + e.getMessage() + ")");
    Responses.unavailable(response, retryAfter, what);
    return false;
  }

  private static Duration since(long start) {
    return Duration.ofNanos(System.nanoTime() - start);
  }
}
