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
      jna =
          Stats.concat(
              jna,
              Jmh.run(
                      c.config,
                      HaltLockBenchmark.class,
                      c.jmhLog("lock-" + i),
                      TimeUnit.NANOSECONDS,
                      "file",
                      file.toString())
                  .get("lockUnlock"));
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
    Files.deleteIfExists(file);
  }
}
