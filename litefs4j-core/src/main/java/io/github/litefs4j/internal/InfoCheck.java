package io.github.litefs4j.internal;

import io.github.litefs4j.LiteFsException;
import io.github.litefs4j.NodeInfo;
import java.lang.System.Logger.Level;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;

/**
 * The primary monitor's {@code GET /info} checks, through the client's {@link HttpCalls}: one at a
 * time, cancelled by {@link #close()}. Thread-safe. Internal: not exported.
 */
final class InfoCheck {
  private final HttpCalls http;
  private final Object lock = new Object();
  private boolean closed; // guarded by lock
  private CompletableFuture<?> running; // guarded by lock

  InfoCheck(HttpCalls http) {
    this.http = http;
  }

  /** {@code GET /info}, or empty if it fails or this check is closed meanwhile. */
  Optional<NodeInfo> ask() {
    HttpRequest request = NodeInfos.infoRequest(http);
    CompletableFuture<HttpResponse<String>> call;
    synchronized (lock) {
      if (closed) {
        return Optional.empty();
      }
      call = http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
      running = call;
    }
    try {
      return Optional.of(NodeInfos.info(request, http.awaitIgnoringInterrupts(call, request)));
    } catch (LiteFsException e) {
      ReconnectingEventWatcher.LOG.log(
          Level.DEBUG, "cannot confirm the primary status of {0}: {1}", http.baseUri(), e);
      return Optional.empty();
    } catch (CancellationException e) {
      return Optional.empty(); // closed
    } finally {
      synchronized (lock) {
        running = null;
      }
    }
  }

  /** Cancels a running check; later ones answer empty at once. */
  void close() {
    CompletableFuture<?> call;
    synchronized (lock) {
      closed = true;
      call = running;
    }
    if (call != null) {
      call.cancel(true);
    }
  }
}
