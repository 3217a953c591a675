package io.github.litefs4j.reliability;

import io.github.litefs4j.Event;
import io.github.litefs4j.InitEvent;
import io.github.litefs4j.Position;
import io.github.litefs4j.PrimaryChangeEvent;
import io.github.litefs4j.TxEvent;
import io.github.litefs4j.UnknownEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * Generates event lines as LiteFS writes them ({@code init}, {@code tx}, {@code primaryChange}, and
 * types LiteFS may add later), with the event a correct decoder must produce, and damaged variants
 * of them: the fuzz cases of the event decoder (field order, escapes, unknown fields and damage
 * vary; the canonical lines are the shared {@code EventLines}). Deterministic for a given {@link
 * Random}.
 */
final class FuzzEventLines {
  /** The kinds of line, each a way a stream can go wrong (or right). */
  enum Kind {
    VALID,
    TRUNCATED,
    MUTATED,
    INVALID_UTF8,
    HUGE_NUMBERS,
    WRONG_TYPES,
    DEEP_NESTING,
    LONG_LINE,
    RANDOM_BYTES,
    RANDOM_JSON_TOKENS
  }

  /** A line and, when it is undamaged, the event it encodes. */
  record Line(byte[] bytes, Event expected) {
    String text() {
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }

  private static final String[] TOKENS = {
    "{",
    "}",
    "[",
    "]",
    ":",
    ",",
    "\"type\"",
    "\"tx\"",
    "\"init\"",
    "\"primaryChange\"",
    "\"data\"",
    "\"db\"",
    "\"txID\"",
    "\"isPrimary\"",
    "true",
    "false",
    "null",
    "0",
    "-1",
    "\"0000000000000001\"",
    "\"x\"",
    " ",
    "\"",
    "\\",
    "1e5",
    "\"timestamp\"",
    "\"2024-01-01T00:00:00Z\""
  };

  private FuzzEventLines() {}

  static Line generate(Kind kind, Random r) {
    return switch (kind) {
      case VALID -> valid(r, 0);
      case TRUNCATED -> new Line(Garbage.truncate(valid(r, 0).bytes(), r), null);
      case MUTATED -> new Line(Garbage.mutate(valid(r, 0).bytes(), r), null);
      case INVALID_UTF8 -> new Line(Garbage.invalidUtf8(valid(r, 0).bytes(), r), null);
      case HUGE_NUMBERS -> new Line(Garbage.utf8(hugeNumbers(r)), null);
      case WRONG_TYPES -> new Line(Garbage.utf8(wrongTypes(r)), null);
      case DEEP_NESTING -> new Line(Garbage.utf8(deepNesting(r)), null);
      case LONG_LINE -> longLine(r);
      case RANDOM_BYTES -> new Line(Garbage.randomBytes(r, 2048), null);
      case RANDOM_JSON_TOKENS -> new Line(Garbage.utf8(randomTokens(r)), null);
    };
  }

  /**
   * A well-formed event line in random field order, with optional unknown fields and white space,
   * and the event it encodes.
   *
   * @param longText if positive, the hostname (or db name) gets about this many characters
   */
  static Line valid(Random r, int longText) {
    List<String> fields = new ArrayList<>();
    Event expected;
    int which = r.nextInt(10);
    if (which < 3 || which == 9 && longText > 0) {
      boolean isPrimary = r.nextBoolean();
      String hostname = longText > 0 ? Garbage.text(r, longText) : hostname(r);
      String type = r.nextBoolean() ? "init" : "primaryChange";
      List<String> data = new ArrayList<>();
      data.add("\"isPrimary\":" + isPrimary);
      int hostForm = r.nextInt(4);
      Optional<String> expectedHost;
      if (hostForm == 0) {
        expectedHost = Optional.empty(); // omitted, as LiteFS does on the primary
      } else if (hostForm == 1) {
        data.add("\"hostname\":" + (r.nextBoolean() ? "null" : "\"\""));
        expectedHost = Optional.empty();
      } else {
        data.add("\"hostname\":" + jsonString(hostname, r));
        expectedHost = hostname.isEmpty() ? Optional.empty() : Optional.of(hostname);
      }
      addUnknownFields(data, r);
      fields.add("\"type\":\"" + type + "\"");
      fields.add("\"data\":" + object(data, r));
      expected =
          type.equals("init")
              ? new InitEvent(isPrimary, expectedHost)
              : new PrimaryChangeEvent(isPrimary, expectedHost);
    } else if (which < 8) {
      String db = longText > 0 ? Garbage.text(r, longText) : dbName(r);
      long txid = r.nextInt(3) == 0 ? r.nextLong() : r.nextInt(100_000);
      long checksum = r.nextLong();
      int pageSize = r.nextInt(5) == 0 ? r.nextInt(Integer.MAX_VALUE) + 1 : 1 << (9 + r.nextInt(8));
      long commit = r.nextInt(4) == 0 ? r.nextLong() & 0xFFFF_FFFFL : r.nextInt(10_000);
      long epochSecond = (r.nextLong() & Long.MAX_VALUE) % 4_102_444_800L;
      int nanos = r.nextInt(3) == 0 ? 0 : r.nextInt(1_000_000_000);
      Instant timestamp = Instant.ofEpochSecond(epochSecond, nanos);
      List<String> data = new ArrayList<>();
      data.add("\"txID\":\"" + hex(txid, r) + "\"");
      data.add("\"postApplyChecksum\":\"" + hex(checksum, r) + "\"");
      data.add("\"pageSize\":" + pageSize);
      data.add("\"commit\":" + commit);
      data.add("\"timestamp\":\"" + rfc3339(timestamp, r) + "\"");
      addUnknownFields(data, r);
      fields.add("\"type\":\"tx\"");
      fields.add("\"db\":" + jsonString(db, r));
      fields.add("\"data\":" + object(data, r));
      expected = new TxEvent(db, new Position(txid, checksum), pageSize, commit, timestamp);
    } else {
      String type = r.nextBoolean() ? "compaction" : "x-" + Garbage.text(r, r.nextInt(12));
      fields.add("\"type\":" + jsonString(type, r));
      fields.add("\"data\":{\"n\":" + r.nextInt(1000) + "}");
      expected = null; // an UnknownEvent carrying the whole line: checked after encoding
      addUnknownFields(fields, r);
      String line = object(fields, r);
      return new Line(Garbage.utf8(line), new UnknownEvent(type, line, "unknown event type"));
    }
    addUnknownFields(fields, r);
    return new Line(Garbage.utf8(object(fields, r)), expected);
  }

  private static Line longLine(Random r) {
    int n = 16_384 + r.nextInt(1 << 19); // 16 Ki to 528 Ki characters: up to about 1 MiB
    return switch (r.nextInt(3)) {
      case 0 -> valid(r, n);
      case 1 -> new Line(Garbage.utf8("{\"type\":\"tx\",\"db\":\"" + "a".repeat(n)), null);
      default ->
          new Line(Garbage.utf8(" ".repeat(n) + "{\"type\":\"init\"}" + " ".repeat(n)), null);
    };
  }

  private static String hugeNumbers(Random r) {
    String n = Garbage.hugeNumber(r);
    return switch (r.nextInt(4)) {
      case 0 ->
          "{\"type\":\"tx\",\"db\":\"a.db\",\"data\":{\"txID\":\"0000000000000001\","
              + "\"postApplyChecksum\":\"0000000000000001\",\"pageSize\":"
              + n
              + ",\"commit\":1,\"timestamp\":\"2024-01-01T00:00:00Z\"}}";
      case 1 ->
          "{\"type\":\"tx\",\"db\":\"a.db\",\"data\":{\"txID\":\"0000000000000001\","
              + "\"postApplyChecksum\":\"0000000000000001\",\"pageSize\":4096"
              + ",\"commit\":"
              + n
              + ",\"timestamp\":\"2024-01-01T00:00:00Z\"}}";
      case 2 -> "{\"type\":\"tx\",\"db\":\"a.db\",\"data\":{\"txID\":\"" + n + "\"}}";
      default -> "{\"type\":\"init\",\"x\":" + n + ",\"data\":{\"isPrimary\":" + n + "}}";
    };
  }

  private static String wrongTypes(Random r) {
    String[] values = {"1", "\"s\"", "true", "null", "[]", "{}", "[1,{\"a\":[]}]", "-0.5"};
    String v = values[r.nextInt(values.length)];
    return switch (r.nextInt(6)) {
      case 0 -> "{\"type\":" + v + ",\"data\":{}}";
      case 1 -> "{\"type\":\"init\",\"data\":" + v + "}";
      case 2 -> "{\"type\":\"tx\",\"db\":" + v + ",\"data\":{}}";
      case 3 -> "{\"type\":\"init\",\"data\":{\"isPrimary\":" + v + ",\"hostname\":" + v + "}}";
      case 4 ->
          "{\"type\":\"tx\",\"db\":\"a\",\"data\":{\"timestamp\":" + v + ",\"txID\":" + v + "}}";
      default -> v;
    };
  }

  private static String deepNesting(Random r) {
    int depth = 1 + r.nextInt(r.nextBoolean() ? 50 : 20_000);
    boolean arrays = r.nextBoolean();
    StringBuilder s = new StringBuilder("{\"type\":\"init\",\"x\":");
    for (int i = 0; i < depth; i++) {
      s.append(arrays ? "[" : "{\"a\":");
    }
    s.append("1");
    for (int i = 0; i < depth; i++) {
      s.append(arrays ? "]" : "}");
    }
    return s.append(",\"data\":{\"isPrimary\":true}}").toString();
  }

  private static String randomTokens(Random r) {
    int n = r.nextInt(60);
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < n; i++) {
      s.append(TOKENS[r.nextInt(TOKENS.length)]);
    }
    return s.toString();
  }

  private static void addUnknownFields(List<String> fields, Random r) {
    int n = r.nextInt(4) == 0 ? 1 + r.nextInt(3) : 0;
    for (int i = 0; i < n; i++) {
      String value =
          switch (r.nextInt(5)) {
            case 0 -> "null";
            case 1 -> "[1,2,{\"nested\":[true,false]}]";
            case 2 -> "{\"a\":{\"b\":\"c\"}}";
            case 3 -> Long.toString(r.nextLong());
            default -> jsonString(Garbage.text(r, r.nextInt(20)), r);
          };
      fields.add("\"future" + i + "\":" + value);
    }
  }

  private static String object(List<String> fields, Random r) {
    List<String> shuffled = new ArrayList<>(fields);
    Collections.shuffle(shuffled, r);
    String sep = r.nextInt(5) == 0 ? ", " : ",";
    String open = r.nextInt(8) == 0 ? "{ " : "{";
    String close = r.nextInt(8) == 0 ? " }" : "}";
    return open + String.join(sep, shuffled) + close;
  }

  /** A JSON string literal; characters are sometimes written as backslash-u escapes. */
  static String jsonString(String s, Random r) {
    boolean escapeSome = r.nextInt(4) == 0;
    StringBuilder out = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      if (cp == '"' || cp == '\\') {
        out.append('\\').appendCodePoint(cp);
      } else if (cp < 0x20 || (escapeSome && r.nextInt(3) == 0)) {
        for (char c : Character.toChars(cp)) { // a surrogate pair as two escapes
          out.append(String.format("\\u%04x", (int) c));
        }
      } else {
        out.appendCodePoint(cp);
      }
    }
    return out.append('"').toString();
  }

  private static String hostname(Random r) {
    return switch (r.nextInt(4)) {
      case 0 -> "node-" + r.nextInt(100);
      case 1 -> "";
      case 2 -> Garbage.text(r, 1 + r.nextInt(40));
      default -> "fly-" + Long.toHexString(r.nextLong()) + ".internal";
    };
  }

  private static String dbName(Random r) {
    return r.nextBoolean() ? "app" + r.nextInt(100) + ".db" : Garbage.text(r, 1 + r.nextInt(30));
  }

  private static String hex(long value, Random r) {
    String h = Position.formatHex16(value);
    return r.nextInt(5) == 0 ? h.toUpperCase(java.util.Locale.ROOT) : h;
  }

  /** As Go writes a time.Time in JSON: fraction trimmed of trailing zeros; Z or an offset. */
  private static String rfc3339(Instant t, Random r) {
    int offsetMinutes = r.nextInt(3) == 0 ? (r.nextInt(2 * 14 * 60 + 1) - 14 * 60) : 0;
    ZoneOffset offset = ZoneOffset.ofTotalSeconds(offsetMinutes * 60);
    LocalDateTime local = LocalDateTime.ofEpochSecond(t.getEpochSecond(), t.getNano(), offset);
    StringBuilder s =
        new StringBuilder(
            String.format(
                "%04d-%02d-%02dT%02d:%02d:%02d",
                local.getYear(),
                local.getMonthValue(),
                local.getDayOfMonth(),
                local.getHour(),
                local.getMinute(),
                local.getSecond()));
    if (t.getNano() != 0) {
      String frac = String.format("%09d", t.getNano()).replaceAll("0+$", "");
      s.append('.').append(frac);
    }
    if (offsetMinutes == 0) {
      s.append('Z');
    } else {
      int abs = Math.abs(offsetMinutes);
      s.append(offsetMinutes < 0 ? '-' : '+')
          .append(String.format("%02d:%02d", abs / 60, abs % 60));
    }
    return s.toString();
  }
}
