package io.github.litefs4j.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.litefs4j.HaltLock;
import io.github.litefs4j.LiteFS;
import io.github.litefs4j.LiteFsClient;
import io.github.litefs4j.Position;
import io.github.litefs4j.testing.LiteFsCluster;
import io.github.litefs4j.testing.LiteFsClusterTest;
import io.github.litefs4j.testing.LiteFsNode;
import io.github.litefs4j.testsupport.Sql;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/** {@link LiteFsDatabase} on a real 3-node LiteFS cluster (1 primary, 2 replicas). */
@LiteFsClusterTest(replicas = 2)
class LiteFsDatabaseIT {
  private static final Duration WAIT = Duration.ofSeconds(20);

  private static LiteFsDatabase handle(LiteFsNode node, String db, WritePolicy policy) {
    return LiteFsDatabase.builder(node.database(db), policy).build();
  }

  private static WriteResult<Integer> createAndInsert(LiteFsDatabase db, String value)
      throws SQLException {
    return db.write(
        c -> {
          Sql.exec(c, "CREATE TABLE IF NOT EXISTS notes (body TEXT)");
          Sql.exec(c, "INSERT INTO notes VALUES ('" + value + "')");
          return Sql.count(c, "notes");
        });
  }

  @Test
  void readsWorkOnEveryNodeAndSeeThePrimarysWriteAtItsPosition(LiteFsCluster cluster)
      throws Exception {
    LiteFsDatabase primary = handle(cluster.primary(), "reads.db", WritePolicy.refuse());
    WriteResult<Integer> written = createAndInsert(primary, "hello");

    assertThat(written.route()).isEqualTo(WriteRoute.PRIMARY);
    assertThat(written.value()).isEqualTo(1);
    assertThat(written.position())
        .contains(LiteFS.position(cluster.primary().database("reads.db")));
    for (LiteFsNode node : cluster.nodes()) {
      LiteFsDatabase db = handle(node, "reads.db", WritePolicy.refuse());
      String body =
          db.readAfter(
              written.position().orElseThrow(),
              WAIT,
              c -> Sql.column(c, "SELECT body FROM notes").get(0));
      assertThat(body).as(node.name()).isEqualTo("hello");
      assertThat(db.position())
          .as(node.name())
          .hasValueSatisfying(p -> p.isAtLeast(written.position().get()));
    }
  }

  @Test
  void refusingPolicyOnAReplicaThrowsTheTypedExceptionNamingThePrimary(LiteFsCluster cluster)
      throws Exception {
    createAndInsert(handle(cluster.primary(), "refuse.db", WritePolicy.refuse()), "on primary");
    LiteFsNode replica = cluster.replica(0);
    LiteFsDatabase db = handle(replica, "refuse.db", WritePolicy.refuse());
    Position before = LiteFS.position(cluster.primary().database("refuse.db"));

    assertThatThrownBy(() -> createAndInsert(db, "on replica"))
        .isInstanceOfSatisfying(
            ReadOnlyReplicaException.class,
            e -> {
              assertThat(e.primaryHostname()).isEqualTo(replica.primaryHostname());
              assertThat(e.database()).isEqualTo(replica.database("refuse.db"));
            })
        .hasMessageContaining("the primary is node-0");
    assertThat(LiteFS.position(cluster.primary().database("refuse.db"))).isEqualTo(before);
    assertThat(Sql.column(cluster.primary().database("refuse.db"), "SELECT body FROM notes"))
        .containsExactly("on primary");
  }

  @Test
  void writeOnAReplicaWithTheForwardingPolicyLandsOnThePrimary(LiteFsCluster cluster)
      throws Exception {
    createAndInsert(handle(cluster.primary(), "forward.db", WritePolicy.refuse()), "on primary");
    LiteFsNode replica = cluster.replica(0);
    LiteFsDatabase db =
        handle(replica, "forward.db", WritePolicy.forwardThroughHalt(Duration.ofSeconds(10)));
    LiteFS.awaitPosition(
        replica.database("forward.db"),
        LiteFS.position(cluster.primary().database("forward.db")),
        WAIT);

    WriteResult<Integer> written = createAndInsert(db, "from replica");

    assertThat(written.route()).isEqualTo(WriteRoute.HALT);
    assertThat(written.value()).isEqualTo(2);
    assertThat(written.position())
        .contains(LiteFS.position(cluster.primary().database("forward.db")));
    assertThat(Sql.column(cluster.primary().database("forward.db"), "SELECT body FROM notes"))
        .containsExactly("on primary", "from replica");
    LiteFsNode other = cluster.replica(1);
    LiteFS.awaitPosition(other.database("forward.db"), written.position().get(), WAIT);
    assertThat(Sql.column(other.database("forward.db"), "SELECT body FROM notes"))
        .containsExactly("on primary", "from replica");
    // On the primary the same policy writes directly.
    WriteResult<Integer> direct =
        createAndInsert(
            handle(
                cluster.primary(),
                "forward.db",
                WritePolicy.forwardThroughHalt(Duration.ofSeconds(10))),
            "direct");
    assertThat(direct.route()).isEqualTo(WriteRoute.PRIMARY);
  }

  @Test
  void primaryWriteIsBusyWhileAReplicaHoldsTheHalt(LiteFsCluster cluster) throws Exception {
    WriteResult<Integer> first =
        createAndInsert(handle(cluster.primary(), "held.db", WritePolicy.refuse()), "x");
    Path onReplica = cluster.replica(0).database("held.db");
    LiteFS.awaitPosition(onReplica, first.position().orElseThrow(), WAIT);
    LiteFsDatabase primary =
        LiteFsDatabase.builder(cluster.primary().database("held.db"), WritePolicy.refuse())
            .busyTimeout(Duration.ofSeconds(1))
            .busyRetry(BusyRetry.none())
            .build();

    try (HaltLock halt = LiteFS.halt(onReplica, Duration.ofSeconds(10))) {
      assertThatThrownBy(() -> createAndInsert(primary, "blocked"))
          .isInstanceOf(DatabaseBusyException.class);
    }
    assertThat(createAndInsert(primary, "after release").value()).isEqualTo(2);
  }

  @Test
  void writeOnAReplicaWithoutPrimaryMapsReadOnlyToTheTypedException(LiteFsCluster cluster)
      throws Exception {
    WriteResult<Integer> first =
        createAndInsert(handle(cluster.primary(), "orphan.db", WritePolicy.refuse()), "x");
    LiteFsNode replica = cluster.replica(1);
    LiteFS.awaitPosition(replica.database("orphan.db"), first.position().orElseThrow(), WAIT);
    LiteFsDatabase db = handle(replica, "orphan.db", WritePolicy.refuse());
    cluster.primary().stop();
    // Not Files.notExists: the kernel's FUSE dentry cache keeps showing the file for a while.
    await().atMost(WAIT).until(() -> db.primaryHostname().isEmpty());

    assertThatThrownBy(() -> createAndInsert(db, "y"))
        .isInstanceOfSatisfying(
            ReadOnlyReplicaException.class,
            e -> {
              assertThat(e.primaryHostname()).isEmpty();
              assertThat(e.getCause())
                  .isInstanceOf(SQLException.class)
                  .hasMessageContaining("SQLITE_READONLY");
            })
        .hasMessageEndingWith("this replica is not connected to a primary");
  }

  @Test
  void walWriteOnAReplicaWithoutPrimaryIsTypedWhenInfoConfirmsTheReplica(LiteFsCluster cluster)
      throws Exception {
    LiteFsDatabase primary =
        LiteFsDatabase.builder(cluster.primary().database("wal.db"), WritePolicy.refuse())
            .journalMode(JournalMode.WAL)
            .build();
    WriteResult<Integer> first = createAndInsert(primary, "x");
    LiteFsNode replica = cluster.replica(0);
    LiteFS.awaitPosition(replica.database("wal.db"), first.position().orElseThrow(), WAIT);
    LiteFsDatabase withoutClient = handle(replica, "wal.db", WritePolicy.refuse());
    cluster.primary().stop();
    await().atMost(WAIT).until(() -> withoutClient.primaryHostname().isEmpty());

    // Without a client an I/O error is not assumed to be a replica's refusal.
    assertThatThrownBy(() -> createAndInsert(withoutClient, "y"))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("SQLITE_IOERR_WRITE");

    LiteFsDatabase withClient =
        LiteFsDatabase.builder(replica.database("wal.db"), WritePolicy.refuse())
            .client(LiteFsClient.create(replica.httpUri()))
            .build();
    assertThatThrownBy(() -> createAndInsert(withClient, "y"))
        .isInstanceOfSatisfying(
            ReadOnlyReplicaException.class,
            e -> {
              assertThat(e.primaryHostname()).isEmpty();
              assertThat(e.getCause()).hasMessageContaining("SQLITE_IOERR_WRITE");
            });
  }

  @Test
  void walChosenOnThePrimaryIsReplicatedAndReplicasFollowIt(LiteFsCluster cluster)
      throws Exception {
    LiteFsDatabase primary =
        LiteFsDatabase.builder(cluster.primary().database("mode.db"), WritePolicy.refuse())
            .journalMode(JournalMode.WAL)
            .build();
    WriteResult<Integer> written = createAndInsert(primary, "x");

    for (LiteFsNode replica : cluster.replicas()) {
      // A replica that asks for a rollback mode cannot switch the database: it keeps WAL.
      LiteFsDatabase db =
          LiteFsDatabase.builder(replica.database("mode.db"), WritePolicy.refuse())
              .journalMode(JournalMode.DELETE)
              .build();
      String mode =
          db.readAfter(
              written.position().orElseThrow(),
              WAIT,
              c -> Sql.column(c, "PRAGMA journal_mode").get(0));
      assertThat(mode).as(replica.name()).isEqualTo("wal");
    }
  }

  @Test
  void memoryJournalWritesAreNotReplicatedWhichIsWhyTheyAreRefused(LiteFsCluster cluster)
      throws Exception {
    Path onPrimary = cluster.primary().database("memory.db");
    Path onReplica = cluster.replica(0).database("memory.db");
    WriteResult<Integer> created =
        handle(cluster.primary(), "memory.db", WritePolicy.refuse())
            .write(
                c -> {
                  Sql.exec(c, "CREATE TABLE t (x)");
                  return 0;
                });
    LiteFS.awaitPosition(onReplica, created.position().orElseThrow(), WAIT);

    SQLiteConfig memoryConfig = new SQLiteConfig();
    memoryConfig.setJournalMode(SQLiteConfig.JournalMode.MEMORY);
    SQLiteDataSource memory = new SQLiteDataSource(memoryConfig);
    memory.setUrl("jdbc:sqlite:" + onPrimary);
    // What LiteFS does with it: the primary has the row, the position does not move.
    try (var c = memory.getConnection()) {
      Sql.exec(c, "INSERT INTO t VALUES (1)");
    }
    assertThat(Sql.column(onPrimary, "SELECT count(*) FROM t")).containsExactly("1");
    assertThat(LiteFS.position(onPrimary)).isEqualTo(created.position().get());
    assertThat(Sql.column(onReplica, "SELECT count(*) FROM t")).containsExactly("0");

    LiteFsDatabase db =
        LiteFsDatabase.builder(onPrimary, WritePolicy.refuse()).dataSource(memory).build();
    assertThatThrownBy(() -> db.write(c -> Sql.count(c, "t")))
        .isInstanceOf(UnsupportedJournalModeException.class)
        .hasMessageContaining("journal mode memory of " + onPrimary);
  }
}
