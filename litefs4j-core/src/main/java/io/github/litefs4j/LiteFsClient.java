package io.github.litefs4j;

import io.github.litefs4j.spi.LiteFsRuntime;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A client for one LiteFS node's HTTP API (by default {@code http://localhost:20202}, the node the
 * application runs beside).
 *
 * <p>Immutable and thread-safe: share one instance. Create it with {@link #create(URI)} or {@link
 * #builder()}; derive a variant with {@link #newBuilder()}. The underlying {@link HttpClient} is
 * created on first use, so {@link #DEFAULT} costs nothing until it is used.
 *
 * <pre>{@code
 * LiteFsClient client = LiteFsClient.builder()
 *     .baseUri(URI.create("http://localhost:20202"))
 *     .requestTimeout(Duration.ofSeconds(10))
 *     .build();
 * }</pre>
 *
 * <p>LiteFS's HTTP API has no authentication: whoever reaches the port can promote, import and
 * export. Keep it on a private network.
 */
public final class LiteFsClient {

  /** The default base URI, {@code http://localhost:20202}, as litefs-go's DefaultClient. */
  public static final URI DEFAULT_URI = URI.create("http://localhost:20202");

  /** Default time allowed to open a connection: 5 seconds. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

  /** Default time allowed for a whole non-streaming request: 30 seconds. */
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);

  /** A client for {@link #DEFAULT_URI} with the default timeouts. */
  public static final LiteFsClient DEFAULT = builder().build();

  private final URI baseUri;
  private final Duration connectTimeout;
  private final Duration requestTimeout;
  private final Duration transferTimeout; // null: unbounded
  private final Map<String, String> headers;
  private final HttpClient suppliedHttpClient;
  private final LiteFsRuntime.Node node;

  LiteFsClient(LiteFsClientBuilder builder) {
    this.baseUri = builder.baseUri;
    this.connectTimeout = builder.connectTimeout;
    this.requestTimeout = builder.requestTimeout;
    this.transferTimeout = builder.transferTimeout;
    this.headers = Map.copyOf(builder.headers);
    this.suppliedHttpClient = builder.httpClient;
    this.node =
        LiteFsRuntime.get()
            .node(baseUri, builder.httpClient, connectTimeout, requestTimeout, headers);
  }

  /**
   * {@return a client for the node at {@code baseUri} (for example {@code http://localhost:20202})
   * with the default timeouts}
   *
   * @param baseUri the node's base URI
   * @throws IllegalArgumentException if the URI is not an absolute http(s) URI
   */
  public static LiteFsClient create(URI baseUri) {
    return builder().baseUri(baseUri).build();
  }

  /** {@return a new builder starting from the defaults} */
  public static LiteFsClientBuilder builder() {
    return new LiteFsClientBuilder();
  }

  /** {@return a new builder from this client's configuration (and its supplied HttpClient)} */
  public LiteFsClientBuilder newBuilder() {
    return new LiteFsClientBuilder()
        .copy(baseUri, connectTimeout, requestTimeout, transferTimeout)
        .copy(headers, suppliedHttpClient);
  }

  /** {@return the node's base URI, for example {@code http://localhost:20202}} */
  public URI baseUri() {
    return baseUri;
  }

  /** {@return the time allowed to open a connection} */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /** {@return the time allowed for a whole non-streaming request (not for event streams)} */
  public Duration requestTimeout() {
    return requestTimeout;
  }

  /**
   * {@return the time allowed for a whole export or import, from sending the request to the end of
   * the answer; empty if transfers are unbounded (the default)}
   */
  public Optional<Duration> transferTimeout() {
    return Optional.ofNullable(transferTimeout);
  }

  /** {@return the extra headers sent with every request (unmodifiable)} */
  public Map<String, String> headers() {
    return headers;
  }

  /**
   * A pull subscription to the node's event stream, as litefs-go's {@code SubscribeEvents()}. No
   * request is sent until the first {@link EventSubscription#next()}. Close it when done.
   *
   * @return a new subscription; it starts no thread
   */
  public EventSubscription subscribeEvents() {
    return node.subscribeEvents();
  }

  /**
   * A push subscription with the {@linkplain ReconnectPolicy#DEFAULT default reconnect policy}: a
   * thread keeps the node's event stream open, reconnects with backoff and calls {@code listener}.
   * See {@link #subscribe(EventListener, ReconnectPolicy)}.
   *
   * @param listener receives events and connection changes
   * @return the running subscription; close it to stop
   */
  public EventWatcher subscribe(EventListener listener) {
    return subscribe(listener, ReconnectPolicy.DEFAULT);
  }

  /**
   * A push subscription on the client's <b>one shared event stream</b>: a daemon thread ({@code
   * litefs4j-events-N}, shared by every subscription, primary monitor and event-driven position
   * waiter of this client with the same policy, and ended with the last of them) keeps the stream
   * open and calls {@code listener} for each event. After a failure it waits as {@code policy} says
   * and reconnects; {@link EventListener#onConnected(boolean)} then reports a gap, because LiteFS
   * does not replay missed events.
   *
   * @param listener receives events and connection changes, on the subscription's thread
   * @param policy backoff and idle timeout
   * @return the running subscription; close it to stop
   */
  public EventWatcher subscribe(EventListener listener, ReconnectPolicy policy) {
    Objects.requireNonNull(listener, "listener");
    Objects.requireNonNull(policy, "policy");
    return node.subscribe(listener, policy);
  }

  /**
   * Starts monitoring the node's primary status with the {@linkplain ReconnectPolicy#DEFAULT
   * default reconnect policy}, as litefs-go's {@code MonitorPrimary()}. See {@link PrimaryMonitor}.
   *
   * @return the running monitor; close it to stop
   */
  public PrimaryMonitor monitorPrimary() {
    return monitorPrimary(ReconnectPolicy.DEFAULT);
  }

  /**
   * Starts monitoring the node's primary status. See {@link PrimaryMonitor}.
   *
   * @param policy backoff and idle timeout of the monitor's event stream
   * @return the running monitor (its thread {@code litefs4j-primary-monitor-N}, on the client's
   *     shared event stream); close it to stop
   */
  public PrimaryMonitor monitorPrimary(ReconnectPolicy policy) {
    Objects.requireNonNull(policy, "policy");
    return node.monitorPrimary(policy);
  }

  /** The event-driven waiter of {@link PositionWaiter#withEvents(LiteFsClient)}. */
  PositionWaiter positionWaiter() {
    return node.positionWaiter();
  }

  @Override
  public String toString() {
    return "LiteFsClient[" + baseUri + "]";
  }

  /**
   * The node's view of itself ({@code GET /info}) and its node ID (the {@code Litefs-Id} header).
   *
   * <p>Tells apart the two cases where the {@code .primary} file is absent: on the primary {@link
   * NodeInfo#isPrimary()} is true; on a disconnected replica it is false and {@link
   * NodeInfo#primaryHostname()} is empty.
   *
   * @return the node info
   * @throws LiteFsConnectionException if the node cannot be reached or does not answer in time
   * @throws LiteFsHttpException if the node answers an error status
   * @throws LiteFsProtocolException MALFORMED_RESPONSE if the body is not the expected JSON object
   * @throws LiteFsInterruptedException if the thread is interrupted (the flag is set again)
   */
  public NodeInfo info() {
    return node.info();
  }

  /**
   * Streams a snapshot of a database ({@code GET /export?name=}) into {@code out}, which is not
   * closed. Works on the primary and on replicas (a replica exports what it has applied).
   *
   * <p>The response is checked: it must start with the SQLite header, and it must be as long as its
   * {@code Content-Length} and as its SQLite header announces (page size times page count). A body
   * that ends early or a connection reset mid-body throws {@link LiteFsConnectionException}
   * truncated; what was written to {@code out} by then is incomplete. The wait for the response
   * headers is bound by {@link #requestTimeout()}; the whole export by {@link #transferTimeout()}
   * if one is set, otherwise the body streams for as long as it takes (interrupting the thread ends
   * it).
   *
   * @param name the database name, for example {@code app.db}; percent-encoded in the URI
   * @param out where the database file is written
   * @return the number of bytes written
   * @throws LiteFsHttpException DATABASE_NOT_FOUND if the node has no such database (HTTP 404)
   * @throws LiteFsConnectionException truncated if the body ends early or the connection breaks
   *     mid-body
   * @throws LiteFsProtocolException MALFORMED_RESPONSE if the body is not a SQLite database
   * @throws LiteFsHttpException INVALID_REQUEST if the node answers 400
   * @throws LiteFsHttpException for any other error status
   * @throws LiteFsConnectionException if the node cannot be reached
   * @throws LiteFsTimeoutException if the export takes longer than {@link #transferTimeout()}
   * @throws LiteFsInterruptedException if the thread is interrupted (the flag is set again)
   * @throws LiteFsException if writing to {@code out} fails (the cause is the I/O failure)
   * @throws IllegalArgumentException if the name is empty
   */
  public long exportDatabase(String name, OutputStream out) {
    return exportDatabase(name, out, TransferProgress.NONE);
  }

  /**
   * As {@link #exportDatabase(String, OutputStream)}, reporting progress.
   *
   * @param name the database name
   * @param out where the database file is written (not closed)
   * @param progress called after each chunk on this thread
   * @return the number of bytes written
   */
  public long exportDatabase(String name, OutputStream out, TransferProgress progress) {
    return node.export(name, out, progress, transferTimeout);
  }

  /**
   * Exports a database into a file, atomically: the data goes to a temporary file in the same
   * directory, is flushed to disk, and is moved over {@code file} only when the whole export
   * arrived and checked out. On any failure the temporary file is deleted and {@code file} is left
   * as it was (absent, or its previous content): a failed or truncated export never leaves a
   * partial file. The new file has owner-only permissions on POSIX systems.
   *
   * @param name the database name
   * @param file the file to create or replace
   * @return the number of bytes written
   * @throws LiteFsHttpException DATABASE_NOT_FOUND if the node has no such database (HTTP 404)
   * @throws LiteFsConnectionException truncated if the body ends early or the connection breaks
   *     mid-body
   * @throws LiteFsException if the file cannot be written (the cause is the I/O failure)
   * @see #exportDatabase(String, OutputStream)
   */
  public long exportDatabase(String name, Path file) {
    return exportDatabase(name, file, TransferProgress.NONE);
  }

  /**
   * As {@link #exportDatabase(String, Path)}, reporting progress.
   *
   * @param name the database name
   * @param file the file to create or replace
   * @param progress called after each chunk on this thread
   * @return the number of bytes written
   */
  public long exportDatabase(String name, Path file, TransferProgress progress) {
    return node.export(name, file, progress, transferTimeout);
  }

  /**
   * Replaces (or creates) a database with the SQLite file read from {@code in} ({@code POST
   * /import?name=}), which is not closed. Only the primary accepts imports.
   *
   * <p>The first 16 bytes are checked before anything is sent: data that does not start with {@code
   * "SQLite format 3\0"} throws {@link IllegalArgumentException}. LiteFS itself does not check the
   * rest of the file, and it zeroes the file change counter and schema cookie of page 1 (so that
   * open connections reload): an export of the imported database differs from the imported bytes in
   * those 8 bytes. Not bound by {@link #requestTimeout()}: the whole import, upload and answer, is
   * bound by {@link #transferTimeout()} if one is set, otherwise it takes as long as it takes
   * (interrupting the thread ends it). A timed-out import may still have been applied: the node
   * imports what it received once the upload is complete.
   *
   * @param name the database name
   * @param in the database file's content
   * @return the number of bytes sent
   * @throws IllegalArgumentException if the data is not a SQLite database (nothing is sent)
   * @throws LiteFsHttpException NOT_PRIMARY if the node is not the primary (HTTP 503)
   * @throws LiteFsHttpException INVALID_REQUEST if the node answers 400
   * @throws LiteFsHttpException for any other error status
   * @throws LiteFsConnectionException if the node cannot be reached or the upload breaks
   * @throws LiteFsTimeoutException if the import takes longer than {@link #transferTimeout()}
   * @throws LiteFsInterruptedException if the thread is interrupted (the flag is set again)
   * @throws IllegalArgumentException if the name is empty
   */
  public long importDatabase(String name, InputStream in) {
    return importDatabase(name, in, TransferProgress.NONE);
  }

  /**
   * As {@link #importDatabase(String, InputStream)}, reporting progress.
   *
   * @param name the database name
   * @param in the database file's content (not closed)
   * @param progress called after each chunk, on an HTTP client thread
   * @return the number of bytes sent
   */
  public long importDatabase(String name, InputStream in, TransferProgress progress) {
    return node.importDatabase(name, in, progress, transferTimeout);
  }

  /**
   * Imports a SQLite database file; see {@link #importDatabase(String, InputStream)}.
   *
   * @param name the database name
   * @param file the database file
   * @return the number of bytes sent
   * @throws IllegalArgumentException if the file is not a SQLite database (nothing is sent)
   * @throws LiteFsHttpException NOT_PRIMARY if the node is not the primary (HTTP 503)
   * @throws LiteFsException if the file cannot be read
   */
  public long importDatabase(String name, Path file) {
    return importDatabase(name, file, TransferProgress.NONE);
  }

  /**
   * As {@link #importDatabase(String, Path)}, reporting progress (the total is the file size).
   *
   * @param name the database name
   * @param file the database file
   * @param progress called after each chunk, on an HTTP client thread
   * @return the number of bytes sent
   */
  public long importDatabase(String name, Path file, TransferProgress progress) {
    return node.importDatabase(name, file, progress, transferTimeout);
  }

  /**
   * Asks this node to become primary ({@code POST /promote}): a no-op on the primary; on a
   * candidate replica, the current primary is asked to hand the lease over. A static lease cannot
   * hand off.
   *
   * @throws LiteFsHttpException NOT_CANDIDATE if the node is not a candidate (HTTP 409)
   * @throws LiteFsHttpException NO_PRIMARY if the node knows no primary to take over from (HTTP 500
   *     "no primary ...")
   * @throws LiteFsHttpException if the handoff fails otherwise (HTTP 500 with LiteFS's message)
   * @throws LiteFsConnectionException if the node cannot be reached
   */
  public void promote() {
    node.promote();
  }

  /**
   * Asks this node, which must be the primary, to hand its lease to the replica {@code nodeId}
   * ({@code POST /handoff?nodeID=}). The target must be connected and a candidate; a static lease
   * cannot hand off.
   *
   * @param nodeId the target node's ID: up to 16 hex digits, as {@link NodeInfo#nodeId()}
   * @throws IllegalArgumentException if the ID is not 1 to 16 hex digits (nothing is sent)
   * @throws LiteFsHttpException NOT_PRIMARY if this node is not the primary
   * @throws LiteFsHttpException INVALID_REQUEST if the node rejects the ID (HTTP 400)
   * @throws LiteFsHttpException if the handoff fails otherwise (HTTP 500 with LiteFS's message)
   * @throws LiteFsConnectionException if the node cannot be reached
   */
  public void handoff(String nodeId) {
    node.handoff(nodeId);
  }

  /**
   * Receives progress of a database export or import. Called after each chunk (every few tens of
   * KiB or less) on the thread that moves the data: the caller's thread for an export, an HTTP
   * client thread for an import. Keep it quick; an exception thrown from it aborts the transfer.
   */
  @FunctionalInterface
  public interface TransferProgress {

    /** A callback that ignores progress. */
    TransferProgress NONE = (bytes, total) -> {};

    /**
     * Called after each chunk.
     *
     * @param bytes the number of bytes transferred so far
     * @param total the total size when known: from {@code Content-Length}, the SQLite header of an
     *     export (page size times page count), or the size of an imported file; empty otherwise
     */
    void onProgress(long bytes, OptionalLong total);
  }
}
