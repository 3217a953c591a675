package io.github.litefs4j.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.github.litefs4j.LiteFsProtocolException;
import io.github.litefs4j.NodeInfo;
import io.github.litefs4j.spi.Texts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code GET /info}: the request, and the parsing of its JSON into a {@link NodeInfo}. Stateless;
 * thread-safe. Internal: not exported.
 */
public final class NodeInfos {
  /** Response header carrying the node ID. */
  public static final String NODE_ID_HEADER = "Litefs-Id";

  private static final JsonFactory JSON = new JsonFactory();

  private NodeInfos() {}

  public static NodeInfo info(HttpCalls http) {
    HttpRequest request = infoRequest(http);
    return info(request, http.send(request, HttpResponse.BodyHandlers.ofString()));
  }

  /** The request of {@code GET /info}, bounded by the request timeout (for asynchronous sends). */
  public static HttpRequest infoRequest(HttpCalls http) {
    return http.request(http.uri("/info", Map.of()), http.requestTimeout()).GET().build();
  }

  /** The node info in the response to {@link #infoRequest}; throws for an error or bad JSON. */
  public static NodeInfo info(HttpRequest request, HttpResponse<String> response) {
    if (response.statusCode() != 200) {
      throw NodeErrors.mapError(
          NodeErrors.Call.INFO, request, response.statusCode(), response.body(), null);
    }
    Optional<String> nodeId =
        response.headers().firstValue(NODE_ID_HEADER).filter(s -> !s.isEmpty());
    return parseInfo(response.body(), request.uri(), nodeId);
  }

  /** Parses the JSON of {@code GET /info}; unknown fields are ignored. */
  public static NodeInfo parseInfo(String body, URI uri, Optional<String> nodeId) {
    String clusterId = null;
    Boolean isPrimary = null;
    Boolean candidate = null;
    String path = "";
    String primaryHostname = null;
    try (JsonParser parser = JSON.createParser(body)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("expected a JSON object");
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        switch (field) {
          case "clusterID" -> clusterId = stringOrNull(parser, value, field);
          case "isPrimary" -> isPrimary = bool(parser, value, field);
          case "candidate" -> candidate = bool(parser, value, field);
          case "path" -> path = Objects.requireNonNullElse(stringOrNull(parser, value, field), "");
          case "primary" -> {
            if (value == JsonToken.START_OBJECT) {
              while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String inner = parser.currentName();
                JsonToken innerValue = parser.nextToken();
                if ("hostname".equals(inner)) {
                  primaryHostname = stringOrNull(parser, innerValue, "primary.hostname");
                } else {
                  parser.skipChildren();
                }
              }
            } else if (value != JsonToken.VALUE_NULL) {
              throw new IOException("field primary is not an object");
            }
          }
          default -> parser.skipChildren();
        }
      }
      if (parser.currentToken() != JsonToken.END_OBJECT) {
        throw new IOException("unexpected " + parser.currentToken());
      }
      if (isPrimary == null || candidate == null) {
        throw new IOException("missing isPrimary or candidate");
      }
    } catch (IOException e) {
      String trimmed = HttpCalls.trimBody(body);
      throw new LiteFsProtocolException(
          LiteFsProtocolException.Reason.MALFORMED_RESPONSE,
          "GET "
              + uri
              + " answered an unreadable node info ("
              + e.getMessage()
              + "): "
              + Texts.quote(trimmed),
          uri,
          trimmed,
          -1,
          e);
    }
    boolean primary = isPrimary;
    return new NodeInfo(
        nodeId,
        Optional.ofNullable(clusterId).filter(s -> !s.isEmpty()),
        primary,
        candidate,
        path,
        // As on every litefs4j API: empty on the primary itself (isPrimary tells it apart).
        Optional.ofNullable(primaryHostname).filter(s -> !primary && !s.isEmpty()));
  }

  private static String stringOrNull(JsonParser parser, JsonToken value, String field)
      throws IOException {
    if (value == JsonToken.VALUE_NULL) {
      return null;
    }
    if (value != JsonToken.VALUE_STRING) {
      throw new IOException("field " + field + " is not a string");
    }
    return parser.getText();
  }

  private static boolean bool(JsonParser parser, JsonToken value, String field) throws IOException {
    if (value != JsonToken.VALUE_TRUE && value != JsonToken.VALUE_FALSE) {
      throw new IOException("field " + field + " is not a boolean");
    }
    return parser.getBooleanValue();
  }
}
