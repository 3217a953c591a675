package io.github.litefs4j.docs;

import io.github.litefs4j.LiteFS;
import io.github.litefs4j.LiteFsClient;
import io.github.litefs4j.Position;
import io.github.litefs4j.PositionTimeoutException;
import io.github.litefs4j.PositionWaiter;
import io.github.litefs4j.ReadYourWrites;
import java.nio.file.Path;
import java.time.Duration;

/** The samples of docs/positions-and-lag.md. */
final class PositionsExamples {
  private PositionsExamples() {}

  static boolean lag() {
    // tag::lag[]
    Duration lag = LiteFS.lag(Path.of("/litefs")); // the mount directory: the node's lag
    Duration same = LiteFS.lag(Path.of("/litefs/app.db")); // a database: it must exist here
    boolean stale = lag.compareTo(Duration.ofSeconds(5)) > 0; // serve from the primary, or warn
    // end::lag[]
    return stale && same.isZero();
  }

  static Position position() {
    // tag::position[]
    Path db = Path.of("/litefs/app.db");
    Position pos = LiteFS.position(db); // 0000000000000002/e058fdf3a0a5272f
    long txid = pos.txid(); // unsigned: compare with Long.compareUnsigned or pos.isAtLeast(other)
    // end::position[]
    return txid == 0 ? Position.ZERO : pos;
  }

  static Position await(Path db, Position target) {
    // tag::await[]
    // Polls the -pos file (1 ms backoff growing to 4 ms), as the LiteFS proxy polls every 1 ms.
    Position reached = LiteFS.awaitPosition(db, target, Duration.ofSeconds(5));

    // Event-driven: follows the node's tx events; polls while the stream is down.
    // Share one waiter for the application; close it at shutdown.
    try (PositionWaiter waiter = PositionWaiter.withEvents(LiteFsClient.DEFAULT)) {
      reached = waiter.await(db, target, Duration.ofSeconds(5));
    }
    // end::await[]
    return reached;
  }

  /** A web framework's view of a request, reduced to what the sample needs. */
  interface Exchange {
    String cookieHeader();

    void setHeader(String name, String value);

    void sendError(int status);
  }

  static void readYourWrites(PositionWaiter waiter, Exchange afterWrite, Exchange read) {
    // tag::read-your-writes[]
    ReadYourWrites ryw =
        ReadYourWrites.builder(Path.of("/litefs/app.db"))
            .maxWait(Duration.ofSeconds(2)) // the server-side cap; default 5 s, as the proxy
            .waiter(waiter) // optional: event-driven instead of polling
            .build();

    // On the primary, after the transaction committed:
    afterWrite.setHeader("Set-Cookie", ryw.tokenAfterWrite().setCookieHeader());
    //   __txid=00000000000000a3; Path=/; Max-Age=300; HttpOnly

    // On any node, before serving a read:
    try {
      ryw.awaitCookieHeader(read.cookieHeader()); // no __txid cookie: returns at once
    } catch (PositionTimeoutException e) {
      read.sendError(504); // what the proxy answers
    } catch (IllegalArgumentException e) {
      read.sendError(400); // not 16 hex digits: never waited on
    }
    // end::read-your-writes[]
  }
}
