package io.github.litefs4j.bench;

import java.util.Arrays;

/** Order statistics of samples. */
final class Stats {
  private Stats() {}

  /** The median; the mean of the two middle values for an even count. */
  static double median(double[] samples) {
    requireSamples(samples);
    double[] s = sorted(samples);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }

  /** The nearest-rank percentile, {@code p} in (0, 100]. */
  static double percentile(double[] samples, double p) {
    requireSamples(samples);
    double[] s = sorted(samples);
    int rank = (int) Math.ceil(p / 100.0 * s.length);
    return s[Math.max(0, Math.min(s.length - 1, rank - 1))];
  }

  static double max(double[] samples) {
    requireSamples(samples);
    return Arrays.stream(samples).max().orElseThrow();
  }

  static double min(double[] samples) {
    requireSamples(samples);
    return Arrays.stream(samples).min().orElseThrow();
  }

  /** Concatenates sample arrays. */
  static double[] concat(double[]... parts) {
    return Arrays.stream(parts).flatMapToDouble(Arrays::stream).toArray();
  }

  private static double[] sorted(double[] samples) {
    double[] s = samples.clone();
    Arrays.sort(s);
    return s;
  }

  private static void requireSamples(double[] samples) {
    if (samples.length == 0) {
      throw new IllegalArgumentException("no samples");
    }
  }
}
