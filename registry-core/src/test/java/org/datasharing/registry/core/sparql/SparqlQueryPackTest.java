package org.datasharing.registry.core.sparql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.datasharing.registry.core.support.TestRegistry.BASE;
import static org.datasharing.registry.core.support.TestRegistry.COUNCIL;
import static org.datasharing.registry.core.support.TestRegistry.ICB;
import static org.datasharing.registry.core.support.TestRegistry.TRUST;
import static org.datasharing.registry.core.support.TestRegistry.auditor;
import static org.datasharing.registry.core.support.TestRegistry.dpo;
import static org.datasharing.registry.core.support.TestRegistry.partner;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.jena.atlas.iterator.Iter;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.datasharing.registry.core.agreement.AgreementContent;
import org.datasharing.registry.core.agreement.AgreementService;
import org.datasharing.registry.core.agreement.AgreementService.Outcome;
import org.datasharing.registry.core.audit.AuditTrail;
import org.datasharing.registry.core.common.Actor;
import org.datasharing.registry.core.support.TestRegistry;
import org.datasharing.registry.ontology.vocab.DSR;
import org.datasharing.registry.ontology.vocab.Graphs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every query of the auditors' pack on the Northshire sample data plus a short scripted history
 * made through the agreement service (so the audit log has events), each with its expected answer.
 *
 * <p>History, from 2026-11-27T10:00Z: the ICB drafts and submits dsa-pack-one (ICB, council,
 * trust); the council's DPO approves after 2 h, the trust's after 23 h, the ICB's after 50 h. On
 * 2026-12-01 the council drafts and submits dsa-pack-two (council, trust); its DPO approves after 1
 * h and the trust's DPO asks for changes the next day. On 2026-12-03 the council's DPO, now a
 * member of the trust, drafts dsa-pack-moved, which names no Article 9 condition.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SparqlQueryPackTest {
  @TempDir static Path dir;
  TestRegistry t;
  SparqlService sparql;
  QueryPack pack = QueryPack.load();
  String packOneHash;

  static final Actor COUNCIL_DPO_AT_TRUST =
      new Actor(
          dpo(COUNCIL).subject(), "dpo.council", Optional.of(TRUST), Set.of(Actor.Role.PARTNER));

  @BeforeAll
  void history() {
    // the queries are checked against this history alone, not the replayed sample history
    t = new TestRegistry(dir).forgetSampleHistory();
    sparql = new SparqlService(t.store, t.registry.ids(), SparqlLimits.DEFAULTS);
    AgreementService s = t.registry.agreements();
    at("2026-11-27T10:00:00Z");
    TestRegistry.draft(
            s,
            partner(ICB),
            Optional.of("dsa-pack-one"),
            t.completeContent(List.of(ICB, COUNCIL, TRUST)))
        .orElseThrow();
    s.submit(partner(ICB), "dsa-pack-one").orElseThrow();
    at("2026-11-27T12:00:00Z");
    TestRegistry.decide(s, dpo(COUNCIL), "dsa-pack-one", 1, Outcome.APPROVE, Optional.empty())
        .orElseThrow();
    at("2026-11-28T09:00:00Z");
    TestRegistry.decide(s, dpo(TRUST), "dsa-pack-one", 1, Outcome.APPROVE, Optional.empty())
        .orElseThrow();
    at("2026-11-29T12:00:00Z");
    packOneHash =
        TestRegistry.decide(s, dpo(ICB), "dsa-pack-one", 1, Outcome.APPROVE, Optional.empty())
            .orElseThrow()
            .versions()
            .get(0)
            .contentHash();

    at("2026-12-01T09:00:00Z");
    TestRegistry.draft(
            s,
            partner(COUNCIL),
            Optional.of("dsa-pack-two"),
            t.completeContent(List.of(COUNCIL, TRUST)))
        .orElseThrow();
    s.submit(partner(COUNCIL), "dsa-pack-two").orElseThrow();
    at("2026-12-01T10:00:00Z");
    TestRegistry.decide(s, dpo(COUNCIL), "dsa-pack-two", 1, Outcome.APPROVE, Optional.empty())
        .orElseThrow();
    at("2026-12-02T09:00:00Z");
    TestRegistry.decide(
            s,
            dpo(TRUST),
            "dsa-pack-two",
            1,
            Outcome.REQUEST_CHANGES,
            Optional.of("Name the retention schedule"))
        .orElseThrow();

    at("2026-12-03T09:00:00Z");
    // never submitted: the drafter's own answers only, so the ICB is not asked for its own
    s.createDraft(
            COUNCIL_DPO_AT_TRUST,
            Optional.of("dsa-pack-moved"),
            TestRegistry.withParty(
                    t.completeContent(List.of(TRUST, ICB)), "specialCategoryCondition", null)
                .withAnswersFrom(AgreementContent.NONE, o -> !o.equals(TRUST)))
        .orElseThrow();
  }

  @AfterAll
  void close() {
    t.close();
  }

  void at(String instant) {
    t.clock.set(Instant.parse(instant));
  }

  @Test
  void pack_listsAtLeastTenDescribedQueries_thatAllParse() {
    assertThat(pack.entries()).hasSizeGreaterThanOrEqualTo(10);
    assertThat(pack.entries())
        .allSatisfy(
            e -> {
              assertThat(e.title()).isNotBlank();
              assertThat(e.description()).hasSizeGreaterThan(40);
              assertThat(sparql.parse(e.text()).ok()).isTrue();
            });
    assertThat(pack.entry("approvals-per-dpo").orElseThrow().parameters())
        .extracting(QueryPack.Parameter::name)
        .containsExactly("month");
  }

  @Test
  void approvalsPerDpo_countsEachDposApprovalsInTheMonths_fromTheAuditLog() {
    assertThat(run("approvals-per-dpo", Map.of("month", List.of(month("2026-11")))))
        .extracting(r -> r.get("dpo"), r -> r.get("organisation"), r -> r.get("approvals"))
        .containsExactlyInAnyOrder(
            tuple(user(dpo(COUNCIL)), org(COUNCIL), "1"),
            tuple(user(dpo(TRUST)), org(TRUST), "1"),
            tuple(user(dpo(ICB)), org(ICB), "1"));

    var both =
        run("approvals-per-dpo", Map.of("month", List.of(month("2026-11"), month("2026-12"))));
    assertThat(both.get(0))
        .containsEntry("dpo", user(dpo(COUNCIL)))
        .containsEntry("approvals", "2");
    assertThat(both.get(0).get("agreements").split(" "))
        .containsExactlyInAnyOrder("dsa-pack-one", "dsa-pack-two");
    // the trust's decision in December asked for changes: not an approval
    assertThat(run("approvals-per-dpo", Map.of("month", List.of(month("2026-12")))))
        .extracting(r -> r.get("organisation"))
        .containsExactly(org(COUNCIL));
  }

  @Test
  void agreementsInForce_onADate_giveTheVersionInForce_withItsApprovedHash() {
    assertThat(inForce("2026-11-27"))
        .containsExactly("dsa-domestic-abuse-marac@1", "dsa-hospital-discharge@2");
    // before the discharge amendment: version 1; the pilot not yet expired; the school agreement
    // not yet terminated; the MARAC agreement, approved in September 2025, not yet started (April)
    assertThat(inForce("2026-01-01"))
        .containsExactly(
            "dsa-falls-prevention-pilot@1", "dsa-hospital-discharge@1", "dsa-school-readiness@1");
    assertThat(inForce("2027-02-01"))
        .containsExactly(
            "dsa-domestic-abuse-marac@1",
            "dsa-hospital-discharge@2",
            "dsa-mash-safeguarding@1",
            "dsa-pack-one@1");
    var packOne =
        run("agreements-in-force-on-date", Map.of("date", List.of(date("2027-02-01")))).stream()
            .filter(r -> r.get("id").equals("dsa-pack-one"))
            .findFirst()
            .orElseThrow();
    assertThat(packOne.get("contentHash")).isEqualTo(packOneHash).matches("[0-9a-f]{64}");
  }

  List<String> inForce(String day) {
    return run("agreements-in-force-on-date", Map.of("date", List.of(date(day)))).stream()
        .map(r -> r.get("id") + "@" + r.get("number"))
        .toList();
  }

  @Test
  void specialCategoryWithoutCondition_findsEachPartyWithoutAnArticle9Condition() {
    var rows = run("special-category-without-condition", Map.of());
    assertThat(rows)
        .extracting(r -> r.get("id"), r -> r.get("organisation"))
        .containsExactly(
            // the sample agreements name their conditions (the lifecycle refuses a submission
            // without them, and the sample history is replayed through it)
            tuple("dsa-pack-moved", org(ICB)), tuple("dsa-pack-moved", org(TRUST)));
    assertThat(rows.get(0).get("why"))
        .contains("the version declares special category data")
        .contains("lists special category https://w3id.org/dsr/ref/data-category/health");
  }

  @Test
  void pastReviewDate_listsAgreementsInForceWhoseReviewIsOverdue() {
    assertThat(run("agreements-past-review-date", Map.of("asOf", List.of(date("2027-06-01")))))
        .extracting(r -> r.get("id"), r -> r.get("daysOverdue"))
        .containsExactly(
            tuple("dsa-domestic-abuse-marac", "62"), tuple("dsa-hospital-discharge", "1"));
    assertThat(run("agreements-past-review-date", Map.of("asOf", List.of(date("2026-11-27")))))
        .isEmpty();
  }

  @Test
  void assuranceExpired_namesThePartyTheSchemeAndTheActiveAgreement() {
    // the ICB's Cyber Essentials lapsed on 2026-12-14; the police's lapsed too, but its
    // agreements are suspended or not yet active
    assertThat(
            run(
                "assurance-expired-during-active-agreement",
                Map.of("asOf", List.of(date("2026-12-15")))))
        .extracting(
            r -> r.get("orgId"), r -> r.get("scheme"), r -> r.get("id"), r -> r.get("required"))
        .containsExactly(
            tuple(
                ICB,
                "https://w3id.org/dsr/ref/assurance-scheme/cyber-essentials",
                "dsa-hospital-discharge",
                "false"));
    assertThat(
            run(
                "assurance-expired-during-active-agreement",
                Map.of("asOf", List.of(date("2026-11-27")))))
        .isEmpty();
  }

  @Test
  void provenanceChain_ordersVersionsDecisionsAndAuditEventsInTime() {
    var chain = run("provenance-chain", Map.of("id", List.of(string("dsa-pack-one"))));
    assertThat(chain)
        .extracting(r -> r.get("kind"), r -> r.get("action"))
        .containsExactly(
            tuple("version", null),
            tuple("audit-event", dsr("Create")),
            // the council's and the trust's own answers (each party answers for itself)
            tuple("audit-event", dsr("Edit")),
            tuple("audit-event", dsr("Edit")),
            tuple("audit-event", dsr("Submit")),
            tuple("decision", dsr("Approve")),
            tuple("audit-event", dsr("Decide")),
            tuple("decision", dsr("Approve")),
            tuple("audit-event", dsr("Decide")),
            tuple("decision", dsr("Approve")),
            tuple("audit-event", dsr("Decide")));
    assertThat(chain.stream().filter(r -> "decision".equals(r.get("kind"))))
        .allSatisfy(r -> assertThat(r.get("contentHash")).isEqualTo(packOneHash));
    assertThat(chain.stream().filter(r -> "audit-event".equals(r.get("kind"))))
        .extracting(r -> r.get("sequence"))
        .containsExactly("0", "1", "2", "3", "4", "5", "6");

    var sample = run("provenance-chain", Map.of());
    assertThat(sample)
        .extracting(r -> r.get("kind"))
        .containsExactly(
            "version", "version", "decision", "decision", "decision", "decision", "decision");
  }

  @Test
  void decisionsByFormerMembers_listDecisionsOfUsersWhoLaterActedForAnotherOrganisation() {
    assertThat(run("decisions-by-former-members", Map.of()))
        .extracting(
            r -> r.get("id"),
            r -> r.get("user"),
            r -> r.get("decidedFor"),
            r -> r.get("lastActedFor"))
        .containsExactly(
            tuple("dsa-pack-one", user(dpo(COUNCIL)), org(COUNCIL), org(TRUST)),
            tuple("dsa-pack-two", user(dpo(COUNCIL)), org(COUNCIL), org(TRUST)));
  }

  @Test
  void datasetsSharedWithMostOrganisations_rankByRecipientsOtherThanThePublisher() {
    var rows = run("datasets-shared-with-most-organisations", Map.of());
    assertThat(rows.subList(0, 6))
        .extracting(r -> r.get("dataset"), r -> r.get("organisations"))
        .containsExactly(
            tuple(dataset("community-mental-health-caseload"), "4"),
            tuple(dataset("domestic-abuse-incidents"), "4"),
            tuple(dataset("tenancy-sustainment-referrals"), "4"),
            tuple(dataset("child-protection-plans"), "3"),
            tuple(dataset("emergency-department-attendances"), "3"),
            tuple(dataset("public-protection-notices"), "3"));
    assertThat(rows.get(1).get("agreements")).isEqualTo("2");
  }

  @Test
  void submissionToApproval_givesEachOrganisationsApprovalTimesInHours() {
    assertThat(run("submission-to-approval-per-organisation", Map.of()))
        .extracting(
            r -> r.get("organisation"),
            r -> r.get("approvals"),
            r -> number(r.get("meanHours")),
            r -> number(r.get("fastestHours")),
            r -> number(r.get("slowestHours")))
        .containsExactly(
            tuple(org(ICB), "1", 50.0, 50.0, 50.0),
            tuple(org(TRUST), "1", 23.0, 23.0, 23.0),
            tuple(org(COUNCIL), "2", 1.5, 1.0, 2.0));
  }

  @Test
  void eventsPerAgentInMonth_countsEachUsersEventsPerOrganisation() {
    assertThat(run("events-per-agent-in-month", Map.of()))
        .extracting(r -> r.get("agent"), r -> r.get("organisation"), r -> r.get("events"))
        .containsExactlyInAnyOrder(
            tuple(user(partner(ICB)), org(ICB), "2"),
            // each other party's DPO gave its own answers and decided
            tuple(user(dpo(COUNCIL)), org(COUNCIL), "2"),
            tuple(user(dpo(TRUST)), org(TRUST), "2"),
            tuple(user(dpo(ICB)), org(ICB), "1"));
    assertThat(run("events-per-agent-in-month", Map.of("month", List.of(month("2026-12")))))
        .extracting(r -> r.get("agent"), r -> r.get("organisation"), r -> r.get("events"))
        .containsExactlyInAnyOrder(
            tuple(user(partner(COUNCIL)), org(COUNCIL), "2"),
            tuple(user(dpo(COUNCIL)), org(COUNCIL), "1"),
            tuple(user(dpo(COUNCIL)), org(TRUST), "1"),
            tuple(user(dpo(TRUST)), org(TRUST), "2"));
  }

  @Test
  void eventsIn24Hours_spanTwoCalendarDays_andStopAtTheWindowsEnd() {
    // the draft, the council's and the trust's answers and the submission at 10:00, the council's
    // approval at 12:00 and the trust's at 09:00 on the 28th
    assertThat(window("2026-11-27T10:00:00Z")).containsExactly("0", "1", "2", "3", "4", "5");
    // 11:00 on the 27th to 11:00 on the 28th: the council's approval and the trust's, not the
    // ICB's on the 29th
    assertThat(window("2026-11-27T11:00:00Z")).containsExactly("4", "5");
    assertThat(window("2026-11-29T12:00:01Z")).isEmpty();
  }

  List<String> window(String from) {
    return run(
            "events-in-24-hours",
            Map.of("from", List.of(NodeFactory.createLiteralDT(from, XSDDatatype.XSDdateTime))))
        .stream()
        .map(r -> r.get("sequence"))
        .toList();
  }

  @Test
  void approvalsCoveringDataCategory_answerTheAuditorsExampleQuestion() {
    // "which agreements covering mental-health data did the trust's DPO approve in 2026, on
    // which version hash?" (the registry recomputes the sample decisions' hashes on load)
    String versionHash =
        t.registry
            .agreements()
            .get(TestRegistry.auditor(), "dsa-mash-safeguarding")
            .orElseThrow()
            .versions()
            .get(0)
            .contentHash();
    assertThat(run("approvals-covering-data-category", Map.of()))
        .extracting(r -> r.get("id"), r -> r.get("number"), r -> r.get("contentHash"))
        .containsExactly(tuple("dsa-mash-safeguarding", "1", versionHash));
    assertThat(
            run(
                "approvals-covering-data-category",
                Map.of(
                    "organisationId",
                    List.of(string(COUNCIL)),
                    "category",
                    List.of(string("health")))))
        .extracting(r -> r.get("id"))
        .containsExactly(
            "dsa-hospital-discharge", "dsa-mash-safeguarding", "dsa-pack-one", "dsa-pack-two");
  }

  @Test
  void auditEventsFailingChecks_isEmptyForAnIntactLog() {
    assertThat(run("audit-events-failing-checks", Map.of())).isEmpty();
  }

  @Test
  void auditEventsFailingChecks_namesMissingHashesDuplicatesAndGaps(@TempDir Path other) {
    try (TestRegistry tampered = new TestRegistry(other).forgetSampleHistory()) {
      AgreementService s = tampered.registry.agreements();
      TestRegistry.draft(
              s, partner(ICB), Optional.of("dsa-log"), t.completeContent(List.of(ICB, COUNCIL)))
          .orElseThrow();
      s.submit(partner(ICB), "dsa-log").orElseThrow();
      TestRegistry.decide(s, dpo(COUNCIL), "dsa-log", 1, Outcome.APPROVE, Optional.empty())
          .orElseThrow();
      TestRegistry.decide(s, dpo(ICB), "dsa-log", 1, Outcome.APPROVE, Optional.empty())
          .orElseThrow();
      DatasetGraph dsg = tampered.store.datasetGraph();
      Node audit = Graphs.AUDIT_NODE;
      Node seq = DSR.sequence.asNode();
      Node[] events = new Node[5]; // create, the council's answers, submit, two decisions
      Txn.executeRead(
          dsg,
          () ->
              dsg.find(audit, Node.ANY, seq, Node.ANY)
                  .forEachRemaining(
                      q ->
                          events[Integer.parseInt(q.getObject().getLiteralLexicalForm())] =
                              q.getSubject()));
      Txn.executeWrite(
          dsg,
          () -> {
            // event 0 loses its leaf hash; event 1 vanishes; event 3 claims number 2 as well
            dsg.deleteAny(audit, events[0], DSR.leafHash.asNode(), Node.ANY);
            dsg.deleteAny(audit, events[1], Node.ANY, Node.ANY);
            dsg.add(audit, events[3], seq, NodeFactory.createLiteralDT("2", XSDDatatype.XSDlong));
          });
      SparqlService onTampered =
          new SparqlService(tampered.store, tampered.registry.ids(), SparqlLimits.DEFAULTS);
      Answer.Rows rows =
          (Answer.Rows)
              onTampered
                  .evaluate(auditor(), pack.query("audit-events-failing-checks"))
                  .orElseThrow();
      assertThat(
              rows.rows().stream()
                  .map(
                      b ->
                          text(b.get("event"))
                              + " "
                              + text(b.get("sequence"))
                              + " "
                              + text(b.get("problem"))))
          .containsExactlyInAnyOrder(
              events[0].getURI() + " 0 no leaf hash",
              events[2].getURI() + " 2 the event before it in the sequence is missing",
              events[2].getURI() + " 2 sequence number shared with another event",
              events[3].getURI() + " 2 sequence number shared with another event",
              events[3].getURI() + " 2 the event before it in the sequence is missing",
              events[3].getURI() + " 3 more than one sequence number");
    }
  }

  @Test
  void auditEventsFailingChecks_looksAtEventsSinceTheLastIntactVerification(@TempDir Path other) {
    try (TestRegistry r = new TestRegistry(other).forgetSampleHistory()) {
      AgreementService s = r.registry.agreements();
      TestRegistry.draft(
              s, partner(ICB), Optional.of("dsa-tail"), t.completeContent(List.of(ICB, COUNCIL)))
          .orElseThrow();
      s.submit(partner(ICB), "dsa-tail").orElseThrow();
      DatasetGraph dsg = r.store.datasetGraph();
      Node audit = Graphs.AUDIT_NODE;
      Node marks = NodeFactory.createURI(Graphs.AUDIT + "#unverified");
      Node member = org.apache.jena.vocabulary.RDFS.member.asNode();
      assertThat(Txn.calculateRead(dsg, () -> Iter.count(dsg.find(audit, marks, member, Node.ANY))))
          .as("each appended event is marked (create, the council's own answers, submit)")
          .isEqualTo(3);

      assertThat(r.registry.auditTrail().verify().intact()).isTrue();
      assertThat(Txn.calculateRead(dsg, () -> Iter.count(dsg.find(audit, marks, member, Node.ANY))))
          .as("an intact verification clears the marks of the events it covered")
          .isZero();
      Node first = eventAt(dsg, 0);
      Txn.executeWrite(dsg, () -> dsg.deleteAny(audit, first, DSR.leafHash.asNode(), Node.ANY));
      SparqlService onIt = new SparqlService(r.store, r.registry.ids(), SparqlLimits.DEFAULTS);
      assertThat(failingChecks(onIt))
          .as("a verified event is the next verification's to check, not the query's")
          .isEmpty();
      assertThat(r.registry.auditTrail().verify().findings())
          .extracting(AuditTrail.Finding::event)
          .contains(first.getURI());

      TestRegistry.decide(s, dpo(COUNCIL), "dsa-tail", 1, Outcome.APPROVE, Optional.empty())
          .orElseThrow();
      TestRegistry.decide(s, dpo(ICB), "dsa-tail", 1, Outcome.APPROVE, Optional.empty())
          .orElseThrow();
      long size = r.store.logHead().size();
      Node before = eventAt(dsg, size - 2);
      Node last = eventAt(dsg, size - 1);
      Txn.executeWrite(
          dsg,
          () -> {
            dsg.deleteAny(audit, before, DSR.rootHash.asNode(), Node.ANY);
            dsg.deleteAny(audit, last, Node.ANY, Node.ANY);
          });
      assertThat(failingChecks(onIt))
          .containsExactlyInAnyOrder(
              before.getURI() + " " + (size - 2) + " no root hash",
              "null " + (size - 1) + " the last event of the log is missing");
    }
  }

  static Node eventAt(DatasetGraph dsg, long sequence) {
    Node n = NodeFactory.createLiteralDT(Long.toString(sequence), XSDDatatype.XSDlong);
    return Txn.calculateRead(
        dsg,
        () -> dsg.find(Graphs.AUDIT_NODE, Node.ANY, DSR.sequence.asNode(), n).next().getSubject());
  }

  List<String> failingChecks(SparqlService on) {
    Answer.Rows rows =
        (Answer.Rows)
            on.evaluate(auditor(), pack.query("audit-events-failing-checks")).orElseThrow();
    return rows.rows().stream()
        .map(
            b ->
                text(b.get("event")) + " " + text(b.get("sequence")) + " " + text(b.get("problem")))
        .toList();
  }

  // ---------------------------------------------------------------- helpers

  List<Map<String, String>> run(String name, Map<String, List<Node>> params) {
    Answer.Rows rows =
        (Answer.Rows) sparql.evaluate(auditor(), pack.query(name, params)).orElseThrow();
    return rows.rows().stream()
        .map(
            b -> {
              Map<String, String> m = new LinkedHashMap<>();
              rows.vars().forEach(v -> m.put(v.getVarName(), text(b.get(v))));
              return m;
            })
        .toList();
  }

  static String text(Node n) {
    if (n == null) {
      return null;
    }
    return n.isURI() ? n.getURI() : n.isLiteral() ? n.getLiteralLexicalForm() : n.toString();
  }

  static double number(String lexical) {
    return Math.round(Double.parseDouble(lexical) * 1000) / 1000.0;
  }

  String user(Actor a) {
    return t.registry.ids().user(a).getURI();
  }

  static String org(String slug) {
    return BASE + "organisation/" + slug;
  }

  static String dataset(String slug) {
    return BASE + "dataset/" + slug;
  }

  static String dsr(String local) {
    return "https://w3id.org/dsr#" + local;
  }

  static Node month(String ym) {
    return NodeFactory.createLiteralDT(ym, XSDDatatype.XSDgYearMonth);
  }

  static Node date(String d) {
    return NodeFactory.createLiteralDT(d, XSDDatatype.XSDdate);
  }

  static Node string(String s) {
    return NodeFactory.createLiteralString(s);
  }
}
