package io.github.litefs4j.spring;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code litefs.routing.forward.*}: where routing mode {@link RoutingMode#FORWARD} sends a
 * replica's writes. Part of {@link LiteFsProperties}; a mutable bean bound at startup.
 */
public class ForwardProperties {
  /**
   * The primary application's base URL; {hostname} stands for the primary's LiteFS hostname
   * (braces, not ${...}, which Spring would resolve itself).
   */
  private String urlTemplate = "http://{hostname}:8080";

  /** Base URLs by primary hostname; an entry wins over the template. */
  private Map<String, URI> urls = new LinkedHashMap<>();

  /** How long to wait for the primary application's response headers. */
  private Duration timeout = Duration.ofSeconds(30);

  /** How long to wait for a connection to the primary application. */
  private Duration connectTimeout = Duration.ofSeconds(5);

  /**
   * The primary application's base URL; {hostname} stands for the primary's LiteFS hostname
   * (braces, not ${...}, which Spring would resolve itself).
   *
   * @return the value of {@code litefs.routing.forward.url-template}
   */
  public String getUrlTemplate() {
    return urlTemplate;
  }

  /**
   * Sets {@code litefs.routing.forward.url-template}.
   *
   * @param urlTemplate the new value
   */
  public void setUrlTemplate(String urlTemplate) {
    this.urlTemplate = urlTemplate;
  }

  /**
   * Base URLs by primary hostname; an entry wins over the template.
   *
   * @return the value of {@code litefs.routing.forward.urls}
   */
  public Map<String, URI> getUrls() {
    return urls;
  }

  /**
   * Sets {@code litefs.routing.forward.urls}.
   *
   * @param urls the new value
   */
  public void setUrls(Map<String, URI> urls) {
    this.urls = urls;
  }

  /**
   * How long to wait for the primary application's response headers.
   *
   * @return the value of {@code litefs.routing.forward.timeout}
   */
  public Duration getTimeout() {
    return timeout;
  }

  /**
   * Sets {@code litefs.routing.forward.timeout}.
   *
   * @param timeout the new value
   */
  public void setTimeout(Duration timeout) {
    this.timeout = timeout;
  }

  /**
   * How long to wait for a connection to the primary application.
   *
   * @return the value of {@code litefs.routing.forward.connect-timeout}
   */
  public Duration getConnectTimeout() {
    return connectTimeout;
  }

  /**
   * Sets {@code litefs.routing.forward.connect-timeout}.
   *
   * @param connectTimeout the new value
   */
  public void setConnectTimeout(Duration connectTimeout) {
    this.connectTimeout = connectTimeout;
  }
}
