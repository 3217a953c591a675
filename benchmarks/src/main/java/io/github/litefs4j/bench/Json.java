package io.github.litefs4j.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the flat JSON objects the Go program prints: values are numbers, strings, booleans or
 * arrays of numbers.
 */
final class Json {
  private static final JsonFactory FACTORY = new JsonFactory();

  private Json() {}

  /** Parses one object; numbers become {@code Double}, arrays {@code List<Double>}. */
  static Map<String, Object> parseObject(String text) {
    try (JsonParser p = FACTORY.createParser(text)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IllegalArgumentException("not a JSON object: " + text);
      }
      Map<String, Object> map = new LinkedHashMap<>();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        map.put(name, value(p, value, text));
      }
      return map;
    } catch (IOException e) {
      throw new IllegalArgumentException("malformed JSON from the Go program: " + text, e);
    }
  }

  private static Object value(JsonParser p, JsonToken token, String text) throws IOException {
    switch (token) {
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        return p.getDoubleValue();
      case VALUE_STRING:
        return p.getText();
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NULL:
        return null;
      case START_ARRAY:
        List<Double> list = new ArrayList<>();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
          list.add(p.getDoubleValue());
        }
        return list;
      default:
        throw new IllegalArgumentException("unexpected " + token + " in " + text);
    }
  }

  /** The numbers of an array field. */
  @SuppressWarnings("unchecked")
  static double[] numbers(Map<String, Object> map, String field) {
    Object v = map.get(field);
    if (!(v instanceof List)) {
      throw new IllegalArgumentException("no array " + field + " in " + map);
    }
    return ((List<Double>) v).stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** A number field. */
  static double number(Map<String, Object> map, String field) {
    Object v = map.get(field);
    if (!(v instanceof Double)) {
      throw new IllegalArgumentException("no number " + field + " in " + map);
    }
    return (Double) v;
  }

  /** A string field, or "" when absent. */
  static String string(Map<String, Object> map, String field) {
    Object v = map.get(field);
    return v == null ? "" : v.toString();
  }
}
