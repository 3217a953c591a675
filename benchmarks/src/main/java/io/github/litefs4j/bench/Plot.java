package io.github.litefs4j.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * A latency distribution plot (PNG, Java2D, no other toolchain): one cumulative distribution line
 * per series, x in milliseconds up to the largest p99, y the share of samples at or below.
 */
final class Plot {
  private static final int W = 900;
  private static final int H = 540;
  private static final int LEFT = 70;
  private static final int RIGHT = 30;
  private static final int TOP = 70;
  private static final int BOTTOM = 60;
  private static final Color[] COLORS = {
    new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0x9467bd)
  };

  private final String title;
  private final String subtitle;
  private final Map<String, double[]> series = new LinkedHashMap<>();

  Plot(String title, String subtitle) {
    this.title = title;
    this.subtitle = subtitle;
  }

  /** Adds a series of samples in nanoseconds. */
  Plot series(String name, double[] nanos) {
    series.put(name, nanos.clone());
    return this;
  }

  /** Writes the PNG, creating the directory. */
  void write(Path png) throws IOException {
    double maxMs = 0;
    for (double[] s : series.values()) {
      maxMs = Math.max(maxMs, Stats.percentile(s, 99) / 1e6);
    }
    maxMs = niceCeiling(maxMs);
    BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, W, H);
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
    g.drawString(title, LEFT, 28);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    g.drawString(subtitle, LEFT, 48);
    int pw = W - LEFT - RIGHT;
    int ph = H - TOP - BOTTOM;
    g.setColor(new Color(0xdddddd));
    for (int i = 0; i <= 10; i++) {
      int y = TOP + ph - ph * i / 10;
      g.drawLine(LEFT, y, LEFT + pw, y);
      int x = LEFT + pw * i / 10;
      g.drawLine(x, TOP, x, TOP + ph);
    }
    g.setColor(Color.BLACK);
    g.drawRect(LEFT, TOP, pw, ph);
    for (int i = 0; i <= 10; i++) {
      int y = TOP + ph - ph * i / 10;
      g.drawString(String.format(Locale.ROOT, "%d%%", i * 10), LEFT - 40, y + 4);
      int x = LEFT + pw * i / 10;
      g.drawString(String.format(Locale.ROOT, "%.1f", maxMs * i / 10), x - 10, TOP + ph + 18);
    }
    g.drawString("ms (x axis ends near the largest p99)", LEFT + pw / 2 - 110, TOP + ph + 40);
    int k = 0;
    for (Map.Entry<String, double[]> e : series.entrySet()) {
      Color color = COLORS[k % COLORS.length];
      g.setColor(color);
      g.setStroke(new BasicStroke(2f));
      double[] s = e.getValue();
      Arrays.sort(s);
      int px = LEFT;
      int py = TOP + ph;
      for (int i = 0; i < s.length; i++) {
        double ms = Math.min(s[i] / 1e6, maxMs);
        int x = LEFT + (int) Math.round(pw * ms / maxMs);
        int y = TOP + ph - (int) Math.round(ph * (i + 1) / (double) s.length);
        g.drawLine(px, py, x, py);
        g.drawLine(x, py, x, y);
        px = x;
        py = y;
      }
      g.fillRect(LEFT + pw - 420, TOP + ph - 30 - 20 * (series.size() - k), 14, 4);
      g.setColor(Color.BLACK);
      g.drawString(
          String.format(
              Locale.ROOT,
              "%s: p50 %.2f ms, p99 %.2f ms (n=%d)",
              e.getKey(),
              Stats.median(s) / 1e6,
              Stats.percentile(s, 99) / 1e6,
              s.length),
          LEFT + pw - 400,
          TOP + ph - 25 - 20 * (series.size() - k));
      k++;
    }
    g.dispose();
    Files.createDirectories(png.toAbsolutePath().getParent());
    ImageIO.write(img, "png", png.toFile());
  }

  private static double niceCeiling(double v) {
    if (v <= 0) {
      return 1;
    }
    double p = Math.pow(10, Math.floor(Math.log10(v)));
    for (double m : new double[] {1, 2, 2.5, 5, 10}) {
      if (m * p >= v) {
        return m * p;
      }
    }
    return 10 * p;
  }
}
