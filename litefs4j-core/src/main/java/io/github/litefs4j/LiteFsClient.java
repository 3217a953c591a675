package io.github.litefs4j;

import io.github.litefs4j.internal.EventPrimaryMonitor;
import io.github.litefs4j.internal.HttpCalls;
import io.github.litefs4j.internal.HttpEventSubscription;
import io.github.litefs4j.internal.ReconnectingEventWatcher;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A client for one LiteFS node's HTTP API (by default {@code http://localhost:20202}, the node the
 * application runs beside).
 *
 * <p>Immutable and thread-safe: share one instance. Create it with {@link #create(URI)} or {@link
 * #builder()}; derive a variant with {@link #newBuilder()}. The underlying {@link HttpClient} is
 * created on first use, so {@link #DEFAULT} costs nothing until it is used.
 *
 * <pre>{@code
 * LiteFsClient client = LiteFsClient.builder()
 *     .baseUri(URI.create("http://localhost:20202"))
 *     .requestTimeout(Duration.ofSeconds(10))
 *     .build();
 * }</pre>
 *
 * <p>LiteFS's HTTP API has no authentication: whoever reaches the port can promote, import and
 * export. Keep it on a private network.
 */
public final class LiteFsClient {

  /** The default base URI, {@code http://localhost:20202}, as litefs-go's DefaultClient. */
  public static final URI DEFAULT_URI = URI.create("http://localhost:20202");

  /** A client for {@link #DEFAULT_URI} with the default timeouts. */
  public static final LiteFsClient DEFAULT = builder().build();

  /** Default time allowed to open a connection: 5 seconds. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

  /** Default time allowed for a whole non-streaming request: 30 seconds. */
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);

  private final URI baseUri;
  private final Duration connectTimeout;
  private final Duration requestTimeout;
  private final Map<String, String> headers;
  private final HttpClient suppliedHttpClient;
  private final HttpCalls http;

  private LiteFsClient(Builder builder) {
    this.baseUri = builder.baseUri;
    this.connectTimeout = builder.connectTimeout;
    this.requestTimeout = builder.requestTimeout;
    this.headers = Map.copyOf(builder.headers);
    this.suppliedHttpClient = builder.httpClient;
    this.http = new HttpCalls(baseUri, builder.httpClient, connectTimeout, requestTimeout, headers);
  }

  /**
   * A client for the node at {@code baseUri} with the default timeouts.
   *
   * @param baseUri for example {@code http://localhost:20202}
   * @return the client
   * @throws IllegalArgumentException if the URI is not an absolute http(s) URI
   */
  public static LiteFsClient create(URI baseUri) {
    return builder().baseUri(baseUri).build();
  }

  /**
   * A builder starting from the defaults.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder starting from this client's configuration (and sharing its {@link HttpClient} if one
   * was supplied).
   *
   * @return a new builder
   */
  public Builder newBuilder() {
    Builder builder = new Builder();
    builder.baseUri = baseUri;
    builder.connectTimeout = connectTimeout;
    builder.requestTimeout = requestTimeout;
    builder.headers.putAll(headers);
    builder.httpClient = suppliedHttpClient;
    return builder;
  }

  /**
   * The node's base URI.
   *
   * @return for example {@code http://localhost:20202}
   */
  public URI baseUri() {
    return baseUri;
  }

  /**
   * The time allowed to open a connection.
   *
   * @return the connect timeout
   */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /**
   * The time allowed for a whole non-streaming request (streams such as events are not bound by
   * it).
   *
   * @return the request timeout
   */
  public Duration requestTimeout() {
    return requestTimeout;
  }

  /**
   * The extra headers sent with every request.
   *
   * @return an unmodifiable map
   */
  public Map<String, String> headers() {
    return headers;
  }

  // ---- Events and primary monitoring (GET /events) -------------------------------------------

  /**
   * A pull subscription to the node's event stream, as litefs-go's {@code SubscribeEvents()}. No
   * request is sent until the first {@link EventSubscription#next()}. Close it when done.
   *
   * <pre>{@code
   * try (EventSubscription events = client.subscribeEvents()) {
   *   Event first = events.next(Duration.ofSeconds(5)); // always an InitEvent
   * }
   * }</pre>
   *
   * @return a new subscription; it starts no thread
   */
  public EventSubscription subscribeEvents() {
    return new HttpEventSubscription(http);
  }

  /**
   * A push subscription with the {@linkplain ReconnectPolicy#DEFAULT default reconnect policy}: a
   * thread keeps the node's event stream open, reconnects with backoff and calls {@code listener}.
   * See {@link #subscribe(EventListener, ReconnectPolicy)}.
   *
   * @param listener receives events and connection changes
   * @return the running subscription; close it to stop
   */
  public EventWatcher subscribe(EventListener listener) {
    return subscribe(listener, ReconnectPolicy.DEFAULT);
  }

  /**
   * A push subscription: a daemon thread ({@code litefs4j-events-N}) keeps the node's event stream
   * open and calls {@code listener} for each event. After a failure it waits as {@code policy} says
   * and reconnects; {@link EventListener#onConnected(boolean)} then reports a gap, because LiteFS
   * does not replay missed events.
   *
   * <pre>{@code
   * try (EventWatcher watcher = client.subscribe(new EventListener() {
   *   public void onEvent(Event event) { ... }
   *   public void onConnected(boolean gap) { if (gap) resyncFromPosFiles(); }
   * }, ReconnectPolicy.DEFAULT)) {
   *   ...
   * }
   * }</pre>
   *
   * @param listener receives events and connection changes, on the subscription's thread
   * @param policy backoff and idle timeout
   * @return the running subscription; close it to stop
   */
  public EventWatcher subscribe(EventListener listener, ReconnectPolicy policy) {
    Objects.requireNonNull(listener, "listener");
    Objects.requireNonNull(policy, "policy");
    return ReconnectingEventWatcher.start(http, listener, policy, "litefs4j-events");
  }

  /**
   * Starts monitoring the node's primary status with the {@linkplain ReconnectPolicy#DEFAULT
   * default reconnect policy}, as litefs-go's {@code MonitorPrimary()}. See {@link PrimaryMonitor}.
   *
   * @return the running monitor; close it to stop
   */
  public PrimaryMonitor monitorPrimary() {
    return monitorPrimary(ReconnectPolicy.DEFAULT);
  }

  /**
   * Starts monitoring the node's primary status. See {@link PrimaryMonitor}.
   *
   * <pre>{@code
   * try (PrimaryMonitor monitor = client.monitorPrimary(ReconnectPolicy.DEFAULT)) {
   *   PrimaryState state = monitor.awaitReady(Duration.ofSeconds(10));
   * }
   * }</pre>
   *
   * @param policy backoff and idle timeout of the monitor's event stream
   * @return the running monitor (one daemon thread, {@code litefs4j-primary-monitor-N}); close it
   *     to stop
   */
  public PrimaryMonitor monitorPrimary(ReconnectPolicy policy) {
    Objects.requireNonNull(policy, "policy");
    return EventPrimaryMonitor.start(http, policy);
  }

  // ---- end of events and primary monitoring -------------------------------------------------

  /** Internal access to the HTTP plumbing for the other classes of this package. */
  HttpCalls http() {
    return http;
  }

  @Override
  public String toString() {
    return "LiteFsClient[" + baseUri + "]";
  }

  /** Builds a {@link LiteFsClient}. Not thread-safe; {@link #build()} copies the configuration. */
  public static final class Builder {
    private URI baseUri = DEFAULT_URI;
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private HttpClient httpClient;

    private Builder() {}

    /**
     * The node's base URI; a trailing slash is allowed.
     *
     * @param baseUri an absolute http or https URI
     * @return this builder
     * @throws IllegalArgumentException if the URI is not absolute http(s), or has a query
     */
    public Builder baseUri(URI baseUri) {
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
    public Builder httpClient(HttpClient httpClient) {
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
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = positive("connectTimeout", timeout);
      return this;
    }

    /**
     * The time allowed for a whole non-streaming request. Default 30 s. Export and import streams
     * and the event stream are not bound by it.
     *
     * @param timeout a positive duration
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = positive("requestTimeout", timeout);
      return this;
    }

    /**
     * An extra header sent with every request (for example for a proxy in front of the node).
     * Setting the same name again replaces the value.
     *
     * @param name the header name
     * @param value the header value
     * @return this builder
     * @throws IllegalArgumentException if the name or value holds CR, LF or other control
     *     characters, or the name is not a valid token
     */
    public Builder header(String name, String value) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
      HttpCalls.validateHeader(name, value);
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

    private static Duration positive(String name, Duration value) {
      Objects.requireNonNull(value, name);
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException(name + " must be positive: " + value);
      }
      return value;
    }
  }
}
