package io.github.litefs4j.spring.internal;

import io.github.litefs4j.PrimaryMonitor;
import io.github.litefs4j.PrimaryState;
import io.github.litefs4j.spring.RoutingMode;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import org.springframework.web.servlet.AsyncHandlerInterceptor;

/**
 * The router, run by Spring MVC before each handler (after the handler is chosen, before its
 * arguments are read, so the request body is untouched):
 *
 * <ul>
 *   <li>a read waits for the client's {@code __txid} position ({@link ReadYourWritesGate}) and is
 *       served here;
 *   <li>a write on the primary is served here and marked for the {@code __txid} cookie;
 *   <li>a write on a replica connected to a primary goes to the mode's {@link ReplicaWrites};
 *   <li>a write on a replica without a primary answers 503 with {@code Retry-After};
 *   <li>a forwarded write ({@value LoopGuard#HEADER}) that reaches a node that is not the primary
 *       answers 508 and is not forwarded again.
 * </ul>
 *
 * Error and async dispatches pass untouched. Thread-safe.
 */
final class WriteRoutingInterceptor implements AsyncHandlerInterceptor {
  private static final System.Logger LOG =
      System.getLogger(WriteRoutingInterceptor.class.getName());

  private final PrimaryMonitor monitor;
  private final RoutingMode mode;
  private final boolean routing;
  private final ReplicaWrites replicaWrites;
  private final ReadYourWritesGate readGate;
  private final Duration retryAfter;
  private final RoutingObserver observer;

  WriteRoutingInterceptor(
      PrimaryMonitor monitor,
      RoutingMode mode,
      boolean routing,
      ReplicaWrites replicaWrites,
      ReadYourWritesGate readGate,
      Duration retryAfter,
      RoutingObserver observer) {
    this.monitor = monitor;
    this.mode = mode;
    this.routing = routing;
    this.replicaWrites = replicaWrites;
    this.readGate = readGate;
    this.retryAfter = retryAfter;
    this.observer = observer;
  }

  @Override
  public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
      throws IOException {
    if (request.getDispatcherType() != DispatcherType.REQUEST) {
      return true;
    }
    PrimaryState state = monitor.state();
    if (!RequestKind.isWrite(request, handler)) {
      boolean onPrimary = state.role() == PrimaryState.Role.PRIMARY;
      return onPrimary || readGate == null || readGate.beforeRead(request, response);
    }
    PrimaryRoute route = PrimaryRoute.forWrite(state);
    String forwardedTo = LoopGuard.forwardedTo(request);
    if (forwardedTo != null && !(route instanceof PrimaryRoute.Local)) {
      return loop(request, response, forwardedTo, state);
    }
    if (route instanceof PrimaryRoute.Local || !routing) {
      observer.routed(mode, RoutingObserver.Outcome.LOCAL);
      request.setAttribute(TxidCookieFilter.SERVED_WRITE, Boolean.TRUE);
      return true;
    }
    if (route instanceof PrimaryRoute.NoPrimary none) {
      return noPrimary(request, response, none);
    }
    boolean runHere = replicaWrites.handle(request, response, (PrimaryRoute.ToPrimary) route);
    if (runHere) {
      request.setAttribute(TxidCookieFilter.SERVED_WRITE, Boolean.TRUE);
    }
    return runHere;
  }

  @Override
  public void afterCompletion(
      HttpServletRequest request, HttpServletResponse response, Object handler, Exception ex) {
    replicaWrites.completed(request);
  }

  @Override
  public void afterConcurrentHandlingStarted(
      HttpServletRequest request, HttpServletResponse response, Object handler) {
    replicaWrites.completed(request);
  }

  private boolean noPrimary(
      HttpServletRequest request, HttpServletResponse response, PrimaryRoute.NoPrimary none)
      throws IOException {
    observer.routed(mode, RoutingObserver.Outcome.NO_PRIMARY);
    LOG.log(
        Level.WARNING,
        request.getMethod()
            + " "
            + request.getRequestURI()
            + ": no primary to send the write to, answering 503; nothing was written: "
            + none.why());
    Responses.unavailable(
        response, retryAfter, "write not possible now: " + none.why() + "; retry shortly");
    return false;
  }

  private boolean loop(
      HttpServletRequest request,
      HttpServletResponse response,
      String forwardedTo,
      PrimaryState state)
      throws IOException {
    observer.routed(mode, RoutingObserver.Outcome.LOOP);
    String message =
        "a write forwarded to the primary "
            + forwardedTo
            + " reached a node that is not the primary (role "
            + state.role()
            + state.primaryHostname().map(h -> ", primary " + h).orElse("")
            + "): forwarding loop or stale primary; not forwarded again, nothing was written";
    LOG.log(
        Level.WARNING,
        request.getMethod() + " " + request.getRequestURI() + ": " + message + "; answering 508");
    Responses.text(response, LoopGuard.STATUS, message);
    return false;
  }
}
