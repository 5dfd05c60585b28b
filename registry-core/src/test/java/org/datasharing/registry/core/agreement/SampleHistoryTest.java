package org.datasharing.registry.core.agreement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.vocabulary.DCTerms;
import org.datasharing.registry.core.audit.AuditTrail;
import org.datasharing.registry.core.common.Actor;
import org.datasharing.registry.core.notification.Outbox;
import org.datasharing.registry.core.store.Bootstrap;
import org.datasharing.registry.core.support.TestRegistry;
import org.datasharing.registry.ontology.vocab.DSR;
import org.datasharing.registry.ontology.vocab.Graphs;
import org.datasharing.registry.ontology.vocab.PROV;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** At first start the sample agreements are built by replaying their history. */
class SampleHistoryTest {
  static final Actor AUDITOR =
      new Actor("sub-auditor", "auditor", Optional.empty(), Set.of(Actor.Role.AUDITOR));

  @TempDir Path dir;
  TestRegistry t;

  @BeforeEach
  void setUp() {
    // a first start of its own: the replay itself, not a copy of another registry's
    t = new TestRegistry(dir, false);
  }

  @AfterEach
  void tearDown() {
    t.close();
  }

  @Test
  void freshStart_hasTheSampleHistoryInTheLog_andItVerifies() {
    AuditTrail trail = t.registry.auditTrail();
    assertThat(trail.head().size()).isGreaterThan(20);
    AuditTrail.Verification v = trail.verify();
    assertThat(v.findings()).isEmpty();
    assertThat(v.intact()).isTrue();
  }

  @Test
  void everySampleDecision_hasItsEvent_byItsOrganisation_atItsHistoricalTime() {
    DatasetGraph sample = Bootstrap.sampleAgreements(TestRegistry.BASE);
    List<String> expected = new ArrayList<>();
    sample
        .find(Node.ANY, Node.ANY, DSR.decisionOn.asNode(), Node.ANY)
        .forEachRemaining(
            q -> {
              Node g = q.getGraph();
              Node d = q.getSubject();
              String org = one(sample, g, d, DSR.onBehalfOf.asNode()).getURI();
              String at = one(sample, g, d, PROV.endedAtTime.asNode()).getLiteralLexicalForm();
              expected.add(g.getURI() + " " + org + " " + Instant.parse(at));
            });
    assertThat(expected).hasSizeGreaterThan(15);

    List<String> recorded = new ArrayList<>();
    sample
        .listGraphNodes()
        .forEachRemaining(
            g ->
                t.registry.auditTrail().forAgreement(g).stream()
                    .filter(e -> e.action().endsWith("Decide"))
                    .forEach(
                        e ->
                            recorded.add(
                                g.getURI() + " " + e.organisation().orElse("") + " " + e.at())));
    assertThat(recorded).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void replayedAgreements_endInTheirSampleStatus_withCreatorAndSubmissionRecorded() {
    var agreements = t.registry.agreements();
    assertThat(
            List.of(
                    "dsa-hospital-discharge",
                    "dsa-mash-safeguarding",
                    "dsa-high-intensity-use",
                    "dsa-carers-support-referrals",
                    "dsa-homelessness-prevention",
                    "dsa-domestic-abuse-marac",
                    "dsa-falls-prevention-pilot",
                    "dsa-school-readiness")
                .stream()
                .map(id -> agreements.get(AUDITOR, id).orElseThrow())
                .map(a -> tuple(a.id(), a.status()))
                .toList())
        .containsExactly(
            tuple("dsa-hospital-discharge", AgreementStatus.ACTIVE),
            tuple("dsa-mash-safeguarding", AgreementStatus.APPROVED),
            tuple("dsa-high-intensity-use", AgreementStatus.SUBMITTED),
            tuple("dsa-carers-support-referrals", AgreementStatus.DRAFT),
            tuple("dsa-homelessness-prevention", AgreementStatus.CHANGES_REQUESTED),
            tuple("dsa-domestic-abuse-marac", AgreementStatus.SUSPENDED),
            tuple("dsa-falls-prevention-pilot", AgreementStatus.EXPIRED),
            tuple("dsa-school-readiness", AgreementStatus.TERMINATED));

    Node discharge = t.registry.ids().agreement("dsa-hospital-discharge");
    var graph = t.registry.store().graph(discharge);
    assertThat(graph.find(discharge, DCTerms.creator.asNode(), Node.ANY).next().getObject())
        .isEqualTo(t.registry.ids().organisation(TestRegistry.TRUST));
    assertThat(
            graph
                .find(discharge, DCTerms.dateSubmitted.asNode(), Node.ANY)
                .next()
                .getObject()
                .getLiteralLexicalForm())
        .isEqualTo("2025-03-03T10:00:00Z");
  }

  @Test
  void replayedEvents_carryTheirHistoricalTime_andWhenTheyWereAppended_inHistoricalOrder() {
    Node discharge = t.registry.ids().agreement("dsa-hospital-discharge");
    List<AuditTrail.EventView> timeline = t.registry.auditTrail().forAgreement(discharge);
    assertThat(timeline.stream().map(e -> e.action().replaceAll(".*[#/]", "")))
        // the trust drafts; the council gives its own answers (each party answers for itself)
        .startsWith(
            "Create", "Edit", "Submit", "Decide", "Decide", "Activate", "MarkReviewDue", "Amend");
    assertThat(timeline.get(0).at()).isEqualTo(Instant.parse("2025-02-03T09:30:00Z"));
    // the log's order follows history: every sample event is in time order
    List<AuditTrail.EventView> all = new ArrayList<>(t.registry.auditTrail().page(0, 500).events());
    all.sort(java.util.Comparator.comparingLong(AuditTrail.EventView::sequence));
    for (int i = 1; i < all.size(); i++) {
      assertThat(all.get(i).at()).isAfterOrEqualTo(all.get(i - 1).at());
    }
    // each replayed event says when it was appended: now, not when it happened
    var audit = t.registry.store().graph(Graphs.AUDIT_NODE);
    Node first = org.apache.jena.graph.NodeFactory.createURI(timeline.get(0).id());
    assertThat(audit.find(first, DSR.replayedAt.asNode(), Node.ANY).next().getObject())
        .extracting(Node::getLiteralLexicalForm)
        .isEqualTo(TestRegistry.NOW.toString());
  }

  @Test
  void replayedHistory_tellsNoOne() {
    Outbox outbox = new Outbox(t.registry.store());
    for (var state : org.datasharing.registry.core.notification.Notification.State.values()) {
      assertThat(outbox.inState(state)).isEmpty();
    }
  }

  private static Node one(DatasetGraph d, Node g, Node s, Node p) {
    return d.find(g, s, p, Node.ANY).next().getObject();
  }
}
