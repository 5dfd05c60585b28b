package org.datasharing.registry.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The ratio table: printed, and written as CSV and JSON. */
public final class Results {
  /**
   * One measured benchmark at one tier. Ratio is registry / bare for throughputs, bare / registry
   * for latencies.
   */
  public record Row(
      String benchmark,
      String tier,
      double registry,
      double bare,
      String unit,
      double ratio,
      double p50,
      double p95,
      double p99,
      long heapMb,
      long rssMb,
      String note) {}

  /**
   * The registry arm's latencies against the bare arm's, in ms: p95 of each, ratio bare / registry,
   * and the registry's p50, p95 and p99.
   */
  static Row latencies(String benchmark, String tier, long[] registry, long[] bare, String note) {
    double r95 = percentile(registry, 95);
    double b95 = percentile(bare, 95);
    return new Row(
        benchmark,
        tier,
        r95,
        b95,
        "ms",
        b95 / r95,
        percentile(registry, 50),
        r95,
        percentile(registry, 99),
        heapMb(),
        rssMb(),
        note);
  }

  /** One figure of the registry's, with no bare arm to compare and no percentiles. */
  static Row single(String benchmark, String tier, double value, String unit, String note) {
    return new Row(
        benchmark,
        tier,
        value,
        Double.NaN,
        unit,
        Double.NaN,
        Double.NaN,
        Double.NaN,
        Double.NaN,
        heapMb(),
        rssMb(),
        note);
  }

  private final List<Row> rows = new ArrayList<>();

  public synchronized void add(Row row) {
    rows.add(row);
    System.out.println(format(row));
  }

  public synchronized List<Row> rows() {
    return List.copyOf(rows);
  }

  static String header() {
    return String.format(
        Locale.ROOT,
        "%-34s %-6s %14s %14s %-8s %7s %9s %9s %9s %7s %7s  %s",
        "benchmark",
        "tier",
        "registry",
        "bare",
        "unit",
        "ratio",
        "p50 ms",
        "p95 ms",
        "p99 ms",
        "heapMB",
        "rssMB",
        "note");
  }

  static String format(Row r) {
    return String.format(
        Locale.ROOT,
        "%-34s %-6s %14.1f %14s %-8s %7s %9.2f %9.2f %9.2f %7d %7d  %s",
        r.benchmark(),
        r.tier(),
        r.registry(),
        Double.isNaN(r.bare()) ? "-" : String.format(Locale.ROOT, "%.1f", r.bare()),
        r.unit(),
        Double.isNaN(r.ratio()) ? "-" : String.format(Locale.ROOT, "%.2f", r.ratio()),
        r.p50(),
        r.p95(),
        r.p99(),
        r.heapMb(),
        r.rssMb(),
        r.note());
  }

  public void print() {
    System.out.println();
    System.out.println(header());
    rows().forEach(r -> System.out.println(format(r)));
  }

  public void write(Path dir) throws IOException {
    Files.createDirectories(dir);
    StringBuilder csv =
        new StringBuilder(
            "benchmark,tier,registry,bare,unit,ratio,p50_ms,p95_ms,p99_ms,heap_mb,rss_mb,note\n");
    StringBuilder json = new StringBuilder("[\n");
    List<Row> all = rows();
    for (int i = 0; i < all.size(); i++) {
      Row r = all.get(i);
      csv.append(
              String.join(
                  ",",
                  Arrays.asList(
                      r.benchmark(),
                      r.tier(),
                      num(r.registry()),
                      num(r.bare()),
                      r.unit(),
                      num(r.ratio()),
                      num(r.p50()),
                      num(r.p95()),
                      num(r.p99()),
                      Long.toString(r.heapMb()),
                      Long.toString(r.rssMb()),
                      "\"" + r.note().replace("\"", "'") + "\"")))
          .append('\n');
      json.append(
          String.format(
              Locale.ROOT,
              "  {\"benchmark\":\"%s\",\"tier\":\"%s\",\"registry\":%s,\"bare\":%s,\"unit\":\"%s\",\"ratio\":%s,"
                  + "\"p50_ms\":%s,\"p95_ms\":%s,\"p99_ms\":%s,\"heap_mb\":%d,\"rss_mb\":%d,\"note\":\"%s\"}%s\n",
              r.benchmark(),
              r.tier(),
              jnum(r.registry()),
              jnum(r.bare()),
              r.unit(),
              jnum(r.ratio()),
              jnum(r.p50()),
              jnum(r.p95()),
              jnum(r.p99()),
              r.heapMb(),
              r.rssMb(),
              r.note().replace("\"", "'"),
              i < all.size() - 1 ? "," : ""));
    }
    json.append("]\n");
    Files.writeString(dir.resolve("bench-results.csv"), csv, StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("bench-results.json"), json, StandardCharsets.UTF_8);
  }

  private static String num(double d) {
    return Double.isNaN(d) ? "" : String.format(Locale.ROOT, "%.3f", d);
  }

  private static String jnum(double d) {
    return Double.isNaN(d) ? "null" : String.format(Locale.ROOT, "%.3f", d);
  }

  /** Percentile of latencies in nanoseconds, in milliseconds. */
  static double percentile(long[] nanos, double p) {
    if (nanos.length == 0) {
      return Double.NaN;
    }
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
  }

  static long heapMb() {
    Runtime rt = Runtime.getRuntime();
    return (rt.totalMemory() - rt.freeMemory()) / (1024 * 1024);
  }

  static long rssMb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return -1;
  }
}
