package org.datasharing.registry.core.sparql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.datasharing.registry.core.support.TestRegistry.BASE;
import static org.datasharing.registry.core.support.TestRegistry.COUNCIL;
import static org.datasharing.registry.core.support.TestRegistry.ICB;
import static org.datasharing.registry.core.support.TestRegistry.TRUST;
import static org.datasharing.registry.core.support.TestRegistry.auditor;
import static org.datasharing.registry.core.support.TestRegistry.dpo;
import static org.datasharing.registry.core.support.TestRegistry.partner;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.jena.graph.Node;
import org.datasharing.registry.core.agreement.AgreementContent;
import org.datasharing.registry.core.common.Actor;
import org.datasharing.registry.core.support.TestRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The graph-level access of the SPARQL endpoint, tried from every angle a query can take. The trust
 * drafts dsa-secret with the ICB (the council is not a party); the council drafts dsa-council-own
 * with the trust. Each draft writes one audit event. {@link RemoteSparqlAccessPolicyTest} runs
 * every case again against a remote store (Fuseki).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SparqlAccessPolicyTest {
  static final String PREFIXES =
      "PREFIX dsr: <https://w3id.org/dsr#> PREFIX dsrg: <https://w3id.org/dsr/graph/>"
          + " PREFIX dcat: <http://www.w3.org/ns/dcat#> PREFIX rdf:"
          + " <http://www.w3.org/1999/02/22-rdf-syntax-ns#>\n";
  static final String SECRET = BASE + "agreement/dsa-secret";
  static final Actor ANONYMOUS = new Actor("anonymous", "anonymous", Optional.empty(), Set.of());

  @TempDir static Path dir;
  TestRegistry t;
  SparqlService sparql;
  static final String EVENTS = "SELECT ?e { GRAPH dsrg:audit { ?e a dsr:AuditEvent } }";
  int auditorSaw;
  int councilSaw;
  int trustSaw;

  /** The registry the queries run against: embedded TDB2 here, remote in a subclass. */
  TestRegistry open(Path dir) {
    return new TestRegistry(dir);
  }

  @BeforeAll
  void setUp() {
    t = open(dir);
    sparql = new SparqlService(t.registry.store(), t.registry.ids(), SparqlLimits.DEFAULTS);
    // the replayed sample history is in the log already: count what each caller sees of it, so
    // the tests below count the events of the two drafts made here on top of it
    auditorSaw = values(auditor(), EVENTS).size();
    councilSaw = values(dpo(COUNCIL), EVENTS).size();
    trustSaw = values(partner(TRUST), EVENTS).size();
    var agreements = t.registry.agreements();
    // drafts with their drafters' own answers only (each party answers for itself): one event each
    agreements
        .createDraft(
            partner(TRUST),
            Optional.of("dsa-secret"),
            t.completeContent(List.of(TRUST, ICB))
                .withAnswersFrom(AgreementContent.NONE, o -> !o.equals(TRUST)))
        .orElseThrow();
    agreements
        .createDraft(
            partner(COUNCIL),
            Optional.of("dsa-council-own"),
            t.completeContent(List.of(COUNCIL, TRUST))
                .withAnswersFrom(AgreementContent.NONE, o -> !o.equals(COUNCIL)))
        .orElseThrow();
  }

  @AfterAll
  void tearDown() {
    t.close();
  }

  @Test
  void auditor_seesEveryGraph_includingTheAuditLog() {
    assertThat(graphs(auditor()))
        .contains(
            SECRET, BASE + "agreement/dsa-high-intensity-use", "https://w3id.org/dsr/graph/audit");
    assertThat(values(auditor(), EVENTS)).hasSize(auditorSaw + 2);
    assertThat(ask(auditor(), "ASK { GRAPH dsrg:audit { ?h dsr:treeSize ?n } }")).isTrue();
  }

  @Test
  void dpo_seesOnlyTheAgreementsTheirOrganisationIsPartyTo_throughGraphVariable() {
    assertThat(graphs(dpo(COUNCIL)))
        .contains(BASE + "agreement/dsa-council-own", BASE + "agreement/dsa-hospital-discharge")
        .doesNotContain(SECRET, BASE + "agreement/dsa-high-intensity-use");
    assertThat(
            values(
                dpo(COUNCIL), "SELECT DISTINCT ?g { GRAPH ?g { ?a a dsr:DataSharingAgreement } }"))
        .hasSize(8); // 7 sample agreements with the council as a party, and its own draft
  }

  @Test
  void dpo_cannotReachAHiddenAgreement_throughFromNamedOrANamedGraph() {
    assertThat(
            values(
                dpo(COUNCIL),
                "SELECT ?s FROM NAMED <agreement/dsa-secret> { GRAPH ?g { ?s ?p ?o } }"))
        .isEmpty();
    assertThat(ask(dpo(COUNCIL), "ASK FROM NAMED <agreement/dsa-secret> { GRAPH ?g { } }"))
        .isFalse();
    // a hidden graph behaves exactly like one that does not exist
    assertThat(ask(dpo(COUNCIL), "ASK FROM NAMED <agreement/no-such-thing> { GRAPH ?g { } }"))
        .isFalse();
    assertThat(ask(auditor(), "ASK FROM NAMED <agreement/dsa-secret> { GRAPH ?g { } }")).isTrue();
    assertThat(ask(dpo(COUNCIL), "ASK { GRAPH <agreement/dsa-secret> { } }")).isFalse();
    assertThat(ask(dpo(COUNCIL), "ASK { GRAPH <agreement/dsa-secret> { ?s ?p ?o } }")).isFalse();
    assertThat(ask(dpo(COUNCIL), "ASK FROM <agreement/dsa-secret> { ?s ?p ?o }")).isFalse();
    assertThat(ask(dpo(TRUST), "ASK { GRAPH <agreement/dsa-secret> { ?s ?p ?o } }")).isTrue();
  }

  @Test
  void dpo_cannotReachAHiddenAgreement_throughTheUnionDefaultGraph() {
    assertThat(ask(dpo(COUNCIL), "ASK { <agreement/dsa-secret> ?p ?o }")).isFalse();
    assertThat(ask(dpo(COUNCIL), "ASK { ?s ?p <agreement/dsa-secret> }")).isFalse();
    assertThat(
            ask(
                dpo(COUNCIL),
                "ASK { GRAPH <urn:x-arq:UnionGraph> { <agreement/dsa-secret> ?p ?o } }"))
        .isFalse();
    assertThat(values(dpo(COUNCIL), "SELECT DISTINCT ?a { ?a a dsr:DataSharingAgreement }"))
        .hasSize(8)
        .doesNotContain(SECRET);
    assertThat(ask(dpo(TRUST), "ASK { <agreement/dsa-secret> ?p ?o }")).isTrue();
  }

  @Test
  void dpo_cannotReachAHiddenAgreement_throughPropertyPaths() {
    String fromIcb =
        "ASK { <organisation/northshire-integrated-care-board>"
            + " ^dsr:organisation/^dsr:hasParty/dsr:versionOf <agreement/dsa-secret> }";
    assertThat(ask(dpo(COUNCIL), fromIcb)).isFalse();
    assertThat(ask(auditor(), fromIcb)).isTrue();
    String anyPath = "ASK { ?s (!rdf:nil)+ <agreement/dsa-secret> }";
    assertThat(ask(dpo(COUNCIL), anyPath)).isFalse();
    assertThat(ask(auditor(), anyPath)).isTrue();
  }

  @Test
  void dpo_describingAHiddenAgreement_getsNothing() {
    assertThat(triples(dpo(COUNCIL), "DESCRIBE <agreement/dsa-secret>")).isZero();
    assertThat(triples(dpo(COUNCIL), "DESCRIBE <agreement/dsa-secret/version/1>")).isZero();
    assertThat(triples(dpo(COUNCIL), "DESCRIBE ?a { GRAPH ?g { ?a a dsr:DataSharingAgreement } }"))
        .isPositive();
    assertThat(triples(dpo(TRUST), "DESCRIBE <agreement/dsa-secret>")).isPositive();
    assertThat(triples(auditor(), "DESCRIBE <agreement/dsa-secret>")).isPositive();
  }

  @Test
  void protocolDataset_namingAHiddenGraph_isEmpty() {
    var request =
        new SparqlRequest(
            "SELECT ?s { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }",
            List.of(SECRET),
            List.of(SECRET, "http://example.org/no-such-graph"),
            List.of("text/csv"));
    var outcome = sparql.execute(dpo(COUNCIL), request);
    assertThat(outcome.value().results()).isZero();
    assertThat(sparql.execute(dpo(TRUST), request).value().results()).isPositive();
  }

  @Test
  void dpo_seesOnlyTheAuditEventsThatConcernTheirOrganisation() {
    assertThat(values(dpo(COUNCIL), EVENTS)).hasSize(councilSaw + 1);
    assertThat(
            ask(
                dpo(COUNCIL),
                "ASK { GRAPH dsrg:audit { ?e dsr:agreement <agreement/dsa-secret> } }"))
        .isFalse();
    assertThat(ask(dpo(COUNCIL), "ASK { ?e dsr:agreement <agreement/dsa-secret> }")).isFalse();
    assertThat(ask(dpo(COUNCIL), "ASK { GRAPH dsrg:audit { ?h dsr:treeSize ?n } }")).isFalse();
    // the trust is party to both drafts
    assertThat(values(partner(TRUST), EVENTS)).hasSize(trustSaw + 2);
  }

  @Test
  void anonymous_seesNoAgreementAndNoAuditGraph() {
    assertThat(graphs(ANONYMOUS))
        .containsExactlyInAnyOrder(
            "https://w3id.org/dsr/graph/ontology",
            "https://w3id.org/dsr/graph/reference",
            "https://w3id.org/dsr/graph/organisations",
            "https://w3id.org/dsr/graph/catalog");
    assertThat(ask(ANONYMOUS, "ASK { ?a a dsr:DataSharingAgreement }")).isFalse();
    assertThat(ask(ANONYMOUS, "ASK { ?e a dsr:AuditEvent }")).isFalse();
    assertThat(ask(TestRegistry.admin(), "ASK { ?a a dsr:DataSharingAgreement }")).isFalse();
  }

  @Test
  void anonymous_seesNoDatasetMarkedNotDiscoverable() {
    String hidden = "<dataset/adult-safeguarding-enquiries>";
    assertThat(values(ANONYMOUS, "SELECT ?d { ?d a dcat:Dataset }")).hasSize(44);
    assertThat(ask(ANONYMOUS, "ASK { " + hidden + " ?p ?o }")).isFalse();
    assertThat(ask(ANONYMOUS, "ASK { ?s ?p " + hidden + " }")).isFalse();
    assertThat(ask(ANONYMOUS, "ASK { <dataset/adult-safeguarding-enquiries/policy> ?p ?o }"))
        .isFalse();
    assertThat(ask(ANONYMOUS, "ASK { GRAPH dsrg:catalog { " + hidden + " ?p ?o } }")).isFalse();
    assertThat(triples(ANONYMOUS, "DESCRIBE " + hidden)).isZero();
    assertThat(ask(ANONYMOUS, "ASK { <dataset/adult-social-care-client-index> ?p ?o }")).isTrue();
  }

  @Test
  void members_seeTheirOwnOrganisationsHiddenDatasets_auditorsSeeAll() {
    // the council publishes two of the four hidden datasets
    assertThat(values(dpo(COUNCIL), "SELECT ?d { ?d a dcat:Dataset }")).hasSize(46);
    assertThat(ask(dpo(COUNCIL), "ASK { <dataset/adult-safeguarding-enquiries> ?p ?o }")).isTrue();
    assertThat(ask(dpo(COUNCIL), "ASK { <dataset/public-protection-notices> ?p ?o }")).isFalse();
    assertThat(values(auditor(), "SELECT ?d { ?d a dcat:Dataset }")).hasSize(48);
  }

  // ---------------------------------------------------------------- helpers

  List<String> graphs(Actor actor) {
    return values(actor, "SELECT DISTINCT ?g { GRAPH ?g { } }");
  }

  List<String> values(Actor actor, String query) {
    Answer.Rows rows = (Answer.Rows) answer(actor, query);
    return rows.rows().stream().map(b -> b.get(rows.vars().get(0))).map(Node::toString).toList();
  }

  boolean ask(Actor actor, String query) {
    return ((Answer.Bool) answer(actor, query)).value();
  }

  long triples(Actor actor, String query) {
    return answer(actor, query).size();
  }

  Answer answer(Actor actor, String query) {
    return sparql.evaluate(actor, sparql.parse(PREFIXES + query).orElseThrow()).orElseThrow();
  }
}
