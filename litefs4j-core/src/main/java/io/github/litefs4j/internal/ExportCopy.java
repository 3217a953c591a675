package io.github.litefs4j.internal;

import io.github.litefs4j.LiteFsClient.TransferProgress;
import io.github.litefs4j.LiteFsConnectionException;
import io.github.litefs4j.LiteFsException;
import io.github.litefs4j.LiteFsProtocolException;
import io.github.litefs4j.spi.Texts;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.util.OptionalLong;

/**
 * The bytes of one export on their way to the caller's output: counted, reported as progress, and
 * checked against the SQLite header (it must be there, and its page size times page count is the
 * size to expect when the node sends no {@code Content-Length}). Not thread-safe: one exporting
 * thread. Internal: not exported.
 */
final class ExportCopy {
  private final OutputStream out;
  private final TransferProgress progress;
  private final URI uri;
  private final String name;
  private final byte[] header = new byte[SqliteHeader.LENGTH];
  private long expected;
  private long received;

  /**
   * @param contentLength the response's {@code Content-Length}, or -1 if it has none
   */
  ExportCopy(
      OutputStream out, TransferProgress progress, URI uri, String name, long contentLength) {
    this.out = out;
    this.progress = progress;
    this.uri = uri;
    this.name = name;
    this.expected = contentLength;
  }

  /** The bytes received so far. */
  long received() {
    return received;
  }

  /** Checks and writes the next {@code n} bytes of the body. */
  void write(byte[] buf, int n) {
    if (received < SqliteHeader.LENGTH) {
      int copy = (int) Math.min(n, SqliteHeader.LENGTH - received);
      System.arraycopy(buf, 0, header, (int) received, copy);
      if (received + copy == SqliteHeader.LENGTH) {
        checkHeader(SqliteHeader.LENGTH);
        long announced = SqliteHeader.announcedSize(header);
        if (expected < 0) {
          expected = announced;
        } else if (announced >= 0 && announced != expected) {
          throw malformed(
              "has Content-Length "
                  + expected
                  + " but its SQLite header announces "
                  + announced
                  + " bytes");
        }
      }
    }
    try {
      out.write(buf, 0, n);
    } catch (IOException e) {
      throw outputFailed(e);
    }
    received += n;
    if (expected >= 0 && received > expected) {
      throw malformed("is longer than the " + expected + " bytes announced");
    }
    progress.onProgress(received, expected >= 0 ? OptionalLong.of(expected) : OptionalLong.empty());
  }

  /**
   * The body ended normally: checks that all of it arrived and flushes the output.
   *
   * @return the number of bytes written
   */
  long finish() {
    if (received > 0 && received < SqliteHeader.LENGTH) {
      checkHeader((int) received);
    }
    if ((expected >= 0 && received != expected)
        || (received > 0 && received < SqliteHeader.LENGTH)) {
      throw new LiteFsConnectionException(
          "export of "
              + name
              + " from "
              + uri
              + " ended after "
              + received
              + " bytes"
              + (expected >= 0 ? " of " + expected : " (shorter than a SQLite header)"),
          uri,
          received,
          expected,
          null);
    }
    try {
      out.flush();
    } catch (IOException e) {
      throw outputFailed(e);
    }
    return received;
  }

  /** The exception for a body that broke off with {@code cause}. */
  LiteFsConnectionException brokeOff(Throwable cause) {
    return new LiteFsConnectionException(
        "export of "
            + name
            + " from "
            + uri
            + " broke off after "
            + received
            + " bytes"
            + (expected >= 0 ? " of " + expected : "")
            + ": "
            + cause,
        uri,
        received,
        expected,
        cause);
  }

  private void checkHeader(int length) {
    if (!SqliteHeader.hasMagic(header, length)) {
      String start = SqliteHeader.describe(header, length);
      throw new LiteFsProtocolException(
          LiteFsProtocolException.Reason.MALFORMED_RESPONSE,
          "export of "
              + name
              + " from "
              + uri
              + " is not a SQLite database; it starts with "
              + Texts.quote(start),
          uri,
          start,
          -1,
          null);
    }
  }

  private LiteFsProtocolException malformed(String detail) {
    return new LiteFsProtocolException(
        LiteFsProtocolException.Reason.MALFORMED_RESPONSE,
        "export of " + name + " from " + uri + " " + detail,
        uri,
        "",
        -1,
        null);
  }

  private LiteFsException outputFailed(IOException e) {
    return new LiteFsException(
        "writing the export of " + name + " from " + uri + " to the output failed: " + e, e);
  }
}
