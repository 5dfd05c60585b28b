package org.datasharing.registry.core.catalog;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import org.apache.jena.riot.Lang;
import org.datasharing.registry.core.common.Result;
import org.datasharing.registry.core.common.Violation;
import org.datasharing.registry.core.support.TestRegistry;
import org.datasharing.registry.ontology.vocab.Graphs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogImportTest {
  @TempDir Path dir;
  TestRegistry t;
  long catalogSize;
  long logSize;

  @BeforeEach
  void setUp() {
    t = new TestRegistry(dir);
    catalogSize = t.store.graph(Graphs.CATALOG_NODE).size();
    logSize = t.store.logHead().size();
  }

  @AfterEach
  void tearDown() {
    t.close();
  }

  Result<CatalogImport.Summary> importFile(String name) {
    InputStream in = getClass().getResourceAsStream("/import/" + name);
    return t.registry.catalogImport().importFile(TestRegistry.admin(), in, Lang.TURTLE);
  }

  void assertNothingChanged() {
    assertThat(t.store.graph(Graphs.CATALOG_NODE).size()).isEqualTo(catalogSize);
    assertThat(t.store.logHead().size()).isEqualTo(logSize);
  }

  @Test
  void import_ofALargeFile_namesEveryInvalidDataset_wherever_itIsInTheFile() throws Exception {
    // large enough to be validated in parallel parts; the invalid datasets fall in every part
    String one = new String(getClass().getResourceAsStream("/import/valid.ttl").readAllBytes());
    int header = one.indexOf("<http://localhost");
    StringBuilder file = new StringBuilder(one.substring(0, header));
    List<String> invalid = new java.util.ArrayList<>();
    for (int i = 0; i < 2400; i++) {
      String id = "bulk-" + i;
      String dataset = one.substring(header).replace("winter-pressures-bed-state", id);
      if (i % 500 == 7) {
        // a health dataset that does not say it holds special category data
        dataset = dataset.replace("dsr:specialCategoryData true", "dsr:specialCategoryData false");
        invalid.add("dataset <" + TestRegistry.BASE + "dataset/" + id + ">.specialCategoryData");
      }
      file.append(dataset);
    }

    Result<CatalogImport.Summary> r =
        t.registry
            .catalogImport()
            .importFile(
                TestRegistry.admin(),
                new java.io.ByteArrayInputStream(file.toString().getBytes(UTF_8)),
                Lang.TURTLE);

    assertThat(r.ok()).isFalse();
    assertThat(r.violations())
        .extracting(Violation::field)
        .containsExactlyInAnyOrderElementsOf(invalid);
    assertNothingChanged();
  }

  @Test
  void import_reportsItsProgress_fromTheFileToTheLastDatasetValidated_thenStops() {
    List<CatalogImport.Progress> seen = new java.util.ArrayList<>();
    t.registry.catalogImport().onProgress(seen::add);

    importFile("valid.ttl").orElseThrow();

    assertThat(seen.get(0)).isEqualTo(new CatalogImport.Progress(true, 0, 0, 0));
    assertThat(seen.subList(0, seen.size() - 1)).allMatch(CatalogImport.Progress::running);
    CatalogImport.Progress last = seen.get(seen.size() - 1);
    assertThat(last.running()).isFalse();
    assertThat(last.triples()).isPositive();
    assertThat(last.datasets()).isEqualTo(1);
    assertThat(last.datasetsProcessed()).isEqualTo(1);
  }

  @Test
  void import_thatIsRefused_stillReportsThatItStopped() {
    List<CatalogImport.Progress> seen = new java.util.ArrayList<>();
    t.registry.catalogImport().onProgress(seen::add);

    assertThat(importFile("malformed.ttl").ok()).isFalse();

    assertThat(seen).last().extracting(CatalogImport.Progress::running).isEqualTo(false);
  }

  @Test
  void import_createsTheDatasets_andAuditsTheImport() {
    CatalogImport.Summary s = importFile("valid.ttl").orElseThrow();

    assertThat(s.created()).isEqualTo(1);
    assertThat(s.progress())
        .hasSize(4)
        .satisfies(p -> assertThat(p.get(0)).startsWith("parsed "))
        .satisfies(p -> assertThat(p.get(2)).isEqualTo("validated 1 datasets against the shapes"))
        .satisfies(p -> assertThat(p.get(3)).isEqualTo("committed: 1 created, 0 updated"));
    assertThat(t.registry.catalog().get(TestRegistry.auditor(), "winter-pressures-bed-state"))
        .isPresent();
    assertThat(t.store.logHead().size()).isEqualTo(logSize + 1);
    assertThat(importFile("valid.ttl").orElseThrow().updated()).isEqualTo(1);
  }

  @Test
  void import_refusesMalformedTurtle_withItsLine_andChangesNothing() {
    Result<CatalogImport.Summary> r = importFile("malformed.ttl");
    assertThat(r.failure()).isEqualTo(Result.Failure.INVALID);
    assertThat(r.violations().get(0).field()).isEqualTo("file");
    assertThat(r.violations().get(0).message()).contains("line");
    assertNothingChanged();
  }

  @Test
  void import_refusesRelativeIris_namingThem() {
    Result<CatalogImport.Summary> r = importFile("relative.ttl");
    assertThat(r.violations())
        .extracting(Violation::message)
        .anyMatch(m -> m.contains("<dataset/winter-pressures-bed-state> is not an absolute IRI"));
    assertNothingChanged();
  }

  @Test
  void import_refusesUnknownReferenceTerms_namingThem() {
    Result<CatalogImport.Summary> r = importFile("unknown-term.ttl");
    assertThat(r.violations())
        .extracting(Violation::message)
        .anyMatch(m -> m.contains("theme/no-such-theme"));
    assertNothingChanged();
  }

  @Test
  void import_refusesDuplicateIdentifiers_namingBoth() {
    Result<CatalogImport.Summary> r = importFile("duplicate-identifier.ttl");
    assertThat(r.violations()).extracting(Violation::field).contains("identifier");
    assertNothingChanged();
  }

  @Test
  void create_validatesAgainstTheShapes_andWritesNothingWhenInvalid() {
    Dataset bad =
        new Dataset(
            "bad-dataset",
            TestRegistry.TRUST,
            null,
            null,
            java.util.List.of("no-such-theme"),
            java.util.List.of(),
            java.util.List.of(),
            java.util.List.of(),
            null,
            null,
            java.util.List.of(),
            true,
            java.util.List.of(),
            java.util.List.of());
    Result<Dataset> r = t.registry.catalog().create(TestRegistry.dpo(TestRegistry.TRUST), bad);
    assertThat(r.failure()).isEqualTo(Result.Failure.INVALID);
    assertThat(r.violations()).extracting(Violation::field).contains("themes");
    assertNothingChanged();

    Dataset good =
        new Dataset(
            "a-and-e-attendances",
            TestRegistry.TRUST,
            "A&E attendances",
            "Daily A&E attendances by site.",
            java.util.List.of("health-and-care"),
            java.util.List.of("urgent care"),
            java.util.List.of("health"),
            java.util.List.of("patients"),
            true,
            false,
            java.util.List.of("NHS number", "Arrival time"),
            true,
            java.util.List.of("pseudonymised"),
            java.util.List.of("dspt"));
    Result<Dataset> created =
        t.registry.catalog().create(TestRegistry.dpo(TestRegistry.TRUST), good);
    assertThat(created.ok()).as("%s %s", created.message(), created.violations()).isTrue();
    assertThat(
            t.registry.catalog().get(TestRegistry.partner(TestRegistry.ICB), "a-and-e-attendances"))
        .isPresent();
  }
}
