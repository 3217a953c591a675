package io.github.litefs4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.litefs4j.testing.LiteFsCluster;
import io.github.litefs4j.testing.LiteFsClusterTest;
import io.github.litefs4j.testing.LiteFsNode;
import io.github.litefs4j.testsupport.Sql;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Read-your-writes tokens across a real primary and replica. */
@LiteFsClusterTest(replicas = 1)
class ReadYourWritesIT {
  private static final String DB = "ryw.db";

  private LiteFsNode primary;
  private LiteFsNode replica;

  @BeforeEach
  void setUp(LiteFsCluster cluster) throws Exception {
    primary = cluster.primary();
    replica = cluster.replica(0);
    Sql.exec(primary.database(DB), "CREATE TABLE IF NOT EXISTS t(id INTEGER PRIMARY KEY, v)");
  }

  @Test
  void aTokenFromThePrimaryLetsTheReplicaReadTheWrite() throws Exception {
    ReadYourWrites onPrimary = ReadYourWrites.builder(primary.database(DB)).build();
    try (PositionWaiter waiter =
        PositionWaiter.withEvents(LiteFsClient.create(replica.httpUri()))) {
      ReadYourWrites onReplica =
          ReadYourWrites.builder(replica.database(DB))
              .maxWait(Duration.ofSeconds(30))
              .waiter(waiter)
              .build();
      for (int i = 0; i < 5; i++) {
        Sql.exec(primary.database(DB), "INSERT INTO t(v) VALUES ('write " + i + "')");
        String setCookie = onPrimary.tokenAfterWrite().setCookieHeader();
        assertThat(setCookie).matches("__txid=[0-9a-f]{16}; Path=/; Max-Age=300; HttpOnly");
        // The browser sends back name=value.
        String cookie = "session=abc; " + setCookie.substring(0, setCookie.indexOf(';'));
        Position reached = onReplica.awaitCookieHeader(cookie).orElseThrow();
        assertThat(reached).isEqualTo(LiteFS.position(primary.database(DB)));
        assertThat(Sql.query(replica.database(DB), "SELECT v FROM t ORDER BY id DESC LIMIT 1"))
            .containsExactly("write " + i);
      }
    }
  }

  @Test
  void theWaitIsCappedWhileThePrimaryIsDown() {
    Position replicaAt =
        LiteFS.awaitPosition(
            replica.database(DB), LiteFS.position(primary.database(DB)), Duration.ofSeconds(30));
    primary.kill();
    ReadYourWrites onReplica =
        ReadYourWrites.builder(replica.database(DB)).maxWait(Duration.ofMillis(500)).build();
    ReadYourWrites.Token ahead = new ReadYourWrites.Token(replicaAt.txid() + 1);
    assertThatThrownBy(() -> onReplica.awaitToken(ahead, Duration.ofHours(1)))
        .isInstanceOf(PositionTimeoutException.class)
        .satisfies(
            e -> {
              PositionTimeoutException t = (PositionTimeoutException) e;
              assertThat(t.timeout()).isEqualTo(Duration.ofMillis(500));
              assertThat(t.lastSeen()).contains(replicaAt);
            });
  }
}
