package org.datasharing.registry.core.sparql;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.datasharing.registry.core.support.TestRegistry.auditor;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.datasharing.registry.core.sparql.SparqlProblem.Kind;
import org.datasharing.registry.core.support.TestRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** What the endpoint refuses, its limits, and the formats it answers in. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SparqlServiceTest {
  /** Three unconstrained triple patterns: some 10^12 combinations to count on the sample data. */
  static final String CARTESIAN = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }";

  @TempDir static Path dir;
  TestRegistry t;
  SparqlService sparql;

  @BeforeAll
  void setUp() {
    t = new TestRegistry(dir);
    sparql = service(SparqlLimits.DEFAULTS);
  }

  @AfterAll
  void tearDown() {
    t.close();
  }

  SparqlService service(SparqlLimits limits) {
    return new SparqlService(t.store, t.registry.ids(), limits);
  }

  SparqlOutcome<SparqlResponse> run(String query, String... accept) {
    return sparql.execute(auditor(), new SparqlRequest(query, null, null, List.of(accept)));
  }

  @Test
  void update_isRefused_asReadOnly() {
    var outcome = run("INSERT DATA { <urn:a> <urn:b> <urn:c> }");
    assertThat(outcome.problem().kind()).isEqualTo(Kind.REFUSED);
    assertThat(outcome.problem().message()).contains("SPARQL Update is refused");
    assertThat(run("DELETE WHERE { ?s ?p ?o }").problem().kind()).isEqualTo(Kind.REFUSED);
  }

  @Test
  void load_isRefused_byName() {
    var outcome = run("LOAD <http://example.org/data.ttl>");
    assertThat(outcome.problem().kind()).isEqualTo(Kind.REFUSED);
    assertThat(outcome.problem().message()).startsWith("LOAD is refused");
  }

  @Test
  void service_isRefused_wherever_itAppears() {
    for (String q :
        List.of(
            "SELECT * { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
            "SELECT * { ?s ?p ?o OPTIONAL { SERVICE SILENT <http://example.org/sparql> { ?s ?q ?r } } }",
            "SELECT * { { SELECT ?s { SERVICE <http://example.org/sparql> { ?s ?p ?o } } } }",
            "SELECT * { ?s ?p ?o FILTER EXISTS { SERVICE <http://example.org/sparql> { ?s ?p ?o } } }",
            "SELECT (EXISTS { SERVICE <http://example.org/sparql> { ?s ?p ?o } } AS ?x) { }",
            "ASK { GRAPH ?g { SERVICE ?endpoint { ?s ?p ?o } } }")) {
      var outcome = run(q);
      assertThat(outcome.ok()).as(q).isFalse();
      assertThat(outcome.problem().kind()).as(q).isEqualTo(Kind.REFUSED);
      assertThat(outcome.problem().message()).as(q).startsWith("SERVICE is refused");
    }
  }

  @Test
  void syntaxError_namesTheLineAndColumn() {
    var outcome = run("SELECT ?s\nWHERE {\n  ?s ?p ?o\n} ORDER BY ?s\nLIMT 10");
    assertThat(outcome.problem().kind()).isEqualTo(Kind.SYNTAX);
    assertThat(outcome.problem().message()).contains("LIMT");
    assertThat(outcome.problem().line()).hasValue(5);
    assertThat(outcome.problem().column()).hasValue(5);
    var unfinished = run("SELECT ?s\nWHERE {\n  ?s ?p\n}");
    assertThat(unfinished.problem().kind()).isEqualTo(Kind.SYNTAX);
    assertThat(unfinished.problem().line()).hasValue(4);
    assertThat(unfinished.problem().column()).hasValue(1);
  }

  @Test
  void timeout_cancelsACartesianProduct() {
    var limited = service(new SparqlLimits(Duration.ofMillis(200), 10_000, 65_536));
    var outcome = limited.execute(auditor(), SparqlRequest.of(CARTESIAN));
    assertThat(outcome.problem().kind()).isEqualTo(Kind.TIMEOUT);
    assertThat(outcome.problem().message()).contains("timed out after 200 ms");
    // the store is not left in a transaction: the next query answers
    assertThat(limited.execute(auditor(), SparqlRequest.of("ASK { ?s ?p ?o }")).ok()).isTrue();
  }

  @Test
  void resultCap_refusesAnswersWithMoreRowsOrTriples_butNotAPage() {
    var capped = service(new SparqlLimits(Duration.ofSeconds(10), 5, 65_536));
    var rows = capped.execute(auditor(), SparqlRequest.of("SELECT * { ?s ?p ?o }"));
    assertThat(rows.problem().kind()).isEqualTo(Kind.TOO_MANY_RESULTS);
    assertThat(rows.problem().message()).contains("more than 5 rows");
    var triples = capped.execute(auditor(), SparqlRequest.of("CONSTRUCT WHERE { ?s ?p ?o }"));
    assertThat(triples.problem().kind()).isEqualTo(Kind.TOO_MANY_RESULTS);
    var page = capped.execute(auditor(), SparqlRequest.of("SELECT * { ?s ?p ?o } LIMIT 5"));
    assertThat(page.value().results()).isEqualTo(5);
  }

  @Test
  void longQuery_isTooLarge() {
    var small = service(new SparqlLimits(Duration.ofSeconds(10), 10_000, 100));
    var outcome =
        small.execute(auditor(), SparqlRequest.of("SELECT * { ?s ?p ?o } # " + "x".repeat(100)));
    assertThat(outcome.problem().kind()).isEqualTo(Kind.TOO_LARGE);
  }

  @Test
  void select_isWrittenInEachResultsFormat() {
    String q = "SELECT ?id { ?a <http://purl.org/dc/terms/identifier> ?id } ORDER BY ?id LIMIT 1";
    assertThat(body(run(q))).contains("\"vars\"").contains("\"id\"");
    assertThat(body(run(q, "application/sparql-results+xml"))).contains("<sparql");
    assertThat(body(run(q, "text/csv"))).startsWith("id\r\n");
    assertThat(body(run(q, "text/tab-separated-values"))).startsWith("?id\n");
    assertThat(run(q, "text/html;q=0.9", "text/*;q=0.5").value().format())
        .isEqualTo(ResultFormat.CSV);
    assertThat(run(q, "*/*").value().format()).isEqualTo(ResultFormat.SPARQL_JSON);
  }

  @Test
  void ask_isWrittenInEachResultsFormat() {
    assertThat(body(run("ASK { ?s ?p ?o }"))).contains("\"boolean\"").contains("true");
    assertThat(body(run("ASK { ?s ?p ?o }", "application/sparql-results+xml")))
        .contains("<boolean>true</boolean>");
    assertThat(run("ASK { ?s ?p ?o }", "text/csv").ok()).isTrue();
    assertThat(run("ASK { ?s ?p ?o }", "text/tab-separated-values").ok()).isTrue();
  }

  @Test
  void construct_isWrittenAsTurtleJsonLdOrNTriples_andRefusedAsCsv() {
    String q =
        "CONSTRUCT { ?d <http://purl.org/dc/terms/title> ?t }"
            + " WHERE { ?d a <http://www.w3.org/ns/dcat#Dataset> ; <http://purl.org/dc/terms/title> ?t }"
            + " LIMIT 3";
    assertThat(run(q).value().format()).isEqualTo(ResultFormat.TURTLE);
    assertThat(body(run(q, "text/turtle"))).contains("<http://purl.org/dc/terms/title>");
    assertThat(body(run(q, "application/ld+json"))).contains("\"@id\"");
    assertThat(body(run(q, "application/n-triples")).lines()).hasSize(3);
    var csv = run(q, "text/csv");
    assertThat(csv.problem().kind()).isEqualTo(Kind.NOT_ACCEPTABLE);
    assertThat(csv.problem().message()).contains("text/turtle");
  }

  @Test
  void describe_ofARelativeIri_resolvesAgainstTheRegistryBase() {
    var outcome = run("DESCRIBE <organisation/northshire-police>", "application/n-triples");
    assertThat(body(outcome)).contains("<http://localhost:8080/id/organisation/northshire-police>");
  }

  static String body(SparqlOutcome<SparqlResponse> outcome) {
    return new String(outcome.orElseThrow().body(), UTF_8);
  }
}
