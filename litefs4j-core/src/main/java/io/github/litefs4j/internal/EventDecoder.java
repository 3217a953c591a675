package io.github.litefs4j.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.github.litefs4j.Event;
import io.github.litefs4j.InitEvent;
import io.github.litefs4j.Position;
import io.github.litefs4j.PrimaryChangeEvent;
import io.github.litefs4j.TxEvent;
import io.github.litefs4j.UnknownEvent;
import java.io.IOException;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

/**
 * Decodes one line of a LiteFS event stream into an {@link Event} with jackson-core's streaming
 * parser, in one pass and independent of field order.
 *
 * <p>Lenient where a newer LiteFS could differ: unknown fields are skipped, and an unknown type or
 * a known type with missing or malformed data becomes an {@link UnknownEvent}. Strict only where
 * the line is not an event at all (not a JSON object, no string {@code "type"}, trailing content):
 * {@link NotAnEventException}. Stateless and thread-safe. Internal: not exported.
 */
public final class EventDecoder {
  private static final JsonFactory JSON = new JsonFactory();

  private EventDecoder() {}

  /** The line is not an event; the message says why (the caller quotes the line). */
  public static final class NotAnEventException extends Exception {
    private static final long serialVersionUID = 1L;

    NotAnEventException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** The fields of {@code data} for all known types (their names do not overlap). */
  private static final class Data {
    boolean present;
    Boolean isPrimary;
    String hostname;
    long txid;
    boolean hasTxid;
    long checksum;
    boolean hasChecksum;
    long hex;
    long pageSize = -1;
    long commit = -1;
    Instant timestamp;
    String problem;

    void problem(String text) {
      if (problem == null) {
        problem = text;
      }
    }
  }

  /**
   * Decodes {@code bytes[off, off + len)}, one line without its newline.
   *
   * @throws NotAnEventException if the line is not a JSON object with a string "type"
   */
  public static Event decode(byte[] bytes, int off, int len) throws NotAnEventException {
    String type = null;
    String db = null;
    Data data = new Data();
    try (JsonParser p = JSON.createParser(bytes, off, len)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new NotAnEventException("not a JSON object", null);
      }
      String name;
      while ((name = p.nextFieldName()) != null) {
        JsonToken value = p.nextToken();
        switch (name) {
          case "type" -> {
            if (value != JsonToken.VALUE_STRING) {
              throw new NotAnEventException("\"type\" is not a string", null);
            }
            type = p.getText();
          }
          case "db" -> {
            if (value == JsonToken.VALUE_STRING) {
              db = p.getText();
            } else {
              p.skipChildren();
            }
          }
          case "data" -> {
            if (value == JsonToken.START_OBJECT) {
              data.present = true;
              readData(p, data);
            } else {
              p.skipChildren(); // null or another shape: treated as missing data
            }
          }
          default -> p.skipChildren();
        }
      }
      if (p.nextToken() != null) {
        throw new NotAnEventException("content after the JSON object", null);
      }
    } catch (JsonProcessingException e) {
      throw new NotAnEventException("not valid JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      // Parsing a byte array does no I/O; jackson declares it anyway.
      throw new NotAnEventException("unreadable: " + e, e);
    }
    if (type == null) {
      throw new NotAnEventException("no \"type\" field", null);
    }
    return build(type, db, data, bytes, off, len);
  }

  private static void readData(JsonParser p, Data data) throws IOException {
    String name;
    while ((name = p.nextFieldName()) != null) {
      JsonToken value = p.nextToken();
      switch (name) {
        case "isPrimary" -> {
          if (value == JsonToken.VALUE_TRUE || value == JsonToken.VALUE_FALSE) {
            data.isPrimary = value == JsonToken.VALUE_TRUE;
          } else {
            data.problem("data.isPrimary is not a boolean");
            p.skipChildren();
          }
        }
        case "hostname" -> {
          if (value == JsonToken.VALUE_STRING) {
            data.hostname = p.getText();
          } else if (value != JsonToken.VALUE_NULL) {
            data.problem("data.hostname is not a string");
            p.skipChildren();
          }
        }
        case "txID" -> {
          if (readHex(p, value, data, "data.txID")) {
            data.txid = data.hex;
            data.hasTxid = true;
          }
        }
        case "postApplyChecksum" -> {
          if (readHex(p, value, data, "data.postApplyChecksum")) {
            data.checksum = data.hex;
            data.hasChecksum = true;
          }
        }
        case "pageSize" -> data.pageSize = uint32(p, value, data, "data.pageSize");
        case "commit" -> data.commit = uint32(p, value, data, "data.commit");
        case "timestamp" -> {
          if (value == JsonToken.VALUE_STRING) {
            try {
              data.timestamp =
                  Rfc3339.parse(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
            } catch (IllegalArgumentException e) {
              data.problem("data.timestamp: " + e.getMessage());
            }
          } else {
            data.problem("data.timestamp is not a string");
            p.skipChildren();
          }
        }
        default -> p.skipChildren();
      }
    }
  }

  /** Reads 16 hex digits into {@code data.hex}; false (and a problem noted) if it is not that. */
  private static boolean readHex(JsonParser p, JsonToken value, Data data, String field)
      throws IOException {
    if (value != JsonToken.VALUE_STRING) {
      data.problem(field + " is not a string");
      p.skipChildren();
      return false;
    }
    try {
      data.hex =
          Position.parseTxid(
              CharBuffer.wrap(p.getTextCharacters(), p.getTextOffset(), p.getTextLength()));
      return true;
    } catch (IllegalArgumentException e) {
      data.problem(field + ": " + e.getMessage());
      return false;
    }
  }

  private static long uint32(JsonParser p, JsonToken value, Data data, String field)
      throws IOException {
    if (value == JsonToken.VALUE_NUMBER_INT
        && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
      long n = p.getLongValue();
      if (n >= 0 && n <= 0xFFFF_FFFFL) {
        return n;
      }
    }
    data.problem(field + " is not an unsigned 32-bit integer");
    p.skipChildren();
    return -1;
  }

  private static Event build(String type, String db, Data data, byte[] bytes, int off, int len) {
    boolean known;
    switch (type) {
      case InitEvent.TYPE, PrimaryChangeEvent.TYPE -> {
        known = true;
        if (data.present && data.problem == null && data.isPrimary != null) {
          Optional<String> hostname =
              data.hostname == null || data.hostname.isEmpty()
                  ? Optional.empty()
                  : Optional.of(data.hostname);
          return type.equals(InitEvent.TYPE)
              ? new InitEvent(data.isPrimary, hostname)
              : new PrimaryChangeEvent(data.isPrimary, hostname);
        }
      }
      case TxEvent.TYPE -> {
        known = true;
        if (data.present
            && data.problem == null
            && db != null
            && data.hasTxid
            && data.hasChecksum
            && data.pageSize >= 0
            && data.commit >= 0
            && data.timestamp != null) {
          if (data.pageSize > Integer.MAX_VALUE) {
            data.problem("data.pageSize is too large: " + data.pageSize);
          } else {
            return new TxEvent(
                db,
                new Position(data.txid, data.checksum),
                (int) data.pageSize,
                data.commit,
                data.timestamp);
          }
        }
      }
      default -> known = false;
    }
    String json = new String(bytes, off, len, StandardCharsets.UTF_8);
    return new UnknownEvent(type, json, known ? reason(type, db, data) : "unknown event type");
  }

  private static String reason(String type, String db, Data data) {
    if (!data.present) {
      return type + " event without data";
    }
    if (data.problem != null) {
      return type + " event with malformed " + data.problem;
    }
    if (type.equals(TxEvent.TYPE)) {
      if (db == null) {
        return "tx event without db";
      }
      return "tx event missing "
          + (!data.hasTxid
              ? "data.txID"
              : !data.hasChecksum
                  ? "data.postApplyChecksum"
                  : data.pageSize < 0
                      ? "data.pageSize"
                      : data.commit < 0 ? "data.commit" : "data.timestamp");
    }
    return type + " event missing data.isPrimary";
  }
}
