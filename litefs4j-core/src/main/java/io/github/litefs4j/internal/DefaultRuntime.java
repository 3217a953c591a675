package io.github.litefs4j.internal;

import io.github.litefs4j.HaltLock;
import io.github.litefs4j.LiteFS;
import io.github.litefs4j.LiteFsClient;
import io.github.litefs4j.Position;
import io.github.litefs4j.PositionWaiter;
import io.github.litefs4j.ReconnectPolicy;
import io.github.litefs4j.ReplicationTracker;
import io.github.litefs4j.spi.LiteFsRuntime;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@link LiteFsRuntime} litefs4j provides (found through {@link java.util.ServiceLoader}): the
 * mount's files, HALTs through one {@link HaltCoordinator}, and {@link HttpNode}s. The coordinator
 * is made on the first HALT, so that a JVM that never takes one never loads JNA. Thread-safe.
 * Internal: not exported.
 */
public final class DefaultRuntime implements LiteFsRuntime {
  private volatile HaltCoordinator halts;

  /** The provider constructor used by {@link java.util.ServiceLoader}. */
  public DefaultRuntime() {}

  @Override
  public HaltLock halt(Path db, Duration timeout) {
    return halts().acquire(db, timeout);
  }

  @Override
  public <T, E extends Exception> T withHalt(
      Path db, Duration timeout, LiteFS.HaltCallable<T, E> fn) throws E {
    return halts().withHalt(db, timeout, fn);
  }

  @Override
  public Duration lag(Path dbOrMountDir) {
    return LagFile.read(dbOrMountDir);
  }

  @Override
  public Position position(Path db) {
    return PosFile.read(db);
  }

  @Override
  public Optional<String> primaryHostname(Path mountDir) {
    return PrimaryFile.read(mountDir);
  }

  @Override
  public PositionWaiter pollingWaiter() {
    return FilePositionWaiter.POLLING;
  }

  @Override
  public ReplicationTracker replicationTracker(List<LiteFsClient> nodes, ReconnectPolicy policy) {
    return new EventReplicationTracker(nodes, policy);
  }

  @Override
  public Node node(
      URI baseUri,
      HttpClient httpClient,
      Duration connectTimeout,
      Duration requestTimeout,
      Map<String, String> headers) {
    return new HttpNode(
        new HttpCalls(baseUri, httpClient, connectTimeout, requestTimeout, headers));
  }

  private HaltCoordinator halts() {
    HaltCoordinator c = halts;
    if (c == null) {
      synchronized (this) {
        c = halts;
        if (c == null) {
          c = new HaltCoordinator(JnaOfdLocks.get());
          halts = c;
        }
      }
    }
    return c;
  }
}
