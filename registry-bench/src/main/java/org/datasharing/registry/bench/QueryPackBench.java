package org.datasharing.registry.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.datasharing.registry.core.common.Actor;
import org.datasharing.registry.core.common.Ids;
import org.datasharing.registry.core.sparql.QueryPack;
import org.datasharing.registry.core.sparql.SparqlLimits;
import org.datasharing.registry.core.sparql.SparqlOutcome;
import org.datasharing.registry.core.sparql.SparqlRequest;
import org.datasharing.registry.core.sparql.SparqlResponse;
import org.datasharing.registry.core.sparql.SparqlService;
import org.datasharing.registry.core.store.TdbRegistryStore;

/**
 * Every query of the auditors' pack (what {@code /api/audit/queries} lists) through {@code
 * SparqlService.execute}, the core call the {@code /sparql} controller makes for an auditor: parse,
 * access policy, ARQ with the default timeout and result cap, and SPARQL JSON results. HTTP and the
 * JWT filter are not in the measurement. Each query runs over two stores: the registry's after the
 * decision benchmark (catalogue, agreements, their decisions and events, with today's default
 * parameters) and the generated audit log (parameters moved into its period).
 */
final class QueryPackBench {
  private static final String JSON = "application/sparql-results+json";

  /** Parameters that place the period queries inside the generated log (2025 onwards). */
  private static final Map<String, List<Node>> AUDIT_LOG_PERIOD =
      Map.of(
          "month",
          List.of(NodeFactory.createLiteralDT("2025-03", XSDDatatype.XSDgYearMonth)),
          "from",
          List.of(NodeFactory.createLiteralDT("2025-02-10T00:00:00Z", XSDDatatype.XSDdateTime)),
          "year",
          List.of(NodeFactory.createLiteralString("2025")));

  private final Results results;
  private final Tier tier;
  private final QueryPack pack = QueryPack.load();
  private final Map<String, List<String>> notes = new LinkedHashMap<>();
  private final Map<String, Double> worstP95 = new LinkedHashMap<>();
  private final Map<String, long[]> latencies = new LinkedHashMap<>();

  QueryPackBench(Results results, Tier tier) {
    this.results = results;
    this.tier = tier;
  }

  /** Runs the pack over one store; {@code auditLogPeriod} moves the period parameters. */
  void measure(String label, TdbRegistryStore store, Ids ids, boolean auditLogPeriod) {
    measure(label, store, ids, auditLogPeriod, name -> true, "");
  }

  /**
   * Runs the named queries of the pack over one store; their rows are kept apart from the full
   * runs' when {@code suffix} is not empty (e.g. a log not yet verified).
   */
  void measure(
      String label,
      TdbRegistryStore store,
      Ids ids,
      boolean auditLogPeriod,
      java.util.function.Predicate<String> names,
      String suffix) {
    SparqlService sparql = new SparqlService(store, ids, SparqlLimits.DEFAULTS);
    Actor auditor = BenchActors.auditor(); // an auditor with no organisation
    int runs = Math.max(3, tier.queryRuns() / 2);
    for (QueryPack.Entry e : pack.entries()) {
      if (!names.test(e.name())) {
        continue;
      }
      String key = e.name() + suffix;
      Map<String, List<Node>> values = new LinkedHashMap<>();
      if (auditLogPeriod) {
        e.parameters().stream()
            .map(QueryPack.Parameter::name)
            .filter(AUDIT_LOG_PERIOD::containsKey)
            .forEach(p -> values.put(p, AUDIT_LOG_PERIOD.get(p)));
      }
      SparqlRequest request =
          new SparqlRequest(
              pack.query(e.name(), values).serialize(), List.of(), List.of(), List.of(JSON));
      long warm = System.nanoTime();
      SparqlOutcome<SparqlResponse> first = sparql.execute(auditor, request);
      warm = System.nanoTime() - warm;
      // a query that failed (timeout, result cap) would fail the same way every run
      long[] lat = first.ok() ? new long[runs] : new long[] {warm};
      for (int i = 0; first.ok() && i < runs; i++) {
        long s = System.nanoTime();
        sparql.execute(auditor, request);
        lat[i] = System.nanoTime() - s;
      }
      double p95 = Results.percentile(lat, 95);
      worstP95.merge(key, p95, Math::max);
      latencies.merge(key, lat, QueryPackBench::concat);
      notes
          .computeIfAbsent(key, k -> new ArrayList<>())
          .add(
              label
                  + " p95 "
                  + String.format(java.util.Locale.ROOT, "%.1f", p95)
                  + " ms, "
                  + (first.ok()
                      ? first.value().results() + " results"
                      : "failed: " + first.problem().kind()));
    }
  }

  /** One row per query: the worse of the two stores' p95. */
  void report() {
    for (var e : worstP95.entrySet()) {
      long[] lat = latencies.get(e.getKey());
      results.add(
          new Results.Row(
              "pack p95: " + e.getKey() + " (ms)",
              tier.name(),
              e.getValue(),
              Double.NaN,
              "ms",
              Double.NaN,
              Results.percentile(lat, 50),
              e.getValue(),
              Results.percentile(lat, 99),
              Results.heapMb(),
              Results.rssMb(),
              "via SparqlService.execute (the /sparql core call), auditor; "
                  + String.join("; ", notes.get(e.getKey()))));
    }
  }

  private static long[] concat(long[] a, long[] b) {
    long[] c = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }
}
