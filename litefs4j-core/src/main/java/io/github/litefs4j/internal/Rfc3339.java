package io.github.litefs4j.internal;

import io.github.litefs4j.spi.Texts;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Parses RFC 3339 timestamps as Go's {@code time.Time} writes them in JSON ({@code
 * 2026-11-24T04:00:00.343Z}: fraction trimmed of trailing zeros, {@code Z} or a {@code +hh:mm}
 * offset). The common shape is parsed by hand, without allocating, because it is on the hot path of
 * event decoding ({@link Instant#parse} costs about a microsecond); anything else falls back to
 * {@link DateTimeFormatter#ISO_OFFSET_DATE_TIME}. Thread-safe. Internal: not exported.
 */
final class Rfc3339 {
  private static final int[] SCALE = {
    1_000_000_000, 100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1
  };

  private Rfc3339() {}

  /**
   * Parses {@code chars[off, off + len)}.
   *
   * @throws IllegalArgumentException if it is not an RFC 3339 date-time with an offset
   */
  static Instant parse(char[] chars, int off, int len) {
    Instant fast = parseCommon(chars, off, len);
    return fast != null ? fast : parseSlow(new String(chars, off, len));
  }

  /**
   * The common shape, or null to fall back (also for out-of-range fields: the fallback reports).
   */
  private static Instant parseCommon(char[] c, int off, int len) {
    int end = off + len;
    if (len < 20
        || c[off + 4] != '-'
        || c[off + 7] != '-'
        || (c[off + 10] != 'T' && c[off + 10] != 't')
        || c[off + 13] != ':'
        || c[off + 16] != ':') {
      return null;
    }
    int year = digits(c, off, 4);
    int month = digits(c, off + 5, 2);
    int day = digits(c, off + 8, 2);
    int hour = digits(c, off + 11, 2);
    int minute = digits(c, off + 14, 2);
    int second = digits(c, off + 17, 2);
    if ((year | month | day | hour | minute | second) < 0
        || month < 1
        || month > 12
        || day < 1
        || day > 31
        || hour > 23
        || minute > 59
        || second > 59) {
      return null;
    }
    int i = off + 19;
    int nanos = 0;
    if (c[i] == '.') {
      i++;
      int count = 0;
      while (i < end && c[i] >= '0' && c[i] <= '9') {
        if (count < 9) {
          nanos = nanos * 10 + (c[i] - '0');
        }
        count++;
        i++;
      }
      if (count == 0 || count > 9) {
        return null;
      }
      nanos *= SCALE[count];
    }
    int offsetSeconds;
    if (i == end - 1 && (c[i] == 'Z' || c[i] == 'z')) {
      offsetSeconds = 0;
    } else if (i == end - 6 && (c[i] == '+' || c[i] == '-') && c[i + 3] == ':') {
      int offHours = digits(c, i + 1, 2);
      int offMinutes = digits(c, i + 4, 2);
      if ((offHours | offMinutes) < 0 || offHours > 23 || offMinutes > 59) {
        return null;
      }
      offsetSeconds = (offHours * 3600 + offMinutes * 60) * (c[i] == '-' ? -1 : 1);
    } else {
      return null;
    }
    long epochDay;
    try {
      epochDay = LocalDate.of(year, month, day).toEpochDay();
    } catch (DateTimeException e) {
      return null; // for example February 30th: the fallback throws with the text
    }
    long seconds = epochDay * 86_400L + hour * 3600 + minute * 60 + second - offsetSeconds;
    return Instant.ofEpochSecond(seconds, nanos);
  }

  /** The value of {@code count} ASCII digits, or -1 if one is not a digit. */
  private static int digits(char[] c, int from, int count) {
    int value = 0;
    for (int i = from; i < from + count; i++) {
      int d = c[i] - '0';
      if (d < 0 || d > 9) {
        return -1;
      }
      value = value * 10 + d;
    }
    return value;
  }

  private static Instant parseSlow(String text) {
    try {
      return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeException e) {
      throw new IllegalArgumentException(
          "not an RFC 3339 timestamp: " + Texts.quote(text) + " (" + e.getMessage() + ")", e);
    }
  }
}
