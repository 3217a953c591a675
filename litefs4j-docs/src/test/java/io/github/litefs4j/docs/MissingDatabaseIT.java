package io.github.litefs4j.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.litefs4j.LiteFS;
import io.github.litefs4j.LiteFsClient;
import io.github.litefs4j.LiteFsMountException;
import io.github.litefs4j.Position;
import io.github.litefs4j.PositionTimeoutException;
import io.github.litefs4j.PositionWaiter;
import io.github.litefs4j.testing.LiteFsCluster;
import io.github.litefs4j.testing.LiteFsClusterTest;
import io.github.litefs4j.testing.LiteFsNode;
import io.github.litefs4j.testsupport.Sql;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * What docs/positions-and-lag.md says about a database a node does not have: lag, position and HALT
 * name it (DATABASE_NOT_FOUND), while the position waits wait for it to be replicated.
 */
@LiteFsClusterTest
class MissingDatabaseIT {
  private static final Position FIRST_TRANSACTION = new Position(1, 0);

  @Test
  void lagPositionAndHaltOfAMissingDatabaseAreDatabaseNotFound(LiteFsCluster cluster) {
    for (LiteFsNode node : cluster.nodes()) {
      Path typo = node.database("typo.db");
      assertDatabaseNotFound(() -> LiteFS.lag(typo), typo);
      assertDatabaseNotFound(() -> LiteFS.position(typo), typo);
      assertDatabaseNotFound(() -> LiteFS.halt(typo, Duration.ofSeconds(5)), typo);
      // The mount directory itself answers the node's lag.
      assertThat(LiteFS.lag(node.mountDir())).isNotNull();
    }
  }

  @Test
  void awaitingADatabaseTheReplicaDoesNotHaveYetReturnsOnceItIsReplicated(LiteFsCluster cluster)
      throws SQLException {
    Path onReplica = cluster.replica(0).database("late.db");
    assertThat(Files.exists(onReplica)).isFalse();

    // Not there yet: the wait does not fail fast, it waits (and says it saw nothing).
    assertThatThrownBy(
            () -> LiteFS.awaitPosition(onReplica, FIRST_TRANSACTION, Duration.ofMillis(200)))
        .isInstanceOfSatisfying(
            PositionTimeoutException.class, e -> assertThat(e.lastSeen()).isEmpty());

    Sql.exec(cluster.primary().database("late.db"), "CREATE TABLE t (v INTEGER)");
    Position onPrimary = LiteFS.position(cluster.primary().database("late.db"));

    assertThat(LiteFS.awaitPosition(onReplica, onPrimary, Duration.ofSeconds(10)))
        .satisfies(p -> assertThat(p.isAtLeast(onPrimary)).isTrue());
    try (PositionWaiter events =
        PositionWaiter.withEvents(LiteFsClient.create(cluster.replica(0).httpUri()))) {
      assertThat(events.await(onReplica, onPrimary, Duration.ofSeconds(10)).isAtLeast(onPrimary))
          .isTrue();
    }
  }

  @Test
  void aTargetOfTxidZeroIsReachedByAnAbsentDatabase(LiteFsCluster cluster) {
    Path absent = cluster.replica(0).database("never.db");
    assertThat(LiteFS.awaitPosition(absent, Position.ZERO, Duration.ofSeconds(1)))
        .isEqualTo(Position.ZERO);
  }

  private static void assertDatabaseNotFound(Runnable call, Path db) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            LiteFsMountException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(LiteFsMountException.Reason.DATABASE_NOT_FOUND);
              assertThat(e.path()).isEqualTo(db);
            });
  }
}
