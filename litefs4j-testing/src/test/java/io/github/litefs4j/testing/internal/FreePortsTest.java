package io.github.litefs4j.testing.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.litefs4j.testing.LiteFsClusterException;
import java.util.PrimitiveIterator;
import java.util.function.IntSupplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FreePortsTest {

  @Test
  void aDistinctSupplierAsksAgainWhenItsSourceRepeatsAPort() {
    PrimitiveIterator.OfInt answers = IntStream.of(7001, 7001, 7002, 7001, 7002, 7003).iterator();
    IntSupplier ports = FreePorts.distinct(answers::nextInt);

    assertThat(new int[] {ports.getAsInt(), ports.getAsInt(), ports.getAsInt()})
        .containsExactly(7001, 7002, 7003);
    assertThat(answers.hasNext()).isFalse();
  }

  @Test
  void aDistinctSupplierWhoseSourceOnlyRepeatsFailsTypedInsteadOfLooping() {
    int[] calls = {0};
    IntSupplier ports =
        FreePorts.distinct(
            () -> {
              calls[0]++;
              return 7001;
            });
    assertThat(ports.getAsInt()).isEqualTo(7001);

    assertThatThrownBy(ports::getAsInt)
        .isInstanceOf(LiteFsClusterException.class)
        .hasMessageContaining("already uses")
        .hasMessageContaining("7001");
    assertThat(calls[0]).isEqualTo(1 + FreePorts.DISTINCT_ATTEMPTS);
  }

  @Test
  void nextAnswersAPortInTheUnprivilegedRange() {
    assertThat(FreePorts.next()).isBetween(1024, 65535);
  }
}
