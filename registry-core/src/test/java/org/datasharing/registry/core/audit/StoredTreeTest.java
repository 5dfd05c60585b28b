package org.datasharing.registry.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.datasharing.registry.core.common.Actor;
import org.datasharing.registry.core.store.Change;
import org.datasharing.registry.core.support.TestRegistry;
import org.datasharing.registry.ontology.vocab.DSR;
import org.datasharing.registry.ontology.vocab.Graphs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proofs read from the stored subtree hashes are byte for byte the proofs computed from every leaf,
 * at every tree size up to a few levels, and still are when a log has no subtree hashes stored.
 */
class StoredTreeTest {
  static final Node AUDIT = Graphs.AUDIT_NODE;
  static final int MAX_SIZE = 37;

  @TempDir Path dir;
  TestRegistry t;
  AuditLog log;
  AuditTrail trail;
  DatasetGraph dsg;
  List<Node> events = new ArrayList<>();

  @BeforeEach
  void setUp() {
    t = new TestRegistry(dir);
    log = new AuditLog(t.registry.ids(), t.clock);
    trail = t.registry.auditTrail();
    dsg = t.store.datasetGraph();
    // the sample data may already have logged events; they are leaves like any other
    List<AuditTrail.EventView> logged = new ArrayList<>(trail.page(0, 500).events());
    Collections.reverse(logged);
    logged.forEach(e -> events.add(NodeFactory.createURI(e.id())));
  }

  @AfterEach
  void tearDown() {
    t.close();
  }

  void append() {
    AuditEvent e =
        log.eventAbout(DSR.Edit.asNode(), Actor.system(), null, null, "event " + events.size());
    t.store.commit(new Change(List.of(), List.of(), List.of(), log.appender(e)));
    events.add(e.id());
  }

  // straight from the store, not through the code under test
  List<byte[]> leaves() {
    return Txn.calculateRead(
        dsg,
        () ->
            events.stream()
                .map(
                    e ->
                        MerkleTree.unhex(
                            dsg.find(AUDIT, e, DSR.leafHash.asNode(), Node.ANY)
                                .next()
                                .getObject()
                                .getLiteralLexicalForm()))
                .toList());
  }

  @Test
  void proofs_matchTheProofsFromEveryLeaf_atEverySize() {
    while (events.size() < MAX_SIZE) {
      append();
      assertProofsMatchTheLeaves();
    }
    assertThat(trail.verify().intact()).isTrue();
  }

  @Test
  void proofs_areUnchanged_whenTheLogHasNoSubtreeHashes() {
    while (events.size() < MAX_SIZE) {
      append();
    }
    List<AuditTrail.InclusionProof> before = inclusionProofs();
    List<AuditTrail.ConsistencyProof> consistencyBefore = consistencyProofs();

    Txn.executeWrite(
        dsg, () -> dsg.deleteAny(AUDIT, Node.ANY, DSR.subtreeHashes.asNode(), Node.ANY));

    assertThat(inclusionProofs()).isEqualTo(before);
    assertThat(consistencyProofs()).isEqualTo(consistencyBefore);
    assertThat(trail.verify().intact()).isTrue();
  }

  @Test
  void verify_namesAlteredSubtreeHashes() {
    while (events.size() < 8) {
      append();
    }
    Node seventh = events.get(7);
    Txn.executeWrite(
        dsg,
        () -> {
          dsg.deleteAny(AUDIT, seventh, DSR.subtreeHashes.asNode(), Node.ANY);
          dsg.add(
              AUDIT,
              seventh,
              DSR.subtreeHashes.asNode(),
              NodeFactory.createLiteralString("00".repeat(MerkleTree.HASH_LENGTH)));
        });

    AuditTrail.Verification v = trail.verify();

    assertThat(v.intact()).isFalse();
    assertThat(v.findings())
        .anySatisfy(
            f -> {
              assertThat(f.event()).isEqualTo(seventh.getURI());
              assertThat(f.problem()).contains("subtree hashes");
            });
  }

  void assertProofsMatchTheLeaves() {
    List<byte[]> leaves = leaves();
    int n = leaves.size();
    String root = MerkleTree.hex(MerkleTree.rootHash(leaves));
    for (int i = 0; i < n; i++) {
      AuditTrail.InclusionProof p = trail.inclusionProof(events.get(i)).orElseThrow();
      assertThat(p.treeSize()).isEqualTo(n);
      assertThat(p.rootHash()).isEqualTo(root);
      assertThat(p.auditPath())
          .as("path of %d in %d", i, n)
          .isEqualTo(hex(MerkleTree.inclusionProof(leaves, i)));
    }
    for (int m = 1; m <= n; m++) {
      AuditTrail.ConsistencyProof p = trail.consistencyProof(m, n).orElseThrow();
      assertThat(p.fromRoot()).isEqualTo(MerkleTree.hex(MerkleTree.rootHash(leaves.subList(0, m))));
      assertThat(p.toRoot()).isEqualTo(root);
      assertThat(p.proof())
          .as("consistency %d..%d", m, n)
          .isEqualTo(hex(MerkleTree.consistencyProof(leaves, m)));
    }
  }

  List<AuditTrail.InclusionProof> inclusionProofs() {
    return events.stream().map(e -> trail.inclusionProof(e).orElseThrow()).toList();
  }

  List<AuditTrail.ConsistencyProof> consistencyProofs() {
    List<AuditTrail.ConsistencyProof> proofs = new ArrayList<>();
    for (int m = 1; m <= events.size(); m++) {
      for (int n = m; n <= events.size(); n++) {
        proofs.add(trail.consistencyProof(m, n).orElseThrow());
      }
    }
    return proofs;
  }

  static List<String> hex(List<byte[]> hashes) {
    return hashes.stream().map(MerkleTree::hex).toList();
  }
}
