package org.datasharing.registry.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.datasharing.registry.core.support.TestRegistry.COUNCIL;
import static org.datasharing.registry.core.support.TestRegistry.ICB;
import static org.datasharing.registry.core.support.TestRegistry.TRUST;
import static org.datasharing.registry.core.support.TestRegistry.dpo;
import static org.datasharing.registry.core.support.TestRegistry.partner;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.core.Quad;
import org.datasharing.registry.core.agreement.AgreementContent;
import org.datasharing.registry.core.agreement.AgreementService.Outcome;
import org.datasharing.registry.core.search.SearchRequest;
import org.datasharing.registry.core.support.FaultyStore;
import org.datasharing.registry.core.support.FaultyStore.Point;
import org.datasharing.registry.core.support.TestRegistry;
import org.datasharing.registry.ontology.vocab.Graphs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Faults injected into every operation of the store port, in the style of SQLite's I/O-error tests:
 * each fails as {@link StoreUnavailable}, leaves the store as it was (or, when only the
 * acknowledgement was lost, with the whole change and its audit event), the audit log verifies, and
 * the next call works. Runs against every store implementation.
 */
abstract class StoreFaultsContract {
  static final boolean EVERY_READ = Boolean.getBoolean("faults.everyRead");

  FaultyStore faulty;
  TestRegistry t;

  /** A fresh store with nothing in it. */
  abstract RegistryStore createStore() throws Exception;

  void destroyStore() throws Exception {}

  TestRegistry open() throws Exception {
    faulty = new FaultyStore(createStore());
    t = new TestRegistry(faulty);
    return t;
  }

  @AfterEach
  void close() throws Exception {
    if (t != null) {
      t.close();
    }
    destroyStore();
  }

  @Test
  void everyOperationOfThePort_failsAsStoreUnavailable_andTheNextCallWorks() throws Exception {
    open();
    RegistryStore typed = StoreFailures.of(faulty);
    var ask = QueryFactory.create("ASK { GRAPH ?g { ?s ?p ?o } }");
    var select = QueryFactory.create("SELECT * { GRAPH ?g { ?s ?p ?o } } LIMIT 1");
    var construct = QueryFactory.create("CONSTRUCT { ?s ?p ?o } { GRAPH ?g { ?s ?p ?o } } LIMIT 1");
    Map<String, Consumer<RegistryStore>> reads = new LinkedHashMap<>();
    reads.put("graph", s -> s.graph(Graphs.CATALOG_NODE));
    reads.put("graphs", s -> s.graphs(Set.of(Graphs.CATALOG_NODE)));
    reads.put("select", s -> s.select(select));
    reads.put("construct", s -> s.construct(construct));
    reads.put("ask", s -> s.ask(ask));
    reads.put("graphNames", RegistryStore::graphNames);
    reads.put("logHead", RegistryStore::logHead);
    reads.put("sizeOnDisk", RegistryStore::sizeOnDisk);
    reads.put(
        "queryDataset",
        s ->
            s.queryDataset(
                System.nanoTime() + 10_000_000_000L, stop -> {}, d -> d.find().hasNext()));
    for (var read : reads.entrySet()) {
      faulty.arm(Point.READ, 1);
      assertThatThrownBy(() -> read.getValue().accept(typed))
          .as(read.getKey())
          .isInstanceOf(StoreUnavailable.class)
          .hasMessageContaining(read.getKey());
      read.getValue().accept(typed);
    }
    faulty.arm(Point.COMPACT, 1);
    assertThatThrownBy(typed::compact).isInstanceOf(StoreUnavailable.class);
    assertThat(faulty.fired()).isTrue();

    DatasetGraph bulk = DatasetGraphFactory.createTxnMem();
    var g = org.apache.jena.graph.NodeFactory.createURI("http://localhost:8080/id/bulk");
    for (int i = 0; i < 10; i++) {
      bulk.add(Quad.create(g, g, g, org.apache.jena.graph.NodeFactory.createLiteralString("" + i)));
    }
    Snapshot before = snapshot();
    faulty.arm(Point.BULK_WRITE, 1);
    assertThatThrownBy(() -> typed.replaceGraphs(bulk)).isInstanceOf(StoreUnavailable.class);
    assertThat(faulty.fired()).isTrue();
    assertThat(snapshot()).isEqualTo(before);
    typed.replaceGraphs(bulk);
    assertThat(faulty.delegate().graph(g).size()).isEqualTo(10);
  }

  @Test
  void theSparqlEndpoint_answersUnavailable_whenTheStoreFails_andTheNextQueryWorks()
      throws Exception {
    open();
    var sparql =
        new org.datasharing.registry.core.sparql.SparqlService(
            faulty, t.registry.ids(), org.datasharing.registry.core.sparql.SparqlLimits.DEFAULTS);
    var request =
        org.datasharing.registry.core.sparql.SparqlRequest.of(
            "SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } }");

    faulty.arm(Point.READ, 1);
    var failed = sparql.execute(TestRegistry.auditor(), request);

    assertThat(faulty.fired()).isTrue();
    assertThat(failed.ok()).isFalse();
    assertThat(failed.problem().kind())
        .isEqualTo(org.datasharing.registry.core.sparql.SparqlProblem.Kind.UNAVAILABLE);
    assertThat(sparql.execute(TestRegistry.auditor(), request).ok()).isTrue();
  }

  @Test
  void aFailedCommit_writesNothing_andALostAcknowledgement_keepsTheWholeChange() throws Exception {
    open();
    AgreementContent content = t.completeContent(List.of(ICB, COUNCIL, TRUST));
    for (Point point : List.of(Point.BEFORE_COMMIT, Point.DURING_WRITE)) {
      Snapshot before = snapshot();
      faulty.arm(point, 1);
      assertThatThrownBy(
              () ->
                  TestRegistry.draft(
                      t.registry.agreements(), partner(ICB), Optional.of("dsa-f"), content))
          .as(point.name())
          .isInstanceOf(StoreUnavailable.class);
      assertThat(faulty.fired()).isTrue();
      assertThat(snapshot()).as(point.name()).isEqualTo(before);
      assertThat(t.registry.auditTrail().verify().intact()).isTrue();
    }
    long size = faulty.delegate().logHead().size();
    faulty.arm(Point.AFTER_COMMIT, 1);
    assertThatThrownBy(
            () ->
                TestRegistry.draft(
                    t.registry.agreements(), partner(ICB), Optional.of("dsa-f"), content))
        .isInstanceOf(StoreUnavailable.class);
    assertThat(faulty.delegate().logHead().size()).isEqualTo(size + 1);
    assertThat(t.registry.auditTrail().verify().intact()).isTrue();
    assertThat(t.registry.agreements().get(partner(ICB), "dsa-f").ok()).isTrue();
  }

  /**
   * A workload of service calls. Each step first meets a failed commit and a failed write, then a
   * failed first, second, ... read, until it completes once without a fault.
   */
  @Test
  void everyFaultPoint_inAWorkload_failsCleanly_andTheRetryCompletes() throws Exception {
    open();
    String id = "dsa-faults";
    AgreementContent content = t.completeContent(List.of(ICB, COUNCIL, TRUST));
    var a = t.registry.agreements();
    Map<String, Runnable> steps = new LinkedHashMap<>();
    // each a step of its own: a failed one changes nothing, and its retry completes it
    steps.put(
        "draft",
        () ->
            a.createDraft(
                    partner(ICB),
                    Optional.of(id),
                    content.withAnswersFrom(AgreementContent.NONE, o -> !o.equals(ICB)))
                .orElseThrow());
    for (String org : List.of(COUNCIL, TRUST)) {
      steps.put(
          org + " answers for itself",
          () ->
              a.updateDraft(
                      dpo(org),
                      id,
                      a.get(dpo(org), id)
                          .orElseThrow()
                          .content()
                          .withAnswersFrom(content, org::equals))
                  .orElseThrow());
    }
    steps.put("submit", () -> a.submit(partner(ICB), id).orElseThrow());
    for (String org : List.of(ICB, COUNCIL, TRUST)) {
      steps.put(
          "approve " + org,
          () ->
              TestRegistry.decide(a, dpo(org), id, 1, Outcome.APPROVE, Optional.empty())
                  .orElseThrow());
    }
    steps.put(
        "import",
        () -> {
          InputStream in = getClass().getResourceAsStream("/import/valid.ttl");
          t.registry
              .catalogImport()
              .importFile(TestRegistry.admin(), in, Lang.TURTLE)
              .orElseThrow();
        });
    steps.put(
        "search",
        () -> t.registry.search().search(partner(ICB), SearchRequest.of("health")).orElseThrow());
    steps.put("verify", () -> assertThat(t.registry.auditTrail().verify().intact()).isTrue());
    int faults = 0;
    for (var step : steps.entrySet()) {
      List<Point> points = new ArrayList<>(List.of(Point.BEFORE_COMMIT, Point.DURING_WRITE));
      Snapshot before = snapshot();
      int read = 0;
      for (int attempt = 0; ; attempt++) {
        Point point = attempt < points.size() ? points.get(attempt) : Point.READ;
        if (point == Point.READ) {
          // every read with -Dfaults.everyRead=true; in CI a sample (each step still ends with a
          // run no fault reaches)
          read = EVERY_READ ? read + 1 : nextRead(read);
        }
        int k = point == Point.READ ? read : 1;
        String what = step.getKey() + ", fault " + point + " #" + k;
        assertThat(attempt).as(what).isLessThan(500);
        faulty.arm(point, k);
        RuntimeException failed = null;
        try {
          step.getValue().run();
        } catch (RuntimeException e) {
          failed = e;
        }
        boolean fired = faulty.fired();
        faulty.disarm();
        if (!fired || failed == null) {
          // not reached, or reached by a listener after the commit (the search index, which
          // catches up from the store): the step completed
          assertThat(failed).as(what + " not reached").isNull();
          if (point == Point.READ || fired) {
            break;
          }
          before = snapshot(); // a step that does not write: its commit faults are not reached
          continue;
        }
        faults++;
        assertThat(failed).as(what).isInstanceOf(StoreUnavailable.class);
        Snapshot after = snapshot();
        if (!after.equals(before)) {
          // only a read after the commit (the service reading back what it wrote) can fail once
          // the change has landed, and then the whole change with its audit event is there
          assertThat(point).as(what + " changed the store").isEqualTo(Point.READ);
          assertThat(after.logSize()).as(what).isGreaterThan(before.logSize());
          assertThat(t.registry.auditTrail().verify().intact()).as(what).isTrue();
          break;
        }
      }
    }
    assertThat(t.registry.auditTrail().verify().intact()).isTrue();
    assertThat(a.get(TestRegistry.auditor(), id).orElseThrow().status().name())
        .isEqualTo("APPROVED");
    System.out.printf(
        "%s: %d faults injected in the workload%n", getClass().getSimpleName(), faults);
    assertThat(faults).isGreaterThan(15);
  }

  /** The read to fail after the given one, in CI: the 1st to 6th, then every quarter further. */
  int nextRead(int read) {
    return read < 6 ? read + 1 : read + read / 4;
  }

  /** Everything in the store except blank nodes' labels, and the log's size. */
  record Snapshot(long quads, Set<String> named, long logSize) {}

  Snapshot snapshot() {
    RegistryStore raw = faulty.delegate();
    DatasetGraph all = raw.graphs(raw.graphNames());
    Set<String> named = new TreeSet<>();
    List<Quad> quads = new ArrayList<>();
    all.find().forEachRemaining(quads::add);
    for (Quad q : quads) {
      if (!q.getSubject().isBlank() && !q.getObject().isBlank()) {
        named.add(q.toString());
      }
    }
    return new Snapshot(quads.size(), named, raw.logHead().size());
  }
}
