package org.datasharing.registry.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.datasharing.registry.core.support.TestRegistry.COUNCIL;
import static org.datasharing.registry.core.support.TestRegistry.ICB;
import static org.datasharing.registry.core.support.TestRegistry.TRUST;
import static org.datasharing.registry.core.support.TestRegistry.dpo;
import static org.datasharing.registry.core.support.TestRegistry.partner;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.datasharing.registry.core.agreement.AgreementService.Outcome;
import org.datasharing.registry.core.support.TestRegistry;
import org.datasharing.registry.ontology.vocab.DSR;
import org.datasharing.registry.ontology.vocab.Graphs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Verification reads the log in chunks carrying only the frontier: with a chunk of 3 events, the
 * 10-event log below crosses three chunk boundaries, and every finding must survive them.
 */
class StreamedVerificationTest {
  static final Node AUDIT = Graphs.AUDIT_NODE;

  @TempDir Path dir;
  TestRegistry t;
  AuditTrail chunked;
  DatasetGraph dsg;
  List<AuditTrail.EventView> events = new ArrayList<>();

  @BeforeEach
  void setUp() {
    t = new TestRegistry(dir);
    dsg = t.store.datasetGraph();
    chunked = new AuditTrail(t.store, Clock.systemUTC(), 3);
    var s = t.registry.agreements();
    for (String id : List.of("dsa-a", "dsa-b")) {
      TestRegistry.draft(
              s, partner(ICB), Optional.of(id), t.completeContent(List.of(ICB, COUNCIL, TRUST)))
          .orElseThrow();
      s.submit(partner(ICB), id).orElseThrow();
      for (String org : List.of(COUNCIL, TRUST, ICB)) {
        TestRegistry.decide(s, dpo(org), id, 1, Outcome.APPROVE, Optional.empty()).orElseThrow();
      }
      events.addAll(t.registry.auditTrail().forAgreement(t.registry.ids().agreement(id)));
    }
    assertThat(t.registry.auditTrail().head().size()).isGreaterThanOrEqualTo(10);
  }

  @AfterEach
  void tearDown() {
    t.close();
  }

  @Test
  void chunkedVerification_agreesWithTheTreeHead_acrossChunkBoundaries() {
    AuditTrail.Verification v = chunked.verify();

    assertThat(v.findings()).isEmpty();
    assertThat(v.treeSize()).isEqualTo(t.registry.auditTrail().head().size());
    assertThat(v.rootHash())
        .isEqualTo(MerkleTree.hex(t.registry.auditTrail().head().rootHash()))
        .isEqualTo(t.registry.auditTrail().verify().rootHash());
  }

  @Test
  void progress_isReportedAfterEveryChunk_upToTheLogSize() {
    List<long[]> seen = new ArrayList<>();
    AuditTrail.Verification v = chunked.verify((done, total) -> seen.add(new long[] {done, total}));

    long n = v.treeSize();
    assertThat(seen).hasSize(1 + (int) ((n + 2) / 3));
    assertThat(seen.get(0)).containsExactly(0, n);
    assertThat(seen.get(seen.size() - 1)).containsExactly(n, n);
    for (int i = 1; i < seen.size(); i++) {
      assertThat(seen.get(i)[0]).isGreaterThan(seen.get(i - 1)[0]);
    }
  }

  @Test
  void anAlteredEventInALaterChunk_isNamed_andTheEventsBeforeItStillCheck() {
    AuditTrail.EventView victim = byHighestSequence().get(2);
    Node e = NodeFactory.createURI(victim.id());
    Txn.executeWrite(
        dsg,
        () -> {
          dsg.deleteAny(AUDIT, e, RDFS.comment.asNode(), Node.ANY);
          dsg.add(AUDIT, e, RDFS.comment.asNode(), NodeFactory.createLiteralString("rewritten"));
        });

    AuditTrail.Verification v = chunked.verify();

    assertThat(v.intact()).isFalse();
    // the altered event is named; the events before it still check (later tree heads then differ)
    assertThat(v.findings())
        .anySatisfy(
            f -> {
              assertThat(f.event()).isEqualTo(victim.id());
              assertThat(f.sequence()).isEqualTo(victim.sequence());
              assertThat(f.problem()).contains("altered");
            })
        .allSatisfy(f -> assertThat(f.sequence()).isGreaterThanOrEqualTo(victim.sequence()));
  }

  @Test
  void anEventNumberedBeyondTheHead_isNamedAsInsertedOutsideTheLog() {
    long size = t.registry.auditTrail().head().size();
    Node forged = NodeFactory.createURI("http://localhost:8080/id/audit/forged-beyond");
    Txn.executeWrite(
        dsg,
        () -> {
          dsg.add(AUDIT, forged, RDF.type.asNode(), DSR.AuditEvent.asNode());
          dsg.add(
              AUDIT,
              forged,
              DSR.sequence.asNode(),
              NodeFactory.createLiteralDT(Long.toString(size + 40), XSDDatatype.XSDlong));
        });

    AuditTrail.Verification v = chunked.verify();

    assertThat(v.intact()).isFalse();
    assertThat(v.findings())
        .anySatisfy(
            f -> {
              assertThat(f.event()).isEqualTo(forged.getURI());
              assertThat(f.problem()).contains("beyond the log head");
            });
  }

  @Test
  void anEventWhoseNumberIsNotALong_isNamed_andItsPlaceIsMissing() {
    AuditTrail.EventView victim = byHighestSequence().get(4);
    Node e = NodeFactory.createURI(victim.id());
    Node seq = NodeFactory.createLiteralDT(Long.toString(victim.sequence()), XSDDatatype.XSDlong);
    Txn.executeWrite(
        dsg,
        () -> {
          dsg.delete(AUDIT, e, DSR.sequence.asNode(), seq);
          dsg.add(
              AUDIT,
              e,
              DSR.sequence.asNode(),
              NodeFactory.createLiteralDT(Long.toString(victim.sequence()), XSDDatatype.XSDstring));
        });

    AuditTrail.Verification v = chunked.verify();

    assertThat(v.findings())
        .anySatisfy(
            f -> {
              assertThat(f.event()).isEqualTo(victim.id());
              assertThat(f.problem()).contains("no sequence number");
            })
        .anySatisfy(
            f -> {
              assertThat(f.sequence()).isEqualTo(victim.sequence());
              assertThat(f.problem()).contains("missing");
            });
  }

  private List<AuditTrail.EventView> byHighestSequence() {
    return events.stream().sorted((a, b) -> Long.compare(b.sequence(), a.sequence())).toList();
  }
}
