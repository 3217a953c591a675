package io.github.litefs4j.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.litefs4j.Event;
import io.github.litefs4j.UnknownEvent;
import io.github.litefs4j.internal.EventDecoder;
import io.github.litefs4j.reliability.EventLines.Kind;
import io.github.litefs4j.reliability.EventLines.Line;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Fuzzes the event-line decoder (the code every line of {@code GET /events} goes through) with
 * 100,000 generated lines: well-formed events in random field order (which must decode to exactly
 * the event they encode), and truncated, mutated, invalid UTF-8, huge-number, wrongly typed, deeply
 * nested, up to 1 MiB long and random lines. The decoder may only return an event or throw its
 * typed {@code NotAnEventException} (which the subscription turns into an {@code
 * LiteFsProtocolException}); it must not hang, and what it allocates must stay proportional to the
 * line.
 */
class EventDecoderFuzzTest {
  static final int TRIES = 100_000;

  /** No input may make the decoder allocate more than this per input byte, plus a constant. */
  static final int ALLOCATION_PER_BYTE = 32;

  static final long ALLOCATION_CONSTANT = 1 << 20;

  // jqwik creates an instance per try: the figures of the whole property are static.
  private static final InputMeter meter = new InputMeter("EventDecoderFuzzTest.decoder");
  private static long validChecked;
  private static final int WARM_UP_REFUSALS;

  static {
    // Class loading and Jackson's first buffers are allocated once, not per line: warm up first.
    Random r = new Random(1);
    int refused = 0;
    for (int i = 0; i < 2_000; i++) {
      for (Kind kind : new Kind[] {Kind.VALID, Kind.MUTATED, Kind.HUGE_NUMBERS, Kind.WRONG_TYPES}) {
        byte[] b = EventLines.generate(kind, r).bytes();
        try {
          EventDecoder.decode(b, 0, b.length);
        } catch (EventDecoder.NotAnEventException expected) {
          refused++; // refusals are part of the warm-up
        }
      }
    }
    WARM_UP_REFUSALS = refused;
  }

  @Provide
  Arbitrary<Tuple.Tuple2<Kind, Long>> lines() {
    Arbitrary<Kind> kinds =
        Arbitraries.frequency(
            Tuple.of(30, Kind.VALID),
            Tuple.of(10, Kind.TRUNCATED),
            Tuple.of(15, Kind.MUTATED),
            Tuple.of(10, Kind.INVALID_UTF8),
            Tuple.of(8, Kind.HUGE_NUMBERS),
            Tuple.of(8, Kind.WRONG_TYPES),
            Tuple.of(4, Kind.DEEP_NESTING),
            Tuple.of(1, Kind.LONG_LINE),
            Tuple.of(7, Kind.RANDOM_BYTES),
            Tuple.of(7, Kind.RANDOM_JSON_TOKENS));
    return Combinators.combine(kinds, Arbitraries.longs()).as(Tuple::of);
  }

  @Property(tries = TRIES, shrinking = net.jqwik.api.ShrinkingMode.OFF)
  void everyLineDecodesToAnEventOrATypedRefusal(@ForAll("lines") Tuple.Tuple2<Kind, Long> recipe) {
    Line line = EventLines.generate(recipe.get1(), new Random(recipe.get2()));
    byte[] bytes = line.bytes();
    InputMeter.Outcome outcome =
        meter.run(bytes.length, () -> EventDecoder.decode(bytes, 0, bytes.length));

    if (outcome.thrown() != null) {
      assertThat(outcome.thrown())
          .as("only the decoder's typed refusal, for %s", recipe)
          .isInstanceOf(EventDecoder.NotAnEventException.class);
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

  @AfterContainer
  static void report() {
    meter
        .figures()
        .put("wellFormedDecodedExactly", validChecked)
        .put("warmUpLinesRefused", WARM_UP_REFUSALS)
        .report();
    assertThat(meter.inputs()).isGreaterThanOrEqualTo(TRIES);
    // A hang would never get here (the fork timeout ends the run); this bounds a slow input.
    assertThat(meter.maxNanos()).isLessThan(5_000_000_000L);
  }
}
