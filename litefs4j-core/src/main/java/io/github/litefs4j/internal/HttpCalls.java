package io.github.litefs4j.internal;

import io.github.litefs4j.LiteFsConnectionException;
import io.github.litefs4j.LiteFsHttpException;
import io.github.litefs4j.LiteFsInterruptedException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * HTTP plumbing shared by the client's calls: URI building with encoded query parameters, the
 * configured headers and timeouts, and mapping of I/O failures and error statuses to litefs4j
 * exceptions. Thread-safe. Internal: not exported.
 */
public final class HttpCalls {
  /** Bodies of error responses are kept up to this many characters. */
  public static final int MAX_ERROR_BODY = 4096;

  private final URI baseUri;
  private final HttpClient supplied;
  private final Duration connectTimeout;
  private final Duration requestTimeout;
  private final Map<String, String> headers;
  private volatile HttpClient lazy;

  public HttpCalls(
      URI baseUri,
      HttpClient supplied,
      Duration connectTimeout,
      Duration requestTimeout,
      Map<String, String> headers) {
    String base = baseUri.toString();
    this.baseUri = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
    this.supplied = supplied;
    this.connectTimeout = connectTimeout;
    this.requestTimeout = requestTimeout;
    this.headers = headers;
  }

  /** The HTTP client: the supplied one, or one created on first use. */
  public HttpClient client() {
    if (supplied != null) {
      return supplied;
    }
    HttpClient client = lazy;
    if (client == null) {
      synchronized (this) {
        client = lazy;
        if (client == null) {
          client =
              HttpClient.newBuilder()
                  .version(HttpClient.Version.HTTP_1_1)
                  .connectTimeout(connectTimeout)
                  .followRedirects(HttpClient.Redirect.NEVER)
                  .build();
          lazy = client;
        }
      }
    }
    return client;
  }

  public URI baseUri() {
    return baseUri;
  }

  public Duration requestTimeout() {
    return requestTimeout;
  }

  /**
   * The URI of {@code path} (starting with '/') on the node, with the query parameters
   * percent-encoded (so a database name cannot escape its parameter).
   */
  public URI uri(String path, Map<String, String> query) {
    StringBuilder uri = new StringBuilder(baseUri.toString()).append(path);
    char sep = '?';
    for (Map.Entry<String, String> param : query.entrySet()) {
      uri.append(sep).append(encode(param.getKey())).append('=').append(encode(param.getValue()));
      sep = '&';
    }
    return URI.create(uri.toString());
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /**
   * A request builder for the URI with the configured headers and, when {@code timeout} is not
   * null, that timeout for the whole exchange.
   */
  public HttpRequest.Builder request(URI uri, Duration timeout) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(uri);
    if (timeout != null) {
      builder.timeout(timeout);
    }
    headers.forEach(builder::header);
    return builder;
  }

  /**
   * Sends a request, mapping I/O failures to {@link LiteFsConnectionException} and interruption to
   * {@link LiteFsInterruptedException}. Does not look at the status.
   */
  public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
    try {
      return client().send(request, handler);
    } catch (IOException e) {
      throw unreachable(request, e);
    } catch (InterruptedException e) {
      throw interrupted(request, e);
    }
  }

  /**
   * Waits for an exchange started with {@code sendAsync}, as {@link #send} does, but no longer than
   * {@code limit} allows. On timeout or interruption the exchange is cancelled (its connection
   * closed).
   *
   * @param what the transfer at the time of the timeout, for its message ("import of app.db")
   * @throws LiteFsTimeoutException if the limit runs out first
   */
  <T> HttpResponse<T> await(
      CompletableFuture<HttpResponse<T>> pending,
      HttpRequest request,
      Supplier<String> what,
      TransferLimit limit) {
    try {
      return limit.isBounded()
          ? pending.get(limit.remainingNanos(), TimeUnit.NANOSECONDS)
          : pending.get();
    } catch (TimeoutException e) {
      pending.cancel(true);
      throw limit.exceeded(what.get() + " on " + baseUri);
    } catch (InterruptedException e) {
      pending.cancel(true);
      throw interrupted(request, e);
    } catch (ExecutionException e) {
      throw unreachable(request, e.getCause() != null ? e.getCause() : e);
    }
  }

  /** Starts an exchange; wait for it with {@link #awaitIgnoringInterrupts}. */
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(
      HttpRequest request, HttpResponse.BodyHandler<T> handler) {
    return client().sendAsync(request, handler);
  }

  /**
   * Waits for an exchange started with {@link #sendAsync}, for a thread that only its owner's
   * {@code close()} stops: interrupts are ignored (the flag is cleared), I/O failures are mapped as
   * by {@link #send}.
   *
   * @throws java.util.concurrent.CancellationException if the exchange was cancelled
   */
  public <T> HttpResponse<T> awaitIgnoringInterrupts(
      CompletableFuture<HttpResponse<T>> pending, HttpRequest request) {
    while (true) {
      try {
        return pending.get();
      } catch (ExecutionException e) {
        throw unreachable(request, e.getCause() != null ? e.getCause() : e);
      } catch (InterruptedException e) {
        // cleared; the owner's close() cancels the exchange instead
      }
    }
  }

  /** Sets the interrupt flag again and returns the exception for an interrupted exchange. */
  private LiteFsInterruptedException interrupted(HttpRequest request, InterruptedException e) {
    Thread.currentThread().interrupt();
    return new LiteFsInterruptedException(
        "interrupted while waiting for " + describe(request) + " on " + baseUri, e);
  }

  /** The exception for an exchange that failed: no answer in time, or an I/O failure. */
  private LiteFsConnectionException unreachable(HttpRequest request, Throwable cause) {
    if (cause instanceof HttpTimeoutException) {
      return new LiteFsConnectionException(
          "LiteFS node at " + baseUri + " did not answer " + describe(request) + " in time",
          request.uri(),
          cause);
    }
    return new LiteFsConnectionException(
        "LiteFS node at "
            + baseUri
            + " could not be reached for "
            + describe(request)
            + ": "
            + cause,
        request.uri(),
        cause);
  }

  /** The generic exception for an error status; callers map known statuses to subclasses. */
  public static LiteFsHttpException error(HttpRequest request, int status, String body) {
    String trimmed = trimBody(body);
    return new LiteFsHttpException(
        LiteFsHttpException.Reason.OTHER,
        describe(request) + " failed with HTTP " + status + ": " + Texts.quote(trimmed),
        request.method(),
        request.uri(),
        status,
        trimmed,
        null,
        null);
  }

  /** An error body trimmed of surrounding white space and cut to {@link #MAX_ERROR_BODY}. */
  public static String trimBody(String body) {
    if (body == null) {
      return "";
    }
    String trimmed = body.strip();
    return trimmed.length() > MAX_ERROR_BODY ? trimmed.substring(0, MAX_ERROR_BODY) : trimmed;
  }

  /** "GET http://host/path?query" for messages. */
  public static String describe(HttpRequest request) {
    return request.method() + " " + request.uri();
  }
}
