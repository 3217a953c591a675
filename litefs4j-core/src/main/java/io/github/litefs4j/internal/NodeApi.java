package io.github.litefs4j.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.github.litefs4j.LiteFsException;
import io.github.litefs4j.LiteFsHttpException;
import io.github.litefs4j.LiteFsHttpException.Reason;
import io.github.litefs4j.LiteFsInterruptedException;
import io.github.litefs4j.LiteFsProtocolException;
import io.github.litefs4j.NodeInfo;
import io.github.litefs4j.TransferProgress;
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
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The client calls of the node HTTP API beyond events: info, export, import, promote, handoff, and
 * the mapping of their error statuses to typed exceptions. Thread-safe (stateless apart from the
 * shared {@link HttpCalls}). Internal: not exported.
 */
public final class NodeApi {
  /** Response header carrying the node ID. */
  public static final String NODE_ID_HEADER = "Litefs-Id";

  private static final JsonFactory JSON = new JsonFactory();
  private static final int CHUNK = 64 * 1024;

  /** The calls whose statuses mean different things. */
  public enum Call {
    INFO,
    EXPORT,
    IMPORT,
    PROMOTE,
    HANDOFF
  }

  private NodeApi() {}

  // ---- info ----

  public static NodeInfo info(HttpCalls http) {
    HttpRequest request = infoRequest(http);
    return info(request, http.send(request, HttpResponse.BodyHandlers.ofString()));
  }

  /** The request of {@code GET /info}, bounded by the request timeout (for asynchronous sends). */
  public static HttpRequest infoRequest(HttpCalls http) {
    return http.request(http.uri("/info", Map.of()), http.requestTimeout()).GET().build();
  }

  /** The node info in the response to {@link #infoRequest}; throws for an error or bad JSON. */
  public static NodeInfo info(HttpRequest request, HttpResponse<String> response) {
    if (response.statusCode() != 200) {
      throw mapError(Call.INFO, request, response.statusCode(), response.body(), null);
    }
    Optional<String> nodeId =
        response.headers().firstValue(NODE_ID_HEADER).filter(s -> !s.isEmpty());
    return parseInfo(response.body(), request.uri(), nodeId);
  }

  /** Parses the JSON of {@code GET /info}; unknown fields are ignored. */
  public static NodeInfo parseInfo(String body, URI uri, Optional<String> nodeId) {
    String clusterId = null;
    Boolean isPrimary = null;
    Boolean candidate = null;
    String path = "";
    String primaryHostname = null;
    try (JsonParser parser = JSON.createParser(body)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("expected a JSON object");
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        switch (field) {
          case "clusterID" -> clusterId = stringOrNull(parser, value, field);
          case "isPrimary" -> isPrimary = bool(parser, value, field);
          case "candidate" -> candidate = bool(parser, value, field);
          case "path" -> path = Objects.requireNonNullElse(stringOrNull(parser, value, field), "");
          case "primary" -> {
            if (value == JsonToken.START_OBJECT) {
              while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String inner = parser.currentName();
                JsonToken innerValue = parser.nextToken();
                if ("hostname".equals(inner)) {
                  primaryHostname = stringOrNull(parser, innerValue, "primary.hostname");
                } else {
                  parser.skipChildren();
                }
              }
            } else if (value != JsonToken.VALUE_NULL) {
              throw new IOException("field primary is not an object");
            }
          }
          default -> parser.skipChildren();
        }
      }
      if (parser.currentToken() != JsonToken.END_OBJECT) {
        throw new IOException("unexpected " + parser.currentToken());
      }
      if (isPrimary == null || candidate == null) {
        throw new IOException("missing isPrimary or candidate");
      }
    } catch (IOException e) {
      String trimmed = HttpCalls.trimBody(body);
      throw new LiteFsProtocolException(
          LiteFsProtocolException.Reason.MALFORMED_RESPONSE,
          "GET "
              + uri
              + " answered an unreadable node info ("
              + e.getMessage()
              + "): "
              + Texts.quote(trimmed),
          uri,
          trimmed,
          -1,
          e);
    }
    return new NodeInfo(
        nodeId,
        Optional.ofNullable(clusterId).filter(s -> !s.isEmpty()),
        isPrimary,
        candidate,
        path,
        Optional.ofNullable(primaryHostname).filter(s -> !s.isEmpty()));
  }

  private static String stringOrNull(JsonParser parser, JsonToken value, String field)
      throws IOException {
    if (value == JsonToken.VALUE_NULL) {
      return null;
    }
    if (value != JsonToken.VALUE_STRING) {
      throw new IOException("field " + field + " is not a string");
    }
    return parser.getText();
  }

  private static boolean bool(JsonParser parser, JsonToken value, String field) throws IOException {
    if (value != JsonToken.VALUE_TRUE && value != JsonToken.VALUE_FALSE) {
      throw new IOException("field " + field + " is not a boolean");
    }
    return parser.getBooleanValue();
  }

  // ---- export ----

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
        throw mapError(Call.EXPORT, request, response.statusCode(), text, name);
      }
      long contentLength = response.headers().firstValueAsLong("Content-Length").orElse(-1);
      ExportCopy copy = new ExportCopy(out, progress, uri, name, contentLength);
      byte[] buf = new byte[CHUNK];
      while (true) {
        long wait = limit.remainingNanos();
        Object item = wait > 0 ? body.poll(wait) : null;
        if (item == null) {
          throw limit.exceeded(what + " from " + uri + " (" + copy.received() + " bytes received)");
        } else if (item instanceof List<?> chunk) {
          for (Object buffer : chunk) {
            ByteBuffer b = (ByteBuffer) buffer;
            while (b.hasRemaining()) {
              int n = Math.min(b.remaining(), buf.length);
              b.get(buf, 0, n);
              copy.write(buf, n);
            }
          }
        } else if (item == StreamBody.END) {
          long size = copy.finish();
          complete = true;
          return size;
        } else if (item instanceof StreamBody.Failure failure) {
          throw copy.brokeOff(failure.cause());
        } else {
          throw copy.brokeOff(new IOException("the exchange was cancelled"));
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
      System.getLogger(NodeApi.class.getName())
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
      throw mapError(Call.IMPORT, request, response.statusCode(), response.body(), name);
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

  // ---- promote, handoff ----

  public static void promote(HttpCalls http) {
    post(http, Call.PROMOTE, http.uri("/promote", Map.of()));
  }

  public static void handoff(HttpCalls http, String nodeId) {
    post(http, Call.HANDOFF, http.uri("/handoff", Map.of("nodeID", requireNodeId(nodeId))));
  }

  /** Validates a node ID: 1 to 16 hex digits (LiteFS formats them as 16 uppercase digits). */
  public static String requireNodeId(String nodeId) {
    Objects.requireNonNull(nodeId, "nodeId");
    boolean ok = !nodeId.isEmpty() && nodeId.length() <= 16;
    for (int i = 0; ok && i < nodeId.length(); i++) {
      char c = nodeId.charAt(i);
      ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
    if (!ok) {
      throw new IllegalArgumentException(
          "not a LiteFS node ID (expected 16 hex digits): " + Texts.quote(nodeId));
    }
    return nodeId;
  }

  private static void post(HttpCalls http, Call call, URI uri) {
    HttpRequest request =
        http.request(uri, http.requestTimeout()).POST(HttpRequest.BodyPublishers.noBody()).build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() / 100 != 2) {
      throw mapError(call, request, response.statusCode(), response.body(), null);
    }
  }

  // ---- errors ----

  /**
   * The exception for an error status of a call, with its {@link LiteFsHttpException.Reason}: 400
   * INVALID_REQUEST; 404 on export DATABASE_NOT_FOUND; 503 on import NOT_PRIMARY; 409 on promote
   * NOT_CANDIDATE; 500 on promote with LiteFS's "no primary" message NO_PRIMARY; 500 on handoff
   * with "not currently primary" NOT_PRIMARY; anything else OTHER.
   */
  public static LiteFsHttpException mapError(
      Call call, HttpRequest request, int status, String body, String database) {
    LiteFsHttpException generic = HttpCalls.error(request, status, body);
    String text = generic.body();
    String message = generic.getMessage();
    URI uri = request.uri();
    if (status == 400) {
      return typed(Reason.INVALID_REQUEST, message, request, generic, database);
    }
    switch (call) {
      case EXPORT -> {
        if (status == 404 && database != null) {
          return typed(
              Reason.DATABASE_NOT_FOUND,
              "database "
                  + database
                  + " does not exist on the node at "
                  + uri.getHost()
                  + ":"
                  + uri.getPort()
                  + " ("
                  + message
                  + ")",
              request,
              generic,
              database);
        }
      }
      case IMPORT -> {
        if (status == 503) {
          return typed(
              Reason.NOT_PRIMARY,
              message + " (import is only possible on the primary)",
              request,
              generic,
              database);
        }
      }
      case PROMOTE -> {
        if (status == 409) {
          return typed(
              Reason.NOT_CANDIDATE,
              message + " (the node is not a candidate for the primary lease)",
              request,
              generic,
              null);
        }
        if (status == 500 && text.contains("no primary")) {
          return typed(Reason.NO_PRIMARY, message, request, generic, null);
        }
      }
      case HANDOFF -> {
        if (status == 500 && text.contains("not currently primary")) {
          return typed(
              Reason.NOT_PRIMARY,
              message + " (handoff must be sent to the primary)",
              request,
              generic,
              null);
        }
      }
      case INFO -> {
        // no status with a meaning of its own
      }
    }
    return database == null ? generic : typed(Reason.OTHER, message, request, generic, database);
  }

  private static LiteFsHttpException typed(
      Reason reason,
      String message,
      HttpRequest request,
      LiteFsHttpException generic,
      String database) {
    return new LiteFsHttpException(
        reason,
        message,
        request.method(),
        request.uri(),
        generic.status(),
        generic.body(),
        database,
        null);
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
