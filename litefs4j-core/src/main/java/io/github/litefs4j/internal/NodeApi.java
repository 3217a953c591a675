package io.github.litefs4j.internal;

import io.github.litefs4j.spi.Texts;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Objects;

/**
 * {@code POST /promote} and {@code POST /handoff}, the node HTTP API calls that change the lease.
 * Stateless; thread-safe. Internal: not exported.
 */
public final class NodeApi {
  private NodeApi() {}

  public static void promote(HttpCalls http) {
    post(http, NodeErrors.Call.PROMOTE, http.uri("/promote", Map.of()));
  }

  public static void handoff(HttpCalls http, String nodeId) {
    post(
        http,
        NodeErrors.Call.HANDOFF,
        http.uri("/handoff", Map.of("nodeID", requireNodeId(nodeId))));
  }

  /** Validates a node ID: 1 to 16 hex digits (LiteFS formats them as 16 uppercase digits). */
  public static String requireNodeId(String nodeId) {
    Objects.requireNonNull(nodeId, "nodeId");
    boolean ok = !nodeId.isEmpty() && nodeId.length() <= 16;
    for (int i = 0; ok && i < nodeId.length(); i++) {
      char c = nodeId.charAt(i);
      ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
    if (!ok) {
      throw new IllegalArgumentException(
          "not a LiteFS node ID (expected 16 hex digits): " + Texts.quote(nodeId));
    }
    return nodeId;
  }

  private static void post(HttpCalls http, NodeErrors.Call call, URI uri) {
    HttpRequest request =
        http.request(uri, http.requestTimeout()).POST(HttpRequest.BodyPublishers.noBody()).build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() / 100 != 2) {
      throw NodeErrors.mapError(call, request, response.statusCode(), response.body(), null);
    }
  }
}
