package io.github.litefs4j.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.litefs4j.Event;
import io.github.litefs4j.InitEvent;
import io.github.litefs4j.Position;
import io.github.litefs4j.PrimaryChangeEvent;
import io.github.litefs4j.Samples;
import io.github.litefs4j.TxEvent;
import io.github.litefs4j.UnknownEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventDecoderTest {

  private static Event decode(String line) throws EventDecoder.NotAnEventException {
    String trimmed = line.endsWith("\n") ? line.substring(0, line.length() - 1) : line;
    byte[] padded = ("xx" + trimmed + "yy").getBytes(StandardCharsets.UTF_8);
    return EventDecoder.decode(
        padded, 2, padded.length - 4); // an offset into a larger array, as the framer passes it
  }

  @Test
  void decodesPrimaryInitWithoutHostname() throws Exception {
    assertThat(decode(Samples.INIT_PRIMARY)).isEqualTo(new InitEvent(true, Optional.empty()));
  }

  @Test
  void decodesReplicaInitWithPrimaryHostname() throws Exception {
    assertThat(decode(Samples.INIT_REPLICA)).isEqualTo(new InitEvent(false, Optional.of("node-a")));
  }

  @Test
  void decodesTxEventWithPositionPageSizeCommitAndTimestamp() throws Exception {
    assertThat(decode(Samples.TX))
        .isEqualTo(
            new TxEvent(
                "t.db",
                Position.parse("0000000000000001/f6feda63759bb858"),
                4096,
                2,
                Instant.parse("2026-11-24T04:00:00.343Z")));
  }

  @Test
  void decodesTxidAndChecksumAsUnsigned() throws Exception {
    Event event =
        decode(
            "{\"type\":\"tx\",\"db\":\"a.db\",\"data\":{\"txID\":\"ffffffffffffffff\","
                + "\"postApplyChecksum\":\"8000000000000000\",\"pageSize\":65536,"
                + "\"commit\":4294967295,\"timestamp\":\"2026-11-24T04:00:00Z\"}}");
    TxEvent tx = (TxEvent) event;
    assertThat(tx.position().txidHex()).isEqualTo("ffffffffffffffff");
    assertThat(tx.position().checksumHex()).isEqualTo("8000000000000000");
    assertThat(tx.pageSize()).isEqualTo(65536);
    assertThat(tx.commit()).isEqualTo(4294967295L);
  }

  @Test
  void decodesPrimaryChangeWithAndWithoutHostname() throws Exception {
    assertThat(decode(Samples.CHANGE_REPLICA))
        .isEqualTo(new PrimaryChangeEvent(false, Optional.of("node-a")));
    assertThat(decode(Samples.CHANGE_DISCONNECTED))
        .isEqualTo(new PrimaryChangeEvent(false, Optional.empty()));
  }

  @Test
  void treatsEmptyOrNullHostnameAsAbsent() throws Exception {
    assertThat(
            decode("{\"type\":\"primaryChange\",\"data\":{\"isPrimary\":false,\"hostname\":\"\"}}"))
        .isEqualTo(new PrimaryChangeEvent(false, Optional.empty()));
    assertThat(decode("{\"type\":\"init\",\"data\":{\"isPrimary\":false,\"hostname\":null}}"))
        .isEqualTo(new InitEvent(false, Optional.empty()));
  }

  @Test
  void skipsUnknownFieldsAtEveryLevelIncludingNestedValues() throws Exception {
    Event event =
        decode(
            "{\"v\":2,\"type\":\"init\",\"extra\":{\"a\":[1,{\"b\":null}]},"
                + "\"data\":{\"future\":[true,{\"x\":\"y\"}],\"isPrimary\":true,\"n\":1.5}}");
    assertThat(event).isEqualTo(new InitEvent(true, Optional.empty()));
  }

  @Test
  void decodesFieldsInAnyOrder() throws Exception {
    Event event =
        decode(
            "{\"data\":{\"timestamp\":\"2026-11-24T04:00:00.343Z\",\"commit\":2,\"pageSize\":4096,"
                + "\"postApplyChecksum\":\"f6feda63759bb858\",\"txID\":\"0000000000000001\"},"
                + "\"db\":\"t.db\",\"type\":\"tx\"}");
    assertThat(event).isEqualTo(decode(Samples.TX));
  }

  @Test
  void unknownTypeBecomesUnknownEventWithTheRawLine() throws Exception {
    String line = "{\"type\":\"checkpoint\",\"db\":\"t.db\",\"data\":{\"pages\":12}}";
    assertThat(decode(line)).isEqualTo(new UnknownEvent("checkpoint", line, "unknown event type"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"type\":\"tx\",\"db\":\"t.db\"}",
        "{\"type\":\"tx\",\"db\":\"t.db\",\"data\":null}",
        "{\"type\":\"init\"}",
        "{\"type\":\"primaryChange\",\"data\":[]}"
      })
  void knownTypeWithoutDataBecomesUnknownEvent(String line) throws Exception {
    Event event = decode(line);
    assertThat(event).isInstanceOf(UnknownEvent.class);
    UnknownEvent unknown = (UnknownEvent) event;
    assertThat(unknown.json()).isEqualTo(line);
    assertThat(unknown.reason()).endsWith("event without data");
  }

  @Test
  void knownTypeWithMalformedDataBecomesUnknownEventNamingTheField() throws Exception {
    UnknownEvent badTxid =
        (UnknownEvent) decode(Samples.TX.replace("0000000000000001", "00000000000000zz").trim());
    assertThat(badTxid.type()).isEqualTo("tx");
    assertThat(badTxid.reason()).contains("data.txID").contains("00000000000000zz");

    UnknownEvent badTimestamp =
        (UnknownEvent) decode(Samples.TX.replace("2026-11-24T04", "2026-13-24T04").trim());
    assertThat(badTimestamp.reason()).contains("data.timestamp").contains("2026-13-24");

    UnknownEvent badBoolean =
        (UnknownEvent) decode("{\"type\":\"init\",\"data\":{\"isPrimary\":\"yes\"}}");
    assertThat(badBoolean.reason()).contains("data.isPrimary");

    UnknownEvent negativeCommit = (UnknownEvent) decode(Samples.TX.replace(":2,", ":-2,").trim());
    assertThat(negativeCommit.reason()).contains("data.commit");
  }

  @Test
  void knownTypeMissingARequiredFieldBecomesUnknownEventNamingIt() throws Exception {
    UnknownEvent noDb = (UnknownEvent) decode(Samples.TX.replace("\"db\":\"t.db\",", "").trim());
    assertThat(noDb.reason()).isEqualTo("tx event without db");

    UnknownEvent noTimestamp =
        (UnknownEvent)
            decode(Samples.TX.replace(",\"timestamp\":\"2026-11-24T04:00:00.343Z\"", "").trim());
    assertThat(noTimestamp.reason()).isEqualTo("tx event missing data.timestamp");

    UnknownEvent noIsPrimary =
        (UnknownEvent) decode("{\"type\":\"init\",\"data\":{\"hostname\":\"node-a\"}}");
    assertThat(noIsPrimary.reason()).isEqualTo("init event missing data.isPrimary");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "not json",
        "[1,2]",
        "\"init\"",
        "{\"data\":{\"isPrimary\":true}}",
        "{\"type\":42}",
        "{\"type\":\"init\",\"data\":{\"isPrimary\":true}",
        "{\"type\":\"init\"} {\"type\":\"init\"}",
        "{\"type\":\"in"
      })
  void lineThatIsNotAnEventIsRejectedWithTheReason(String line) {
    assertThatThrownBy(() -> decode(line))
        .isInstanceOf(EventDecoder.NotAnEventException.class)
        .hasMessageMatching(
            "(not a JSON object|\"type\" is not a string|no \"type\" field|not valid JSON: .*"
                + "|content after the JSON object)");
  }

  @Test
  void decodesNonAsciiHostnames() throws Exception {
    assertThat(decode("{\"type\":\"init\",\"data\":{\"isPrimary\":false,\"hostname\":\"nœud-ä\"}}"))
        .isEqualTo(new InitEvent(false, Optional.of("nœud-ä")));
  }
}
