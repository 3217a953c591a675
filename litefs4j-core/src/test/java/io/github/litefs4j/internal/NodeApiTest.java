package io.github.litefs4j.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.litefs4j.LiteFsException;
import io.github.litefs4j.LiteFsHttpException;
import io.github.litefs4j.LiteFsProtocolException;
import io.github.litefs4j.NodeInfo;
import io.github.litefs4j.internal.NodeErrors.Call;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Parsing of /info and the status mapping, without a server. */
class NodeApiTest {
  private static final URI URI_INFO = URI.create("http://127.0.0.1:20202/info");

  @Test
  void parsesAReplicasInfoAsLiteFsPrintsIt() {
    String body =
        "{\n  \"clusterID\": \"LFSC0123456789ABCDEF\",\n  \"isPrimary\": false,\n"
            + "  \"candidate\": false,\n  \"path\": \"/tmp/lfs-b/data\",\n"
            + "  \"primary\": {\n    \"hostname\": \"node-a\"\n  }\n}\n";
    NodeInfo info = NodeInfos.parseInfo(body, URI_INFO, Optional.of("4F2A0C1D2E3B4A59"));
    assertThat(info)
        .isEqualTo(
            new NodeInfo(
                Optional.of("4F2A0C1D2E3B4A59"),
                Optional.of("LFSC0123456789ABCDEF"),
                false,
                false,
                "/tmp/lfs-b/data",
                Optional.of("node-a")));
    assertThat(info.isDisconnectedReplica()).isFalse();
  }

  @Test
  void onThePrimaryThePrimaryHostnameIsEmptyAsOnEveryApi() {
    String body =
        "{\"isPrimary\":true,\"candidate\":true,\"path\":\"/d\",\"primary\":{\"hostname\":\"node-a\"}}";
    NodeInfo info = NodeInfos.parseInfo(body, URI_INFO, Optional.empty());
    assertThat(info.isPrimary()).isTrue();
    assertThat(info.primaryHostname()).isEmpty();
    assertThat(info.isDisconnectedReplica()).isFalse();
  }

  @Test
  void anEmptyPrimaryHostnameIsAbsent() {
    String body =
        "{\"isPrimary\":false,\"candidate\":false,\"path\":\"/d\",\"primary\":{\"hostname\":\"\"}}";
    NodeInfo info = NodeInfos.parseInfo(body, URI_INFO, Optional.empty());
    assertThat(info.primaryHostname()).isEmpty();
    assertThat(info.clusterId()).isEmpty();
    assertThat(info.isDisconnectedReplica()).isTrue();
  }

  @Test
  void aPrimaryIsNotADisconnectedReplica() {
    String body =
        "{\"isPrimary\":true,\"candidate\":true,\"path\":\"/d\",\"primary\":{\"hostname\":\"\"}}";
    NodeInfo info = NodeInfos.parseInfo(body, URI_INFO, Optional.empty());
    assertThat(info.isPrimary()).isTrue();
    assertThat(info.isDisconnectedReplica()).isFalse();
  }

  @Test
  void unknownFieldsAndAMissingPrimaryObjectAreTolerated() {
    String body =
        "{\"isPrimary\":true,\"candidate\":true,\"future\":{\"a\":[1,2,{\"b\":null}]},\"path\":\"/d\"}";
    NodeInfo info = NodeInfos.parseInfo(body, URI_INFO, Optional.empty());
    assertThat(info.isPrimary()).isTrue();
    assertThat(info.primaryHostname()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "not json",
        "[]",
        "{\"isPrimary\":\"yes\",\"candidate\":false}",
        "{\"candidate\":false}",
        "{\"isPrimary\":false,\"candidate\":false,\"primary\":\"node-a\"}",
        "{\"isPrimary\":false,\"candidate\":false,\"path\":7}",
        "{\"isPrimary\":false,\"candidate\":false"
      })
  void unreadableInfoIsMalformedResponseQuotingTheBody(String body) {
    assertThatThrownBy(() -> NodeInfos.parseInfo(body, URI_INFO, Optional.empty()))
        .isInstanceOf(LiteFsProtocolException.class)
        .hasFieldOrPropertyWithValue("reason", LiteFsProtocolException.Reason.MALFORMED_RESPONSE)
        .hasMessageContaining(URI_INFO.toString())
        .satisfies(e -> assertThat(((LiteFsProtocolException) e).body()).isEqualTo(body.strip()));
  }

  private static HttpRequest request(String method, String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:20202" + path))
        .method(method, HttpRequest.BodyPublishers.noBody())
        .build();
  }

  @Test
  void badRequestIsInvalidRequestForEveryCall() {
    for (Call call : Call.values()) {
      LiteFsException e =
          NodeErrors.mapError(call, request("POST", "/x"), 400, "name required\n", "a");
      assertThat(e)
          .isInstanceOf(LiteFsHttpException.class)
          .hasFieldOrPropertyWithValue("reason", LiteFsHttpException.Reason.INVALID_REQUEST);
      assertThat(((LiteFsHttpException) e).body()).isEqualTo("name required");
      assertThat(e.getMessage()).contains("HTTP 400").contains("\"name required\"");
    }
  }

  @Test
  void exportNotFoundIsDatabaseNotFoundWithTheHttpStatus() {
    LiteFsException e =
        NodeErrors.mapError(
            Call.EXPORT, request("GET", "/export?name=x.db"), 404, "database not found\n", "x.db");
    assertThat(e)
        .isInstanceOf(LiteFsHttpException.class)
        .hasFieldOrPropertyWithValue("reason", LiteFsHttpException.Reason.DATABASE_NOT_FOUND)
        .hasMessageContaining("x.db")
        .hasMessageContaining("database not found");
    assertThat(((LiteFsHttpException) e).database()).contains("x.db");
    assertThat(((LiteFsHttpException) e).status()).isEqualTo(404);
  }

  @Test
  void importUnavailableIsNotPrimary() {
    LiteFsException e =
        NodeErrors.mapError(
            Call.IMPORT, request("POST", "/import?name=x"), 503, "context canceled", "x");
    assertThat(e)
        .isInstanceOf(LiteFsHttpException.class)
        .hasFieldOrPropertyWithValue("reason", LiteFsHttpException.Reason.NOT_PRIMARY)
        .hasMessageContaining("context canceled");
    assertThat(((LiteFsHttpException) e).status()).isEqualTo(503);
  }

  @Test
  void promoteStatusesMapToTheirMeaning() {
    assertThat(
            NodeErrors.mapError(
                Call.PROMOTE,
                request("POST", "/promote"),
                409,
                "not eligible to become primary",
                null))
        .isInstanceOf(LiteFsHttpException.class)
        .hasFieldOrPropertyWithValue("reason", LiteFsHttpException.Reason.NOT_CANDIDATE);
    assertThat(
            NodeErrors.mapError(
                Call.PROMOTE,
                request("POST", "/promote"),
                500,
                "no primary is currently available for handoff, cannot promote",
                null))
        .isInstanceOf(LiteFsHttpException.class)
        .hasFieldOrPropertyWithValue("reason", LiteFsHttpException.Reason.NO_PRIMARY);
    LiteFsException other =
        NodeErrors.mapError(
            Call.PROMOTE, request("POST", "/promote"), 500, "handoff failed: boom", null);
    assertThat(other.getClass()).isEqualTo(LiteFsHttpException.class);
  }

  @Test
  void handoffFromANonPrimaryIsNotPrimary() {
    assertThat(
            NodeErrors.mapError(
                Call.HANDOFF,
                request("POST", "/handoff?nodeID=1"),
                500,
                "cannot handoff: node is not currently primary",
                null))
        .isInstanceOf(LiteFsHttpException.class)
        .hasFieldOrPropertyWithValue("reason", LiteFsHttpException.Reason.NOT_PRIMARY);
    assertThat(
            NodeErrors.mapError(
                    Call.HANDOFF,
                    request("POST", "/handoff?nodeID=1"),
                    500,
                    "cannot handoff: static lease does not support handoff",
                    null)
                .getClass())
        .isEqualTo(LiteFsHttpException.class);
  }

  @Test
  void statusesWithoutAMeaningOfTheirOwnStayGeneric() {
    assertThat(
            NodeErrors.mapError(Call.EXPORT, request("GET", "/export"), 503, "x", "a").getClass())
        .isEqualTo(LiteFsHttpException.class);
    assertThat(
            NodeErrors.mapError(Call.IMPORT, request("POST", "/import"), 404, "x", "a").getClass())
        .isEqualTo(LiteFsHttpException.class);
    assertThat(NodeErrors.mapError(Call.INFO, request("GET", "/info"), 500, "x", null).getClass())
        .isEqualTo(LiteFsHttpException.class);
  }

  @Test
  void errorBodiesAreQuotedEscapedAndCut() {
    String body = "line1\r\nline2" + "x".repeat(10_000);
    LiteFsException e =
        NodeErrors.mapError(Call.PROMOTE, request("POST", "/promote"), 500, body, null);
    assertThat(e.getMessage()).contains("line1\\r\\nline2").doesNotContain("\r\n");
    assertThat(((LiteFsHttpException) e).body()).hasSize(HttpCalls.MAX_ERROR_BODY);
  }

  @ParameterizedTest
  @ValueSource(strings = {"4F2A0C1D2E3B4A59", "4f2a0c1d2e3b4a59", "1", "ffffffffffffffff"})
  void nodeIdsOfUpToSixteenHexDigitsAreAccepted(String id) {
    assertThat(NodeApi.requireNodeId(id)).isEqualTo(id);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "4F2A0C1D2E3B4A590", "node-1", "4F2A 0C1D", "0x1", "1&x=2", "\u0663"})
  void otherNodeIdsAreRejectedBeforeSending(String id) {
    assertThatThrownBy(() -> NodeApi.requireNodeId(id))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("node ID");
  }
}
