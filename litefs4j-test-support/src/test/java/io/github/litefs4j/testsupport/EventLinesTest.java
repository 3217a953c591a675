package io.github.litefs4j.testsupport;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventLinesTest {
  private static final JsonFactory JSON =
      JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  /**
   * One event line parsed strictly: exactly one JSON object, then nothing but the newline. Returns
   * its scalar fields by dotted path in document order (strings as String, numbers as Long,
   * booleans as Boolean).
   */
  private static Map<String, Object> parse(String line) throws IOException {
    assertThat(line).endsWith("\n");
    assertThat(line.indexOf('\n')).isEqualTo(line.length() - 1);
    Map<String, Object> fields = new LinkedHashMap<>();
    try (JsonParser p = JSON.createParser(line)) {
      assertThat(p.nextToken()).isEqualTo(JsonToken.START_OBJECT);
      readObject(p, "", fields);
      assertThat(p.nextToken()).isNull();
    }
    return fields;
  }

  private static void readObject(JsonParser p, String prefix, Map<String, Object> fields)
      throws IOException {
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = prefix + p.currentName();
      JsonToken value = p.nextToken();
      switch (value) {
        case START_OBJECT -> readObject(p, name + ".", fields);
        case VALUE_STRING -> fields.put(name, p.getText());
        case VALUE_NUMBER_INT -> fields.put(name, p.getLongValue());
        case VALUE_TRUE, VALUE_FALSE -> fields.put(name, p.getBooleanValue());
        default -> throw new AssertionError("unexpected " + value + " at " + name);
      }
    }
    assertThat(p.currentToken()).isEqualTo(JsonToken.END_OBJECT);
  }

  private static List<String> strings(List<byte[]> lines) {
    return lines.stream().map(line -> new String(line, UTF_8)).toList();
  }

  @Test
  void roleEventsAreJsonWithTheHostnameOnlyWhenGiven() throws IOException {
    assertThat(EventLines.init(false, "node-0"))
        .isEqualTo("{\"type\":\"init\",\"data\":{\"isPrimary\":false,\"hostname\":\"node-0\"}}\n");

    assertThat(parse(EventLines.init(true, null)))
        .containsExactly(Map.entry("type", "init"), Map.entry("data.isPrimary", true));
    assertThat(parse(EventLines.primaryChange(false, "node-1")))
        .containsExactly(
            Map.entry("type", "primaryChange"),
            Map.entry("data.isPrimary", false),
            Map.entry("data.hostname", "node-1"));
  }

  @Test
  void txEventHasTheDocumentedFieldsInStructOrderWithSixteenDigitHex() throws IOException {
    String line = EventLines.tx("app.db", 26, -2L, 4096, 3, "2026-11-24T04:00:00.343Z");

    assertThat(parse(line))
        .containsExactly(
            Map.entry("type", "tx"),
            Map.entry("db", "app.db"),
            Map.entry("data.txID", "000000000000001a"),
            Map.entry("data.postApplyChecksum", "fffffffffffffffe"),
            Map.entry("data.pageSize", 4096L),
            Map.entry("data.commit", 3L),
            Map.entry("data.timestamp", "2026-11-24T04:00:00.343Z"));

    // TXIDs and checksums: 16 lowercase hex digits, unsigned.
    assertThat(EventLines.hex16(0)).isEqualTo("0000000000000000");
    assertThat(EventLines.hex16(0xABCL)).isEqualTo("0000000000000abc");
    assertThat(EventLines.hex16(Long.MIN_VALUE)).isEqualTo("8000000000000000");
    assertThat(EventLines.hex16(-1)).isEqualTo("ffffffffffffffff");
  }

  @Test
  void goTimestampTrimsTrailingZerosOfTheFractionLikeGo() {
    long base = Instant.parse("2026-11-24T04:00:00Z").toEpochMilli();

    assertThat(EventLines.goTimestamp(base)).isEqualTo("2026-11-24T04:00:00Z");
    assertThat(EventLines.goTimestamp(base + 343)).isEqualTo("2026-11-24T04:00:00.343Z");
    assertThat(EventLines.goTimestamp(base + 340)).isEqualTo("2026-11-24T04:00:00.34Z");
    assertThat(EventLines.goTimestamp(base + 300)).isEqualTo("2026-11-24T04:00:00.3Z");
    assertThat(EventLines.goTimestamp(base + 7)).isEqualTo("2026-11-24T04:00:00.007Z");
    assertThat(EventLines.goTimestamp(-1)).isEqualTo("1969-12-31T23:59:59.999Z");
  }

  @Test
  void corpusIsAReplicaInitThenWellFormedGrowingTxEventsAndIsDeterministic() throws IOException {
    EventLines.Corpus corpus = EventLines.corpus("a.db", 200);

    assertThat(corpus.txEvents()).isEqualTo(200);
    assertThat(corpus.lines()).hasSize(201);
    assertThat(new String(corpus.lines().get(0), UTF_8))
        .isEqualTo(EventLines.init(false, "node-0"));
    long lastCommit = 0;
    Instant lastTime = Instant.EPOCH;
    List<String> checksums = new ArrayList<>();
    for (int i = 1; i <= 200; i++) {
      Map<String, Object> tx = parse(new String(corpus.lines().get(i), UTF_8));
      assertThat(tx.keySet())
          .containsExactly(
              "type",
              "db",
              "data.txID",
              "data.postApplyChecksum",
              "data.pageSize",
              "data.commit",
              "data.timestamp");
      assertThat(tx).containsEntry("type", "tx").containsEntry("db", "a.db");
      assertThat(tx.get("data.txID")).isEqualTo(EventLines.hex16(i));
      String checksum = (String) tx.get("data.postApplyChecksum");
      assertThat(checksum).matches("[89a-f][0-9a-f]{15}"); // LTX's flag bit set
      checksums.add(checksum);
      assertThat(tx.get("data.pageSize")).isEqualTo(4096L);
      long commit = (Long) tx.get("data.commit");
      assertThat(commit).isGreaterThanOrEqualTo(Math.max(lastCommit, 2));
      lastCommit = commit;
      String timestamp = (String) tx.get("data.timestamp");
      Instant time = Instant.parse(timestamp);
      assertThat(EventLines.goTimestamp(time.toEpochMilli())).isEqualTo(timestamp);
      assertThat(time).isAfterOrEqualTo(lastTime);
      lastTime = time;
    }
    assertThat(lastCommit).isGreaterThan(2); // commit sizes grow
    assertThat(checksums).doesNotHaveDuplicates(); // random, not constant

    EventLines.Corpus again = EventLines.corpus("a.db", 200);
    assertThat(again.ndjson()).isEqualTo(corpus.ndjson());
    assertThat(strings(EventLines.corpus("a.db", 10).lines()))
        .isEqualTo(strings(corpus.lines().subList(0, 11)));
    assertThatThrownBy(() -> corpus.lines().add(new byte[0]))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void ndjsonAndSampleTxLineAreTheLinesAsDocumented() {
    EventLines.Corpus corpus = EventLines.corpus("b.db", 3);
    StringBuilder joined = new StringBuilder();
    corpus.lines().forEach(line -> joined.append(new String(line, UTF_8)));

    assertThat(new String(corpus.ndjson(), UTF_8)).isEqualTo(joined.toString());
    assertThat(corpus.sampleTxLine())
        .isEqualTo(new String(corpus.lines().get(1), UTF_8).strip())
        .startsWith("{\"type\":\"tx\",\"db\":\"b.db\"");
    assertThat(EventLines.corpus("b.db", 0).sampleTxLine()).isEmpty();
  }

  @Test
  void chunkedIsOneChunkPerLineAndDecodesBackToTheLinesThroughARealClient() throws Exception {
    assertThat(
            new String(
                EventLines.chunked(
                    List.of("ab\n".getBytes(UTF_8), "cdefghijklmnopq\n".getBytes(UTF_8))),
                ISO_8859_1))
        .isEqualTo("3\r\nab\n\r\n10\r\ncdefghijklmnopq\n\r\n0\r\n\r\n");

    EventLines.Corpus corpus = EventLines.corpus("a.db", 500);
    try (FakeHttpServer server = FakeHttpServer.start()) {
      server.then(
          ex -> {
            ex.respondHead(200, "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n");
            ex.rawInWrites(corpus.chunkedBody(), 1000);
          });
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

      HttpResponse<byte[]> r =
          assertTimeoutPreemptively(
              Duration.ofSeconds(5),
              () ->
                  client.send(
                      HttpRequest.newBuilder(server.uri().resolve("/events"))
                          .timeout(Duration.ofSeconds(5))
                          .build(),
                      HttpResponse.BodyHandlers.ofByteArray()));

      assertThat(r.body()).isEqualTo(corpus.ndjson());
    }
  }
}
