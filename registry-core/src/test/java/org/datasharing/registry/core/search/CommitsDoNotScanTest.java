package org.datasharing.registry.core.search;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.datasharing.registry.core.support.TestRegistry.COUNCIL;
import static org.datasharing.registry.core.support.TestRegistry.ICB;
import static org.datasharing.registry.core.support.TestRegistry.TRUST;
import static org.datasharing.registry.core.support.TestRegistry.auditor;
import static org.datasharing.registry.core.support.TestRegistry.dpo;
import static org.datasharing.registry.core.support.TestRegistry.partner;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.query.Query;
import org.apache.jena.riot.Lang;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.engine.binding.Binding;
import org.datasharing.registry.core.catalog.Dataset;
import org.datasharing.registry.core.store.ForwardingStore;
import org.datasharing.registry.core.store.RegistryStore;
import org.datasharing.registry.core.store.TdbRegistryStore;
import org.datasharing.registry.core.support.TestRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The search index follows a commit by what the change says it touched: a commit outside the
 * catalogue reads nothing from the store, a dataset edit or an import re-indexes exactly its own
 * datasets, and the index stays caught up with the log either way.
 */
class CommitsDoNotScanTest {
  @TempDir Path dir;
  TestRegistry t;
  CountingStore counting;
  CatalogSearch search;

  /** Counts the store reads the search listener makes while it follows a commit. */
  static final class CountingStore extends ForwardingStore {
    final AtomicInteger listenerReads = new AtomicInteger();

    CountingStore(RegistryStore delegate) {
      super(delegate);
    }

    private void count() {
      boolean inListener =
          StackWalker.getInstance()
              .walk(
                  frames ->
                      frames.anyMatch(
                          f ->
                              f.getClassName().equals(CatalogSearch.class.getName())
                                  && f.getMethodName().equals("committed")));
      if (inListener) {
        listenerReads.incrementAndGet();
      }
    }

    @Override
    public Graph graph(Node graphName) {
      count();
      return super.graph(graphName);
    }

    @Override
    public DatasetGraph graphs(Set<Node> graphNames) {
      count();
      return super.graphs(graphNames);
    }

    @Override
    public List<Binding> select(Query query) {
      count();
      return super.select(query);
    }

    @Override
    public Graph construct(Query query) {
      count();
      return super.construct(query);
    }

    @Override
    public boolean ask(Query query) {
      count();
      return super.ask(query);
    }
  }

  @BeforeEach
  void setUp() {
    counting = new CountingStore(TdbRegistryStore.open(dir.resolve("tdb")));
    t = new TestRegistry(counting);
    search = t.registry.search();
  }

  @AfterEach
  void tearDown() {
    t.close();
  }

  @Test
  void agreementCommit_readsNoDatasetQuads_andReindexesNothing_butStaysCaughtUp() {
    search.lastReindexed = Set.of();
    int before = counting.listenerReads.get();

    TestRegistry.draft(
            t.registry.agreements(),
            partner(ICB),
            Optional.of("dsa-no-scan"),
            t.completeContent(List.of(ICB, COUNCIL)))
        .orElseThrow();
    t.registry.agreements().submit(partner(ICB), "dsa-no-scan").orElseThrow();

    assertThat(counting.listenerReads.get()).isEqualTo(before);
    assertThat(search.lastReindexed).isEmpty();
    assertThat(search.caughtUp()).isTrue();
  }

  @Test
  void datasetCreateAndEdit_reindexExactlyThatDataset() {
    t.registry.catalog().create(dpo(TRUST), dataset("zebrafish-observations")).orElseThrow();
    assertThat(search.lastReindexed).containsExactly("zebrafish-observations");

    Dataset edited = t.registry.catalog().get(auditor(), "zebrafish-observations").orElseThrow();
    t.registry
        .catalog()
        .update(dpo(TRUST), withTitle(edited, "Axolotl observations"))
        .orElseThrow();
    assertThat(search.lastReindexed).containsExactly("zebrafish-observations");
    assertThat(search.caughtUp()).isTrue();
    assertThat(
            search.search(auditor(), SearchRequest.of("axolotl")).orElseThrow().items().stream()
                .map(h -> h.dataset().id()))
        .containsExactly("zebrafish-observations");
  }

  @Test
  void import_reindexesExactlyItsDatasets() {
    String body =
        PREFIXES
            + importedDataset("bed-state-north", TRUST)
            + importedDataset("bed-state-south", TRUST);
    t.registry
        .catalogImport()
        .importFile(dpo(TRUST), new ByteArrayInputStream(body.getBytes(UTF_8)), Lang.TURTLE)
        .orElseThrow();

    assertThat(search.lastReindexed)
        .containsExactlyInAnyOrder("bed-state-north", "bed-state-south");
    assertThat(search.caughtUp()).isTrue();
    assertThat(
            search.search(auditor(), SearchRequest.of("escalation")).orElseThrow().items().stream()
                .map(h -> h.dataset().id()))
        .contains("bed-state-north", "bed-state-south");
  }

  @Test
  void bookkeepingCommitWithoutAnEvent_leavesTheIndexCaughtUp() {
    long size = t.registry.store().logHead().size();
    search.search(auditor(), SearchRequest.of("")).orElseThrow();
    assertThat(search.caughtUp()).isTrue();

    // an intact verification clears the unverified marks in a commit that appends no event
    assertThat(t.registry.auditTrail().verify().intact()).isTrue();

    assertThat(t.registry.store().logHead().size()).isEqualTo(size);
    assertThat(search.caughtUp()).isTrue();
  }

  static Dataset withTitle(Dataset d, String title) {
    return new Dataset(
        d.id(),
        d.publisher(),
        title,
        d.description(),
        d.themes(),
        d.keywords(),
        d.personalDataCategories(),
        d.dataSubjectCategories(),
        d.specialCategoryData(),
        d.criminalOffenceData(),
        d.dataItems(),
        d.discoverable(),
        d.sharingConditions(),
        d.requiredAssurance());
  }

  static Dataset dataset(String id) {
    return SearchFollowsOtherInstancesTest.dataset(id);
  }

  static final String PREFIXES =
      """
      @prefix dsr:  <https://w3id.org/dsr#> .
      @prefix dct:  <http://purl.org/dc/terms/> .
      @prefix dcat: <http://www.w3.org/ns/dcat#> .
      """;

  static String importedDataset(String id, String org) {
    return """
        <http://localhost:8080/id/dataset/%s>
            a dcat:Dataset ;
            dct:identifier "%s" ;
            dct:title "Winter pressures bed state"@en ;
            dct:description "Daily counts of occupied, free and escalation beds."@en ;
            dct:publisher <http://localhost:8080/id/organisation/%s> ;
            dcat:theme <https://w3id.org/dsr/ref/theme/health-and-care> ;
            dcat:keyword "beds"@en ;
            dsr:personalDataCategory <https://w3id.org/dsr/ref/data-category/health> ;
            dsr:dataSubjectCategory <https://w3id.org/dsr/ref/data-subject/patients> ;
            dsr:specialCategoryData true ;
            dsr:criminalOffenceData false ;
            dsr:dataItem "Site" ;
            dsr:sharingCondition <https://w3id.org/dsr/ref/sharing-condition/aggregate-only> ;
            dsr:discoverable true .
        """
        .formatted(id, id, org);
  }
}
