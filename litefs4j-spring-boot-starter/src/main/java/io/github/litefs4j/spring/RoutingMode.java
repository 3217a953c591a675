package io.github.litefs4j.spring;

/**
 * What a replica does with a write request ({@code litefs.routing.mode}). On the primary every mode
 * serves writes locally; reads are served on every node in every mode.
 */
public enum RoutingMode {
  /**
   * Answer {@code 421} with {@code fly-replay: instance=<primary>} and an empty body, so that
   * Fly.io's proxy replays the request on the primary. Only behind Fly.io's proxy.
   */
  FLY_REPLAY,
  /**
   * Proxy the request to the primary's application (address from {@code litefs.routing.forward.*}),
   * streaming the body both ways, and relay its answer. Works anywhere the nodes can reach each
   * other.
   */
  FORWARD,
  /**
   * Run the request here, inside a LiteFS HALT: every commit is shipped to the primary. For low
   * write rates only (each write request costs HALT round trips and blocks the cluster's writers).
   */
  HALT,
  /** Answer {@code 503} with {@code Retry-After}: the client (or a load balancer) retries. */
  REFUSE
}
