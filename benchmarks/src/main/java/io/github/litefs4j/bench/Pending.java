package io.github.litefs4j.bench;

/**
 * The metrics whose code under test is not in this checkout yet: each adds a results row that says
 * so, so that BENCHMARKS.md lists every goal. Replaced by the real metric when its branch lands.
 */
final class Pending {
  private Pending() {}

  /** P7, HTTP workloads against the sample Spring Boot app: needs the starter and its sample. */
  static void p7(Context c) {
    row(
        c,
        "P7 HTTP reads with `__txid` and forwarded writes (Spring Boot sample on a replica)",
        "not measured: the Spring Boot starter and its sample app (branch `starter`) are not in"
            + " this checkout yet; the harness hook is `--only p7`");
  }

  private static void row(Context c, String metric, String why) {
    c.log("%s: %s", metric, why);
    c.report.row(new Report.Row(metric, why, "—", "—", "", "", Report.Verdict.NONE));
  }
}
