package io.github.litefs4j.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * {@link LiteFsCluster#awaitReplicated}: waits, event-driven, until every running replica's {@code
 * <db>-pos} has reached the primary's TXID. One daemon thread per replica follows the replica's
 * {@code GET /events} and re-reads its {@code -pos} after each event line (and once at the start);
 * the file read runs on that thread, so a frozen FUSE mount blocks only it, never the caller.
 *
 * <p>One instance per call; the caller's thread is the only one that calls {@link #await}.
 */
final class ReplicationWait {
  private static final HttpClient EVENTS =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  private final String db;
  private final long target;
  private final String targetText;
  private final LiteFsNode primary;
  private final List<Follower> followers = new ArrayList<>();
  private final CountDownLatch reached;

  private ReplicationWait(String db, LiteFsNode primary, String targetPos, List<LiteFsNode> nodes) {
    this.db = db;
    this.primary = primary;
    this.targetText = targetPos;
    this.target = txid(targetPos);
    this.reached = new CountDownLatch(nodes.size());
    for (LiteFsNode node : nodes) {
      followers.add(new Follower(node));
    }
  }

  /** See {@link LiteFsCluster#awaitReplicated}. */
  static void await(String db, Duration timeout, LiteFsNode primary, List<LiteFsNode> replicas) {
    Path primaryPos = posFile(primary, db);
    String targetPos;
    try {
      targetPos = Files.readString(primaryPos).strip();
    } catch (NoSuchFileException e) {
      throw new LiteFsClusterException(
          "database "
              + db
              + " does not exist on the primary "
              + primary.name()
              + " (no "
              + primaryPos
              + "): write it on the primary before waiting for it to replicate",
          e);
    } catch (IOException e) {
      throw new LiteFsClusterException(
          "cannot read the position of " + db + " on the primary " + primary.name(), e);
    }
    List<LiteFsNode> running = new ArrayList<>();
    for (LiteFsNode node : replicas) {
      if (node != primary && node.isRunning()) {
        running.add(node);
      }
    }
    new ReplicationWait(db, primary, targetPos, running).run(timeout);
  }

  private void run(Duration timeout) {
    followers.forEach(Follower::start);
    try {
      if (!reached.await(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
        throw new LiteFsClusterException(timeoutMessage(timeout));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LiteFsClusterException(
          "interrupted while waiting for " + db + " to replicate to " + targetText, e);
    } finally {
      followers.forEach(Follower::stop);
      followers.forEach(Follower::join);
    }
  }

  private String timeoutMessage(Duration timeout) {
    StringBuilder s =
        new StringBuilder("replicas did not reach ")
            .append(db)
            .append(" at ")
            .append(targetText)
            .append(" (position of the primary ")
            .append(primary.name())
            .append(") within ")
            .append(timeout)
            .append(":");
    for (Follower f : followers) {
      s.append(' ').append(f.node.name()).append(" at ").append(f.describe()).append(';');
    }
    s.setLength(s.length() - 1);
    return s.toString();
  }

  static Path posFile(LiteFsNode node, String db) {
    Path file = node.database(db);
    return file.resolveSibling(file.getFileName() + "-pos");
  }

  /** The TXID of a {@code -pos} text ({@code txid/checksum} in hex). */
  static long txid(String pos) {
    int slash = pos.indexOf('/');
    try {
      return Long.parseUnsignedLong(slash < 0 ? pos : pos.substring(0, slash), 16);
    } catch (NumberFormatException e) {
      throw new LiteFsClusterException("not a LiteFS position (txid/checksum in hex): " + pos, e);
    }
  }

  /** Follows one replica: its event stream wakes it, its {@code -pos} file says where it is. */
  private final class Follower implements Flow.Subscriber<String> {
    private final LiteFsNode node;
    private final Semaphore wakeUps = new Semaphore(0);
    private final Thread thread;
    private volatile Flow.Subscription subscription;
    private volatile CompletableFuture<?> response;
    private volatile boolean stopped;
    private volatile String last = "nothing yet";
    private volatile String streamEnd = "";

    Follower(LiteFsNode node) {
      this.node = node;
      this.thread = new Thread(this::follow, "LiteFsCluster-awaitReplicated-" + node.name());
      thread.setDaemon(true);
    }

    void start() {
      URI uri = node.httpUri().resolve("/events");
      response =
          EVENTS.sendAsync(
              HttpRequest.newBuilder(uri).GET().build(),
              HttpResponse.BodyHandlers.fromLineSubscriber(this));
      response.whenComplete(
          (r, e) -> {
            if (e != null) {
              ended("GET /events failed: " + e);
            }
          });
      thread.start();
    }

    private void follow() {
      try {
        while (!stopped) {
          String pos = readPos();
          if (pos != null && txid(pos) >= target) {
            reached.countDown();
            return;
          }
          wakeUps.acquire();
          wakeUps.drainPermits(); // one read covers every event that arrived meanwhile
        }
      } catch (InterruptedException e) {
        // stopped: the wait is over
      } catch (LiteFsClusterException e) {
        last = e.getMessage();
      }
    }

    private String readPos() {
      last = "still reading its -pos (the node does not answer)";
      try {
        String pos = Files.readString(posFile(node, db)).strip();
        last = pos;
        return pos;
      } catch (NoSuchFileException e) {
        last = "no " + db + " yet";
      } catch (IOException e) {
        last = "unreadable -pos (" + e.getMessage() + ")";
      }
      return null;
    }

    String describe() {
      return last + streamEnd;
    }

    private void ended(String why) {
      if (!stopped) {
        streamEnd = ", events stream ended (" + why + ")";
      }
    }

    void stop() {
      stopped = true;
      Flow.Subscription s = subscription;
      if (s != null) {
        s.cancel();
      }
      CompletableFuture<?> r = response;
      if (r != null) {
        r.cancel(true);
      }
      thread.interrupt();
    }

    /**
     * Waits up to 2 s for the thread to end; a thread blocked in a read of a frozen FUSE mount ends
     * once the node runs again.
     */
    void join() {
      try {
        thread.join(2_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      if (stopped) {
        s.cancel();
      } else {
        s.request(Long.MAX_VALUE);
      }
    }

    @Override
    public void onNext(String line) {
      wakeUps.release();
    }

    @Override
    public void onError(Throwable e) {
      ended(e.toString());
      wakeUps.release();
    }

    @Override
    public void onComplete() {
      ended("closed by the node");
      wakeUps.release();
    }
  }
}
