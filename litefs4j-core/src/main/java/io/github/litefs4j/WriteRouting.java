package io.github.litefs4j;

import io.github.litefs4j.spi.Texts;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides, as the LiteFS proxy does, whether an HTTP request is served on this node or replayed on
 * the primary with {@code fly-replay}: {@code GET} and {@code HEAD} are reads and are served
 * anywhere; every other method is a write, served on the primary, replayed from a replica that
 * knows its primary, and refused ({@link Decision.NoPrimary}, 503) on a replica that does not.
 *
 * <p>Methods are compared exactly (HTTP methods are case-sensitive; {@code "get"} is a write, as in
 * the proxy). Unlike the proxy, routing does not wait up to 5 s for a primary to appear: it decides
 * from the state it is given: a {@link PrimaryMonitor}'s (cheap, kept current by events) or {@link
 * LiteFsClient#info()}'s (one HTTP call). The primary's hostname is validated ({@link
 * Decision.ReplayToPrimary}) so that no value can inject a header.
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
    if (!Texts.isHttpToken(method)) {
      throw new IllegalArgumentException("not an HTTP method: " + Texts.quote(method));
    }
    return !method.equals("GET") && !method.equals("HEAD");
  }

  /**
   * Routes a request given the node's state from {@code GET /info}.
   *
   * @param method the request method
   * @param node the node's state
   * @return the decision
   * @throws IllegalArgumentException if a replay is due and the primary hostname is unsafe
   */
  public static Decision route(String method, NodeInfo node) {
    Objects.requireNonNull(node, "node");
    return route(method, node.isPrimary(), node.primaryHostname());
  }

  /**
   * Routes a request given the state a {@link PrimaryMonitor} keeps (no HTTP call per request):
   * {@code PRIMARY} serves writes, {@code REPLICA} replays them, {@code DISCONNECTED} and {@code
   * UNKNOWN} (the monitor has no state yet, or lost the node) answer {@link Decision.NoPrimary}.
   *
   * <pre>{@code
   * Decision decision = WriteRouting.route(request.getMethod(), monitor.state());
   * }</pre>
   *
   * @param method the request method
   * @param state the node's primary state
   * @return the decision
   * @throws IllegalArgumentException if a replay is due and the primary hostname is unsafe
   */
  public static Decision route(String method, PrimaryState state) {
    Objects.requireNonNull(state, "state");
    return switch (state.role()) {
      case PRIMARY -> route(method, true, Optional.empty());
      case REPLICA -> route(method, false, state.primaryHostname());
      case DISCONNECTED, UNKNOWN -> route(method, false, Optional.empty());
    };
  }

  /**
   * Routes a request given the node's state.
   *
   * @param method the request method
   * @param isPrimary whether this node is the primary
   * @param primaryHostname the primary's hostname as a replica knows it; empty on a disconnected
   *     replica (ignored on the primary); an empty string counts as absent
   * @return the decision
   * @throws IllegalArgumentException if a replay is due and the primary hostname is unsafe
   * @throws IllegalArgumentException if the method is empty or not an HTTP token
   */
  public static Decision route(String method, boolean isPrimary, Optional<String> primaryHostname) {
    Objects.requireNonNull(primaryHostname, "primaryHostname");
    if (!isWrite(method)) {
      return new Decision.ServeLocally(Decision.ServeLocally.Reason.READ);
    }
    if (isPrimary) {
      return new Decision.ServeLocally(Decision.ServeLocally.Reason.PRIMARY);
    }
    if (primaryHostname.isEmpty() || primaryHostname.get().isEmpty()) {
      return new Decision.NoPrimary();
    }
    return new Decision.ReplayToPrimary(primaryHostname.get());
  }

  /**
   * What to do with an HTTP request on this node, as decided by {@link WriteRouting}: serve it
   * here, replay it on the primary with a {@code fly-replay} header, or answer that no primary is
   * known.
   *
   * <pre>{@code
   * switch (WriteRouting.route(request.getMethod(), client.info())) {
   *   case Decision.ServeLocally local -> chain.doFilter(request, response);
   *   case Decision.ReplayToPrimary replay -> {
   *     response.setHeader(replay.headerName(), replay.headerValue());   // fly-replay: instance=...
   *   }
   *   case Decision.NoPrimary none -> response.sendError(none.status()); // 503
   * }
   * }</pre>
   *
   * (Pattern matching for {@code switch} needs Java 21; on Java 17 use {@code instanceof}.)
   *
   * <p>All implementations are immutable records.
   */
  public sealed interface Decision
      permits Decision.ServeLocally, Decision.ReplayToPrimary, Decision.NoPrimary {

    /**
     * Serve the request on this node: it is a read, or this node is the primary.
     *
     * @param reason why it is served here
     */
    record ServeLocally(Reason reason) implements Decision {
      /** Why a request is served locally. */
      public enum Reason {
        /** GET or HEAD: any node can serve reads. */
        READ,
        /** A write, and this node is the primary. */
        PRIMARY
      }

      /**
       * Creates the decision.
       *
       * @param reason why it is served here
       */
      public ServeLocally {
        java.util.Objects.requireNonNull(reason, "reason");
      }
    }

    /**
     * A write on a replica: answer with {@code fly-replay: instance=<hostname>} (and an empty body,
     * as the LiteFS proxy does) so that Fly's proxy replays the request on the primary.
     *
     * @param hostname the primary's hostname, validated: letters, digits, {@code '.'}, {@code '-'}
     *     and {@code '_'} only, at most 253 characters
     */
    record ReplayToPrimary(String hostname) implements Decision {
      /** The header name, {@value}. */
      public static final String HEADER = "fly-replay";

      /** The longest hostname accepted. */
      public static final int MAX_HOSTNAME = 253;

      /**
       * Creates the decision.
       *
       * @param hostname the primary's hostname
       * @throws IllegalArgumentException if the hostname is empty, too long, or holds any character
       *     that could inject a header or a header field
       */
      public ReplayToPrimary {
        validateHostname(hostname);
      }

      /**
       * The header name to set.
       *
       * @return {@code fly-replay}
       */
      public String headerName() {
        return HEADER;
      }

      /**
       * The header value to set.
       *
       * @return {@code instance=<hostname>}
       */
      public String headerValue() {
        return "instance=" + hostname;
      }

      private static void validateHostname(String hostname) {
        if (hostname == null || hostname.isEmpty()) {
          throw new IllegalArgumentException("primary hostname is empty");
        }
        if (hostname.length() > MAX_HOSTNAME) {
          throw new IllegalArgumentException(
              "primary hostname is longer than "
                  + MAX_HOSTNAME
                  + " characters: "
                  + Texts.quote(hostname));
        }
        for (int i = 0; i < hostname.length(); i++) {
          char c = hostname.charAt(i);
          boolean ok =
              (c >= 'a' && c <= 'z')
                  || (c >= 'A' && c <= 'Z')
                  || (c >= '0' && c <= '9')
                  || c == '.'
                  || c == '-'
                  || c == '_';
          if (!ok) {
            throw new IllegalArgumentException(
                "primary hostname cannot go into a fly-replay header (character "
                    + Texts.quote(String.valueOf(c))
                    + " at index "
                    + i
                    + "): "
                    + Texts.quote(hostname));
          }
        }
      }
    }

    /**
     * A write on a replica that knows no primary (disconnected, or an election is under way): the
     * LiteFS proxy answers {@code 503 Service Unavailable}.
     */
    record NoPrimary() implements Decision {
      /**
       * The status the LiteFS proxy answers in this case.
       *
       * @return 503
       */
      public int status() {
        return 503;
      }
    }
  }
}
