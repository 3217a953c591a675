package io.github.litefs4j.spi;

/**
 * Quoting of untrusted text (cookie values, hostnames, file content, server answers) for exception
 * messages, shared by the API and its implementation. Stateless; thread-safe. Not exported.
 */
public final class Texts {
  private static final int MAX_QUOTED = 120;

  private Texts() {}

  /**
   * Quotes text for a message: control and non-ASCII characters escaped, long text truncated with
   * its full length stated.
   */
  public static String quote(CharSequence text) {
    if (text == null) {
      return "null";
    }
    StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_QUOTED) + 16).append('"');
    int shown = Math.min(text.length(), MAX_QUOTED);
    for (int i = 0; i < shown; i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        default -> {
          if (c < 0x20 || c > 0x7e) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
    if (text.length() > shown) {
      out.append("... (").append(text.length()).append(" chars)");
    }
    return out.toString();
  }

  /** Whether the text is a non-empty HTTP token (RFC 9110: method and header-name syntax). */
  public static boolean isHttpToken(CharSequence text) {
    if (text.length() == 0) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean tokenChar =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
      if (!tokenChar) {
        return false;
      }
    }
    return true;
  }
}
