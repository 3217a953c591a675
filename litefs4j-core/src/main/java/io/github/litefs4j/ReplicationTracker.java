package io.github.litefs4j;

import io.github.litefs4j.spi.LiteFsRuntime;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Replicated acknowledgement: waits until enough nodes of the cluster have applied a write's commit
 * position, so that a write can be acknowledged only once it survives the loss of its primary.
 * LiteFS replicates asynchronously: a commit acknowledged by the primary alone is lost if the
 * primary dies before a replica applied it and another node takes the lease.
 *
 * <p>LiteFS has no API that lists the replicas, so the nodes are configured: the HTTP URI (or a
 * {@link LiteFsClient}) of every node, the writing node included. The tracker follows each node's
 * {@code GET /events} stream ({@link LiteFsClient#subscribe(EventListener, ReconnectPolicy)}) and
 * completes waits from the {@link TxEvent}s they report: event-driven, nothing is polled.
 *
 * <pre>{@code
 * try (ReplicationTracker tracker = ReplicationTracker.builder()
 *     .node(URI.create("http://node-a:20202"))
 *     .node(URI.create("http://node-b:20202"))
 *     .node(URI.create("http://node-c:20202"))
 *     .build()) {
 *   ReplicationTracker.Mark mark = tracker.mark();          // before the write
 *   ... write and commit ...
 *   Position committed = LiteFS.position(db);              // right after the commit
 *   Acknowledgement ack = tracker.await(mark, db, committed, Required.nodes(2), Duration.ofSeconds(5));
 * }
 * }</pre>
 *
 * <p><b>When a node has applied a position.</b> A node counts for a wait when either
 *
 * <ul>
 *   <li>it reported a {@code tx} event of the database with exactly that position (TXID <em>and
 *       </em> post-apply checksum), at any time the tracker has followed it (the last 1024
 *       positions per node and database are remembered, so an event that arrived before the wait
 *       began counts); or
 *   <li>it reported a later TXID on a stream that has been connected without a gap since before the
 *       {@link #mark() mark}, through an event that arrived after the mark. A gap is a reconnect, a
 *       {@link PrimaryChangeEvent} (the node's primary changed, so its history may have been
 *       replaced) and a TXID that went backwards. A node that reported the position's TXID with
 *       another checksum in that stretch is never counted by this rule: after a failover a new
 *       primary may reuse a TXID for other content.
 * </ul>
 *
 * The writing node counts like every other configured node (a primary reports its own commits as
 * {@code tx} events), so {@code Required.nodes(1)} is met by the writer alone. A write committed
 * while no configured node's stream was connected can still be acknowledged by the exact-position
 * rule only.
 *
 * <p><b>"All running".</b> {@link Required#allRunning()} means every configured node whose event
 * stream is connected <em>now</em>, evaluated again at every event: a node that is down (or whose
 * stream is down) is not waited for, and one that comes back is. A node whose stream reconnected
 * after the mark can only count by the exact-position rule; if it caught up past the position
 * before its stream was back, the wait ends with the timeout. With every node down but the writer,
 * "all running" is the writer alone: use {@link Required#allRunning(int)} to also require a
 * minimum.
 *
 * <p>A wait that is not met in time throws {@link PositionTimeoutException} with {@link
 * PositionTimeoutException#acknowledgedBy()} (which nodes have the position) and {@link
 * PositionTimeoutException#required()}. The write itself is committed either way; the exception
 * says that fewer nodes than required have it.
 *
 * <p>Thread-safe: share one tracker; many threads may mark and wait at once. It holds one event
 * subscription per configured node (on the client's shared stream): close it when done.
 */
public interface ReplicationTracker extends AutoCloseable {

  /**
   * A builder; add every node of the cluster.
   *
   * @return a new builder
   */
  static Builder builder() {
    return new Builder();
  }

  /**
   * Takes a mark before a write: what each node's stream looks like now. Pass it to {@link #await}.
   * Cheap (no I/O).
   *
   * @return the mark
   * @throws IllegalStateException if the tracker is closed
   */
  Mark mark();

  /**
   * Waits until {@code required} nodes have applied {@code position} of {@code database} (see the
   * class description for what counts), or the timeout runs out. Returns at once if they have.
   *
   * @param mark taken by {@link #mark()} on this tracker before the write began
   * @param database the database name as LiteFS reports it in events, for example {@code app.db}
   * @param position the commit's position, read from the writing node right after the commit
   * @param required how many nodes must have it
   * @param timeout how long to wait at most, positive
   * @return which nodes have it
   * @throws PositionTimeoutException if too few nodes have it in time; {@link
   *     PositionTimeoutException#acknowledgedBy()} lists those that have
   * @throws IllegalArgumentException if the timeout is not positive, the mark is from another
   *     tracker, or {@code required} asks for more nodes than are configured
   * @throws IllegalStateException if the tracker is closed, before or during the wait
   * @throws LiteFsInterruptedException if the thread is interrupted (the flag is set again)
   */
  Acknowledgement await(
      Mark mark, String database, Position position, Required required, Duration timeout);

  /**
   * As {@link #await(Mark, String, Position, Required, Duration)} for the database at {@code
   * database} in a LiteFS mount; its file name is the name LiteFS reports.
   *
   * @param mark taken before the write
   * @param database the database file, for example {@code /litefs/app.db}
   * @param position the commit's position
   * @param required how many nodes must have it
   * @param timeout how long to wait at most, positive
   * @return which nodes have it
   */
  default Acknowledgement await(
      Mark mark, Path database, Position position, Required required, Duration timeout) {
    Path name = Objects.requireNonNull(database, "database").getFileName();
    if (name == null) {
      throw new IllegalArgumentException("not a database file path: " + database);
    }
    return await(mark, name.toString(), position, required, timeout);
  }

  /**
   * The configured nodes.
   *
   * @return their base URIs, in the order they were added
   */
  List<URI> nodes();

  /**
   * The configured nodes whose event stream is connected now: what {@link Required#allRunning()}
   * waits for.
   *
   * @return their base URIs, in configuration order
   */
  List<URI> connectedNodes();

  /**
   * Whether {@link #close()} was called.
   *
   * @return true once closed
   */
  boolean isClosed();

  /**
   * Closes the event subscriptions; waits in progress end with {@link IllegalStateException}.
   * Idempotent; never throws.
   */
  @Override
  void close();

  /**
   * What each node's stream looked like before a write; opaque. Made by {@link #mark()}, valid only
   * for the tracker that made it. Immutable.
   */
  interface Mark {}

  /**
   * How many nodes must have applied a position.
   *
   * @param everyRunning true: also every node whose event stream is connected at the time of the
   *     check ({@link #allRunning()})
   * @param atLeast the minimum number of nodes, the writing node included; at least 1
   */
  record Required(boolean everyRunning, int atLeast) {

    /**
     * Validates the count.
     *
     * @param everyRunning whether every connected node must have it
     * @param atLeast the minimum count, at least 1
     * @throws IllegalArgumentException if {@code atLeast < 1}
     */
    public Required {
      if (atLeast < 1) {
        throw new IllegalArgumentException("at least 1 node must be required: " + atLeast);
      }
    }

    /**
     * At least {@code count} configured nodes, the writing node included.
     *
     * @param count 1 or more
     * @return the requirement
     * @throws IllegalArgumentException if {@code count < 1}
     */
    public static Required nodes(int count) {
      return new Required(false, count);
    }

    /**
     * Every configured node whose event stream is connected at the time of the check (and at least
     * one).
     *
     * @return the requirement
     */
    public static Required allRunning() {
      return new Required(true, 1);
    }

    /**
     * Every configured node whose event stream is connected at the time of the check, and at least
     * {@code minimum} nodes: with a node down, "all running" alone may be the writer only.
     *
     * @param minimum 1 or more
     * @return the requirement
     * @throws IllegalArgumentException if {@code minimum < 1}
     */
    public static Required allRunning(int minimum) {
      return new Required(true, minimum);
    }

    @Override
    public String toString() {
      return everyRunning
          ? "all running nodes" + (atLeast > 1 ? " and at least " + atLeast : "")
          : atLeast + (atLeast == 1 ? " node" : " nodes");
    }
  }

  /**
   * The nodes that have applied a write's position when a wait ended.
   *
   * @param database the database name
   * @param position the position waited for
   * @param nodes the nodes that have it, in configuration order; never empty
   * @param required what was required
   */
  record Acknowledgement(String database, Position position, List<URI> nodes, Required required) {

    /**
     * Validates and copies.
     *
     * @param database the database name
     * @param position the position
     * @param nodes the nodes that have it
     * @param required what was required
     * @throws NullPointerException if an argument is null
     */
    public Acknowledgement {
      Objects.requireNonNull(database, "database");
      Objects.requireNonNull(position, "position");
      nodes = List.copyOf(nodes);
      Objects.requireNonNull(required, "required");
    }

    /**
     * How many nodes have it.
     *
     * @return the size of {@link #nodes()}
     */
    public int count() {
      return nodes.size();
    }
  }

  /**
   * Builds a {@link ReplicationTracker}. Not thread-safe; {@link #build()} copies the
   * configuration.
   */
  final class Builder {
    private final List<LiteFsClient> nodes = new ArrayList<>();
    private ReconnectPolicy policy = ReconnectPolicy.DEFAULT;

    private Builder() {}

    /**
     * Adds a node by its HTTP API's base URI, with a client of default timeouts.
     *
     * @param baseUri for example {@code http://node-a:20202}
     * @return this builder
     * @throws IllegalArgumentException if the URI is not absolute http(s), or already added
     */
    public Builder node(URI baseUri) {
      return node(LiteFsClient.create(baseUri));
    }

    /**
     * Adds a node by its client (its shared event stream is used).
     *
     * @param client the node's client
     * @return this builder
     * @throws IllegalArgumentException if a node with the same base URI was added
     */
    public Builder node(LiteFsClient client) {
      Objects.requireNonNull(client, "client");
      for (LiteFsClient known : nodes) {
        if (known.baseUri().equals(client.baseUri())) {
          throw new IllegalArgumentException("node added twice: " + client.baseUri());
        }
      }
      nodes.add(client);
      return this;
    }

    /**
     * The reconnect policy of the nodes' event streams. Default {@link ReconnectPolicy#DEFAULT}.
     *
     * @param policy backoff and idle timeout
     * @return this builder
     */
    public Builder reconnectPolicy(ReconnectPolicy policy) {
      this.policy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * Starts following every node's event stream.
     *
     * @return the running tracker; close it when done
     * @throws IllegalStateException if no node was added
     */
    public ReplicationTracker build() {
      if (nodes.isEmpty()) {
        throw new IllegalStateException("a replication tracker needs at least one node");
      }
      return LiteFsRuntime.get().replicationTracker(List.copyOf(nodes), policy);
    }
  }
}
