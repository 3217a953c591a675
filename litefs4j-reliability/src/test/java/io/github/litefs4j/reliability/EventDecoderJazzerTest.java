package io.github.litefs4j.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.litefs4j.Event;
import io.github.litefs4j.InitEvent;
import io.github.litefs4j.PrimaryChangeEvent;
import io.github.litefs4j.TxEvent;
import io.github.litefs4j.UnknownEvent;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * Coverage-guided fuzzing of the event line decoder with Jazzer. Contract checked on every input:
 * the decoder returns an event or throws its typed refusal ({@code NotAnEventException}, with a
 * message), nothing else; an {@link UnknownEvent} carries the line as it came; a known event,
 * written back as LiteFS writes it, decodes to itself.
 *
 * <p>Runs the seed corpus ({@code src/test/resources/.../EventDecoderJazzerTestInputs}) in every
 * test run; fuzzes with {@code -Pfuzz} (see RELIABILITY.md).
 */
class EventDecoderJazzerTest {
  private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

  @FuzzTest(maxDuration = "30s")
  void aLineDecodesToAnEventOrTheTypedRefusal(byte[] line) throws Exception {
    Event event;
    try {
      event = CoreUnderTest.decodeEvent(line);
    } catch (Exception e) {
      assertThat(e).matches(CoreUnderTest::isNotAnEvent, "is the decoder's NotAnEventException");
      assertThat(e.getMessage()).isNotBlank();
      return;
    }
    assertThat(event).isNotNull();
    if (event instanceof UnknownEvent unknown) {
      assertThat(unknown.json()).isEqualTo(new String(line, StandardCharsets.UTF_8));
      assertThat(unknown.reason()).isNotBlank();
      return;
    }
    encode(event)
        .ifPresent(
            written -> {
              try {
                assertThat(CoreUnderTest.decodeEvent(written))
                    .as("written back as %s", new String(written, StandardCharsets.UTF_8))
                    .isEqualTo(event);
              } catch (Exception e) {
                throw new AssertionError("a decoded event, written back, is refused", e);
              }
            });
  }

  /**
   * The event as LiteFS writes it; empty for a timestamp outside years 0 to 9999 (RFC 3339 has no
   * other years, so an offset that moved an accepted local time past them cannot be written back).
   */
  static Optional<byte[]> encode(Event event) {
    String json;
    if (event instanceof TxEvent tx) {
      int year = tx.timestamp().atOffset(ZoneOffset.UTC).getYear();
      if (year < 0 || year > 9999) {
        return Optional.empty();
      }
      json =
          "{\"type\":\"tx\",\"db\":"
              + string(tx.database())
              + ",\"data\":{\"txID\":\""
              + String.format("%016x", tx.position().txid())
              + "\",\"postApplyChecksum\":\""
              + String.format("%016x", tx.position().checksum())
              + "\",\"pageSize\":"
              + tx.pageSize()
              + ",\"commit\":"
              + tx.commit()
              + ",\"timestamp\":\""
              + RFC3339.format(tx.timestamp().atOffset(ZoneOffset.UTC))
              + "\"}}";
    } else if (event instanceof InitEvent init) {
      json = primaryStatus(InitEvent.TYPE, init.isPrimary(), init.primaryHostname());
    } else if (event instanceof PrimaryChangeEvent change) {
      json = primaryStatus(PrimaryChangeEvent.TYPE, change.isPrimary(), change.primaryHostname());
    } else {
      throw new AssertionError("an event of no known kind: " + event);
    }
    return Optional.of(json.getBytes(StandardCharsets.UTF_8));
  }

  private static String primaryStatus(String type, boolean isPrimary, Optional<String> hostname) {
    return "{\"type\":\""
        + type
        + "\",\"data\":{\"isPrimary\":"
        + isPrimary
        + hostname.map(h -> ",\"hostname\":" + string(h)).orElse("")
        + "}}";
  }

  /** A JSON string; every char outside printable ASCII escaped, so lone surrogates survive. */
  private static String string(String s) {
    StringBuilder out = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20 || c > 0x7e) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }
}
