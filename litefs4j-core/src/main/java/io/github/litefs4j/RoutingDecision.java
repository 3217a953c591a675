package io.github.litefs4j;

import io.github.litefs4j.internal.Texts;

/**
 * What to do with an HTTP request on this node, as decided by {@link WriteRouting}: serve it here,
 * replay it on the primary with a {@code fly-replay} header, or answer that no primary is known.
 *
 * <pre>{@code
 * switch (WriteRouting.route(request.getMethod(), client.info())) {
 *   case RoutingDecision.ServeLocally local -> chain.doFilter(request, response);
 *   case RoutingDecision.ReplayToPrimary replay -> {
 *     response.setHeader(replay.headerName(), replay.headerValue());   // fly-replay: instance=...
 *   }
 *   case RoutingDecision.NoPrimary none -> response.sendError(none.status()); // 503
 * }
 * }</pre>
 *
 * (Pattern matching for {@code switch} needs Java 21; on Java 17 use {@code instanceof}.)
 *
 * <p>All implementations are immutable records.
 */
public sealed interface RoutingDecision
    permits RoutingDecision.ServeLocally,
        RoutingDecision.ReplayToPrimary,
        RoutingDecision.NoPrimary {

  /**
   * Serve the request on this node: it is a read, or this node is the primary.
   *
   * @param reason why it is served here
   */
  record ServeLocally(Reason reason) implements RoutingDecision {
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
  record ReplayToPrimary(String hostname) implements RoutingDecision {
    /** The header name, {@value}. */
    public static final String HEADER = "fly-replay";

    /** The longest hostname accepted. */
    public static final int MAX_HOSTNAME = 253;

    /**
     * Creates the decision.
     *
     * @param hostname the primary's hostname
     * @throws InvalidHostnameException if the hostname is empty, too long, or holds any character
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
        throw new InvalidHostnameException("primary hostname is empty");
      }
      if (hostname.length() > MAX_HOSTNAME) {
        throw new InvalidHostnameException(
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
          throw new InvalidHostnameException(
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
  record NoPrimary() implements RoutingDecision {
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
