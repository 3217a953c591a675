package io.github.litefs4j.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Collects the figures of one run and writes BENCHMARKS.md. */
final class Report {
  /** Whether a goal was met. */
  enum Verdict {
    MET("met"),
    MISSED("**missed**"),
    NONE("");

    final String text;

    Verdict(String text) {
      this.text = text;
    }

    static Verdict of(boolean met) {
      return met ? MET : MISSED;
    }
  }

  /** One line of the results table. */
  record Row(
      String metric,
      String measure,
      String litefs4j,
      String go,
      String ratio,
      String goal,
      Verdict verdict) {}

  private final Map<String, String> machine = new LinkedHashMap<>();
  private final List<Row> rows = new ArrayList<>();
  private final Map<String, List<String>> details = new LinkedHashMap<>();

  void machine(String key, String value) {
    machine.put(key, value);
  }

  void row(Row row) {
    rows.add(row);
  }

  /** A paragraph or list item under the section of a metric. */
  void detail(String section, String text) {
    details.computeIfAbsent(section, k -> new ArrayList<>()).add(text);
  }

  List<Row> rows() {
    return rows;
  }

  void write(Path file, String header, String sides, String analysis) throws IOException {
    StringBuilder md = new StringBuilder();
    md.append(header).append("\n\n## Machine and versions\n\n| | |\n|---|---|\n");
    machine.forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v).append(" |\n"));
    md.append("\n").append(sides).append("\n\n## Results\n\n");
    md.append(
        "Ratio = litefs4j ÷ litefs-go (for throughput, higher is better; for times and costs,"
            + " lower is better), with its 95% bootstrap interval in brackets (both sides' samples"
            + " resampled 2,000 times): an interval that contains the goal means this run cannot"
            + " tell whether the goal is met, whatever the point value says.\n\n");
    md.append("| metric | measure | litefs4j | litefs-go | ratio | goal | goal met? |\n");
    md.append("|---|---|--:|--:|--:|---|---|\n");
    for (Row r : rows) {
      md.append("| ")
          .append(
              String.join(
                  " | ",
                  r.metric(),
                  r.measure(),
                  r.litefs4j(),
                  r.go(),
                  r.ratio(),
                  r.goal(),
                  r.verdict().text))
          .append(" |\n");
    }
    md.append("\n## How each figure was taken\n");
    details.forEach(
        (section, lines) -> {
          md.append("\n### ").append(section).append("\n");
          boolean previousWasItem = false;
          for (String line : lines) {
            boolean item = line.startsWith("- ");
            if (!(item && previousWasItem)) {
              md.append("\n"); // a paragraph, or the first item of a list
            }
            md.append(line).append("\n");
            previousWasItem = item;
          }
        });
    md.append("\n").append(analysis.strip()).append("\n");
    Files.writeString(file, md.toString(), StandardCharsets.UTF_8);
  }

  // ---- formatting ----

  static String ms(double nanos) {
    return String.format(Locale.ROOT, "%.2f ms", nanos / 1e6);
  }

  /** "p50 …, p90 …, p99 …, max …" of latencies in nanoseconds (p50 is the median). */
  static String spread(double[] nanos) {
    return "p50 "
        + ms(Stats.median(nanos))
        + ", p90 "
        + ms(Stats.percentile(nanos, 90))
        + ", p99 "
        + ms(Stats.percentile(nanos, 99))
        + ", max "
        + ms(Stats.max(nanos));
  }

  static String ns(double nanos) {
    return String.format(Locale.ROOT, "%,.0f ns", nanos);
  }

  static String rate(double perSecond) {
    return String.format(Locale.ROOT, "%,.0f/s", perSecond);
  }

  static String ratio(double r) {
    return String.format(Locale.ROOT, r < 0.01 ? "%.4fx" : "%.2fx", r);
  }

  /** The ratio of the {@code p}th percentiles of two samples, with its 95% bootstrap interval. */
  static String ratio(double[] litefs4j, double[] go, double p) {
    double r = Stats.at(litefs4j, p) / Stats.at(go, p);
    double[] ci = Stats.ratioInterval(litefs4j, go, p);
    return String.format(Locale.ROOT, "%.2fx (%.2f–%.2f)", r, ci[0], ci[1]);
  }

  static String count(long v) {
    return String.format(Locale.ROOT, "%,d", v);
  }

  static String num(String format, double v) {
    return String.format(Locale.ROOT, format, v);
  }

  /** Sample values, rounded, for the details. */
  static String list(double[] values, double scale, String format) {
    StringBuilder sb = new StringBuilder();
    for (double v : values) {
      if (sb.length() > 0) {
        sb.append(", ");
      }
      sb.append(String.format(Locale.ROOT, format, v / scale));
    }
    return sb.toString();
  }
}
