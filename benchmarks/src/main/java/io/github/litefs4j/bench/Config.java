package io.github.litefs4j.bench;

/**
 * The sizes of one run. {@link #full()} is what BENCHMARKS.md is made from (about 5 minutes of
 * measuring on a 2-core machine); {@link #quick()} checks that everything works in about a minute.
 *
 * @param name "full" or "quick"
 * @param p1Events tx events per pass of P1
 * @param p1Rounds alternating timed rounds per side in P1
 * @param p2PerRound HALT round trips per round in P2 (after {@code p2Warmup})
 * @param p2Warmup untimed HALT round trips at the start of each round
 * @param p2Rounds alternating rounds per side in P2
 * @param p3Rounds primary kills per side in P3 (litefs4j and the Go baseline)
 * @param p3FloorRounds of those, the rounds that also measure P3's JDK HttpClient floor and the tap
 *     (the socket floor runs in every round)
 * @param p8Handoffs lease handoffs in P8
 * @param p8Kills primary kills (lease expiry) in P8, after the handoffs
 * @param p9Rounds rounds of P9 (each variant once per round, the order rotating)
 * @param p9PerRound commits per variant and round in P9
 * @param p4Samples commits per waiting strategy in P4
 * @param p5Seconds the measuring window of P5
 * @param jmhWarmups JMH warm-up iterations (1 s each)
 * @param jmhIterations JMH measured iterations (1 s each)
 * @param repeats how many times the in-process comparisons (lock, P1 in memory, P6) alternate
 * @param readOps reads per Go round in P6
 * @param lockPairs lock+unlock pairs per round of the C and Go lock loops
 */
record Config(
    String name,
    int p1Events,
    int p1Rounds,
    int p2PerRound,
    int p2Warmup,
    int p2Rounds,
    int p3Rounds,
    int p3FloorRounds,
    int p8Handoffs,
    int p8Kills,
    int p9Rounds,
    int p9PerRound,
    int p4Samples,
    int p5Seconds,
    int jmhWarmups,
    int jmhIterations,
    int repeats,
    int readOps,
    int lockPairs) {

  static Config full() {
    return new Config(
        "full", 200_000, 9, 50, 5, 15, 120, 40, 12, 2, 20, 50, 200, 30, 3, 5, 2, 2_000, 500_000);
  }

  static Config quick() {
    return new Config("quick", 20_000, 2, 20, 3, 1, 2, 1, 2, 1, 2, 10, 15, 5, 1, 2, 1, 500, 50_000);
  }
}
