package io.github.litefs4j.docs;

import io.github.litefs4j.LiteFS;
import io.github.litefs4j.LiteFsClient;
import io.github.litefs4j.NodeInfo;
import io.github.litefs4j.PrimaryMonitor;
import io.github.litefs4j.PrimaryState;
import io.github.litefs4j.WriteRouting;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** The samples of docs/primary-and-routing.md. */
final class PrimaryExamples {
  private static final Logger log = System.getLogger("app");

  /** A web framework's view of a request, reduced to what the samples need. */
  interface Exchange {
    String method();

    void setHeader(String name, String value);

    void sendError(int status);
  }

  /** What the application does in each role. */
  interface App {
    void runMigrations();

    void writeLocally();

    void forwardTo(String primaryHostname);

    void rejectWrite();
  }

  private PrimaryExamples() {}

  static void monitor(App app) {
    // tag::monitor[]
    try (PrimaryMonitor monitor = LiteFsClient.DEFAULT.monitorPrimary()) {
      PrimaryState state = monitor.awaitReady(Duration.ofSeconds(10));
      monitor.addListener(
          (before, now) -> log.log(Level.INFO, "LiteFS role {0} -> {1}", before, now));

      if (monitor.isPrimary()) {
        app.runMigrations();
      }
      switch (monitor.state().role()) {
        case PRIMARY -> app.writeLocally();
        case REPLICA -> app.forwardTo(monitor.primaryHostname().orElseThrow());
        case DISCONNECTED, UNKNOWN -> app.rejectWrite();
      }
    }
    // end::monitor[]
  }

  static void route(PrimaryMonitor monitor, Exchange exchange, Runnable chain) {
    // tag::routing[]
    WriteRouting.Decision decision = WriteRouting.route(exchange.method(), monitor.state());
    if (decision instanceof WriteRouting.Decision.ReplayToPrimary replay) {
      exchange.setHeader(replay.headerName(), replay.headerValue()); // fly-replay: instance=...
      return; // an empty body, as the LiteFS proxy answers
    }
    if (decision instanceof WriteRouting.Decision.NoPrimary none) {
      exchange.sendError(none.status()); // 503: no primary known right now
      return;
    }
    chain.run(); // ServeLocally: a read, or this node is the primary
    // end::routing[]
  }

  static boolean primaryFile(LiteFsClient client) {
    // tag::primary-file[]
    Optional<String> primary = LiteFS.primaryHostname(Path.of("/litefs"));
    // empty: this node is the primary, OR a replica without a primary. Ask which:
    NodeInfo info = client.info();
    boolean cutOff = info.isDisconnectedReplica(); // !isPrimary() && no primary hostname
    // end::primary-file[]
    return primary.isEmpty() && cutOff;
  }
}
