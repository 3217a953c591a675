package io.github.litefs4j.reliability;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

/**
 * Ways to damage an input, shared by the fuzz tests: truncation, byte mutations, invalid UTF-8,
 * huge numbers, random bytes. All deterministic for a given {@link Random}, so a failing input is
 * reproduced from its input seed (see {@link Seeds}).
 */
final class Garbage {
  /** Byte sequences that are not valid UTF-8 (lone continuation, overlong, surrogate, 0xFF...). */
  static final byte[][] INVALID_UTF8 = {
    {(byte) 0x80},
    {(byte) 0xBF},
    {(byte) 0xC0, (byte) 0xAF},
    {(byte) 0xC1, (byte) 0xBF},
    {(byte) 0xE0, (byte) 0x80, (byte) 0xAF},
    {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
    {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
    {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80},
    {(byte) 0xFE},
    {(byte) 0xFF},
    {(byte) 0xC3},
    {(byte) 0xE2, (byte) 0x82},
    {(byte) 0xF0, (byte) 0x9F, (byte) 0x98},
  };

  /** Numbers that do not fit where LiteFS writes numbers, or are not integers. */
  static final String[] HUGE_NUMBERS = {
    "4294967296",
    "9223372036854775807",
    "9223372036854775808",
    "18446744073709551616",
    "-1",
    "-9223372036854775809",
    "1e999999",
    "-1e-999999",
    "1.5",
    "0.0",
    "-0",
    "1E400",
    "00012",
    "2147483648",
    "NaN",
    "Infinity",
    "0x10",
    "+1",
  };

  /** Bytes that matter to the formats: quotes, braces, escapes, separators, NUL, high bytes. */
  private static final byte[] SPECIAL = {
    '"',
    '{',
    '}',
    '[',
    ']',
    ':',
    ',',
    '\\',
    '\n',
    '\r',
    '\t',
    ' ',
    0,
    (byte) 0x80,
    (byte) 0xFF,
    '/',
    '+',
    '-',
    '0',
    '9',
    'a',
    'f',
    'F',
    'x',
    'e',
    '.'
  };

  private Garbage() {}

  static byte[] truncate(byte[] in, Random r) {
    return Arrays.copyOf(in, in.length == 0 ? 0 : r.nextInt(in.length));
  }

  /** 1 to 8 random edits: overwrite, insert or delete a byte, often a special one. */
  static byte[] mutate(byte[] in, Random r) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(in.length + 8);
    out.writeBytes(in);
    byte[] b = out.toByteArray();
    int edits = 1 + r.nextInt(8);
    for (int e = 0; e < edits; e++) {
      int at = b.length == 0 ? 0 : r.nextInt(b.length + 1);
      byte value = r.nextBoolean() ? SPECIAL[r.nextInt(SPECIAL.length)] : (byte) r.nextInt(256);
      switch (r.nextInt(3)) {
        case 0 -> {
          if (at < b.length) {
            b[at] = value;
          }
        }
        case 1 -> b = insert(b, at, new byte[] {value});
        default -> {
          if (at < b.length) {
            b = delete(b, at, 1 + r.nextInt(Math.min(4, b.length - at)));
          }
        }
      }
    }
    return b;
  }

  /** Inserts 1 to 4 invalid UTF-8 sequences at random places. */
  static byte[] invalidUtf8(byte[] in, Random r) {
    byte[] b = in;
    int n = 1 + r.nextInt(4);
    for (int i = 0; i < n; i++) {
      b = insert(b, r.nextInt(b.length + 1), INVALID_UTF8[r.nextInt(INVALID_UTF8.length)]);
    }
    return b;
  }

  static byte[] randomBytes(Random r, int maxLength) {
    byte[] b = new byte[r.nextInt(maxLength + 1)];
    r.nextBytes(b);
    return b;
  }

  /** A run of decimal digits, up to {@code maxDigits} long, never empty. */
  static String digits(Random r, int maxDigits) {
    int n = 1 + r.nextInt(maxDigits);
    StringBuilder s = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      s.append((char) ('0' + r.nextInt(10)));
    }
    return s.toString();
  }

  static String hugeNumber(Random r) {
    return r.nextInt(4) == 0 ? digits(r, 5000) : HUGE_NUMBERS[r.nextInt(HUGE_NUMBERS.length)];
  }

  static byte[] insert(byte[] b, int at, byte[] what) {
    byte[] out = new byte[b.length + what.length];
    System.arraycopy(b, 0, out, 0, at);
    System.arraycopy(what, 0, out, at, what.length);
    System.arraycopy(b, at, out, at + what.length, b.length - at);
    return out;
  }

  static byte[] delete(byte[] b, int at, int n) {
    byte[] out = new byte[b.length - n];
    System.arraycopy(b, 0, out, 0, at);
    System.arraycopy(b, at + n, out, at, b.length - at - n);
    return out;
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** A string of {@code n} characters from a mix of ASCII, accented letters and emoji. */
  static String text(Random r, int n) {
    StringBuilder s = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      switch (r.nextInt(10)) {
        case 0 -> s.append('é');
        case 1 -> s.appendCodePoint(0x1F600 + r.nextInt(50));
        case 2 -> s.append((char) (0x20 + r.nextInt(0x5f)));
        default -> s.append((char) ('a' + r.nextInt(26)));
      }
    }
    return s.toString();
  }
}
