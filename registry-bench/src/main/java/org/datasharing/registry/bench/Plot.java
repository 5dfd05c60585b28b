package org.datasharing.registry.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/** A bar chart of registry/bare ratios per benchmark, one bar per tier (plain Java2D, headless). */
final class Plot {
  private Plot() {}

  /** Re-plots a written table: {@code Plot bench-results.csv bench-results.png}. */
  public static void main(String[] args) throws IOException {
    List<Results.Row> rows = new ArrayList<>();
    List<String> lines = java.nio.file.Files.readAllLines(Path.of(args[0]));
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",", -1);
      double ratio = f[5].isEmpty() ? Double.NaN : Double.parseDouble(f[5]);
      rows.add(
          new Results.Row(
              f[0],
              f[1],
              Double.parseDouble(f[2]),
              Double.NaN,
              f[4],
              ratio,
              Double.NaN,
              Double.NaN,
              Double.NaN,
              0,
              0,
              ""));
    }
    write(rows, Path.of(args[1]));
  }

  static void write(List<Results.Row> rows, Path png) throws IOException {
    System.setProperty("java.awt.headless", "true");
    Map<String, Map<String, Double>> byBench = new LinkedHashMap<>();
    List<String> tiers = new ArrayList<>();
    for (Results.Row r : rows) {
      if (Double.isNaN(r.ratio()) || Double.isInfinite(r.ratio())) {
        continue;
      }
      byBench.computeIfAbsent(r.benchmark(), k -> new LinkedHashMap<>()).put(r.tier(), r.ratio());
      if (!tiers.contains(r.tier())) {
        tiers.add(r.tier());
      }
    }
    int w = 1000;
    int rowH = 28 * Math.max(1, tiers.size()) + 16;
    int h = 80 + rowH * Math.max(1, byBench.size());
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, w, h);
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
    g.drawString(
        "Registry vs bare Jena: ratio per benchmark and tier (log scale; 1.0 = same as bare; higher is better)",
        20,
        30);
    double max =
        byBench.values().stream()
            .flatMap(m -> m.values().stream())
            .mapToDouble(Double::doubleValue)
            .max()
            .orElse(1);
    double min =
        byBench.values().stream()
            .flatMap(m -> m.values().stream())
            .mapToDouble(Double::doubleValue)
            .min()
            .orElse(1);
    double lo = Math.log10(Math.min(min, 1.0) / 2);
    double hi = Math.log10(Math.max(max, 1.0) * 2);
    int x0 = 360;
    int plotW = w - x0 - 120;
    java.util.function.DoubleToIntFunction x =
        r -> x0 + (int) (plotW * (Math.log10(r) - lo) / (hi - lo));
    int xOne = x.applyAsInt(1.0);
    g.setStroke(
        new BasicStroke(
            1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {4f}, 0f));
    g.setColor(Color.GRAY);
    g.drawLine(xOne, 45, xOne, h - 10);
    g.drawString("1.0", xOne - 10, h - 2);
    g.setStroke(new BasicStroke(1f));
    Color[] colours = {
      new Color(29, 112, 184), new Color(0, 112, 60), new Color(212, 53, 28), new Color(128, 34, 78)
    };
    int y = 60;
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    for (var bench : byBench.entrySet()) {
      g.setColor(Color.BLACK);
      g.drawString(bench.getKey(), 10, y + 16);
      int i = 0;
      for (String tier : tiers) {
        Double ratio = bench.getValue().get(tier);
        if (ratio != null) {
          int len = x.applyAsInt(ratio) - x0;
          g.setColor(colours[i % colours.length]);
          g.fillRect(x0, y + i * 28, Math.max(1, len), 22);
          g.setColor(Color.BLACK);
          g.drawString(
              String.format(java.util.Locale.ROOT, "%s: %.2f", tier, ratio),
              x0 + Math.max(1, len) + 6,
              y + i * 28 + 16);
        }
        i++;
      }
      y += rowH;
    }
    g.dispose();
    ImageIO.write(img, "png", png.toFile());
  }
}
