package org.datasharing.registry.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.vocabulary.RDF;
import org.datasharing.registry.ontology.vocab.DSR;
import org.junit.jupiter.api.Test;

/** Times and statuses as the pages say them. */
class LabelsTest {

  @Test
  void time_isUkTimeTheGovUkWay_inWinterAndInSummer() {
    assertThat(Labels.ukTime(Instant.parse("2026-12-03T14:15:00Z")))
        .isEqualTo("3 December 2026, 2:15pm");
    // British Summer Time: an hour ahead of UTC
    assertThat(Labels.ukTime(Instant.parse("2026-07-01T08:00:00Z"))).isEqualTo("1 July 2026, 9am");
    assertThat(Labels.ukTime(Instant.parse("2026-12-03T12:00:00Z")))
        .isEqualTo("3 December 2026, midday");
    assertThat(Labels.ukTime(Instant.parse("2026-12-03T00:00:00Z")))
        .isEqualTo("3 December 2026, midnight");
    assertThat(Labels.ukTime(Instant.parse("2026-12-03T00:05:00Z")))
        .isEqualTo("3 December 2026, 12:05am");
  }

  @Test
  void statusWords_replaceStatusNamesInText() {
    assertThat(
            Labels.statusWords(
                "Agreement dsa-x cannot be edited while it is CHANGES_REQUESTED; agreement now"
                    + " APPROVED"))
        .isEqualTo(
            "Agreement dsa-x cannot be edited while it is changes requested; agreement now"
                + " approved");
  }

  @Test
  void everyAuditActionOfTheOntology_hasItsOwnLabel() throws Exception {
    Graph ontology;
    try (InputStream in = getClass().getResourceAsStream("/ontology/registry.ttl")) {
      ontology = RDFParser.source(in).lang(Lang.TURTLE).base("http://localhost/").toGraph();
    }
    Set<String> actions = new HashSet<>();
    ontology
        .find(Node.ANY, RDF.type.asNode(), DSR.AuditAction.asNode())
        .forEachRemaining(t -> actions.add(t.getSubject().getLocalName()));

    assertThat(actions).contains("Create", "Import", "Onboard", "RecordAssurance");
    // a new kind of event without a label fails here; a label for no kind does too
    assertThat(Labels.ACTIONS.keySet()).containsExactlyInAnyOrderElementsOf(actions);
    // one label per kind: no two kinds read the same
    assertThat(Set.copyOf(Labels.ACTIONS.values())).hasSize(Labels.ACTIONS.size());
  }
}
