package io.github.litefs4j.testing.internal;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads node log files: the last lines, or everything written since an offset.
 *
 * <p>Stateless and thread-safe; a log that is being written is read as far as it goes.
 */
public final class LogFiles {
  private static final int CHUNK = 8192;

  private LogFiles() {}

  /**
   * The last {@code lines} lines of {@code file}, joined with {@code \n}; empty if the file does
   * not exist. Reading failures are reported in the returned text, not thrown: this text goes into
   * error messages.
   */
  public static String tail(Path file, int lines) {
    if (lines < 0) {
      throw new IllegalArgumentException("lines must be >= 0: " + lines);
    }
    if (lines == 0 || !Files.exists(file)) {
      return "";
    }
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
      long end = raf.length();
      long start = end;
      int newlines = 0;
      byte[] buffer = new byte[CHUNK];
      // Walk back chunk by chunk until enough line breaks (one more than wanted) are seen.
      while (start > 0 && newlines <= lines) {
        int size = (int) Math.min(CHUNK, start);
        start -= size;
        raf.seek(start);
        raf.readFully(buffer, 0, size);
        for (int i = size - 1; i >= 0; i--) {
          if (buffer[i] == '\n' && !(start + i == end - 1)) {
            newlines++;
          }
        }
      }
      byte[] bytes = new byte[(int) (end - start)];
      raf.seek(start);
      raf.readFully(bytes);
      return lastLines(new String(bytes, StandardCharsets.UTF_8), lines);
    } catch (IOException e) {
      return "(cannot read " + file + ": " + e + ")";
    }
  }

  static String lastLines(String text, int lines) {
    List<String> all = new ArrayList<>(List.of(text.split("\n", -1)));
    if (!all.isEmpty() && all.get(all.size() - 1).isEmpty()) {
      all.remove(all.size() - 1);
    }
    int from = Math.max(0, all.size() - lines);
    return String.join("\n", all.subList(from, all.size()));
  }

  /** The size of {@code file}, 0 if it does not exist. */
  public static long size(Path file) {
    try {
      return Files.exists(file) ? Files.size(file) : 0;
    } catch (IOException e) {
      return 0;
    }
  }

  /** Everything written to {@code file} after byte {@code offset}; empty if unreadable. */
  public static String since(Path file, long offset) {
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
      long end = raf.length();
      if (offset >= end) {
        return "";
      }
      byte[] bytes = new byte[(int) Math.min(end - offset, 1 << 20)];
      raf.seek(offset);
      raf.readFully(bytes);
      return new String(bytes, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }
}
