package org.datasharing.registry.core.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.datasharing.registry.core.support.TestRegistry.COUNCIL;
import static org.datasharing.registry.core.support.TestRegistry.ICB;
import static org.datasharing.registry.core.support.TestRegistry.POLICE;
import static org.datasharing.registry.core.support.TestRegistry.TRUST;
import static org.datasharing.registry.core.support.TestRegistry.auditor;
import static org.datasharing.registry.core.support.TestRegistry.dpo;
import static org.datasharing.registry.core.support.TestRegistry.partner;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.jena.graph.Node;
import org.apache.jena.riot.Lang;
import org.datasharing.registry.core.catalog.CatalogService;
import org.datasharing.registry.core.catalog.Dataset;
import org.datasharing.registry.core.common.Actor;
import org.datasharing.registry.core.common.Result;
import org.datasharing.registry.core.common.Violation;
import org.datasharing.registry.core.reference.ReferenceData;
import org.datasharing.registry.core.support.TestRegistry;
import org.datasharing.registry.ontology.vocab.DSR;
import org.datasharing.registry.ontology.vocab.Graphs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ranking, exact facet counts, visibility, bad queries and keeping in step, on the sample data. */
class CatalogSearchTest {
  @TempDir Path dir;
  TestRegistry t;
  CatalogSearch search;

  @BeforeEach
  void setUp() {
    t = new TestRegistry(dir);
    search = t.registry.search();
  }

  @AfterEach
  void tearDown() {
    t.close();
  }

  SearchResult run(Actor actor, SearchRequest r) {
    return search.search(actor, r).orElseThrow();
  }

  List<String> ids(SearchResult r) {
    return r.items().stream().map(h -> h.dataset().id()).toList();
  }

  @Test
  void search_ranksTitleMatchesFirst() {
    SearchResult r = run(auditor(), SearchRequest.of("mental health"));
    assertThat(r.total()).isGreaterThanOrEqualTo(2);
    assertThat(r.items().subList(0, 2))
        .allSatisfy(h -> assertThat(h.dataset().title()).containsIgnoringCase("mental health"));
    assertThat(r.items()).isSortedAccordingTo((a, b) -> Float.compare(b.score(), a.score()));
    // English stemming: "discharges" finds "discharge"
    assertThat(ids(run(auditor(), SearchRequest.of("discharges"))))
        .contains("medically-optimised-for-discharge");
  }

  @Test
  void facetCounts_areExact_forEveryFacet_andEveryCaller() {
    for (Actor actor : List.of(auditor(), partner(ICB), partner(COUNCIL), TestRegistry.admin())) {
      List<Dataset> visible =
          t.registry.catalog().all().stream()
              .filter(d -> CatalogService.visible(actor, d))
              .toList();
      SearchResult r = run(actor, SearchRequest.of("").page(1, 100));
      assertThat(r.total()).as(actor.username()).isEqualTo(visible.size());
      assertThat(ids(r))
          .containsExactlyInAnyOrderElementsOf(visible.stream().map(Dataset::id).toList());
      for (Facet f : Facet.values()) {
        Map<String, Long> expected = new HashMap<>();
        for (Dataset d : visible) {
          for (String v : f.valuesOf(new IndexedDataset(d, sectors(d.publisher())))) {
            expected.merge(v, 1L, Long::sum);
          }
        }
        Map<String, Long> actual = new HashMap<>();
        r.facets().get(f.parameter()).forEach(v -> actual.put(v.value(), v.count()));
        assertThat(actual).as(actor.username() + " " + f).isEqualTo(expected);
      }
    }
  }

  List<String> sectors(String publisher) {
    return t.store
        .graph(Graphs.ORGANISATIONS_NODE)
        .find(t.registry.ids().organisation(publisher), DSR.sector.asNode(), Node.ANY)
        .mapWith(x -> ReferenceData.code(x.getObject()))
        .toList();
  }

  @Test
  void hiddenDatasets_countOnlyForTheirPublisherAndAuditors() {
    assertThat(run(auditor(), SearchRequest.of("")).total()).isEqualTo(48);
    assertThat(run(partner(ICB), SearchRequest.of("")).total()).isEqualTo(44);
    assertThat(run(partner(COUNCIL), SearchRequest.of("")).total()).isEqualTo(46);
    assertThat(run(Actor.system(), SearchRequest.of("")).total()).isEqualTo(44);
    assertThat(ids(run(partner(ICB), SearchRequest.of("child protection").page(1, 100))))
        .doesNotContain("child-protection-plans");
    assertThat(ids(run(dpo(COUNCIL), SearchRequest.of("child protection"))))
        .contains("child-protection-plans");
  }

  @Test
  void facetFilters_combineWithTheQuery_andCountDrillSideways() {
    SearchResult care = run(partner(ICB), SearchRequest.of("care").page(1, 100));
    long councilCare = care.count("publisher", COUNCIL);
    assertThat(councilCare).isPositive();

    SearchResult filtered =
        run(partner(ICB), SearchRequest.of("care").with("publisher", COUNCIL).page(1, 100));
    assertThat(filtered.total()).isEqualTo(councilCare);
    assertThat(filtered.items())
        .allSatisfy(h -> assertThat(h.dataset().publisher()).isEqualTo(COUNCIL));
    // the publisher facet still offers the other publishers, with the same counts as unfiltered
    assertThat(filtered.facets().get("publisher"))
        .isEqualTo(
            care.facets().get("publisher").stream()
                .map(
                    v ->
                        new SearchResult.FacetValue(
                            v.value(), v.label(), v.count(), v.value().equals(COUNCIL)))
                .toList());
    // other facets count within the filtered results
    long special =
        filtered.items().stream()
            .filter(h -> Boolean.TRUE.equals(h.dataset().specialCategoryData()))
            .count();
    assertThat(filtered.count("specialCategoryData", "true")).isEqualTo(special);

    SearchResult two =
        run(
            partner(ICB),
            SearchRequest.of("care")
                .with("publisher", COUNCIL, TRUST)
                .with("specialCategoryData", "yes")
                .page(1, 100));
    assertThat(two.items())
        .allSatisfy(
            h -> {
              assertThat(h.dataset().publisher()).isIn(COUNCIL, TRUST);
              assertThat(h.dataset().specialCategoryData()).isTrue();
            });
    assertThat(two.total())
        .isEqualTo(
            care.items().stream()
                .filter(h -> Set.of(COUNCIL, TRUST).contains(h.dataset().publisher()))
                .filter(h -> Boolean.TRUE.equals(h.dataset().specialCategoryData()))
                .count());
    assertThat(two.facets().get("publisher").stream().filter(SearchResult.FacetValue::selected))
        .extracting(SearchResult.FacetValue::label)
        .containsExactlyInAnyOrder("Northshire County Council", "Northshire NHS Foundation Trust");
  }

  @Test
  void sectorFacet_comesFromThePublisher() {
    SearchResult police =
        run(auditor(), SearchRequest.of("").with("sector", "police").page(1, 100));
    assertThat(police.items())
        .isNotEmpty()
        .allSatisfy(h -> assertThat(h.dataset().publisher()).isEqualTo(POLICE));
  }

  @Test
  void paging_returnsEachDatasetOnce() {
    List<String> seen = new java.util.ArrayList<>();
    for (int page = 1; page <= 5; page++) {
      seen.addAll(ids(run(partner(ICB), SearchRequest.of("").page(page, 10))));
    }
    assertThat(seen).hasSize(44).doesNotHaveDuplicates();
    assertThat(run(partner(ICB), SearchRequest.of("").page(9, 10)).items()).isEmpty();
  }

  @Test
  void badRequests_areInvalid_namingTheParameter() {
    assertInvalid(SearchRequest.of("title:(care"), "q");
    assertInvalid(SearchRequest.of("\"unbalanced"), "q");
    assertInvalid(SearchRequest.of("*care"), "q");
    assertInvalid(SearchRequest.of("x".repeat(501)), "q");
    assertInvalid(SearchRequest.of("").with("colour", "blue"), "colour");
    assertInvalid(SearchRequest.of("").with("theme", "no-such-theme"), "theme");
    assertInvalid(SearchRequest.of("").with("publisher", "nobody"), "publisher");
    assertInvalid(SearchRequest.of("").with("specialCategoryData", "maybe"), "specialCategoryData");
    assertInvalid(SearchRequest.of("").page(0, 10), "page");
    assertInvalid(SearchRequest.of("").page(1, 1000), "size");
    assertInvalid(SearchRequest.of("").page(2000, 100), "page");
  }

  @Test
  void fuzzySearchOf400CjkCharacters_isInvalid_notAnError() {
    assertInvalid(SearchRequest.of("漢".repeat(400) + "~2"), "q");
    Result<SearchResult> r = search.search(auditor(), SearchRequest.of("漢".repeat(300) + "~2"));
    assertThat(r.failure()).isEqualTo(Result.Failure.INVALID);
    assertThat(r.violations().get(0).message()).contains("at most 50 characters");
  }

  @Test
  void expandingTerms_areLimited_inLengthNumberAndNesting() {
    assertInvalid(SearchRequest.of("a".repeat(60) + "*"), "q");
    assertInvalid(SearchRequest.of("/" + "a".repeat(55) + ".*/"), "q");
    String eleven =
        String.join(
            " OR ",
            java.util.stream.IntStream.range(0, 11).mapToObj(i -> "car" + i + "~1").toList());
    assertInvalid(SearchRequest.of(eleven), "q");
    assertInvalid(SearchRequest.of("(".repeat(20) + "care" + ")".repeat(20)), "q");
    assertInvalid(SearchRequest.of("(".repeat(250) + "care" + ")".repeat(250)), "q");
    // within the limits fuzzy and wildcard terms still find what they should
    // Lucene allows at most two edits: ~3 is read as ~2
    assertThat(run(auditor(), SearchRequest.of("helth~3")).total()).isPositive();
    assertThat(ids(run(auditor(), SearchRequest.of("helth~1")))).isNotEmpty();
    assertThat(ids(run(auditor(), SearchRequest.of("disch*"))))
        .contains("medically-optimised-for-discharge");
    assertThat(run(auditor(), SearchRequest.of("((mental AND health))")).total()).isPositive();
  }

  void assertInvalid(SearchRequest r, String field) {
    Result<SearchResult> result = search.search(auditor(), r);
    assertThat(result.failure()).as(r.toString()).isEqualTo(Result.Failure.INVALID);
    assertThat(result.violations()).extracting(Violation::field).contains(field);
  }

  @Test
  void index_followsCatalogueWrites() {
    Dataset d =
        new Dataset(
            "zebrafish-observations",
            TRUST,
            "Zebrafish observations",
            "Observed zebrafish in the hospital pond.",
            List.of("environment"),
            List.of("ponds"),
            List.of(),
            List.of(),
            false,
            false,
            List.of("Observation date"),
            true,
            List.of("open"),
            List.of());
    t.registry.catalog().create(dpo(TRUST), d).orElseThrow();
    assertThat(ids(run(partner(ICB), SearchRequest.of("zebrafish"))))
        .containsExactly("zebrafish-observations");

    Dataset hidden =
        new Dataset(
            d.id(),
            d.publisher(),
            d.title(),
            d.description(),
            d.themes(),
            d.keywords(),
            d.personalDataCategories(),
            d.dataSubjectCategories(),
            false,
            false,
            d.dataItems(),
            false,
            d.sharingConditions(),
            d.requiredAssurance());
    t.registry.catalog().update(dpo(TRUST), hidden).orElseThrow();
    assertThat(run(partner(ICB), SearchRequest.of("zebrafish")).total()).isZero();
    assertThat(run(partner(TRUST), SearchRequest.of("zebrafish")).total()).isEqualTo(1);

    var in = getClass().getResourceAsStream("/import/valid.ttl");
    t.registry.catalogImport().importFile(TestRegistry.admin(), in, Lang.TURTLE).orElseThrow();
    assertThat(ids(run(partner(ICB), SearchRequest.of("winter beds"))))
        .contains("winter-pressures-bed-state");
    assertThat(search.indexed()).isEqualTo(50);
  }

  @Test
  void index_staysCaughtUp_afterConcurrentWrites_soSearchesNeedNoReconcile() throws Exception {
    // concurrent writes share commits and tell the index in any order; none of them may leave it
    // believing it missed a write (which would make the next search re-read the whole catalogue)
    var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
    List<java.util.concurrent.Future<?>> writes = new java.util.ArrayList<>();
    for (int i = 0; i < 24; i++) {
      String id = "dsa-concurrent-" + i;
      writes.add(
          pool.submit(
              () ->
                  TestRegistry.draft(
                          t.registry.agreements(),
                          partner(TestRegistry.ICB),
                          java.util.Optional.of(id),
                          t.completeContent(List.of(TestRegistry.ICB, TRUST)))
                      .orElseThrow()));
    }
    for (var w : writes) {
      w.get();
    }
    pool.shutdown();

    assertThat(search.caughtUp()).isTrue();
  }

  @Test
  void index_followsAnAgreementImport_asOneObservedChange_soSearchesNeedNoReconcile() {
    // an import appends its whole history in one commit: the index is told of every event of it
    assertThat(search.caughtUp()).isTrue();
    long before = t.registry.auditTrail().head().size();

    var r =
        t.registry
            .agreementImport()
            .importHistory(
                TestRegistry.admin(),
                org.datasharing.registry.core.agreement.AgreementImportTest.file(
                    org.datasharing.registry.core.agreement.AgreementImportTest.copyOf(
                        "dsa-imported-followed")),
                "Northshire paper register, 2025");

    assertThat(r.ok()).as(r.message()).isTrue();
    assertThat(t.registry.auditTrail().head().size()).isGreaterThan(before + 1);
    assertThat(search.caughtUp()).isTrue();
  }

  @Test
  void index_isNotCaughtUp_afterAWriteItDidNotSee() {
    var other =
        new org.datasharing.registry.core.Registry(t.store, TestRegistry.BASE, t.clock, true);
    var in = getClass().getResourceAsStream("/import/valid.ttl");
    other.catalogImport().importFile(TestRegistry.admin(), in, Lang.TURTLE).orElseThrow();

    assertThat(search.caughtUp()).isFalse();
    run(partner(ICB), SearchRequest.of("winter"));
    assertThat(search.caughtUp()).isTrue();
  }

  @Test
  void index_catchesUp_withWritesItDidNotSee() {
    // a second registry over the same store stands for another instance on a shared remote store
    var other =
        new org.datasharing.registry.core.Registry(t.store, TestRegistry.BASE, t.clock, true);
    var in = getClass().getResourceAsStream("/import/valid.ttl");
    other.catalogImport().importFile(TestRegistry.admin(), in, Lang.TURTLE).orElseThrow();

    assertThat(ids(run(partner(ICB), SearchRequest.of("winter"))))
        .contains("winter-pressures-bed-state");
  }

  @Test
  void onDiskIndex_isReconciledOnStart_andRebuiltOnDemand() {
    Path folder = dir.resolve("search");
    var first =
        new org.datasharing.registry.core.Registry(
            t.store, TestRegistry.BASE, t.clock, true, Optional.of(folder));
    assertThat(first.search().indexed()).isEqualTo(48);
    first.search().close();

    var in = getClass().getResourceAsStream("/import/valid.ttl");
    t.registry.catalogImport().importFile(TestRegistry.admin(), in, Lang.TURTLE).orElseThrow();

    var second =
        new org.datasharing.registry.core.Registry(
            t.store, TestRegistry.BASE, t.clock, true, Optional.of(folder));
    assertThat(second.search().reconcile()).isEqualTo(new CatalogSearch.Report(49, 0, 0, 0));
    assertThat(second.search().rebuild(partner(ICB)).failure()).isEqualTo(Result.Failure.FORBIDDEN);
    assertThat(second.search().rebuild(TestRegistry.admin()).orElseThrow())
        .isEqualTo(new CatalogSearch.Report(49, 49, 0, 0));
    second.search().close();
  }
}
