package org.datasharing.registry.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.datasharing.registry.core.reference.ReferenceData;
import org.datasharing.registry.core.sparql.QueryPack;
import org.datasharing.registry.core.store.Bootstrap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The harness works end to end at a tiny tier; it asserts no timings. */
class BenchSmokeTest {
  @TempDir Path work;
  @TempDir Path out;

  @Test
  void smokeTier_producesEveryBenchmarkRow_andWritesTheTable() throws Exception {
    Results results = BenchMain.run(work, out, List.of("smoke"));

    assertThat(results.rows())
        .extracting(Results.Row::benchmark)
        .contains(
            "bulk import (quads/s)",
            "decide, 1 client (txn/s)",
            "decide, 8 clients (txn/s)",
            "disk: compacted / live data (MB)",
            "search p95: text + facets (ms)",
            "audit verify (s)",
            "inclusion proof (ms)",
            "inclusion proof, n/10 events (ms)",
            "inclusion proof, n/100 events (ms)",
            "consistency proof (ms)",
            "audit query p95: events per agent in a month",
            "audit query p95: events in a 24-hour window");
    assertThat(results.rows())
        .extracting(Results.Row::benchmark)
        .containsAll(
            QueryPack.load().entries().stream()
                .map(e -> "pack p95: " + e.name() + " (ms)")
                .toList());
    assertThat(results.rows()).allSatisfy(r -> assertThat(r.registry()).isPositive());
    assertThat(Files.readString(out.resolve("bench-results.csv"))).contains("bulk import");
    assertThat(Files.size(out.resolve("bench-results.png"))).isPositive();
  }

  @Test
  void generatorsSpecialCategories_matchTheReferenceData() {
    ReferenceData reference = new ReferenceData(Bootstrap.reference());
    for (String code : Generator.CATEGORIES) {
      var concept = reference.concept("data-category", code).orElseThrow();
      boolean special =
          reference
              .graph()
              .contains(
                  concept,
                  org.datasharing.registry.ontology.vocab.DSR.specialCategory.asNode(),
                  org.apache.jena.graph.NodeFactory.createLiteralDT(
                      "true", org.apache.jena.datatypes.xsd.XSDDatatype.XSDboolean));
      assertThat(special).as(code).isEqualTo(Generator.SPECIAL.contains(code));
    }
  }
}
