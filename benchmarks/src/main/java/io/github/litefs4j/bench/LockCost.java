package io.github.litefs4j.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The pure cost of taking and releasing the HALT lock byte with OFD locks on a local file: litefs4j
 * through JNA (JMH), a C program (the floor), and litefs-go's Halt/Unhalt. No LiteFS involved.
 */
final class LockCost {
  private LockCost() {}

  static void run(Context c) throws Exception {
    Path file = Files.createTempFile(c.work, "halt-lock-", ".db-lock");
    double[] jna = {};
    double[] cBase = {};
    double[] go = {};
    double[] machinery = {};
    double[] sameCalls = {};
    for (int i = 0; i < c.config.repeats(); i++) {
      c.log("lock cost: C, Go and JNA round %d of %d", i + 1, c.config.repeats());
      cBase =
          Stats.concat(
              cBase,
              Json.numbers(
                  Json.parseObject(
                      Subprocess.lastLine(
                          Duration.ofMinutes(2),
                          c.ofdlock.toString(),
                          file.toString(),
                          String.valueOf(c.config.lockPairs()),
                          "5")),
                  "nsPerPair"));
      go =
          Stats.concat(
              go,
              Json.numbers(
                  c.go.run(
                      Duration.ofMinutes(2),
                      "lock",
                      "-file",
                      file.toString(),
                      "-n",
                      String.valueOf(c.config.lockPairs()),
                      "-rounds",
                      "5"),
                  "nsPerPair"));
      var jmh =
          Jmh.run(
              c.config,
              HaltLockBenchmark.class,
              c.jmhLog("lock-" + i),
              TimeUnit.NANOSECONDS,
              "file",
              file.toString());
      jna = Stats.concat(jna, jmh.get("lockUnlock"));
      machinery = Stats.concat(machinery, jmh.get("withHalt"));
      sameCalls = Stats.concat(sameCalls, jmh.get("sameCallsOnTheCallingThread"));
    }
    double j = Stats.median(jna);
    double g = Stats.median(go);
    double cc = Stats.median(cBase);
    c.report.row(
        new Report.Row(
            "HALT lock+unlock, local file",
            "ns per pair, median",
            Report.ns(j) + " (JNA)",
            Report.ns(g),
            Report.ratio(jna, go, 50),
            "next to C: " + Report.ns(cc) + " (JNA ÷ C " + Report.ratio(j / cc) + ")",
            Report.Verdict.NONE));
    c.report.detail(
        "HALT lock+unlock on a local file",
        "F_OFD_SETLKW write lock then unlock of byte 72 (the HALT byte), length 1, on a regular"
            + " file in "
            + file.getParent()
            + " (no FUSE, no LiteFS): the cost a HALT pays in the client before LiteFS is"
            + " involved. litefs4j: its internal JNA direct mapping (`JnaOfdLocks.setLock`), in"
            + " JMH (1 fork, "
            + c.config.jmhIterations()
            + " x 1 s iterations per repeat). C: `benchmarks/c/ofdlock.c`, built with `gcc -O2`,"
            + " rounds of "
            + c.config.lockPairs()
            + " pairs. Go: litefs-go's `Halt`/`Unhalt` (syscall.FcntlFlock), rounds of "
            + c.config.lockPairs()
            + " pairs. The three alternated "
            + c.config.repeats()
            + " times.");
    c.report.detail(
        "HALT lock+unlock on a local file",
        "- litefs4j JNA, ns per pair per iteration: " + Report.list(jna, 1, "%.0f"));
    c.report.detail(
        "HALT lock+unlock on a local file",
        "- C, ns per pair per round: " + Report.list(cBase, 1, "%.0f"));
    c.report.detail(
        "HALT lock+unlock on a local file",
        "- litefs-go, ns per pair per round: " + Report.list(go, 1, "%.0f"));
    double m = Stats.median(machinery);
    double sc = Stats.median(sameCalls);
    c.report.row(
        new Report.Row(
            "HALT machinery, local file (P2 profile)",
            "ns per `withHalt` round trip vs the same calls on the calling thread, median",
            Report.ns(m),
            "—",
            "",
            "calling thread: " + Report.ns(sc) + "; the machinery adds " + Report.ns(m - sc),
            Report.Verdict.NONE));
    c.report.detail(
        "HALT lock+unlock on a local file",
        "The HALT machinery (context for P2): litefs4j's internal `HaltCoordinator.withHalt(db,"
            + " null, fn)` with an empty function on the same local file (open, `F_OFD_SETLKW`,"
            + " `F_OFD_GETLK`, unlock, close, through the same code path as `LiteFS.withHalt`),"
            + " next to the same five system calls made on the calling thread, both in JMH. On a"
            + " local file each call takes a microsecond, so the difference is what the machinery"
            + " itself costs per HALT (thread hand-offs, the in-JVM permit, the TTL timer,"
            + " allocations), independent of LiteFS.");
    c.report.detail(
        "HALT lock+unlock on a local file",
        "- `withHalt`, ns per round trip per iteration: " + Report.list(machinery, 1, "%.0f"));
    c.report.detail(
        "HALT lock+unlock on a local file",
        "- the same calls on the calling thread, ns per iteration: "
            + Report.list(sameCalls, 1, "%.0f"));
    Files.deleteIfExists(file);
  }
}
