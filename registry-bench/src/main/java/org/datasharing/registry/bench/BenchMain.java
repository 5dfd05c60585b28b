package org.datasharing.registry.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.datasharing.registry.core.Registry;
import org.datasharing.registry.core.store.TdbRegistryStore;

/**
 * Runs the benchmarks at the given tiers, each with a bare-Jena arm measured in the same run, and
 * prints one ratio table (also written to {@code target/bench-results.{csv,json,png}}).
 *
 * <p>Usage: {@code BenchMain [--tiers smoke,1k,100k] [--out registry-bench/target] [--work dir]}
 */
public final class BenchMain {
  /** Decisions and searches per client count in the HTTP load. */
  private static final int HTTP_REQUESTS_PER_LEVEL = 100;

  private final Results results = new Results();
  private final Path work;

  BenchMain(Path work) {
    this.work = work;
  }

  public static void main(String[] args) throws Exception {
    String tiers = "1k,100k";
    boolean httpLoad = List.of(args).contains("--http");
    // "--remote" (with --http): the same HTTP load through one and two instances on Fuseki
    remoteArms = List.of(args).contains("--remote");
    // "--only audit": only the audit-log arms (verify, proofs, audit queries and the pack over the
    // generated log), e.g. under a capped heap
    auditOnly = List.of(args).contains("--only") && List.of(args).contains("audit");
    Path out = Path.of("registry-bench", "target");
    Path work = null;
    for (int i = 0; i < args.length - 1; i++) {
      switch (args[i]) {
        case "--tiers" -> tiers = args[++i];
        case "--out" -> out = Path.of(args[++i]);
        case "--work" -> work = Path.of(args[++i]);
        default -> {}
      }
    }
    if (!Files.isDirectory(out.getParent() == null ? Path.of(".") : out.getParent())) {
      out = Path.of("target"); // run from inside the module
    }
    Path dir = work != null ? work : Files.createTempDirectory("registry-bench");
    Results r = run(dir, out, List.of(tiers.split(",")), httpLoad);
    r.print();
    System.exit(0);
  }

  /** Runs the tiers and writes the table; the smoke test calls this. */
  public static Results run(Path work, Path out, List<String> tiers) throws Exception {
    return run(work, out, tiers, false);
  }

  /** As above, plus HTTP load against registry-web and Keycloak processes when asked. */
  public static Results run(Path work, Path out, List<String> tiers, boolean httpLoad)
      throws Exception {
    BenchMain bench = new BenchMain(work);
    for (String t : tiers) {
      bench.runTier(Tier.of(t.strip()));
    }
    if (httpLoad) {
      new HttpBench(bench.results).run(work, HTTP_REQUESTS_PER_LEVEL, remoteArms);
    }
    bench.results.write(out);
    Plot.write(bench.results.rows(), out.resolve("bench-results.png"));
    return bench.results;
  }

  /** Set by {@code --remote}. */
  private static boolean remoteArms;

  /** Set by {@code --only audit}. */
  private static boolean auditOnly;

  private void runTier(Tier tier) throws Exception {
    Path dir = work.resolve(tier.name());
    Stores.deleteRecursively(dir);
    Files.createDirectories(dir);
    System.out.println(Results.header());
    if (auditOnly) {
      QueryPackBench pack = new QueryPackBench(results, tier);
      new AuditBench(results, tier).run(dir, pack);
      pack.report();
      return;
    }
    ImportBench importBench = new ImportBench(results, tier);
    List<Path> catalogFiles = importBench.generateCatalog(dir);
    TdbRegistryStore store = TdbRegistryStore.open(dir.resolve("registry"));
    Registry registry = new Registry(store, Generator.BASE, Clock.systemUTC(), true);
    QueryPackBench pack = new QueryPackBench(results, tier);
    try {
      importBench.run(dir, catalogFiles, registry);
      new DecisionBench(results, tier).run(dir, registry, store);
      new SearchBench(results, tier).run(dir, registry);
      pack.measure("registry store", store, registry.ids(), false);
    } finally {
      store.close();
    }
    new AuditBench(results, tier).run(dir, pack);
    pack.report();
  }
}
