package io.github.litefs4j;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** Builds a {@link LiteFsClient}. Not thread-safe; {@link #build()} copies the configuration. */
public final class LiteFsClientBuilder {
  URI baseUri = LiteFsClient.DEFAULT_URI;
  Duration connectTimeout = LiteFsClient.DEFAULT_CONNECT_TIMEOUT;
  Duration requestTimeout = LiteFsClient.DEFAULT_REQUEST_TIMEOUT;
  Duration transferTimeout;
  final Map<String, String> headers = new LinkedHashMap<>();
  HttpClient httpClient;

  LiteFsClientBuilder() {}

  /** For {@link LiteFsClient#newBuilder()}: the timeouts of an existing client. */
  LiteFsClientBuilder copy(URI uri, Duration connect, Duration request, Duration transfer) {
    this.baseUri = uri;
    this.connectTimeout = connect;
    this.requestTimeout = request;
    this.transferTimeout = transfer;
    return this;
  }

  /** For {@link LiteFsClient#newBuilder()}: the headers and HTTP client of an existing client. */
  LiteFsClientBuilder copy(Map<String, String> from, HttpClient client) {
    headers.putAll(from);
    this.httpClient = client;
    return this;
  }

  /**
   * The node's base URI; a trailing slash is allowed.
   *
   * @param baseUri an absolute http or https URI
   * @return this builder
   * @throws IllegalArgumentException if the URI is not absolute http(s), or has a query
   */
  public LiteFsClientBuilder baseUri(URI baseUri) {
    Objects.requireNonNull(baseUri, "baseUri");
    String scheme = baseUri.getScheme();
    if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)) {
      throw new IllegalArgumentException("baseUri must be an absolute http(s) URI: " + baseUri);
    }
    if (baseUri.getHost() == null) {
      throw new IllegalArgumentException("baseUri must name a host: " + baseUri);
    }
    if (baseUri.getRawQuery() != null || baseUri.getRawFragment() != null) {
      throw new IllegalArgumentException("baseUri must not have a query or fragment: " + baseUri);
    }
    this.baseUri = baseUri;
    return this;
  }

  /**
   * The {@link HttpClient} to use. By default the client creates its own (HTTP/1.1, with the
   * connect timeout). A supplied client's own connect timeout applies instead of {@link
   * #connectTimeout(Duration)}.
   *
   * @param httpClient the client to send requests with
   * @return this builder
   */
  public LiteFsClientBuilder httpClient(HttpClient httpClient) {
    this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
    return this;
  }

  /**
   * The time allowed to open a connection. Default 5 s.
   *
   * @param timeout a positive duration
   * @return this builder
   * @throws IllegalArgumentException if not positive
   */
  public LiteFsClientBuilder connectTimeout(Duration timeout) {
    this.connectTimeout = positive("connectTimeout", timeout);
    return this;
  }

  /**
   * The time allowed for a whole non-streaming request. Default 30 s. Exports and imports (see
   * {@link #transferTimeout(Duration)}) and the event stream are not bound by it.
   *
   * @param timeout a positive duration
   * @return this builder
   * @throws IllegalArgumentException if not positive
   */
  public LiteFsClientBuilder requestTimeout(Duration timeout) {
    this.requestTimeout = positive("requestTimeout", timeout);
    return this;
  }

  /**
   * The time allowed for a whole export or import, from sending the request to the end of the
   * answer; past it the call throws {@link LiteFsTimeoutException} and closes the connection. Unset
   * by default: a large database over a slow link may take minutes, so transfers are unbounded
   * unless the application chooses a bound (interrupting the calling thread ends a transfer either
   * way).
   *
   * @param timeout a positive duration
   * @return this builder
   * @throws IllegalArgumentException if not positive
   */
  public LiteFsClientBuilder transferTimeout(Duration timeout) {
    this.transferTimeout = positive("transferTimeout", timeout);
    return this;
  }

  /**
   * An extra header sent with every request (for example for a proxy in front of the node). Setting
   * the same name again replaces the value.
   *
   * @param name the header name
   * @param value the header value
   * @return this builder
   * @throws IllegalArgumentException if the name or value holds CR, LF or other control characters,
   *     or the name is not a valid token
   */
  public LiteFsClientBuilder header(String name, String value) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    validateHeader(name, value);
    headers.put(name, value);
    return this;
  }

  /**
   * Builds the client.
   *
   * @return an immutable client
   */
  public LiteFsClient build() {
    return new LiteFsClient(this);
  }

  /**
   * Rejects header names that are not HTTP tokens and values with control characters (CR and LF
   * among them), so that no configuration can inject a header.
   */
  private static void validateHeader(String name, String value) {
    if (!Quoting.isHttpToken(name)) {
      throw new IllegalArgumentException(
          name.isEmpty()
              ? "header name must not be empty"
              : "invalid header name: " + Quoting.quote(name));
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if ((c < 0x20 && c != '\t') || c == 0x7f) {
        throw new IllegalArgumentException(
            "header " + name + " has a control character in its value: " + Quoting.quote(value));
      }
    }
  }

  private static Duration positive(String name, Duration value) {
    Objects.requireNonNull(value, name);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + value);
    }
    return value;
  }
}
