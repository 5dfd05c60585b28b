package org.datasharing.registry.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.jena.graph.Node;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.text.EntityDefinition;
import org.apache.jena.query.text.TextDatasetFactory;
import org.apache.jena.query.text.TextIndexConfig;
import org.apache.jena.query.text.TextIndexLucene;
import org.apache.jena.query.text.TextQueryFuncs;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.vocabulary.DCAT;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.store.FSDirectory;
import org.datasharing.registry.core.Registry;
import org.datasharing.registry.core.common.Actor;
import org.datasharing.registry.core.search.SearchRequest;
import org.datasharing.registry.core.search.SearchResult;
import org.datasharing.registry.ontology.vocab.Graphs;

/**
 * Dataset search: the registry's {@code CatalogSearch} (what {@code /api/datasets?q=&facets} calls:
 * exact total, a ranked page of 20 and exact counts for every facet) against bare jena-text over
 * the same catalogue in a bare TDB2 (the bulk-import arm's store) with a Lucene index: a {@code
 * text:query} for the ranked page, a {@code COUNT(DISTINCT)} for the total and one {@code GROUP BY}
 * over five facets. Jena-text returns at most 10,000 index hits unless the query names a limit, and
 * indexes one document per literal, so the bare totals are compared with the same query at an
 * explicit limit of 10,000,000 to show where they are truncated.
 */
final class SearchBench {
  private static final String PREFIXES =
      """
      PREFIX text: <http://jena.apache.org/text#>
      PREFIX dct: <http://purl.org/dc/terms/>
      PREFIX dcat: <http://www.w3.org/ns/dcat#>
      PREFIX dsr: <https://w3id.org/dsr#>
      """;

  /** One search as a user would send it; the bare arm's text query and facet filter mirror it. */
  private record Case(String q, Optional<String> theme) {}

  private static final List<Case> CASES =
      List.of(
          new Case("hospital", Optional.empty()),
          new Case("referrals", Optional.empty()),
          new Case("weekly", Optional.empty()),
          new Case("safeguarding", Optional.empty()),
          new Case("ambulance", Optional.empty()),
          new Case("hospital", Optional.of("health-and-care")));

  private final Results results;
  private final Tier tier;

  SearchBench(Results results, Tier tier) {
    this.results = results;
    this.tier = tier;
  }

  void run(Path dir, Registry registry) throws Exception {
    DatasetGraph tdb = DatabaseMgr.connectDatasetGraph(dir.resolve("bare-import").toString());
    TextIndexLucene index = buildTextIndex(tdb, dir.resolve("bare-text"));
    DatasetGraph bare = TextDatasetFactory.create(tdb, index, true);
    Actor auditor = BenchActors.auditor(); // sees every dataset, as the bare arm does
    try {
      int runs = Math.max(3, tier.queryRuns());
      long[] reg = new long[runs * CASES.size()];
      long[] bareLat = new long[runs * CASES.size()];
      List<String> truncated = new ArrayList<>();
      List<String> totals = new ArrayList<>();
      // the first search after the decision benchmark's concurrent commits and the compaction:
      // cold caches (and a catch-up, were the index to think it missed a write)
      long firstStart = System.nanoTime();
      registry.search().search(auditor, request(CASES.get(0))).orElseThrow();
      double firstMs = (System.nanoTime() - firstStart) / 1e6;
      int k = 0;
      for (Case c : CASES) {
        SearchRequest request = request(c);
        registry.search().search(auditor, request).orElseThrow(); // warm-up (and index catch-up)
        BareSearch plain = bareSearch(c, -1);
        plain.run(bare);
        SearchResult answer = null;
        BareSearch.Answer bareAnswer = null;
        for (int i = 0; i < runs; i++, k++) {
          long s = System.nanoTime();
          answer = registry.search().search(auditor, request).orElseThrow();
          reg[k] = System.nanoTime() - s;
          s = System.nanoTime();
          bareAnswer = plain.run(bare);
          bareLat[k] = System.nanoTime() - s;
        }
        long untruncated = bareSearch(c, 10_000_000).run(bare).total();
        String label = c.q() + c.theme().map(t -> " +theme=" + t).orElse("");
        totals.add(label + ": registry " + answer.total() + ", bare " + bareAnswer.total());
        if (bareAnswer.total() < untruncated) {
          truncated.add(label + " (" + bareAnswer.total() + " of " + untruncated + ")");
        }
      }
      results.add(
          Results.latencies(
              "search p95: text + facets (ms)",
              tier.name(),
              reg,
              bareLat,
              "first (cold) search after the decisions and compaction "
                  + fmt(firstMs)
                  + " ms; bare p50/p99 "
                  + fmt(Results.percentile(bareLat, 50))
                  + "/"
                  + fmt(Results.percentile(bareLat, 99))
                  + " ms; totals "
                  + String.join("; ", totals)
                  + " (the registry's include its "
                  + (registry.search().search(auditor, SearchRequest.of("")).orElseThrow().total()
                      - tier.datasets())
                  + " sample datasets); bare counts truncated by jena-text's default 10,000-hit limit: "
                  + (truncated.isEmpty() ? "none" : String.join(", ", truncated))));
    } finally {
      index.close();
      org.apache.jena.tdb2.sys.TDBInternal.expel(tdb);
    }
  }

  private static SearchRequest request(Case c) {
    SearchRequest r = SearchRequest.of(c.q());
    return c.theme().map(t -> r.with("theme", t)).orElse(r);
  }

  /** Titles, descriptions and keywords in one field, one Lucene document per literal. */
  private static TextIndexLucene buildTextIndex(DatasetGraph tdb, Path folder) throws Exception {
    EntityDefinition def = new EntityDefinition("uri", "text");
    def.set("text", DCTerms.title.asNode());
    def.set("text", DCTerms.description.asNode());
    def.set("text", DCAT.keyword.asNode());
    TextIndexConfig config = new TextIndexConfig(def);
    // the registry's analyser, so both arms match the same words
    config.setAnalyzer(new EnglishAnalyzer());
    config.setQueryAnalyzer(new EnglishAnalyzer());
    TextIndexLucene index = new TextIndexLucene(FSDirectory.open(folder), config);
    Set<Node> predicates =
        Set.of(DCTerms.title.asNode(), DCTerms.description.asNode(), DCAT.keyword.asNode());
    Txn.executeRead(
        tdb,
        () ->
            tdb.find(Graphs.CATALOG_NODE, Node.ANY, Node.ANY, Node.ANY)
                .forEachRemaining(
                    q -> {
                      if (predicates.contains(q.getPredicate())) {
                        index.addEntity(TextQueryFuncs.entityFromQuad(def, q));
                      }
                    }));
    index.prepareCommit();
    index.commit();
    return index;
  }

  /** The bare arm's three queries for one search; {@code limit} < 0 is jena-text's default. */
  private static BareSearch bareSearch(Case c, int limit) {
    String text =
        limit < 0
            ? "(?d ?score) text:query \"" + c.q() + "\" ."
            : "(?d ?score) text:query (\"" + c.q() + "\" " + limit + ") .";
    String filter =
        c.theme()
            .map(
                t ->
                    "GRAPH <"
                        + Graphs.CATALOG
                        + "> { ?d dcat:theme <https://w3id.org/dsr/ref/theme/"
                        + t
                        + "> }")
            .orElse("");
    String matches = "{ SELECT DISTINCT ?d WHERE { " + text + " " + filter + " } }";
    Query page =
        QueryFactory.create(
            PREFIXES
                + "SELECT ?d (MAX(?score) AS ?s) WHERE { "
                + text
                + " "
                + filter
                + " } GROUP BY ?d ORDER BY DESC(?s) LIMIT 20");
    Query total =
        QueryFactory.create(PREFIXES + "SELECT (COUNT(*) AS ?n) WHERE { " + matches + " }");
    Query facets =
        QueryFactory.create(
            PREFIXES
                + "SELECT ?facet ?value (COUNT(DISTINCT ?d) AS ?n) WHERE { "
                + matches
                + " GRAPH <"
                + Graphs.CATALOG
                + "> {"
                + " { ?d dct:publisher ?value BIND(\"publisher\" AS ?facet) }"
                + " UNION { ?d dcat:theme ?value BIND(\"theme\" AS ?facet) }"
                + " UNION { ?d dsr:personalDataCategory ?value BIND(\"category\" AS ?facet) }"
                + " UNION { ?d dsr:specialCategoryData ?value BIND(\"special\" AS ?facet) }"
                + " UNION { ?d dsr:sharingCondition ?value BIND(\"condition\" AS ?facet) } }"
                + " } GROUP BY ?facet ?value");
    return new BareSearch(page, total, facets);
  }

  /** The page, total and facet queries of one bare search, run in one read transaction. */
  private record BareSearch(Query page, Query total, Query facets) {
    record Answer(long total, int pageSize, int facetRows) {}

    Answer run(DatasetGraph dsg) {
      return Txn.calculateRead(
          dsg,
          () -> {
            int pageSize = count(dsg, page);
            long n;
            try (QueryExec qe = QueryExec.dataset(dsg).query(total).build()) {
              n = Long.parseLong(qe.select().next().get("n").getLiteralLexicalForm());
            }
            return new Answer(n, pageSize, count(dsg, facets));
          });
    }

    private static int count(DatasetGraph dsg, Query q) {
      try (QueryExec qe = QueryExec.dataset(dsg).query(q).build()) {
        int rows = 0;
        var it = qe.select();
        while (it.hasNext()) {
          it.next();
          rows++;
        }
        return rows;
      }
    }
  }

  private static String fmt(double ms) {
    return String.format(java.util.Locale.ROOT, "%.1f", ms);
  }
}
