package io.github.litefs4j.reliability;

/** Text helpers for assertion messages. */
final class Texts {
  private Texts() {}

  /** The text with control and non-ASCII characters escaped, cut to 200 characters. */
  static String printable(String s) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < Math.min(s.length(), 200); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c > 0x7e) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return s.length() > 200 ? out + "...(" + s.length() + " chars)" : out.toString();
  }
}
