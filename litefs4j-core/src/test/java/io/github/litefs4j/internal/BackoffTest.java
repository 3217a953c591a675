package io.github.litefs4j.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

  @Test
  void doublesTheCeilingUpToTheMaximumAndDrawsFromItsUpperHalf() {
    Backoff low = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), () -> 0.0);
    Backoff high = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), () -> 0.999999);
    long[] ceilings = {100, 200, 400, 800, 1000, 1000, 1000};
    for (long ceiling : ceilings) {
      assertThat(low.nextDelay()).isEqualTo(Duration.ofMillis(ceiling / 2));
      assertThat(high.nextDelay())
          .isLessThanOrEqualTo(Duration.ofMillis(ceiling))
          .isGreaterThan(Duration.ofMillis(ceiling).minusMillis(1));
    }
  }

  @Test
  void resetStartsAgainFromTheInitialDelay() {
    Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(30), () -> 0.0);
    for (int i = 0; i < 5; i++) {
      backoff.nextDelay();
    }
    assertThat(backoff.nextDelay()).isEqualTo(Duration.ofMillis(1600));
    backoff.reset();
    assertThat(backoff.nextDelay()).isEqualTo(Duration.ofMillis(50));
  }

  @Test
  void neverOverflowsAfterManyFailures() {
    Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(30), () -> 0.5);
    Duration last = Duration.ZERO;
    for (int i = 0; i < 200; i++) {
      last = backoff.nextDelay();
      assertThat(last).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(30));
    }
    assertThat(last).isEqualTo(Duration.ofMillis(22_500));
    assertThat(backoff.ceiling(63)).isEqualTo(Duration.ofSeconds(30).toNanos());
    assertThat(backoff.ceiling(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(30).toNanos());
  }

  @Test
  void defaultRandomStaysWithinTheBounds() {
    Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofMillis(100));
    for (int i = 0; i < 1000; i++) {
      assertThat(backoff.nextDelay()).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
    }
  }
}
