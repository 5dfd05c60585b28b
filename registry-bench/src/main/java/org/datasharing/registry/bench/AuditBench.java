package org.datasharing.registry.bench;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.system.Txn;
import org.datasharing.registry.core.Registry;
import org.datasharing.registry.core.audit.AuditTrail;
import org.datasharing.registry.core.audit.UnverifiedEvents;
import org.datasharing.registry.core.store.TdbRegistryStore;
import org.datasharing.registry.ontology.vocab.Graphs;

/**
 * The generated audit log of the tier's size, bulk-loaded into a registry store: the auditors'
 * query pack before and after verification, clearing the unverified marks, a full verification, the
 * proofs ({@link ProofBench}), and two audit questions asked over the registry's layout and over a
 * naive PROV-O layout.
 */
final class AuditBench {
  private final Results results;
  private final Tier tier;

  AuditBench(Results results, Tier tier) {
    this.results = results;
    this.tier = tier;
  }

  void run(Path dir, QueryPackBench pack) throws Exception {
    Path file = dir.resolve("audit.nq");
    Generator.auditLog(file, tier.auditEvents(), 42);
    Path location = dir.resolve("audit-db");
    Stores.loadInto(location, file);

    TdbRegistryStore store = TdbRegistryStore.open(location);
    try {
      Registry registry = new Registry(store, Generator.BASE, Clock.systemUTC(), false);
      AuditTrail trail = registry.auditTrail();
      // the structural checks before any verification: every event is still marked unverified,
      // so this is the whole-log sweep (the verification below clears the marks)
      pack.measure(
          "audit-log store, not yet verified",
          store,
          registry.ids(),
          true,
          "audit-events-failing-checks"::equals,
          " [log not yet verified]");
      // as after a verification of all but the last 1,000 events: the checks cost what is new
      long size = store.logHead().size();
      long c0 = System.nanoTime();
      long cleared = new UnverifiedEvents(store).clear(Math.max(0, size - 1000));
      double clearSeconds = (System.nanoTime() - c0) / 1e9;
      results.add(
          Results.single(
              "unverified marks cleared (s)",
              tier.name(),
              clearSeconds,
              "s",
              cleared + " marks, in commits of 20,000, as after an intact verification"));
      pack.measure(
          "audit-log store, 1,000 events not yet verified",
          store,
          registry.ids(),
          true,
          "audit-events-failing-checks"::equals,
          " [1,000 events not yet verified]");
      AtomicReference<Duration> recomputed = new AtomicReference<>();
      trail.onVerified((result, took) -> recomputed.set(took));
      long t0 = System.nanoTime();
      AuditTrail.Verification v = trail.verify();
      // the recomputation alone; the marks it then clears are timed above
      double verifySeconds =
          recomputed.get() == null
              ? (System.nanoTime() - t0) / 1e9
              : recomputed.get().toNanos() / 1e9;
      if (!v.intact()) {
        throw new IllegalStateException(
            "generated log does not verify: " + v.findings().stream().limit(3).toList());
      }
      results.add(
          Results.single(
              "audit verify (s)",
              tier.name(),
              verifySeconds,
              "s",
              v.treeSize()
                  + " events, every leaf and tree head recomputed (marks cleared after it: not"
                  + " in this figure)"));

      new ProofBench(results, tier).run(dir, trail);
      pack.measure("audit-log store", store, registry.ids(), true);

      DatasetGraph db = store.datasetGraph();
      String month = "2025-03";
      queryPair(
          db,
          "events per agent in a month",
          "PREFIX dsr: <https://w3id.org/dsr#> PREFIX prov: <http://www.w3.org/ns/prov#> "
              + "SELECT ?agent (COUNT(?e) AS ?n) WHERE { GRAPH <"
              + Graphs.AUDIT
              + "> { ?e dsr:month \""
              + month
              + "\"^^<http://www.w3.org/2001/XMLSchema#gYearMonth> ; prov:wasAssociatedWith ?agent } } GROUP BY ?agent",
          "PREFIX dsr: <https://w3id.org/dsr#> PREFIX prov: <http://www.w3.org/ns/prov#> PREFIX xsd: <http://www.w3.org/2001/XMLSchema#> "
              + "SELECT ?agent (COUNT(?e) AS ?n) WHERE { GRAPH <"
              + Graphs.AUDIT
              + "> { ?e a dsr:AuditEvent ; prov:wasAssociatedWith ?agent ;"
              + " prov:endedAtTime ?t FILTER(?t >= \"2025-03-01T00:00:00Z\"^^xsd:dateTime && ?t < \"2025-04-01T00:00:00Z\"^^xsd:dateTime) } } GROUP BY ?agent");
      queryPair(
          db,
          "events in a 24-hour window",
          "PREFIX dsr: <https://w3id.org/dsr#> SELECT (COUNT(?e) AS ?n) WHERE { GRAPH <"
              + Graphs.AUDIT
              + "> { ?e dsr:day \"2025-02-10\"^^<http://www.w3.org/2001/XMLSchema#date> } }",
          "PREFIX dsr: <https://w3id.org/dsr#> PREFIX prov: <http://www.w3.org/ns/prov#> PREFIX xsd: <http://www.w3.org/2001/XMLSchema#> "
              + "SELECT (COUNT(?e) AS ?n) WHERE { GRAPH <"
              + Graphs.AUDIT
              + "> { ?e a dsr:AuditEvent ; prov:endedAtTime ?t "
              + "FILTER(?t >= \"2025-02-10T00:00:00Z\"^^xsd:dateTime && ?t < \"2025-02-11T00:00:00Z\"^^xsd:dateTime) } }");
    } finally {
      store.close();
    }
  }

  /** The same question, asked over the registry's layout and over a naive PROV-O layout. */
  private void queryPair(DatasetGraph dsg, String name, String registryQuery, String bareQuery) {
    Query rq = QueryFactory.create(registryQuery);
    Query bq = QueryFactory.create(bareQuery);
    long[] reg = new long[tier.queryRuns()];
    long[] bare = new long[tier.queryRuns()];
    String regAnswer = null;
    String bareAnswer = null;
    for (int i = 0; i < tier.queryRuns(); i++) {
      long s = System.nanoTime();
      regAnswer = answer(dsg, rq);
      reg[i] = System.nanoTime() - s;
      s = System.nanoTime();
      bareAnswer = answer(dsg, bq);
      bare[i] = System.nanoTime() - s;
    }
    if (!regAnswer.equals(bareAnswer)) {
      throw new IllegalStateException(
          name + ": the two layouts disagree: " + regAnswer + " vs " + bareAnswer);
    }
    results.add(
        Results.latencies(
            "audit query p95: " + name,
            tier.name(),
            reg,
            bare,
            "bare: FILTER on prov:endedAtTime; same answer checked"));
  }

  private static String answer(DatasetGraph dsg, Query q) {
    return Txn.calculateRead(
        dsg,
        () -> {
          try (QueryExec qe = QueryExec.dataset(dsg).query(q).build()) {
            List<String> rows = new ArrayList<>();
            qe.select().forEachRemaining(b -> rows.add(b.toString()));
            rows.sort(Comparator.naturalOrder());
            return String.join(";", rows);
          }
        });
  }
}
