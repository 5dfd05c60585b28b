package org.datasharing.registry.ontology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.datasharing.registry.ontology.Fixtures.objects;
import static org.datasharing.registry.ontology.Fixtures.uri;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.shacl.ValidationReport;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.vocabulary.DCAT;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.ORG;
import org.apache.jena.vocabulary.RDF;
import org.datasharing.registry.ontology.vocab.DSR;
import org.datasharing.registry.ontology.vocab.Graphs;
import org.datasharing.registry.ontology.vocab.ODRL;
import org.datasharing.registry.ontology.vocab.PROV;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SampleDataConformsTest {
  private static final Node TYPE = RDF.type.asNode();

  @Test
  void organisations_conformToTheShapes() {
    ValidationReport report =
        Fixtures.validate(Fixtures.union(Fixtures.organisations(), Fixtures.reference()));

    assertThat(report.conforms()).as(Fixtures.describe(report)).isTrue();
  }

  @Test
  void catalogue_conformsToTheShapes() {
    ValidationReport report =
        Fixtures.validate(
            Fixtures.union(Fixtures.catalog(), Fixtures.reference(), Fixtures.organisations()));

    assertThat(report.conforms()).as(Fixtures.describe(report)).isTrue();
  }

  /** Every version of every agreement, with whether it is a draft (still being edited). */
  static Stream<Arguments> versions() {
    DatasetGraph sample = Fixtures.sample();
    List<Arguments> versions = new ArrayList<>();
    for (Node agreement : agreements()) {
      Graph graph = sample.getGraph(agreement);
      boolean draftAgreement = graph.contains(agreement, DSR.status.asNode(), DSR.Draft.asNode());
      Node current = objects(graph, agreement, DSR.currentVersion.asNode()).get(0);
      for (Node version : objects(graph, agreement, DSR.hasVersion.asNode())) {
        boolean draft = draftAgreement && version.equals(current);
        versions.add(Arguments.of(version.getURI(), agreement.getURI(), draft));
      }
    }
    return versions.stream();
  }

  @ParameterizedTest(name = "{0} (draft: {2})")
  @MethodSource("versions")
  void submittedVersion_conformsToTheShapes(String version, String agreement, boolean draft) {
    Graph content = Fixtures.versionContent(Fixtures.sample().getGraph(uri(agreement)), version);
    assertThat(content.contains(uri(version), TYPE, DSR.AgreementVersion.asNode())).isTrue();
    if (draft) {
      return; // drafts may be incomplete
    }

    ValidationReport report =
        Fixtures.validate(
            Fixtures.union(
                content,
                Fixtures.reference(),
                Fixtures.organisations(),
                sharedDatasetFacts(content, uri(version))));

    assertThat(report.conforms()).as(Fixtures.describe(report)).isTrue();
  }

  /**
   * The facts of the shared datasets the registry adds to the validation data at submit that the
   * data-item and health-confidentiality rules use (items, publisher), so the sample agreements are
   * held to those rules. Not the special category flags: dsa-homelessness-prevention (changes
   * requested) deliberately says "no special category data" while sharing special category
   * datasets, a finding for the auditors' query pack (special-category-without-condition.rq).
   */
  private static Graph sharedDatasetFacts(Graph content, Node version) {
    Graph facts = org.apache.jena.graph.GraphMemFactory.createDefaultGraph();
    for (Node dataset : objects(content, version, DSR.sharesDataset.asNode())) {
      for (Node p : List.of(DSR.dataItem.asNode(), DCTerms.publisher.asNode())) {
        Fixtures.catalog().find(dataset, p, Node.ANY).forEachRemaining(facts::add);
      }
    }
    return facts;
  }

  @Test
  void draftVersion_isIncomplete() {
    Node draft = uri(Fixtures.BASE + "agreement/dsa-carers-support-referrals/version/1");
    Graph content =
        Fixtures.versionContent(
            Fixtures.sample()
                .getGraph(uri(Fixtures.BASE + "agreement/dsa-carers-support-referrals")),
            draft.getURI());

    ValidationReport report =
        Fixtures.validate(Fixtures.union(content, Fixtures.reference(), Fixtures.organisations()));

    assertThat(report.conforms()).isFalse();
  }

  @Test
  void organisations_includeTheNorthshirePartnersButNotTheFireService() {
    Set<String> slugs = slugs(Fixtures.organisations(), ORG.FormalOrganization.asNode());

    assertThat(slugs)
        .hasSizeGreaterThanOrEqualTo(9)
        .contains(
            "northshire-county-council",
            "northshire-nhs-foundation-trust",
            "northshire-integrated-care-board",
            "northshire-police",
            "east-northshire-district-council",
            "northshire-mental-health-trust",
            "northshire-carers-trust",
            "northshire-housing-partnership",
            "northshire-ambulance-service")
        .doesNotContain("northshire-fire-and-rescue");
    assertThat(Fixtures.organisations().find().toList())
        .filteredOn(t -> t.getPredicate().equals(DSR.dpoEmail.asNode()))
        .allMatch(t -> t.getObject().getLiteralLexicalForm().endsWith(".example"));
  }

  @Test
  void organisations_haveCertificatesExpiringSoonAndOneExpired() {
    List<String> validUntil =
        Fixtures.organisations()
            .find(Node.ANY, DSR.validUntil.asNode(), Node.ANY)
            .mapWith(t -> t.getObject().getLiteralLexicalForm())
            .toList();

    assertThat(validUntil).anyMatch(d -> d.compareTo("2026-11-27") < 0);
    assertThat(validUntil)
        .anyMatch(d -> d.compareTo("2026-11-27") >= 0 && d.compareTo("2027-01-31") <= 0);
  }

  @Test
  void catalogue_hasFortyOrMoreDatasets_someNotDiscoverable() {
    Graph catalog = Fixtures.catalog();

    assertThat(slugs(catalog, DCAT.Dataset.asNode())).hasSizeGreaterThanOrEqualTo(40);
    assertThat(
            catalog
                .find(Node.ANY, DSR.discoverable.asNode(), NodeFactory.createLiteralByValue(false))
                .toList())
        .isNotEmpty();
  }

  @Test
  void references_pointAtRegisteredOrganisationsAndDatasets() {
    Set<Node> organisations =
        Fixtures.organisations()
            .find(Node.ANY, TYPE, ORG.FormalOrganization.asNode())
            .mapWith(Triple::getSubject)
            .toSet();
    Set<Node> datasets =
        Fixtures.catalog()
            .find(Node.ANY, TYPE, DCAT.Dataset.asNode())
            .mapWith(Triple::getSubject)
            .toSet();
    List<Triple> all = Fixtures.sample().stream().map(q -> q.asTriple()).toList();

    Set<Node> orgProperties =
        Set.of(
            DSR.organisation.asNode(),
            DCTerms.publisher.asNode(),
            DSR.onBehalfOf.asNode(),
            ODRL.assigner.asNode(),
            ODRL.assignee.asNode());
    assertThat(all)
        .filteredOn(t -> orgProperties.contains(t.getPredicate()))
        .allMatch(
            t -> organisations.contains(t.getObject()), "refers to a registered organisation");
    assertThat(all)
        .filteredOn(
            t ->
                t.getPredicate().equals(DSR.sharesDataset.asNode())
                    || t.getPredicate().equals(ODRL.target.asNode()))
        .allMatch(t -> datasets.contains(t.getObject()), "refers to a catalogued dataset");
  }

  @Test
  void agreements_coverTheLifecycle_eachInItsOwnGraph() {
    DatasetGraph sample = Fixtures.sample();
    List<Node> agreements = agreements();

    assertThat(agreements).hasSizeGreaterThanOrEqualTo(6);
    Set<Node> statuses =
        agreements.stream()
            .map(a -> objects(sample.getGraph(a), a, DSR.status.asNode()).get(0))
            .collect(Collectors.toSet());
    assertThat(statuses)
        .contains(
            DSR.Draft.asNode(),
            DSR.Submitted.asNode(),
            DSR.ChangesRequested.asNode(),
            DSR.Approved.asNode(),
            DSR.Active.asNode(),
            DSR.Suspended.asNode())
        .containsAnyOf(DSR.Terminated.asNode(), DSR.Expired.asNode());
  }

  @Test
  void activeAgreement_hasASecondVersionRevisingTheFirst() {
    Node agreement = uri(Fixtures.BASE + "agreement/dsa-hospital-discharge");
    Graph graph = Fixtures.sample().getGraph(agreement);
    Node v1 = uri(agreement.getURI() + "/version/1");
    Node v2 = uri(agreement.getURI() + "/version/2");

    assertThat(graph.contains(agreement, DSR.status.asNode(), DSR.Active.asNode())).isTrue();
    assertThat(objects(graph, agreement, DSR.hasVersion.asNode()))
        .containsExactlyInAnyOrder(v1, v2);
    assertThat(objects(graph, agreement, DSR.versionInForce.asNode())).containsExactly(v2);
    assertThat(graph.contains(v2, PROV.wasRevisionOf.asNode(), v1)).isTrue();
  }

  @Test
  void approvedVersions_haveOneApprovalPerParty_withAContentHash() {
    DatasetGraph sample = Fixtures.sample();
    for (Node agreement : agreements()) {
      Graph graph = sample.getGraph(agreement);
      for (Node version : objects(graph, agreement, DSR.versionInForce.asNode())) {
        Set<Node> parties =
            objects(graph, version, DSR.hasParty.asNode()).stream()
                .map(p -> objects(graph, p, DSR.organisation.asNode()).get(0))
                .collect(Collectors.toSet());
        List<Node> approvals =
            graph
                .find(Node.ANY, DSR.decisionOn.asNode(), version)
                .mapWith(Triple::getSubject)
                .filterKeep(d -> graph.contains(d, DSR.outcome.asNode(), DSR.Approve.asNode()))
                .toList();

        assertThat(approvals.stream().map(d -> objects(graph, d, DSR.onBehalfOf.asNode()).get(0)))
            .as("approvals of %s", version)
            .containsExactlyInAnyOrderElementsOf(parties);
        assertThat(approvals)
            .allMatch(
                d ->
                    objects(graph, d, DSR.contentHash.asNode())
                        .get(0)
                        .getLiteralLexicalForm()
                        .matches("[0-9a-f]{64}"));
      }
    }
  }

  private static List<Node> agreements() {
    DatasetGraph sample = Fixtures.sample();
    List<Node> agreements = new ArrayList<>();
    sample
        .listGraphNodes()
        .forEachRemaining(
            g -> {
              if (sample.getGraph(g).contains(g, TYPE, DSR.DataSharingAgreement.asNode())) {
                agreements.add(g);
              }
            });
    assertThat(agreements).allMatch(a -> !a.equals(Graphs.CATALOG_NODE));
    return agreements;
  }

  private static Set<String> slugs(Graph graph, Node type) {
    return graph.find(Node.ANY, TYPE, type).mapWith(Triple::getSubject).toList().stream()
        .map(s -> objects(graph, s, DCTerms.identifier.asNode()).get(0).getLiteralLexicalForm())
        .collect(Collectors.toSet());
  }
}
