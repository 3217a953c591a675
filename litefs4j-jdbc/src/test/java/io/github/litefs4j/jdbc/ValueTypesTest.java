package io.github.litefs4j.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ValueTypesTest {

  @Test
  void busyRetryRejectsBadValuesNamingThem() {
    assertThatThrownBy(() -> new BusyRetry(0, Duration.ZERO, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxAttempts must be at least 1: 0");
    assertThatThrownBy(() -> new BusyRetry(2, Duration.ofSeconds(-1), Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("initialDelay must not be negative: PT-1S");
    assertThatThrownBy(() -> new BusyRetry(2, Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxDelay must be at least initialDelay (PT2S): PT1S");
  }

  @Test
  void busyRetryDelaysDoubleUpToTheMaximum() {
    BusyRetry retry = new BusyRetry(10, Duration.ofMillis(20), Duration.ofMillis(100));
    assertThat(retry.delayAfter(1)).isEqualTo(Duration.ofMillis(20));
    assertThat(retry.delayAfter(2)).isEqualTo(Duration.ofMillis(40));
    assertThat(retry.delayAfter(3)).isEqualTo(Duration.ofMillis(80));
    assertThat(retry.delayAfter(4)).isEqualTo(Duration.ofMillis(100));
    assertThat(retry.delayAfter(60)).isEqualTo(Duration.ofMillis(100));
    assertThat(BusyRetry.none().maxAttempts()).isEqualTo(1);
    assertThat(BusyRetry.defaults().maxAttempts()).isEqualTo(5);
  }

  @Test
  void forwardThroughHaltNeedsAPositiveTimeout() {
    assertThatThrownBy(() -> WritePolicy.forwardThroughHalt(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("haltTimeout must be positive: PT0S");
    assertThat(WritePolicy.forwardThroughHalt(Duration.ofSeconds(3)))
        .isEqualTo(new WritePolicy.ForwardThroughHalt(Duration.ofSeconds(3)));
    assertThat(WritePolicy.refuse()).isSameAs(WritePolicy.refuse());
  }

  @Test
  void journalModeKnowsOnlyTheModesLiteFsReplicates() {
    assertThat(JournalMode.fromPragma("wal")).contains(JournalMode.WAL);
    assertThat(JournalMode.fromPragma("DELETE")).contains(JournalMode.DELETE);
    assertThat(JournalMode.fromPragma("truncate")).contains(JournalMode.TRUNCATE);
    assertThat(JournalMode.fromPragma("persist")).contains(JournalMode.PERSIST);
    assertThat(JournalMode.fromPragma("memory")).isEmpty();
    assertThat(JournalMode.fromPragma("off")).isEmpty();
    assertThat(JournalMode.fromPragma(null)).isEmpty();
    assertThat(JournalMode.WAL.pragmaValue()).isEqualTo("wal");
  }
}
