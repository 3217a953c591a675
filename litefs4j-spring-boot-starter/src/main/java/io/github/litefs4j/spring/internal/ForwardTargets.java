package io.github.litefs4j.spring.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.Objects;

/**
 * The primary application's base URL for a primary hostname: an explicit entry of {@code
 * litefs.routing.forward.urls}, else the template with {@code {hostname}} replaced. Immutable;
 * thread-safe.
 */
public final class ForwardTargets {
  /** The placeholder in the template. */
  public static final String PLACEHOLDER = "{hostname}";

  private final String template;
  private final Map<String, URI> urls;

  /**
   * Checks and keeps the configuration.
   *
   * @param template for example {@code http://{hostname}:8080}
   * @param urls explicit base URLs by hostname
   * @throws IllegalArgumentException if the template lacks the placeholder or does not expand to an
   *     absolute http(s) URL, or an explicit URL is not one
   */
  public ForwardTargets(String template, Map<String, URI> urls) {
    this.template = Objects.requireNonNull(template, "template");
    this.urls = Map.copyOf(urls);
    if (!template.contains(PLACEHOLDER) || template.contains("${")) {
      throw new IllegalArgumentException(
          "litefs.routing.forward.url-template must contain "
              + PLACEHOLDER
              + " (braces, not ${...}): "
              + template);
    }
    checkBase("litefs.routing.forward.url-template", expand("primary"));
    this.urls.forEach((host, url) -> checkBase("litefs.routing.forward.urls." + host, url));
  }

  /**
   * The base URL of the primary's application.
   *
   * @param hostname the primary's LiteFS hostname (already validated: no URL syntax in it)
   * @return the base URL, without a trailing slash
   */
  public URI baseFor(String hostname) {
    URI explicit = urls.get(hostname);
    return explicit != null ? explicit : expand(hostname);
  }

  /**
   * The URL to send a request to.
   *
   * @param hostname the primary's hostname
   * @param pathAndQuery the request's raw path and query, starting with '/'
   * @return the full URL
   */
  public URI target(String hostname, String pathAndQuery) {
    String base = baseFor(hostname).toString();
    if (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    return URI.create(base + pathAndQuery);
  }

  private URI expand(String hostname) {
    String url = template.replace(PLACEHOLDER, hostname);
    try {
      return new URI(url);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          "litefs.routing.forward.url-template does not give a URL for " + hostname + ": " + url,
          e);
    }
  }

  private static void checkBase(String property, URI url) {
    String scheme = url.getScheme();
    if (!url.isAbsolute()
        || url.getHost() == null
        || !("http".equals(scheme) || "https".equals(scheme))) {
      throw new IllegalArgumentException(
          property + " must be an absolute http or https URL with a host: " + url);
    }
    if (url.getRawQuery() != null || url.getRawFragment() != null) {
      throw new IllegalArgumentException(property + " must not have a query or fragment: " + url);
    }
  }

  @Override
  public String toString() {
    return "ForwardTargets[" + template + ", " + urls + "]";
  }
}
