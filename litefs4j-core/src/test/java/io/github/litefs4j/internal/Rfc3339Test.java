package io.github.litefs4j.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Rfc3339Test {

  private static Instant parse(String text) {
    char[] chars = ("__" + text + "__").toCharArray();
    return Rfc3339.parse(chars, 2, text.length());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2026-11-24T04:00:00.343Z",
        "2026-11-24T04:00:00Z",
        "2026-11-24T04:00:00.1Z",
        "2026-11-24T04:00:00.123456789Z",
        "2024-02-29T23:59:59.999999999Z",
        "1970-01-01T00:00:00Z",
        "1969-12-31T23:59:59.5Z",
        "2026-11-24T04:00:00.343+02:00",
        "2026-11-24T04:00:00-07:30",
        "0001-01-01T00:00:00Z",
        "9999-12-31T23:59:59Z"
      })
  void parsesWhatGoWritesLikeTheJdkDoes(String text) {
    assertThat(parse(text)).isEqualTo(OffsetDateTime.parse(text).toInstant());
  }

  @Test
  void acceptsLowerCaseSeparatorsAsRfc3339Allows() {
    assertThat(parse("2026-11-24t04:00:00.5z")).isEqualTo(Instant.parse("2026-11-24T04:00:00.5Z"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2026-02-30T04:00:00Z",
        "2026-11-24T24:00:00Z",
        "2026-11-24 04:00:00Z",
        "2026-11-24T04:00:00",
        "yesterday",
        ""
      })
  void rejectsWhatIsNotAnRfc3339TimestampQuotingIt(String text) {
    assertThatThrownBy(() -> parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not an RFC 3339 timestamp: \"" + text + "\"");
  }
}
