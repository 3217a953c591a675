package io.github.litefs4j.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Splits a byte stream into newline-terminated lines without an unbounded buffer: bytes are
 * appended chunk by chunk, and a line that grows past {@code maxLine} bytes is reported by {@link
 * #overLimit()} before more is buffered (memory stays below {@code maxLine} plus one chunk). Not
 * thread-safe. Internal: not exported.
 */
final class LineFramer {
  private final int maxLine;
  private byte[] buf = new byte[8192];
  private int start; // first byte of the pending line
  private int end; // end of the buffered bytes
  private int scanned; // bytes before this index hold no newline
  private int lineStart;
  private int lineLength;

  LineFramer(int maxLine) {
    this.maxLine = maxLine;
  }

  /** Buffers the remaining bytes of {@code chunk}. */
  void append(ByteBuffer chunk) {
    int n = chunk.remaining();
    if (end + n > buf.length) {
      int pending = end - start;
      if (pending + n > buf.length) {
        buf = grow(pending + n);
      } else {
        System.arraycopy(buf, start, buf, 0, pending);
      }
      scanned -= start;
      start = 0;
      end = pending;
    }
    chunk.get(buf, end, n);
    end += n;
  }

  private byte[] grow(int needed) {
    byte[] bigger = new byte[Math.max(needed, Math.min(buf.length * 2, maxLine + 8192))];
    System.arraycopy(buf, start, bigger, 0, end - start);
    return bigger;
  }

  /**
   * Advances to the next complete line that is not blank (blank lines, only spaces, tabs and {@code
   * \r}, are skipped: LiteFS's stream has none, a proxy may add them). After true, the line is
   * {@link #lineBytes()} from {@link #lineStart()} for {@link #lineLength()} bytes, without its
   * newline; check {@link #lineTooLong()} before using it.
   *
   * @return true if a line is ready, false if more bytes are needed
   */
  boolean nextLine() {
    while (nextAnyLine()) {
      if (!isBlank()) {
        return true;
      }
    }
    return false;
  }

  private boolean nextAnyLine() {
    for (int i = scanned; i < end; i++) {
      if (buf[i] == '\n') {
        lineStart = start;
        lineLength = i - start;
        start = i + 1;
        scanned = start;
        return true;
      }
    }
    scanned = end;
    return false;
  }

  private boolean isBlank() {
    for (int i = lineStart; i < lineStart + lineLength; i++) {
      byte b = buf[i];
      if (b != ' ' && b != '\t' && b != '\r') {
        return false;
      }
    }
    return true;
  }

  /** Whether the line {@link #nextLine()} returned is longer than the limit (refuse it). */
  boolean lineTooLong() {
    return lineLength > maxLine;
  }

  /** Whether the pending, unterminated line is already longer than the limit (refuse it). */
  boolean overLimit() {
    return end - start > maxLine;
  }

  /** Whether bytes of an incomplete line are buffered. */
  boolean hasPartialLine() {
    return end > start;
  }

  /** The number of bytes of the incomplete line. */
  int partialLength() {
    return end - start;
  }

  /** The start of the incomplete line as text, at most {@code max} bytes, for messages. */
  String partialPrefix(int max) {
    return new String(buf, start, Math.min(max, end - start), StandardCharsets.UTF_8);
  }

  byte[] lineBytes() {
    return buf;
  }

  int lineStart() {
    return lineStart;
  }

  int lineLength() {
    return lineLength;
  }

  int maxLine() {
    return maxLine;
  }
}
