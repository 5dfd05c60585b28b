package org.datasharing.registry.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.jena.riot.Lang;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.DatabaseMgr;
import org.datasharing.registry.core.Registry;
import org.datasharing.registry.core.common.Actor;
import org.datasharing.registry.ontology.vocab.Graphs;

/**
 * Bulk import of the generated catalogue: the registry's all-or-nothing import of each file (SHACL,
 * reference checks, audit, commit) against TDB2's parallel loader into a bare database ({@code
 * bare-import}, which the search benchmark then indexes).
 */
final class ImportBench {
  /**
   * Datasets per file: one all-or-nothing import per file, as an operator would split a large
   * catalogue.
   */
  private static final int BATCH = 10_000;

  private final Results results;
  private final Tier tier;

  ImportBench(Results results, Tier tier) {
    this.results = results;
    this.tier = tier;
  }

  /** The tier's catalogue as Turtle files in {@code dir}, {@value #BATCH} datasets each. */
  List<Path> generateCatalog(Path dir) throws IOException {
    List<Path> files = new ArrayList<>();
    for (int from = 0, i = 0; from < tier.datasets(); from += BATCH, i++) {
      Path f = dir.resolve("catalog-" + i + ".ttl");
      Generator.catalog(f, Math.min(BATCH, tier.datasets() - from), 1000L + i);
      files.add(f);
    }
    return files;
  }

  void run(Path dir, List<Path> files, Registry registry) throws Exception {
    Actor admin = BenchActors.registryAdmin();
    long start = System.nanoTime();
    for (Path f : files) {
      try (InputStream in = Files.newInputStream(f)) {
        var r = registry.catalogImport().importFile(admin, in, Lang.TURTLE);
        if (!r.ok()) {
          throw new IllegalStateException(
              "generated catalogue refused: " + r.violations().stream().limit(3).toList());
        }
      }
    }
    double registrySeconds = (System.nanoTime() - start) / 1e9;
    long quads = registry.store().graph(Graphs.CATALOG_NODE).size();

    DatasetGraph bare = DatabaseMgr.connectDatasetGraph(dir.resolve("bare-import").toString());
    long bareStart = System.nanoTime();
    Stores.bulkLoad(bare, Graphs.CATALOG_NODE, files);
    double bareSeconds = (System.nanoTime() - bareStart) / 1e9;
    long bareQuads =
        Txn.calculateRead(bare, () -> (long) bare.getGraph(Graphs.CATALOG_NODE).size());
    Stores.release(bare);
    double reg = quads / registrySeconds;
    double b = bareQuads / bareSeconds;
    results.add(
        new Results.Row(
            "bulk import (quads/s)",
            tier.name(),
            reg,
            b,
            "quads/s",
            reg / b,
            Double.NaN,
            Double.NaN,
            Double.NaN,
            Results.heapMb(),
            Results.rssMb(),
            "registry: SHACL + reference checks + audit + commit per 10k-dataset file; bare: TDB2 parallel loader"));
  }
}
