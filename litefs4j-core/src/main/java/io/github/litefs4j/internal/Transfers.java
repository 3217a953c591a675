package io.github.litefs4j.internal;

import io.github.litefs4j.LiteFsClient.TransferProgress;
import io.github.litefs4j.LiteFsException;
import io.github.litefs4j.LiteFsInterruptedException;
import io.github.litefs4j.spi.Texts;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * {@code GET /export} and {@code POST /import}: streaming a database out of or into a node, with
 * progress, the transfer timeout and a SQLite header check. Stateless; thread-safe. Internal: not
 * exported.
 */
public final class Transfers {
  private static final int CHUNK = 64 * 1024;

  private Transfers() {}

  /**
   * Streams {@code GET /export?name=} into {@code out}; returns the number of bytes written. The
   * response headers are bound by the request timeout; the whole call by {@code transferTimeout}
   * unless it is null.
   */
  public static long export(
      HttpCalls http,
      String name,
      OutputStream out,
      TransferProgress progress,
      Duration transferTimeout) {
    requireName(name);
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(progress, "progress");
    TransferLimit limit = TransferLimit.start(transferTimeout);
    String what = "export of " + name;
    HttpRequest request =
        http.request(http.uri("/export", Map.of("name", name)), http.requestTimeout())
            .GET()
            .build();
    URI uri = request.uri();
    StreamBody body = new StreamBody();
    boolean complete = false;
    try {
      HttpResponse<StreamBody> response =
          http.await(http.client().sendAsync(request, info -> body), request, () -> what, limit);
      if (response.statusCode() != 200) {
        String text = body.readText(HttpCalls.MAX_ERROR_BODY, http.requestTimeout().toNanos());
        throw NodeErrors.mapError(
            NodeErrors.Call.EXPORT, request, response.statusCode(), text, name);
      }
      long contentLength = response.headers().firstValueAsLong("Content-Length").orElse(-1);
      ExportCopy copy = new ExportCopy(out, progress, uri, name, contentLength);
      byte[] buf = new byte[CHUNK];
      while (true) {
        long wait = limit.remainingNanos();
        StreamBody.Chunk item = wait > 0 ? body.poll(wait) : null;
        if (item == null) {
          throw limit.exceeded(what + " from " + uri + " (" + copy.received() + " bytes received)");
        }
        switch (item.kind()) {
          case DATA -> {
            for (ByteBuffer b : item.buffers()) {
              while (b.hasRemaining()) {
                int n = Math.min(b.remaining(), buf.length);
                b.get(buf, 0, n);
                copy.write(buf, n);
              }
            }
          }
          case END -> {
            long size = copy.finish();
            complete = true;
            return size;
          }
          case FAILED -> throw copy.brokeOff(item.failure());
          case CANCELLED -> throw copy.brokeOff(new IOException("the exchange was cancelled"));
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LiteFsInterruptedException(
          "interrupted while receiving the " + what + " from " + uri, e);
    } finally {
      if (!complete) {
        body.cancel(); // closes the connection of a body not read to its end
      }
    }
  }

  /**
   * Exports into {@code file} atomically: a temporary file in the same directory, flushed to disk,
   * then moved over {@code file}; on any failure the temporary file is deleted and {@code file} is
   * left as it was.
   */
  public static long exportToFile(
      HttpCalls http, String name, Path file, TransferProgress progress, Duration transferTimeout) {
    requireName(name);
    Objects.requireNonNull(file, "file");
    Path target = file.toAbsolutePath();
    Path dir = target.getParent();
    Path tmp;
    try {
      tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".export-tmp");
    } catch (IOException e) {
      throw new LiteFsException(
          "cannot create a temporary file in " + dir + " for the export of " + name + ": " + e, e);
    }
    boolean done = false;
    try {
      long size;
      try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        size = export(http, name, Channels.newOutputStream(channel), progress, transferTimeout);
        channel.force(true);
      }
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      done = true;
      return size;
    } catch (IOException e) {
      throw new LiteFsException(
          "cannot write the export of " + name + " to " + target + ": " + e, e);
    } finally {
      if (!done) {
        deleteQuietly(tmp);
      }
    }
  }

  private static void deleteQuietly(Path tmp) {
    try {
      Files.deleteIfExists(tmp);
    } catch (IOException e) {
      System.getLogger(Transfers.class.getName())
          .log(System.Logger.Level.WARNING, "cannot delete temporary export file {0}: {1}", tmp, e);
    }
  }

  // ---- import ----

  /**
   * Sends {@code in} to {@code POST /import?name=} after checking its SQLite header; returns the
   * number of bytes sent. {@code length} is the body length if known, else -1. The whole call is
   * bound by {@code limit} unless it is null.
   */
  public static long importDb(
      HttpCalls http,
      String name,
      InputStream in,
      long length,
      String source,
      TransferProgress progress,
      Duration transferTimeout) {
    TransferLimit limit = TransferLimit.start(transferTimeout);
    requireName(name);
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(progress, "progress");
    byte[] magic;
    try {
      magic = in.readNBytes(SqliteHeader.MAGIC.length);
    } catch (IOException e) {
      throw new LiteFsException("cannot read " + source + " to import it as " + name + ": " + e, e);
    }
    if (!SqliteHeader.hasMagic(magic, magic.length)) {
      throw new IllegalArgumentException(
          source
              + " is not a SQLite database (it must start with \"SQLite format 3\\0\"); its first "
              + magic.length
              + " bytes are "
              + Texts.quote(SqliteHeader.describe(magic, magic.length))
              + "; nothing was sent to import "
              + name);
    }
    OptionalLong total = length >= 0 ? OptionalLong.of(length) : OptionalLong.empty();
    CountingInputStream body =
        new CountingInputStream(
            new SequenceInputStream(new ByteArrayInputStream(magic), in), progress, total);
    HttpRequest.BodyPublisher publisher = HttpRequest.BodyPublishers.ofInputStream(() -> body);
    if (length >= 0) {
      publisher = HttpRequest.BodyPublishers.fromPublisher(publisher, length);
    }
    HttpRequest request =
        // No "Expect: 100-continue": JDK 17's HttpClient hangs when the node answers 503 to it
        // (seen against LiteFS 0.5.14); without it the node's 503 still arrives (tested to 3 MB).
        http.request(http.uri("/import", Map.of("name", name)), null)
            .header("Content-Type", "application/octet-stream")
            .POST(publisher)
            .build();
    HttpResponse<String> response =
        http.await(
            http.client().sendAsync(request, HttpResponse.BodyHandlers.ofString()),
            request,
            () -> "import of " + name + " (" + body.count() + " bytes sent)",
            limit);
    if (response.statusCode() / 100 != 2) {
      throw NodeErrors.mapError(
          NodeErrors.Call.IMPORT, request, response.statusCode(), response.body(), name);
    }
    return body.count();
  }

  /** Imports a file: its size is sent as Content-Length. */
  public static long importFile(
      HttpCalls http, String name, Path file, TransferProgress progress, Duration transferTimeout) {
    requireName(name);
    Objects.requireNonNull(file, "file");
    try (InputStream in = Files.newInputStream(file)) {
      return importDb(http, name, in, Files.size(file), file.toString(), progress, transferTimeout);
    } catch (IOException e) {
      throw new LiteFsException("cannot read " + file + " to import it as " + name + ": " + e, e);
    }
  }

  private static void requireName(String name) {
    Objects.requireNonNull(name, "name");
    if (name.isEmpty()) {
      throw new IllegalArgumentException("database name must not be empty");
    }
  }

  /** Counts bytes read and reports progress. */
  private static final class CountingInputStream extends FilterInputStream {
    private final TransferProgress progress;
    private final OptionalLong total;
    private volatile long count;

    CountingInputStream(InputStream in, TransferProgress progress, OptionalLong total) {
      super(in);
      this.progress = progress;
      this.total = total;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
        progress.onProgress(count, total);
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count += n;
        progress.onProgress(count, total);
      }
      return n;
    }

    long count() {
      return count;
    }
  }
}
