package io.github.litefs4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.litefs4j.testing.LiteFsCluster;
import io.github.litefs4j.testing.LiteFsClusterTest;
import io.github.litefs4j.testsupport.Sql;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** {@code .lag} on a real 2-node LiteFS cluster. */
@LiteFsClusterTest(replicas = 1)
class LagIT {
  @Test
  void lagIsZeroOnThePrimary(LiteFsCluster cluster) throws Exception {
    Path mount = cluster.primary().mountDir();

    assertThat(LiteFS.lag(mount)).isEqualTo(Duration.ZERO);
    Sql.exec(cluster.primary().database("lag.db"), "CREATE TABLE t (x)");
    assertThat(LiteFS.lag(cluster.primary().database("lag.db"))).isEqualTo(Duration.ZERO);
  }

  @Test
  void lagIsSmallOnAConnectedReplica(LiteFsCluster cluster) {
    Duration lag = LiteFS.lag(cluster.replica(0).mountDir());

    // The primary's heartbeat refreshes the timestamp about every second.
    assertThat(lag).isBetween(Duration.ofSeconds(-1), Duration.ofSeconds(5));
  }

  @Test
  void lagKeepsGrowingWhileThePrimaryIsDownAndRecoversAfterwards(LiteFsCluster cluster) {
    Path replica = cluster.replica(0).mountDir();
    cluster.primary().kill();

    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> LiteFS.lag(replica).compareTo(Duration.ofSeconds(2)) > 0);
    // Measured: the replica keeps the last timestamp it got, so the lag grows with the clock.
    AtomicReference<Duration> previous = new AtomicReference<>(LiteFS.lag(replica));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> LiteFS.lag(replica).compareTo(previous.get().plusSeconds(1)) > 0);

    cluster.primary().start();
    cluster.replica(0).awaitConnected(Duration.ofSeconds(20));
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> LiteFS.lag(replica).compareTo(Duration.ofSeconds(2)) < 0);
  }
}
