package io.github.litefs4j.bench;

/**
 * The metrics whose code under test is not in this checkout yet: each adds a results row that says
 * so, so that BENCHMARKS.md lists every goal. Replaced by the real metric when its branch lands.
 */
final class Pending {
  private Pending() {}

  /** P9, the cost of replicated acknowledgement: needs litefs4j's replicated acknowledgement. */
  static void p9(Context c) {
    row(
        c,
        "P9 replicated acknowledgement (K = 1, 2, all) vs plain commit, 3 nodes",
        "not measured: replicated acknowledgement (branch `ack`) is not in this checkout yet; the"
            + " harness hook is `--only p9`");
  }

  private static void row(Context c, String metric, String why) {
    c.log("%s: %s", metric, why);
    c.report.row(new Report.Row(metric, why, "—", "—", "", "", Report.Verdict.NONE));
  }
}
