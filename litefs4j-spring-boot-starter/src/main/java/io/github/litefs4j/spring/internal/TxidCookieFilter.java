package io.github.litefs4j.spring.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.System.Logger.Level;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Sets the {@code __txid} cookie on every write served on this node (the primary, or a replica
 * under HALT) that did not fail ({@code status < 400}): {@link WriteRoutingInterceptor} marks such
 * requests, and the cookie is added just before the response commits ({@link TxidCookieResponse}).
 * Thread-safe.
 */
final class TxidCookieFilter extends OncePerRequestFilter implements Ordered {
  /** Request attribute set by the interceptor on a write served here. */
  static final String SERVED_WRITE = TxidCookieFilter.class.getName() + ".servedWrite";

  private static final System.Logger LOG = System.getLogger(TxidCookieFilter.class.getName());

  private final TxidCookies cookies;

  TxidCookieFilter(TxidCookies cookies) {
    this.cookies = cookies;
  }

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE + 100;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    TxidCookieResponse wrapped = new TxidCookieResponse(response, r -> addCookie(request, r));
    try {
      chain.doFilter(request, wrapped);
    } finally {
      wrapped.beforeCommit();
    }
  }

  private void addCookie(HttpServletRequest request, HttpServletResponse response) {
    if (request.getAttribute(SERVED_WRITE) == null || response.getStatus() >= 400) {
      return;
    }
    try {
      cookies.afterWrite().ifPresent(value -> response.addHeader("Set-Cookie", value));
    } catch (RuntimeException e) {
      LOG.log(
          Level.WARNING,
          "no "
              + TxidCookies.NAME
              + " cookie for "
              + request.getRequestURI()
              + ": "
              + e.getMessage(),
          e);
    }
  }
}
