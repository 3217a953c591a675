package io.github.litefs4j.reliability;

import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Seeds for the generated-input tests, as JUnit 5 parameterized cases: each {@link Case} holds the
 * seeds of 1,000 inputs, every input is built from a {@link Random} with its own seed, and a
 * failure names that seed and the command that runs exactly that input again.
 *
 * <ul>
 *   <li>Default (CI-sized): {@code defaultInputs} inputs, from a run seed drawn at random (printed
 *       in each case's name and in the test's figures), so every run tries other inputs.
 *   <li>{@code -Dlitefs4j.long=true}: {@link #LONG_FACTOR} (100) times as many inputs.
 *   <li>{@code -Dlitefs4j.seed=<seed>} (decimal or {@code 0x} hex, as printed): one case with one
 *       input, the one of that seed. The same seed gives the same input on every machine.
 *   <li>{@code -Dlitefs4j.runSeed=<seed>}: the whole run of that seed again (every case).
 * </ul>
 *
 * <p>A test draws everything about an input (its kind, then its content) from that input's {@link
 * Random}, so one number reproduces it. There is no shrinking: a failing input is rerun as it was,
 * by its seed. Cases hold no state; run them one after the other (the tests keep static figures).
 */
final class Seeds {
  static final String SEED = "litefs4j.seed";
  static final String RUN_SEED = "litefs4j.runSeed";
  static final int INPUTS_PER_CASE = 1_000;
  static final int LONG_FACTOR = 100;

  private Seeds() {}

  /** One parameterized case: a slice of the run's input seeds. */
  record Case(int index, long[] seeds) {
    /** Runs {@code check} on every input seed; a failure carries the seed and how to rerun it. */
    void forEachInput(Check check) {
      for (long seed : seeds) {
        try {
          check.run(seed, new Random(seed));
        } catch (Throwable t) {
          throw new AssertionError(
              "input seed "
                  + hex(seed)
                  + " failed (run only this input: -D"
                  + SEED
                  + "="
                  + hex(seed)
                  + "): "
                  + t,
              t);
        }
      }
    }

    @Override
    public String toString() {
      return seeds.length == 1
          ? "seed " + hex(seeds[0])
          : "case " + index + ": " + seeds.length + " inputs from seed " + hex(seeds[0]);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Case c && c.index == index && Arrays.equals(c.seeds, seeds);
    }

    @Override
    public int hashCode() {
      return 31 * index + Arrays.hashCode(seeds);
    }
  }

  /** What a test checks on one input: its seed, and a {@link Random} seeded with it. */
  @FunctionalInterface
  interface Check {
    void run(long seed, Random random) throws Exception;
  }

  /**
   * The cases of a test: {@code defaultInputs} inputs ({@code x100} with {@code -Dlitefs4j.long}),
   * or the one input of {@code -Dlitefs4j.seed}.
   */
  static Stream<Case> cases(int defaultInputs) {
    String only = System.getProperty(SEED);
    if (only != null && !only.isBlank()) {
      return Stream.of(new Case(0, new long[] {parse(only)}));
    }
    int inputs = inputs(defaultInputs);
    long runSeed = runSeed();
    int cases = (inputs + INPUTS_PER_CASE - 1) / INPUTS_PER_CASE;
    return IntStream.range(0, cases)
        .mapToObj(
            c -> {
              int n = Math.min(INPUTS_PER_CASE, inputs - c * INPUTS_PER_CASE);
              long[] seeds = new long[n];
              for (int i = 0; i < n; i++) {
                seeds[i] = mix(runSeed + (long) c * INPUTS_PER_CASE + i);
              }
              return new Case(c, seeds);
            });
  }

  /** How many inputs a test of {@code defaultInputs} gets in this run (1 with a pinned seed). */
  static int inputs(int defaultInputs) {
    String only = System.getProperty(SEED);
    if (only != null && !only.isBlank()) {
      return 1;
    }
    return scaled(defaultInputs);
  }

  /**
   * A count that the long run raises: {@code defaultCount}, or {@link #LONG_FACTOR} times it with
   * {@code -Dlitefs4j.long=true} (for counts that are not input seeds, such as streams).
   */
  static int scaled(int defaultCount) {
    return Figures.longRun() ? Math.multiplyExact(defaultCount, LONG_FACTOR) : defaultCount;
  }

  /** The seed the input seeds of this JVM derive from; reported in the figures. */
  static long runSeed() {
    return RunSeed.VALUE;
  }

  static String hex(long seed) {
    return "0x" + Long.toHexString(seed);
  }

  static long parse(String seed) {
    String s = seed.strip();
    try {
      return s.startsWith("0x") || s.startsWith("0X")
          ? Long.parseUnsignedLong(s.substring(2), 16)
          : Long.parseLong(s);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "-D" + SEED + " or -D" + RUN_SEED + " must be a number, as printed: " + seed, e);
    }
  }

  /** SplitMix64's finalizer: distinct, well-spread input seeds from consecutive numbers. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  private static final class RunSeed {
    static final long VALUE = initial();

    private static long initial() {
      String pinned = System.getProperty(RUN_SEED);
      return pinned == null || pinned.isBlank()
          ? ThreadLocalRandom.current().nextLong()
          : parse(pinned);
    }
  }
}
