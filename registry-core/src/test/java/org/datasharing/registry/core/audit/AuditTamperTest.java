package org.datasharing.registry.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.datasharing.registry.core.support.TestRegistry.COUNCIL;
import static org.datasharing.registry.core.support.TestRegistry.ICB;
import static org.datasharing.registry.core.support.TestRegistry.TRUST;
import static org.datasharing.registry.core.support.TestRegistry.dpo;
import static org.datasharing.registry.core.support.TestRegistry.partner;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.apache.jena.vocabulary.RDFS;
import org.datasharing.registry.core.agreement.AgreementService.Outcome;
import org.datasharing.registry.core.support.TestRegistry;
import org.datasharing.registry.ontology.vocab.DSR;
import org.datasharing.registry.ontology.vocab.Graphs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The verifier recomputes the log from the store; these tests edit the store behind its back. */
class AuditTamperTest {
  static final Node AUDIT = Graphs.AUDIT_NODE;

  @TempDir Path dir;
  TestRegistry t;
  AuditTrail trail;
  DatasetGraph dsg;
  List<AuditTrail.EventView> events;
  // the sample history's events, before this test's five
  long sampleEvents;

  @BeforeEach
  void setUp() {
    t = new TestRegistry(dir);
    trail = t.registry.auditTrail();
    dsg = t.store.datasetGraph();
    sampleEvents = trail.head().size();
    var s = t.registry.agreements();
    TestRegistry.draft(
            s,
            partner(ICB),
            Optional.of("dsa-log"),
            t.completeContent(List.of(ICB, COUNCIL, TRUST)))
        .orElseThrow();
    s.submit(partner(ICB), "dsa-log").orElseThrow();
    TestRegistry.decide(s, dpo(COUNCIL), "dsa-log", 1, Outcome.APPROVE, Optional.empty())
        .orElseThrow();
    TestRegistry.decide(s, dpo(TRUST), "dsa-log", 1, Outcome.APPROVE, Optional.empty())
        .orElseThrow();
    TestRegistry.decide(s, dpo(ICB), "dsa-log", 1, Outcome.APPROVE, Optional.empty()).orElseThrow();
    events = trail.forAgreement(t.registry.ids().agreement("dsa-log"));
    // create, the council's and the trust's own answers, submit, three decisions
    assertThat(events).hasSize(7);
  }

  @AfterEach
  void tearDown() {
    t.close();
  }

  Node event(int i) {
    return NodeFactory.createURI(events.get(i).id());
  }

  @Test
  void verify_acceptsAnUntouchedLog() {
    AuditTrail.Verification v = trail.verify();
    assertThat(v.intact()).isTrue();
    assertThat(v.findings()).isEmpty();
    assertThat(v.treeSize()).isEqualTo(sampleEvents + 7);
  }

  @Test
  void verify_namesAnAlteredEvent() {
    Node e = event(2);
    Txn.executeWrite(
        dsg,
        () -> {
          dsg.deleteAny(AUDIT, e, RDFS.comment.asNode(), Node.ANY);
          dsg.add(
              AUDIT,
              e,
              RDFS.comment.asNode(),
              NodeFactory.createLiteralString("reject by northshire-county-council"));
        });

    AuditTrail.Verification v = trail.verify();

    assertThat(v.intact()).isFalse();
    assertThat(v.findings())
        .anySatisfy(
            f -> {
              assertThat(f.event()).isEqualTo(e.getURI());
              assertThat(f.problem()).contains("altered");
            });
  }

  @Test
  void verify_namesADeletedEvent() {
    Node e = event(1);
    long seq = events.get(1).sequence();
    Txn.executeWrite(dsg, () -> dsg.deleteAny(AUDIT, e, Node.ANY, Node.ANY));

    AuditTrail.Verification v = trail.verify();

    assertThat(v.intact()).isFalse();
    assertThat(v.findings())
        .anySatisfy(
            f -> {
              assertThat(f.sequence()).isEqualTo(seq);
              assertThat(f.problem()).contains("missing");
            });
  }

  @Test
  void verify_namesAnInsertedEvent() {
    Node forged = NodeFactory.createURI("http://localhost:8080/id/audit/forged");
    Node seq =
        NodeFactory.createLiteralDT(Long.toString(events.get(3).sequence()), XSDDatatype.XSDlong);
    Txn.executeWrite(
        dsg,
        () -> {
          dsg.add(
              AUDIT, forged, org.apache.jena.vocabulary.RDF.type.asNode(), DSR.AuditEvent.asNode());
          dsg.add(AUDIT, forged, DSR.sequence.asNode(), seq);
          dsg.add(AUDIT, forged, DSR.action.asNode(), DSR.Decide.asNode());
        });

    AuditTrail.Verification v = trail.verify();

    assertThat(v.intact()).isFalse();
    assertThat(v.findings())
        .anySatisfy(f -> assertThat(f.problem()).contains("more than one event claims sequence"));
  }

  @Test
  void verify_namesReorderedEvents() {
    Node a = event(1);
    Node b = event(3);
    Node seqA =
        NodeFactory.createLiteralDT(Long.toString(events.get(1).sequence()), XSDDatatype.XSDlong);
    Node seqB =
        NodeFactory.createLiteralDT(Long.toString(events.get(3).sequence()), XSDDatatype.XSDlong);
    Txn.executeWrite(
        dsg,
        () -> {
          dsg.delete(AUDIT, a, DSR.sequence.asNode(), seqA);
          dsg.delete(AUDIT, b, DSR.sequence.asNode(), seqB);
          dsg.add(AUDIT, a, DSR.sequence.asNode(), seqB);
          dsg.add(AUDIT, b, DSR.sequence.asNode(), seqA);
        });

    AuditTrail.Verification v = trail.verify();

    assertThat(v.intact()).isFalse();
    assertThat(v.findings()).extracting(AuditTrail.Finding::event).contains(a.getURI(), b.getURI());
  }

  @Test
  void inclusionProofs_verifyWithAnIndependentRfc9162Verifier() {
    for (AuditTrail.EventView e : trail.page(0, 100).events()) {
      AuditTrail.InclusionProof p =
          trail.inclusionProof(NodeFactory.createURI(e.id())).orElseThrow();
      List<byte[]> path = p.auditPath().stream().map(MerkleTree::unhex).toList();
      assertThat(
              MerkleTreeTest.refVerifyInclusion(
                  MerkleTree.unhex(p.leafHash()),
                  p.leafIndex(),
                  p.treeSize(),
                  path,
                  MerkleTree.unhex(p.rootHash())))
          .isTrue();
      assertThat(p.rootHash()).isEqualTo(trail.verify().rootHash());
    }
  }

  @Test
  void consistencyProofs_verifyWithAnIndependentRfc9162Verifier() {
    long n = trail.verify().treeSize();
    for (long m = 1; m <= n; m++) {
      AuditTrail.ConsistencyProof p = trail.consistencyProof(m, n).orElseThrow();
      List<byte[]> path = p.proof().stream().map(MerkleTree::unhex).toList();
      assertThat(
              MerkleTreeTest.refVerifyConsistency(
                  m, n, MerkleTree.unhex(p.fromRoot()), MerkleTree.unhex(p.toRoot()), path))
          .as("m=%d n=%d", m, n)
          .isTrue();
    }
    assertThat(trail.consistencyProof(0, n).ok()).isFalse();
    assertThat(trail.consistencyProof(1, n + 1).ok()).isFalse();
  }

  @Test
  void storedTreeHeads_matchTheProofRoots() {
    // the root stored on the newest event is the tree head a checkpoint would publish
    AuditTrail.EventView newest = trail.page(0, 1).events().get(0);
    Node stored =
        Txn.calculateRead(
            dsg,
            () ->
                dsg.find(AUDIT, NodeFactory.createURI(newest.id()), DSR.rootHash.asNode(), Node.ANY)
                    .next()
                    .getObject());
    assertThat(stored.getLiteralLexicalForm()).isEqualTo(trail.verify().rootHash());
  }
}
