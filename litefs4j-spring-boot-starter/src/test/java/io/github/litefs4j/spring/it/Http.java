package io.github.litefs4j.spring.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** The tests' HTTP client: plain requests to the node applications, and Fly's replay. */
final class Http {
  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private Http() {}

  static HttpResponse<String> post(URI base, String path, String body) {
    return send(postRequest(base, path, body, null));
  }

  static HttpResponse<String> post(URI base, String path, String body, String cookie) {
    return send(postRequest(base, path, body, cookie));
  }

  static HttpResponse<String> get(URI base, String path) {
    return send(getRequest(base, path, null));
  }

  static HttpResponse<String> get(URI base, String path, String cookie) {
    return send(getRequest(base, path, cookie));
  }

  static CompletableFuture<HttpResponse<String>> getAsync(URI base, String path, String cookie) {
    return CLIENT.sendAsync(getRequest(base, path, cookie), HttpResponse.BodyHandlers.ofString());
  }

  /** The {@code name=value} of the response's {@code __txid} cookie. */
  static Optional<String> txidCookie(HttpResponse<?> response) {
    return response.headers().allValues("Set-Cookie").stream()
        .filter(v -> v.startsWith("__txid="))
        .map(v -> v.substring(0, v.indexOf(';')))
        .findFirst();
  }

  private static HttpRequest postRequest(URI base, String path, String body, String cookie) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(TIMEOUT)
            .header("Content-Type", "text/plain")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (cookie != null) {
      b.header("Cookie", cookie);
    }
    return b.build();
  }

  private static HttpRequest getRequest(URI base, String path, String cookie) {
    HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT).GET();
    if (cookie != null) {
      b.header("Cookie", cookie);
    }
    return b.build();
  }

  private static HttpResponse<String> send(HttpRequest request) {
    try {
      return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
