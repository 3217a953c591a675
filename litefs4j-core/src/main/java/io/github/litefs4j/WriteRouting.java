package io.github.litefs4j;

import io.github.litefs4j.internal.Texts;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides, as the LiteFS proxy does, whether an HTTP request is served on this node or replayed on
 * the primary with {@code fly-replay}: {@code GET} and {@code HEAD} are reads and are served
 * anywhere; every other method is a write, served on the primary, replayed from a replica that
 * knows its primary, and refused ({@link RoutingDecision.NoPrimary}, 503) on a replica that does
 * not.
 *
 * <p>Methods are compared exactly (HTTP methods are case-sensitive; {@code "get"} is a write, as in
 * the proxy). Unlike the proxy, routing does not wait up to 5 s for a primary to appear: it decides
 * from the state it is given, which usually comes from {@link LiteFsClient#info()} or a primary
 * monitor. The primary's hostname is validated ({@link RoutingDecision.ReplayToPrimary}) so that no
 * value can inject a header.
 *
 * <p>Stateless and thread-safe.
 */
public final class WriteRouting {
  private WriteRouting() {}

  /**
   * Whether a method is a write: anything but {@code GET} and {@code HEAD}.
   *
   * @param method the request method, for example {@code POST}
   * @return true for a write
   * @throws IllegalArgumentException if the method is empty or not an HTTP token
   */
  public static boolean isWrite(String method) {
    Objects.requireNonNull(method, "method");
    if (method.isEmpty()) {
      throw new IllegalArgumentException("HTTP method must not be empty");
    }
    for (int i = 0; i < method.length(); i++) {
      char c = method.charAt(i);
      boolean token =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
      if (!token) {
        throw new IllegalArgumentException("not an HTTP method: " + Texts.quote(method));
      }
    }
    return !method.equals("GET") && !method.equals("HEAD");
  }

  /**
   * Routes a request given the node's state from {@code GET /info}.
   *
   * @param method the request method
   * @param node the node's state
   * @return the decision
   * @throws InvalidHostnameException if a replay is due and the primary hostname is unsafe
   */
  public static RoutingDecision route(String method, NodeInfo node) {
    Objects.requireNonNull(node, "node");
    return route(method, node.isPrimary(), node.primaryHostname());
  }

  /**
   * Routes a request given the node's state.
   *
   * @param method the request method
   * @param isPrimary whether this node is the primary
   * @param primaryHostname the primary's hostname as a replica knows it; empty on a disconnected
   *     replica (ignored on the primary); an empty string counts as absent
   * @return the decision
   * @throws InvalidHostnameException if a replay is due and the primary hostname is unsafe
   * @throws IllegalArgumentException if the method is empty or not an HTTP token
   */
  public static RoutingDecision route(
      String method, boolean isPrimary, Optional<String> primaryHostname) {
    Objects.requireNonNull(primaryHostname, "primaryHostname");
    if (!isWrite(method)) {
      return new RoutingDecision.ServeLocally(RoutingDecision.ServeLocally.Reason.READ);
    }
    if (isPrimary) {
      return new RoutingDecision.ServeLocally(RoutingDecision.ServeLocally.Reason.PRIMARY);
    }
    if (primaryHostname.isEmpty() || primaryHostname.get().isEmpty()) {
      return new RoutingDecision.NoPrimary();
    }
    return new RoutingDecision.ReplayToPrimary(primaryHostname.get());
  }
}
