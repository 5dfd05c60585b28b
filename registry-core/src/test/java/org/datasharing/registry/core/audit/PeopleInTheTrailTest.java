package org.datasharing.registry.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.datasharing.registry.core.support.TestRegistry.COUNCIL;
import static org.datasharing.registry.core.support.TestRegistry.ICB;
import static org.datasharing.registry.core.support.TestRegistry.partner;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.system.Txn;
import org.apache.jena.vocabulary.RDF;
import org.datasharing.registry.core.agreement.AgreementService.Outcome;
import org.datasharing.registry.core.common.Actor;
import org.datasharing.registry.core.common.Result;
import org.datasharing.registry.core.store.Change;
import org.datasharing.registry.core.store.LogHead;
import org.datasharing.registry.core.support.TestRegistry;
import org.datasharing.registry.ontology.vocab.DSR;
import org.datasharing.registry.ontology.vocab.Graphs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each new event records the person who acted, as they were, in its hashed content. */
class PeopleInTheTrailTest {
  static final Actor PRIYA =
      new Actor(
          "sub-priya",
          "dpo.council",
          Optional.of(COUNCIL),
          Set.of(Actor.Role.DPO),
          Optional.of("Priya Shah"));

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

  List<AuditTrail.EventView> decideAsPriya(String id) {
    var s = t.registry.agreements();
    TestRegistry.draft(s, partner(ICB), Optional.of(id), t.completeContent(List.of(ICB, COUNCIL)))
        .orElseThrow();
    s.submit(partner(ICB), id).orElseThrow();
    TestRegistry.decide(s, PRIYA, id, 1, Outcome.APPROVE, Optional.empty()).orElseThrow();
    return t.registry.auditTrail().forAgreement(t.registry.ids().agreement(id));
  }

  @Test
  void newEvent_recordsNameUsernameRoleAndOrganisation_inItsHashedContent() {
    List<AuditTrail.EventView> events = decideAsPriya("dsa-people");
    AuditTrail.EventView approval = events.get(events.size() - 1);
    assertThat(approval.name()).contains("Priya Shah");
    assertThat(approval.username()).contains("dpo.council");
    assertThat(approval.roles()).containsExactly("dpo");
    assertThat(approval.organisationName()).contains("Northshire County Council");
    assertThat(approval.person()).contains("Priya Shah (DPO, Northshire County Council)");
    // without a display name the username stands in
    assertThat(events.get(0).person())
        .contains("partner." + ICB + " (Partner, NHS Northshire Integrated Care Board)");

    // the person is hashed: changing the name is an altered event
    Node e = NodeFactory.createURI(approval.id());
    var dsg = t.store.datasetGraph();
    Txn.executeWrite(
        dsg,
        () -> {
          dsg.deleteAny(Graphs.AUDIT_NODE, e, DSR.actorName.asNode(), Node.ANY);
          dsg.add(
              Graphs.AUDIT_NODE, e, DSR.actorName.asNode(), NodeFactory.createLiteralString("X"));
        });
    AuditTrail.Verification v = t.registry.auditTrail().verify();
    assertThat(v.intact()).isFalse();
    assertThat(v.findings()).anyMatch(f -> approval.id().equals(f.event()));
  }

  @Test
  void eventsWrittenBeforePeopleWereRecorded_stillVerify_besideNewOnes() {
    // an event in the old form: no name, username, roles or organisation name in its content
    AuditLog log = new AuditLog(t.registry.ids(), java.time.Clock.systemUTC());
    AuditEvent old =
        log.event(DSR.Submit.asNode(), partner(ICB), null, null, null, "written before people");
    Change.AuditAppender current = log.appender(old);
    t.store.commit(
        new Change(
            List.of(),
            List.of(),
            List.of(),
            head -> withoutPeople(current.append(head), old.id(), head)));
    decideAsPriya("dsa-after");
    AuditTrail.Verification v = t.registry.auditTrail().verify();
    assertThat(v.findings()).isEmpty();
    assertThat(v.intact()).isTrue();
    AuditTrail.EventView legacy =
        t.registry.auditTrail().page(0, 500).events().stream()
            .filter(x -> x.id().equals(old.id().getURI()))
            .findFirst()
            .orElseThrow();
    assertThat(legacy.person()).isEmpty();
    assertThat(legacy.username()).isEmpty();
  }

  @Test
  void people_areSeenByAuditorsAndAdministrators_only() {
    decideAsPriya("dsa-seen");
    People people = t.registry.people();
    Result<People.Person> found = people.person(TestRegistry.auditor(), "sub-priya");
    assertThat(found.ok()).isTrue();
    People.Person p = found.value();
    assertThat(p.name()).contains("Priya Shah");
    assertThat(p.roleLabels()).containsExactly("DPO");
    assertThat(p.memberships())
        .singleElement()
        .satisfies(m -> assertThat(m.name()).contains("Northshire County Council"));
    assertThat(p.events()).hasSize(1);
    assertThat(people.person(TestRegistry.admin(), "sub-priya").ok()).isTrue();
    assertThat(people.describe(TestRegistry.auditor(), "sub-priya").value().isEmpty()).isFalse();
    for (Actor other : List.of(PRIYA, partner(ICB), TestRegistry.dpo(ICB))) {
      assertThat(people.person(other, "sub-priya").failure()).isEqualTo(Result.Failure.NOT_FOUND);
      assertThat(people.describe(other, "sub-priya").failure()).isEqualTo(Result.Failure.NOT_FOUND);
    }
    assertThat(people.person(TestRegistry.auditor(), "nobody").failure())
        .isEqualTo(Result.Failure.NOT_FOUND);
  }

  /** The appended quads rebuilt as the log wrote them before it recorded people. */
  static Change.Appended withoutPeople(Change.Appended appended, Node event, LogHead head) {
    Set<Node> people =
        Set.of(
            DSR.actorName.asNode(),
            DSR.actorUsername.asNode(),
            DSR.actorRole.asNode(),
            DSR.actorOrganisationName.asNode());
    Graph content = GraphFactory.createDefaultGraph();
    for (Quad q : appended.quads()) {
      if (!people.contains(q.getPredicate())) {
        content.add(q.asTriple());
      }
    }
    Graph hashed = AuditLog.hashedContent(content, event);
    byte[] leaf = MerkleTree.leafHash(AuditLog.canonicalBytes(hashed));
    AuditLog.Step step = AuditLog.step(head.frontier(), head.size(), leaf);
    List<Quad> quads = new ArrayList<>();
    hashed.find().forEachRemaining(tr -> quads.add(new Quad(Graphs.AUDIT_NODE, tr)));
    quads.add(new Quad(Graphs.AUDIT_NODE, event, DSR.leafHash.asNode(), AuditLog.hexLiteral(leaf)));
    quads.add(
        new Quad(
            Graphs.AUDIT_NODE,
            event,
            DSR.rootHash.asNode(),
            AuditLog.hexLiteral(AuditLog.rootOf(step.frontier()))));
    if (!step.completed().isEmpty()) {
      quads.add(
          new Quad(
              Graphs.AUDIT_NODE,
              event,
              DSR.subtreeHashes.asNode(),
              NodeFactory.createLiteralString(AuditLog.encodeHashes(step.completed()))));
    }
    return new Change.Appended(
        quads,
        new LogHead(head.size() + 1, step.frontier()),
        new Quad(Graphs.AUDIT_NODE, event, RDF.type.asNode(), DSR.AuditEvent.asNode()));
  }
}
