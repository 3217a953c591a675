package io.github.litefs4j.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.litefs4j.Event;
import io.github.litefs4j.UnknownEvent;
import io.github.litefs4j.reliability.FuzzEventLines.Kind;
import io.github.litefs4j.reliability.FuzzEventLines.Line;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzzes the event-line decoder (the code every line of {@code GET /events} goes through) with
 * 10,000 generated lines (1,000,000 with {@code -Dlitefs4j.long=true}; see {@link Seeds}):
 * well-formed events in random field order (which must decode to exactly the event they encode),
 * and truncated, mutated, invalid UTF-8, huge-number, wrongly typed, deeply nested, up to 1 MiB
 * long and random lines. The decoder may only return an event or throw its typed {@code
 * NotAnEventException} (which the subscription turns into a {@code LiteFsProtocolException} with
 * reason {@code EVENT_STREAM}); it must not hang, and what it allocates must stay proportional to
 * the line. Coverage-guided fuzzing of the same decoder: {@link EventDecoderJazzerTest}.
 */
class EventDecoderFuzzTest {
  static final int TRIES = 10_000;

  /** How often each kind of line is drawn (weights out of 100). */
  private static final Kind[] WEIGHTED = weighted();

  /** No input may make the decoder allocate more than this per input byte, plus a constant. */
  static final int ALLOCATION_PER_BYTE = 32;

  static final long ALLOCATION_CONSTANT = 1 << 20;

  // JUnit creates an instance per case: the figures of the whole test are static.
  private static final InputMeter meter = new InputMeter("EventDecoderFuzzTest.decoder");
  private static long validChecked;
  private static final int WARM_UP_REFUSALS;

  static {
    // Class loading and Jackson's first buffers are allocated once, not per line: warm up first.
    Random r = new Random(1);
    int refused = 0;
    for (int i = 0; i < 2_000; i++) {
      for (Kind kind : new Kind[] {Kind.VALID, Kind.MUTATED, Kind.HUGE_NUMBERS, Kind.WRONG_TYPES}) {
        byte[] b = FuzzEventLines.generate(kind, r).bytes();
        try {
          CoreUnderTest.decodeEvent(b);
        } catch (Exception e) {
          if (!CoreUnderTest.isNotAnEvent(e)) {
            throw new AssertionError("warm-up line refused with an untyped exception", e);
          }
          refused++; // refusals are part of the warm-up
        }
      }
    }
    WARM_UP_REFUSALS = refused;
  }

  private static Kind[] weighted() {
    int[] weights = {30, 10, 15, 10, 8, 8, 4, 1, 7, 7}; // in the order of Kind
    Kind[] kinds = new Kind[100];
    int at = 0;
    for (Kind kind : Kind.values()) {
      for (int i = 0; i < weights[kind.ordinal()]; i++) {
        kinds[at++] = kind;
      }
    }
    return kinds;
  }

  static Stream<Seeds.Case> cases() {
    return Seeds.cases(TRIES);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void everyLineDecodesToAnEventOrATypedRefusal(Seeds.Case inputs) {
    inputs.forEachInput((seed, r) -> decodesToAnEventOrATypedRefusal(r));
  }

  private static void decodesToAnEventOrATypedRefusal(Random r) {
    Kind recipe = WEIGHTED[r.nextInt(WEIGHTED.length)];
    Line line = FuzzEventLines.generate(recipe, r);
    byte[] bytes = line.bytes();
    InputMeter.Outcome outcome = meter.run(bytes.length, () -> CoreUnderTest.decodeEvent(bytes));

    if (outcome.thrown() != null) {
      assertThat(outcome.thrown())
          .as("only the decoder's typed refusal, for %s", recipe)
          .matches(CoreUnderTest::isNotAnEvent, "is the decoder's NotAnEventException");
      assertThat(outcome.thrown().getMessage()).isNotBlank();
    } else {
      assertThat(outcome.value()).isInstanceOf(Event.class);
      if (outcome.value() instanceof UnknownEvent unknown) {
        assertThat(unknown.json()).isEqualTo(new String(bytes, StandardCharsets.UTF_8));
      }
    }
    if (line.expected() != null) {
      assertThat(outcome.value()).as("%s: %s", recipe, line.text()).isEqualTo(line.expected());
      validChecked++;
    }
    assertThat(outcome.allocatedBytes())
        .as("bytes allocated for a line of %d bytes (%s)", bytes.length, recipe)
        .isLessThanOrEqualTo(ALLOCATION_CONSTANT + (long) ALLOCATION_PER_BYTE * bytes.length);
  }

  @AfterAll
  static void report() {
    meter
        .figures()
        .put("runSeed", Seeds.hex(Seeds.runSeed()))
        .put("wellFormedDecodedExactly", validChecked)
        .put("warmUpLinesRefused", WARM_UP_REFUSALS)
        .report();
    assertThat(meter.inputs()).isGreaterThanOrEqualTo(Seeds.inputs(TRIES));
    // A hang would never get here (the fork timeout ends the run); this bounds a slow input.
    assertThat(meter.maxNanos()).isLessThan(5_000_000_000L);
  }
}
