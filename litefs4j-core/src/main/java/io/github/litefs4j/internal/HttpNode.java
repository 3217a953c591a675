package io.github.litefs4j.internal;

import io.github.litefs4j.EventListener;
import io.github.litefs4j.EventSubscription;
import io.github.litefs4j.EventWatcher;
import io.github.litefs4j.LiteFsClient.TransferProgress;
import io.github.litefs4j.NodeInfo;
import io.github.litefs4j.PositionWaiter;
import io.github.litefs4j.PrimaryMonitor;
import io.github.litefs4j.ReconnectPolicy;
import io.github.litefs4j.spi.LiteFsRuntime;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The calls of one {@link io.github.litefs4j.LiteFsClient} to its node. Thread-safe. Internal: not
 * exported.
 */
final class HttpNode implements LiteFsRuntime.Node {
  private final HttpCalls http;
  private final ConcurrentHashMap<ReconnectPolicy, EventHub> hubs = new ConcurrentHashMap<>();

  HttpNode(HttpCalls http) {
    this.http = http;
  }

  /** The client's one shared event stream for {@code policy} (one per reconnect policy). */
  private EventHub events(ReconnectPolicy policy) {
    return hubs.computeIfAbsent(policy, p -> new EventHub(http, p));
  }

  @Override
  public NodeInfo info() {
    return NodeInfos.info(http);
  }

  @Override
  public long export(
      String name, OutputStream out, TransferProgress progress, Duration transferTimeout) {
    return Transfers.export(http, name, out, progress, transferTimeout);
  }

  @Override
  public long export(String name, Path file, TransferProgress progress, Duration transferTimeout) {
    return Transfers.exportToFile(http, name, file, progress, transferTimeout);
  }

  @Override
  public long importDatabase(
      String name, InputStream in, TransferProgress progress, Duration transferTimeout) {
    return Transfers.importDb(http, name, in, -1, "the import stream", progress, transferTimeout);
  }

  @Override
  public long importDatabase(
      String name, Path file, TransferProgress progress, Duration transferTimeout) {
    return Transfers.importFile(http, name, file, progress, transferTimeout);
  }

  @Override
  public void promote() {
    NodeApi.promote(http);
  }

  @Override
  public void handoff(String nodeId) {
    NodeApi.handoff(http, nodeId);
  }

  @Override
  public EventSubscription subscribeEvents() {
    return new HttpEventSubscription(http);
  }

  @Override
  public EventWatcher subscribe(EventListener listener, ReconnectPolicy policy) {
    return events(policy).join(listener);
  }

  @Override
  public PrimaryMonitor monitorPrimary(ReconnectPolicy policy) {
    return EventPrimaryMonitor.start(http, events(policy));
  }

  @Override
  public PositionWaiter positionWaiter() {
    return FilePositionWaiter.withEvents(
        WatcherTxSource.start(events(ReconnectPolicy.DEFAULT)::join));
  }
}
