package io.github.litefs4j.spring.internal;

import io.github.litefs4j.HaltException;
import io.github.litefs4j.HaltLock;
import io.github.litefs4j.LiteFS;
import io.github.litefs4j.LiteFsException;
import io.github.litefs4j.LiteFsTimeoutException;
import io.github.litefs4j.spring.RoutingMode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Mode halt: takes the database's HALT lock before the handler runs and releases it when the
 * request completes, so that the handler's commits on this replica are shipped to the primary. A
 * HALT that is not granted in time, or that LiteFS refuses (no reachable primary), answers 503 and
 * the handler does not run. The HALT is bound to the request's thread: asynchronous handlers lose
 * it when they leave that thread. The one file of the starter that knows core's HALT types.
 * Thread-safe.
 */
final class HaltWrites implements ReplicaWrites {
  private static final System.Logger LOG = System.getLogger(HaltWrites.class.getName());
  private static final String LOCK = HaltWrites.class.getName() + ".lock";

  private final Path database;
  private final Duration timeout;
  private final Duration retryAfter;
  private final RoutingObserver observer;

  HaltWrites(Path database, Duration timeout, Duration retryAfter, RoutingObserver observer) {
    this.database = database;
    this.timeout = timeout;
    this.retryAfter = retryAfter;
    this.observer = observer;
  }

  @Override
  public boolean handle(
      HttpServletRequest request, HttpServletResponse response, PrimaryRoute.ToPrimary primary)
      throws IOException {
    long start = System.nanoTime();
    HaltLock lock;
    try {
      lock = LiteFS.halt(database, timeout);
    } catch (LiteFsTimeoutException e) {
      return refuse(request, response, "timeout", e);
    } catch (HaltException e) {
      return refuse(request, response, "refused", e);
    } catch (LiteFsException e) {
      return refuse(request, response, "error", e);
    }
    observer.haltAcquired(Duration.ofNanos(System.nanoTime() - start));
    observer.routed(RoutingMode.HALT, RoutingObserver.Outcome.HALTED);
    request.setAttribute(LOCK, lock);
    return true;
  }

  @Override
  public void completed(HttpServletRequest request) {
    if (!(request.getAttribute(LOCK) instanceof HaltLock lock)) {
      return;
    }
    request.removeAttribute(LOCK);
    try {
      lock.close();
    } catch (LiteFsException e) {
      LOG.log(
          Level.WARNING,
          "releasing the HALT of "
              + database
              + " after "
              + request.getMethod()
              + " "
              + request.getRequestURI()
              + " failed; the request's commits were made: "
              + e.getMessage(),
          e);
    }
  }

  private boolean refuse(
      HttpServletRequest request, HttpServletResponse response, String reason, LiteFsException e)
      throws IOException {
    observer.haltFailed(reason);
    observer.routed(RoutingMode.HALT, RoutingObserver.Outcome.HALT_FAILED);
    LOG.log(
        Level.WARNING,
        "no HALT on "
            + database
            + " for "
            + request.getMethod()
            + " "
            + request.getRequestURI()
            + " ("
            + reason
            + "), answering 503; nothing was written: "
            + e.getMessage());
    Responses.unavailable(
        response, retryAfter, "write not possible now: the HALT was not granted (" + reason + ")");
    return false;
  }
}
