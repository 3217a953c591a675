package io.github.litefs4j.spring.internal;

import io.github.litefs4j.spring.RoutingMode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Mode forward: proxies a replica's write request to the primary's application with the JDK's
 * HttpClient, streaming the body both ways, and relays the answer (status, headers, body; the
 * primary's {@code __txid} cookie included). Hop-by-hop headers are dropped; {@code
 * X-Forwarded-For/-Host/-Proto} and the loop guard {@value LoopGuard#HEADER} are added. Never
 * retried: a request the primary may have run is never sent twice.
 *
 * <p>Answers of its own: 502 when the primary's application cannot be reached (nothing ran there),
 * 504 when it does not answer within the timeout (the write may or may not have run: the body says
 * so). Thread-safe.
 */
final class ForwardWrites implements ReplicaWrites {
  private static final System.Logger LOG = System.getLogger(ForwardWrites.class.getName());

  private final ForwardTargets targets;
  private final HttpClient client;
  private final Duration timeout;
  private final RoutingObserver observer;

  ForwardWrites(
      ForwardTargets targets, Duration connectTimeout, Duration timeout, RoutingObserver observer) {
    this.targets = targets;
    this.timeout = timeout;
    this.observer = observer;
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(connectTimeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  @Override
  public boolean handle(
      HttpServletRequest request, HttpServletResponse response, PrimaryRoute.ToPrimary primary)
      throws IOException {
    URI target = targets.target(primary.hostname(), pathAndQuery(request));
    HttpResponse<InputStream> answer;
    try {
      answer =
          client.send(
              outgoing(request, target, primary), HttpResponse.BodyHandlers.ofInputStream());
    } catch (HttpTimeoutException e) {
      return failed(
          request,
          response,
          target,
          504,
          "did not answer within "
              + timeout
              + "; the write may or may not have been made there: check before retrying",
          e);
    } catch (IOException e) {
      return failed(request, response, target, 502, "could not be reached; nothing was written", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return failed(request, response, target, 503, "forwarding was interrupted", e);
    }
    relay(answer, response);
    observer.routed(RoutingMode.FORWARD, RoutingObserver.Outcome.FORWARDED);
    return false;
  }

  private HttpRequest outgoing(
      HttpServletRequest request, URI target, PrimaryRoute.ToPrimary primary) throws IOException {
    HttpRequest.Builder builder = HttpRequest.newBuilder(target).timeout(timeout);
    HopByHop hop = HopByHop.forRequest(Collections.list(request.getHeaders("Connection")));
    for (String name : Collections.list(request.getHeaderNames())) {
      if (!hop.drops(name) && !LoopGuard.HEADER.equalsIgnoreCase(name)) {
        for (String value : Collections.list(request.getHeaders(name))) {
          builder.header(name, value);
        }
      }
    }
    builder.header("X-Forwarded-For", request.getRemoteAddr());
    builder.header("X-Forwarded-Proto", request.getScheme());
    String host = request.getHeader("Host");
    if (host != null) {
      builder.header("X-Forwarded-Host", host);
    }
    builder.header(LoopGuard.HEADER, primary.hostname());
    return builder.method(request.getMethod(), body(request)).build();
  }

  private static HttpRequest.BodyPublisher body(HttpServletRequest request) throws IOException {
    long length = request.getContentLengthLong();
    boolean chunked = request.getHeader("Transfer-Encoding") != null;
    if (length == 0 || (length < 0 && !chunked)) {
      return HttpRequest.BodyPublishers.noBody();
    }
    InputStream in = request.getInputStream();
    HttpRequest.BodyPublisher stream = HttpRequest.BodyPublishers.ofInputStream(() -> in);
    return length > 0 ? HttpRequest.BodyPublishers.fromPublisher(stream, length) : stream;
  }

  private static void relay(HttpResponse<InputStream> answer, HttpServletResponse response)
      throws IOException {
    response.setStatus(answer.statusCode());
    Map<String, List<String>> headers = answer.headers().map();
    HopByHop hop = HopByHop.forResponse(headers.getOrDefault("connection", List.of()));
    headers.forEach(
        (name, values) -> {
          if (!hop.drops(name)) {
            values.forEach(value -> response.addHeader(name, value));
          }
        });
    try (InputStream in = answer.body()) {
      OutputStream out = response.getOutputStream();
      in.transferTo(out);
      out.flush();
    }
  }

  private boolean failed(
      HttpServletRequest request,
      HttpServletResponse response,
      URI target,
      int status,
      String what,
      Exception e)
      throws IOException {
    observer.routed(RoutingMode.FORWARD, RoutingObserver.Outcome.FORWARD_FAILED);
    String message = "the primary's application at " + target + " " + what;
    LOG.log(
        Level.WARNING,
        "forwarding "
            + request.getMethod()
            + " "
            + request.getRequestURI()
            + " failed, answering "
            + status
            + ": "
            + message
            + " ("
            + e
            + ")");
    Responses.text(response, status, message);
    return false;
  }

  private static String pathAndQuery(HttpServletRequest request) {
    String query = request.getQueryString();
    return request.getRequestURI() + (query == null ? "" : "?" + query);
  }
}
