package org.datasharing.registry.core.agreement;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.vocabulary.DCTerms;
import org.datasharing.registry.core.audit.AuditTrail;
import org.datasharing.registry.core.common.Result;
import org.datasharing.registry.core.common.Violation;
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

/**
 * Existing agreements imported from elsewhere with their history: replayed through the lifecycle at
 * their recorded times, each event marked imported, all or nothing.
 */
public class AgreementImportTest {
  static final String SOURCE = "Northshire paper register, 2025";
  static final String TRUST_DPO_USER = "7d2f6c1e-3b4a-4f5e-9a10-2c4e6f8a0b02";

  @TempDir Path dir;
  TestRegistry t;

  @BeforeEach
  void setUp() {
    t = new TestRegistry(dir);
  }

  @AfterEach
  void tearDown() {
    t.close();
  }

  @Test
  void importedAgreement_isReplayedWithItsHistory_eachEventMarkedImported() {
    long before = t.registry.auditTrail().head().size();

    Result<AgreementImport.Summary> r =
        t.registry
            .agreementImport()
            .importHistory(TestRegistry.admin(), file(copyOf("dsa-imported-discharge")), SOURCE);

    assertThat(r.ok()).as(r.message() + " " + r.violations()).isTrue();
    assertThat(r.value().agreements()).containsExactly("dsa-imported-discharge");
    assertThat(t.registry.auditTrail().head().size()).isEqualTo(before + r.value().events());
    // the history as recorded, up to today: version 2 approved by all three parties, in force
    AgreementView a =
        t.registry.agreements().get(TestRegistry.auditor(), "dsa-imported-discharge").orElseThrow();
    assertThat(a.status()).isEqualTo(AgreementStatus.ACTIVE);
    Node ag = t.registry.ids().agreement("dsa-imported-discharge");
    List<AuditTrail.EventView> timeline = t.registry.auditTrail().forAgreement(ag);
    List<String> kinds = timeline.stream().map(e -> e.action().replaceAll(".*[#/]", "")).toList();
    // each other party gives its own answers after the draft (Edit events), as every draft now is
    assertThat(kinds.get(0)).isEqualTo("Create");
    assertThat(kinds).contains("Edit");
    assertThat(kinds.stream().filter(k -> !k.equals("Edit")).toList())
        .startsWith("Create", "Submit", "Decide", "Decide", "Activate");
    assertThat(timeline.get(0).at()).isEqualTo(Instant.parse("2025-02-03T09:30:00Z"));
    assertThat(timeline.stream().filter(e -> e.action().endsWith("Decide"))).hasSize(5);
    // every event says where it comes from, who imported it and when it was appended
    Graph audit = t.registry.store().graph(Graphs.AUDIT_NODE);
    for (AuditTrail.EventView e : timeline) {
      Node id = NodeFactory.createURI(e.id());
      assertThat(object(audit, id, DSR.importedFrom.asNode()).getLiteralLexicalForm())
          .isEqualTo(SOURCE);
      assertThat(object(audit, id, DSR.importedBy.asNode()))
          .isEqualTo(t.registry.ids().user(TestRegistry.admin()));
      assertThat(object(audit, id, DSR.replayedAt.asNode()).getLiteralLexicalForm())
          .isEqualTo(TestRegistry.NOW.toString());
      // and says so in words, as the audit pages and /api/audit/events show it
      assertThat(e.imported()).contains("Imported from " + SOURCE + " by admin");
    }
    // events made here say nothing of the kind
    assertThat(
            t.registry
                .auditTrail()
                .forAgreement(t.registry.ids().agreement("dsa-hospital-discharge"))
                .get(0)
                .imported())
        .isEmpty();
    AuditTrail.Verification v = t.registry.auditTrail().verify();
    assertThat(v.findings()).isEmpty();
    assertThat(v.intact()).isTrue();
  }

  @Test
  void importedDecisions_nameThePersonAsTheSourceRecordedThem_neverARegistryUser() {
    var r =
        t.registry
            .agreementImport()
            .importHistory(TestRegistry.admin(), file(copyOf("dsa-imported-discharge")), SOURCE);
    assertThat(r.ok()).as(r.message() + " " + r.violations()).isTrue();

    Graph audit = t.registry.store().graph(Graphs.AUDIT_NODE);
    Node ag = t.registry.ids().agreement("dsa-imported-discharge");
    AuditTrail.EventView trustDecision =
        t.registry.auditTrail().forAgreement(ag).stream()
            .filter(e -> e.action().endsWith("Decide"))
            .filter(e -> e.organisation().orElse("").endsWith(TestRegistry.TRUST))
            .findFirst()
            .orElseThrow();
    Node id = NodeFactory.createURI(trustDecision.id());
    assertThat(object(audit, id, DSR.actorName.asNode()).getLiteralLexicalForm())
        .isEqualTo("Gareth Mills");
    Node person = object(audit, id, PROV.wasAssociatedWith.asNode());
    assertThat(person.getURI()).contains("/user/imported-");
    // the same sample person, signed in here, is another user: the import cannot speak as them
    assertThat(person.getURI()).doesNotContain(TRUST_DPO_USER);
  }

  @Test
  void importedHistory_tellsNoOne() {
    Outbox outbox = new Outbox(t.registry.store());
    int waiting =
        outbox
            .inState(org.datasharing.registry.core.notification.Notification.State.PENDING)
            .size();
    var r =
        t.registry
            .agreementImport()
            .importHistory(TestRegistry.admin(), file(copyOf("dsa-imported-discharge")), SOURCE);
    assertThat(r.ok()).isTrue();
    assertThat(
            outbox.inState(org.datasharing.registry.core.notification.Notification.State.PENDING))
        .hasSize(waiting);
  }

  @Test
  void missingTime_isRefusedNamingTheField_andChangesNothing() {
    DatasetGraph broken =
        copyOf(
            "dsa-imported-discharge",
            t ->
                t.getPredicate().equals(DCTerms.created.asNode())
                        && t.getSubject().getURI().endsWith("dsa-imported-discharge")
                    ? null
                    : t);
    long before = t.registry.auditTrail().head().size();

    var r = t.registry.agreementImport().importHistory(TestRegistry.admin(), file(broken), SOURCE);

    assertThat(r.failure()).isEqualTo(Result.Failure.INVALID);
    assertThat(r.violations())
        .extracting(Violation::field)
        .contains("agreements[dsa-imported-discharge].created");
    assertThat(t.registry.auditTrail().head().size()).isEqualTo(before);
    assertThat(t.registry.agreements().get(TestRegistry.auditor(), "dsa-imported-discharge").ok())
        .isFalse();
  }

  @Test
  void aStepTheLifecycleRefuses_refusesTheWholeFile_andChangesNothing() {
    // two agreements: the first replays; the second declares a status its history does not end in
    DatasetGraph both = copyOf("dsa-imported-one");
    DatasetGraph second =
        copyOf(
            "dsa-imported-two",
            t ->
                t.getPredicate().equals(DSR.status.asNode())
                    ? Triple.create(t.getSubject(), t.getPredicate(), DSR.Draft.asNode())
                    : t);
    second
        .listGraphNodes()
        .forEachRemaining(
            g ->
                second
                    .getGraph(g)
                    .find()
                    .forEachRemaining(
                        x -> both.add(g, x.getSubject(), x.getPredicate(), x.getObject())));
    long before = t.registry.auditTrail().head().size();

    var r = t.registry.agreementImport().importHistory(TestRegistry.admin(), file(both), SOURCE);

    assertThat(r.failure()).isEqualTo(Result.Failure.INVALID);
    assertThat(r.violations()).extracting(Violation::field).hasSize(1);
    assertThat(r.violations().get(0).field()).startsWith("agreements[dsa-imported-");
    assertThat(t.registry.auditTrail().head().size()).isEqualTo(before);
    assertThat(t.registry.agreements().get(TestRegistry.auditor(), "dsa-imported-one").ok())
        .isFalse();
    assertThat(t.registry.agreements().get(TestRegistry.auditor(), "dsa-imported-two").ok())
        .isFalse();
  }

  @Test
  void onlyTheRegistryAdministrator_mayImport_notEvenAPartysDpo_whoCannotVouchForTheOtherParties() {
    var service = t.registry.agreementImport();
    long before = t.registry.auditTrail().head().size();
    // the trust is a party, but the history records the council's and the ICB's approvals too
    var party =
        service.importHistory(
            TestRegistry.dpo(TestRegistry.TRUST), file(copyOf("dsa-imported-discharge")), SOURCE);
    assertThat(party.failure()).isEqualTo(Result.Failure.FORBIDDEN);
    var other =
        service.importHistory(
            TestRegistry.dpo(TestRegistry.POLICE), file(copyOf("dsa-imported-discharge")), SOURCE);
    assertThat(other.failure()).isEqualTo(Result.Failure.FORBIDDEN);
    var partner =
        service.importHistory(
            TestRegistry.partner(TestRegistry.TRUST),
            file(copyOf("dsa-imported-discharge")),
            SOURCE);
    assertThat(partner.failure()).isEqualTo(Result.Failure.FORBIDDEN);
    assertThat(t.registry.agreements().get(TestRegistry.auditor(), "dsa-imported-discharge").ok())
        .isFalse();
    assertThat(t.registry.auditTrail().head().size()).isEqualTo(before);

    var admin =
        service.importHistory(TestRegistry.admin(), file(copyOf("dsa-imported-discharge")), SOURCE);
    assertThat(admin.ok()).as(admin.message() + " " + admin.violations()).isTrue();
  }

  @Test
  void anIdentifierTheRegistryHas_isAConflict_andAMissingSourceIsNamed() {
    var service = t.registry.agreementImport();
    var taken =
        service.importHistory(TestRegistry.admin(), file(copyOf("dsa-hospital-discharge")), SOURCE);
    assertThat(taken.failure()).isEqualTo(Result.Failure.CONFLICT);
    var noSource =
        service.importHistory(TestRegistry.admin(), file(copyOf("dsa-imported-discharge")), " ");
    assertThat(noSource.violations()).extracting(Violation::field).containsExactly("source");
    var notTrig =
        service.importHistory(
            TestRegistry.admin(),
            new ByteArrayInputStream("<a> <b> {".getBytes(StandardCharsets.UTF_8)),
            SOURCE);
    assertThat(notTrig.violations()).extracting(Violation::field).containsExactly("file");
  }

  @Test
  void anyFieldMissingOrGarbled_isRefusedInPlainWords_orImported_neverA500() {
    // every property of the sample history, in turn dropped everywhere or given a value of the
    // wrong kind: the import either succeeds or is refused naming a field, in words a user reads
    Graph sample =
        copyOf("dsa-probe")
            .getGraph(NodeFactory.createURI(TestRegistry.BASE + "agreement/dsa-probe"));
    List<Node> predicates = sample.find().mapWith(Triple::getPredicate).toSet().stream().toList();
    List<String> unreadable = new ArrayList<>();
    java.util.Map<String, List<String>> garbledFields = new java.util.HashMap<>();
    int n = 0;
    for (Node p : predicates) {
      for (boolean drop : List.of(true, false)) {
        String id = "dsa-probe-" + n++;
        var r =
            t.registry
                .agreementImport()
                .importHistory(
                    TestRegistry.admin(),
                    file(
                        copyOf(
                            id,
                            x ->
                                !x.getPredicate().equals(p)
                                    ? x
                                    : drop
                                        ? null
                                        : Triple.create(
                                            x.getSubject(),
                                            p,
                                            NodeFactory.createLiteralString("not-a-value")))),
                    SOURCE);
        if (r.ok()) {
          continue;
        }
        if (!drop) {
          garbledFields.put(
              p.getLocalName(), r.violations().stream().map(Violation::field).toList());
        }
        String words = r.message() + " " + r.violations();
        if (words.matches(
            "(?s).*(No value present|Exception|For input string|could not be parsed at index|\\bnull\\b|java\\.).*")) {
          unreadable.add((drop ? "without " : "garbled ") + p + ": " + words);
        }
      }
    }
    assertThat(unreadable).isEmpty();
    assertThat(garbledFields.get("startDate")).anyMatch(f -> f.endsWith("].startDate"));
    assertThat(garbledFields.get("dateSubmitted")).anyMatch(f -> f.endsWith("].dateSubmitted"));
    assertThat(t.registry.auditTrail().verify().intact()).isTrue();
  }

  /** The sample's Hospital Discharge agreement under another identifier, as another register's. */
  public static DatasetGraph copyOf(String id) {
    return copyOf(id, UnaryOperator.identity());
  }

  static DatasetGraph copyOf(String id, UnaryOperator<Triple> change) {
    DatasetGraph sample = Bootstrap.sampleAgreements(TestRegistry.BASE);
    String from = TestRegistry.BASE + "agreement/dsa-hospital-discharge";
    String to = TestRegistry.BASE + "agreement/" + id;
    Node graph = NodeFactory.createURI(from);
    Node renamed = NodeFactory.createURI(to);
    DatasetGraph out = DatasetGraphFactory.createGeneral();
    List<Triple> triples = new ArrayList<>();
    sample.getGraph(graph).find().forEachRemaining(triples::add);
    triples.add(
        Triple.create(
            NodeFactory.createURI(TestRegistry.BASE + "user/" + TRUST_DPO_USER),
            DSR.recordedName.asNode(),
            NodeFactory.createLiteralString("Gareth Mills")));
    for (Triple x : triples) {
      Triple r =
          Triple.create(
              rename(x.getSubject(), from, to), x.getPredicate(), rename(x.getObject(), from, to));
      if (r.getPredicate().equals(DCTerms.identifier.asNode()) && r.getSubject().equals(renamed)) {
        r = Triple.create(renamed, r.getPredicate(), NodeFactory.createLiteralString(id));
      }
      Triple changed = change.apply(r);
      if (changed != null) {
        out.add(renamed, changed.getSubject(), changed.getPredicate(), changed.getObject());
      }
    }
    return out;
  }

  private static Node rename(Node n, String from, String to) {
    return n.isURI() && n.getURI().startsWith(from)
        ? NodeFactory.createURI(to + n.getURI().substring(from.length()))
        : n;
  }

  public static ByteArrayInputStream file(DatasetGraph d) {
    StringWriter w = new StringWriter();
    RDFDataMgr.write(w, d, Lang.TRIG);
    return new ByteArrayInputStream(w.toString().getBytes(StandardCharsets.UTF_8));
  }

  private static Node object(Graph g, Node s, Node p) {
    var it = g.find(s, p, Node.ANY);
    assertThat(it.hasNext()).as("%s has %s", s, p).isTrue();
    return it.next().getObject();
  }
}
