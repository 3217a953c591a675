package io.github.litefs4j.spi;

import io.github.litefs4j.EventListener;
import io.github.litefs4j.EventSubscription;
import io.github.litefs4j.EventWatcher;
import io.github.litefs4j.HaltLock;
import io.github.litefs4j.LiteFS;
import io.github.litefs4j.LiteFsClient.TransferProgress;
import io.github.litefs4j.NodeInfo;
import io.github.litefs4j.Position;
import io.github.litefs4j.PositionWaiter;
import io.github.litefs4j.PrimaryMonitor;
import io.github.litefs4j.ReconnectPolicy;
import io.github.litefs4j.ReplicationTracker;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The contract between litefs4j's API package ({@code io.github.litefs4j}) and its implementation
 * ({@code io.github.litefs4j.internal}): the API's entry points ({@link LiteFS}, {@link
 * io.github.litefs4j.LiteFsClient}, {@link PositionWaiter}) call this interface, the implementation
 * provides it, so that the API package never imports the implementation. Arguments are checked by
 * the API before they get here.
 *
 * <p>Not exported by the module and not for applications. Implementations are thread-safe.
 */
public interface LiteFsRuntime {
  /**
   * The implementation, found once with {@link java.util.ServiceLoader}.
   *
   * @return the runtime
   * @throws IllegalStateException if the litefs4j-core jar is incomplete (no provider)
   */
  static LiteFsRuntime get() {
    return Provided.RUNTIME;
  }

  /**
   * Takes the HALT on {@code db} (see {@link LiteFS#halt(Path, Duration)}).
   *
   * @param db the database path
   * @param timeout how long to wait at most, or null for as long as LiteFS takes
   * @return the held HALT
   */
  HaltLock halt(Path db, Duration timeout);

  /**
   * Runs {@code fn} under the HALT on {@code db} (see {@link LiteFS#withHalt(Path, Duration,
   * LiteFS.HaltCallable)}).
   *
   * @param <T> the result type
   * @param <E> what {@code fn} throws
   * @param db the database path
   * @param timeout how long to wait for the HALT at most, or null
   * @param fn the work
   * @return what {@code fn} returned
   * @throws E what {@code fn} threw
   */
  <T, E extends Exception> T withHalt(Path db, Duration timeout, LiteFS.HaltCallable<T, E> fn)
      throws E;

  /**
   * See {@link LiteFS#lag(Path)}.
   *
   * @param dbOrMountDir the mount or a database in it
   * @return the lag
   */
  Duration lag(Path dbOrMountDir);

  /**
   * See {@link LiteFS#position(Path)}.
   *
   * @param db the database path
   * @return the position
   */
  Position position(Path db);

  /**
   * See {@link LiteFS#primaryHostname(Path)}.
   *
   * @param mountDir the mount
   * @return the hostname, or empty on the primary and on a disconnected replica
   */
  Optional<String> primaryHostname(Path mountDir);

  /**
   * See {@link PositionWaiter#polling()}.
   *
   * @return the shared polling waiter
   */
  PositionWaiter pollingWaiter();

  /**
   * See {@link ReplicationTracker#builder()}.
   *
   * @param nodes the nodes' clients, at least one, distinct base URIs
   * @param policy the reconnect policy of their event streams
   * @return the running tracker
   */
  ReplicationTracker replicationTracker(
      List<io.github.litefs4j.LiteFsClient> nodes, ReconnectPolicy policy);

  /**
   * The calls to one LiteFS node, for one {@link io.github.litefs4j.LiteFsClient}.
   *
   * @param baseUri the node's base URI
   * @param httpClient the HTTP client to use, or null for one of litefs4j's own
   * @param connectTimeout the connect timeout
   * @param requestTimeout the timeout of a request's response headers
   * @param headers headers added to every request (validated)
   * @return the node
   */
  Node node(
      URI baseUri,
      HttpClient httpClient,
      Duration connectTimeout,
      Duration requestTimeout,
      Map<String, String> headers);

  /** The calls of one {@link io.github.litefs4j.LiteFsClient}; see its methods. Thread-safe. */
  interface Node {
    /**
     * {@code GET /info}.
     *
     * @return the node info
     */
    NodeInfo info();

    /**
     * {@code GET /export} into a stream.
     *
     * @param name the database name
     * @param out where the bytes go
     * @param progress progress callback
     * @param transferTimeout bound of the whole transfer, or null
     * @return the bytes written
     */
    long export(String name, OutputStream out, TransferProgress progress, Duration transferTimeout);

    /**
     * {@code GET /export} into a file, atomically.
     *
     * @param name the database name
     * @param file the target file
     * @param progress progress callback
     * @param transferTimeout bound of the whole transfer, or null
     * @return the bytes written
     */
    long export(String name, Path file, TransferProgress progress, Duration transferTimeout);

    /**
     * {@code POST /import} from a stream.
     *
     * @param name the database name
     * @param in the database bytes
     * @param progress progress callback
     * @param transferTimeout bound of the whole transfer, or null
     * @return the bytes sent
     */
    long importDatabase(
        String name, InputStream in, TransferProgress progress, Duration transferTimeout);

    /**
     * {@code POST /import} from a file.
     *
     * @param name the database name
     * @param file the database file
     * @param progress progress callback
     * @param transferTimeout bound of the whole transfer, or null
     * @return the bytes sent
     */
    long importDatabase(
        String name, Path file, TransferProgress progress, Duration transferTimeout);

    /** {@code POST /promote}. */
    void promote();

    /**
     * {@code POST /handoff}.
     *
     * @param nodeId the node to hand the lease to
     */
    void handoff(String nodeId);

    /**
     * A pull subscription to {@code /events}.
     *
     * @return the subscription
     */
    EventSubscription subscribeEvents();

    /**
     * A listener subscription to {@code /events}.
     *
     * @param listener the listener
     * @param policy the reconnect policy
     * @return the watcher
     */
    EventWatcher subscribe(EventListener listener, ReconnectPolicy policy);

    /**
     * A primary monitor.
     *
     * @param policy the reconnect policy
     * @return the monitor
     */
    PrimaryMonitor monitorPrimary(ReconnectPolicy policy);

    /**
     * An event-driven position waiter.
     *
     * @return the waiter
     */
    PositionWaiter positionWaiter();
  }
}
