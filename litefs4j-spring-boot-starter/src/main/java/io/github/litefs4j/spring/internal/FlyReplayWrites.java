package io.github.litefs4j.spring.internal;

import io.github.litefs4j.spring.RoutingMode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Mode fly-replay: answers {@code 421 Misdirected Request} with {@code fly-replay:
 * instance=<primary>} and an empty body. Fly.io's proxy replays the request on the primary and
 * ignores this answer; a client that is not behind Fly's proxy sees a 421 (not a 200, as the LiteFS
 * proxy answers, which such a client would take for a write that happened). Thread-safe.
 */
final class FlyReplayWrites implements ReplicaWrites {
  static final String HEADER = "fly-replay";
  static final int STATUS = 421;

  private final RoutingObserver observer;

  FlyReplayWrites(RoutingObserver observer) {
    this.observer = observer;
  }

  @Override
  public boolean handle(
      HttpServletRequest request, HttpServletResponse response, PrimaryRoute.ToPrimary primary) {
    response.setStatus(STATUS);
    response.setHeader(HEADER, primary.flyReplayValue());
    response.setContentLength(0);
    observer.routed(RoutingMode.FLY_REPLAY, RoutingObserver.Outcome.REPLAYED);
    return false;
  }
}
