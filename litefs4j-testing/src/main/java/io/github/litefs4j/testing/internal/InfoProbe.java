package io.github.litefs4j.testing.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Asks a node's {@code GET /info} whether it answers, whether it is the primary and whom it names
 * as the primary; also the plain requests the fixture sends to nodes and to Consul. One shared
 * HTTP/1.1 client with short timeouts: a probe that fails is simply retried by the caller.
 *
 * <p>Thread-safe.
 */
public final class InfoProbe {
  private static final Duration TIMEOUT = Duration.ofSeconds(2);
  private static final Pattern IS_PRIMARY_TRUE = Pattern.compile("\"isPrimary\"\\s*:\\s*true");
  private static final Pattern PRIMARY_HOSTNAME =
      Pattern.compile(
          "\"primary\"\\s*:\\s*\\{[^}]*\"hostname\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

  /** What one node's {@code /info} said. */
  public record Info(boolean isPrimary, String primaryHostname) {
    /** "primary" or "replica of node-1" or "replica without a primary". */
    public String describe() {
      if (isPrimary) {
        return "primary";
      }
      return primaryHostname.isEmpty()
          ? "replica without a primary"
          : "replica of " + primaryHostname;
    }
  }

  /** A status code and body. */
  public record Response(int status, String body) {}

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
    return get(base.resolve("/info")).filter(r -> r.status() == 200).map(Response::body);
  }

  /** {@code GET /info}, parsed; empty if the node does not answer 200. */
  public static Optional<Info> parsedInfo(URI base) throws InterruptedException {
    return info(base).map(InfoProbe::parse);
  }

  /** Parses an {@code /info} body. */
  public static Info parse(String body) {
    Matcher m = PRIMARY_HOSTNAME.matcher(body);
    String hostname = m.find() ? m.group(1).replace("\\\"", "\"").replace("\\\\", "\\") : "";
    return new Info(saysPrimary(body), hostname);
  }

  /** Whether an {@code /info} body says {@code "isPrimary": true}. */
  public static boolean saysPrimary(String infoBody) {
    return IS_PRIMARY_TRUE.matcher(infoBody).find();
  }

  /** {@code GET uri}; empty if there is no answer. */
  public static Optional<Response> get(URI uri) throws InterruptedException {
    return send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build());
  }

  /** {@code POST uri} with an empty body; empty if there is no answer within {@code timeout}. */
  public static Optional<Response> post(URI uri, Duration timeout) throws InterruptedException {
    return send(
        HttpRequest.newBuilder(uri)
            .timeout(timeout)
            .POST(HttpRequest.BodyPublishers.noBody())
            .build());
  }

  private static Optional<Response> send(HttpRequest request) throws InterruptedException {
    try {
      HttpResponse<String> response =
          Holder.CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
      return Optional.of(new Response(response.statusCode(), response.body()));
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
