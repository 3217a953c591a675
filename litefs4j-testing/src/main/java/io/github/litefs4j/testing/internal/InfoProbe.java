package io.github.litefs4j.testing.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Asks a node's {@code GET /info} whether it answers and whether it is the primary. One shared
 * HTTP/1.1 client with short timeouts: a probe that fails is simply retried by the caller.
 *
 * <p>Thread-safe.
 */
public final class InfoProbe {
  private static final Duration TIMEOUT = Duration.ofSeconds(2);
  private static final Pattern IS_PRIMARY_TRUE = Pattern.compile("\"isPrimary\"\\s*:\\s*true");

  private static final class Holder {
    static final HttpClient CLIENT =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  private InfoProbe() {}

  /**
   * The body of {@code GET <base>/info} if the node answers 200, empty if it does not answer or
   * answers something else.
   *
   * @throws InterruptedException if the calling thread is interrupted while waiting
   */
  public static Optional<String> info(URI base) throws InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(base.resolve("/info")).timeout(TIMEOUT).GET().build();
    try {
      HttpResponse<String> response =
          Holder.CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 ? Optional.of(response.body()) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Whether an {@code /info} body says {@code "isPrimary": true}. */
  public static boolean saysPrimary(String infoBody) {
    return IS_PRIMARY_TRUE.matcher(infoBody).find();
  }
}
