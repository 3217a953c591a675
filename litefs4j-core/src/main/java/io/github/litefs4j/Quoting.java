package io.github.litefs4j;

/**
 * Quoting of untrusted text (cookie values, hostnames, file content) in the messages of argument
 * errors thrown by the value types of this package: escaped, so that no control character reaches a
 * log, and cut at 120 characters. Package-private; stateless.
 */
final class Quoting {
  private static final int MAX_QUOTED = 120;

  private Quoting() {}

  static String quote(CharSequence text) {
    if (text == null) {
      return "null";
    }
    int shown = Math.min(text.length(), MAX_QUOTED);
    StringBuilder out = new StringBuilder(shown + 16).append('"');
    for (int i = 0; i < shown; i++) {
      char c = text.charAt(i);
      String escape =
          switch (c) {
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            case '"', '\\' -> "\\" + c;
            default -> c < 0x20 || c > 0x7e ? String.format("\\u%04x", (int) c) : null;
          };
      if (escape == null) {
        out.append(c);
      } else {
        out.append(escape);
      }
    }
    out.append('"');
    return text.length() > shown ? out + "... (" + text.length() + " chars)" : out.toString();
  }

  /** True if {@code text} is a non-empty HTTP token (RFC 9110 tchar). */
  static boolean isHttpToken(CharSequence text) {
    return text.length() > 0
        && text.chars()
            .allMatch(
                c ->
                    (c >= 'a' && c <= 'z')
                        || (c >= 'A' && c <= 'Z')
                        || (c >= '0' && c <= '9')
                        || "!#$%&'*+-.^_`|~".indexOf(c) >= 0);
  }
}
