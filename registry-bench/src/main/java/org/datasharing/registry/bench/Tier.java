package org.datasharing.registry.bench;

/** A data scale: datasets in the catalogue, decisions to time, audit events, query repetitions. */
public record Tier(String name, int datasets, int decisions, int auditEvents, int queryRuns) {
  public static Tier of(String name) {
    return switch (name) {
      case "smoke" -> new Tier("smoke", 60, 12, 300, 3);
      case "1k" -> new Tier("1k", 1_000, 200, 10_000, 20);
      case "10k" -> new Tier("10k", 10_000, 400, 100_000, 20);
      case "100k" -> new Tier("100k", 100_000, 500, 100_000, 20);
      case "1m" -> new Tier("1m", 1_000_000, 500, 1_000_000, 10);
      // the 1M-event targets (verify, proofs, audit queries) without the 1M-dataset import
      case "1m-events" -> new Tier("1m-events", 10_000, 200, 1_000_000, 10);
      default ->
          throw new IllegalArgumentException(
              "unknown tier " + name + " (smoke, 1k, 10k, 100k, 1m, 1m-events)");
    };
  }
}
