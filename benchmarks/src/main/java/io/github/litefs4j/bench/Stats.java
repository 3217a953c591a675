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

  /**
   * A 95% bootstrap interval of {@code at(a, p) / at(b, p)}: both samples are resampled with
   * replacement 2,000 times (fixed seed, so a run's report is reproducible from its samples).
   *
   * @return the 2.5th and 97.5th percentiles of the resampled ratios
   */
  static double[] ratioInterval(double[] a, double[] b, double p) {
    requireSamples(a);
    requireSamples(b);
    java.util.Random random = new java.util.Random(42);
    int iterations = 2000;
    double[] ratios = new double[iterations];
    double[] ra = new double[a.length];
    double[] rb = new double[b.length];
    for (int i = 0; i < iterations; i++) {
      for (int k = 0; k < ra.length; k++) {
        ra[k] = a[random.nextInt(a.length)];
      }
      for (int k = 0; k < rb.length; k++) {
        rb[k] = b[random.nextInt(b.length)];
      }
      ratios[i] = at(ra, p) / at(rb, p);
    }
    Arrays.sort(ratios);
    return new double[] {ratios[(int) (iterations * 0.025)], ratios[(int) (iterations * 0.975)]};
  }

  /** The median for {@code p == 50}, else the nearest-rank percentile. */
  static double at(double[] samples, double p) {
    return p == 50 ? median(samples) : percentile(samples, p);
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
