package io.github.litefs4j.spring.internal;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Headers a proxy must not pass on: the hop-by-hop headers of RFC 9110 section 7.6.1, those named
 * in the message's own {@code Connection} header, and the ones the JDK's HttpClient sets itself
 * ({@code Host}, {@code Content-Length}, {@code Expect}). Immutable; thread-safe.
 */
final class HopByHop {
  private static final Set<String> ALWAYS =
      Set.of(
          "connection",
          "keep-alive",
          "proxy-authenticate",
          "proxy-authorization",
          "proxy-connection",
          "te",
          "trailer",
          "transfer-encoding",
          "upgrade",
          "http2-settings");

  /** Set by the JDK's HttpClient itself on a request (it refuses them from the caller). */
  private static final Set<String> CLIENT_SET = Set.of("host", "content-length", "expect");

  private final Set<String> dropped;

  private HopByHop(Set<String> dropped) {
    this.dropped = dropped;
  }

  /**
   * The set for a request passed on through the JDK's HttpClient.
   *
   * @param connectionHeaders the values of its {@code Connection} headers
   * @return the headers to drop
   */
  static HopByHop forRequest(Iterable<String> connectionHeaders) {
    Set<String> names = new TreeSet<>(CLIENT_SET);
    names.addAll(ALWAYS);
    return with(names, connectionHeaders);
  }

  /**
   * The set for a response passed back (its {@code Content-Length} stays: the body is copied
   * unchanged).
   *
   * @param connectionHeaders the values of its {@code Connection} headers
   * @return the headers to drop
   */
  static HopByHop forResponse(Iterable<String> connectionHeaders) {
    return with(new TreeSet<>(ALWAYS), connectionHeaders);
  }

  private static HopByHop with(Set<String> names, Iterable<String> connectionHeaders) {
    for (String value : connectionHeaders) {
      for (String token : value.split(",")) {
        String name = token.strip().toLowerCase(Locale.ROOT);
        if (!name.isEmpty()) {
          names.add(name);
        }
      }
    }
    return new HopByHop(names);
  }

  /**
   * Whether to drop a header.
   *
   * @param name the header name, any case
   * @return true if it must not be passed on
   */
  boolean drops(String name) {
    return name.startsWith(":") || dropped.contains(name.toLowerCase(Locale.ROOT));
  }
}
