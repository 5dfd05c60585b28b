package org.datasharing.registry.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.datasharing.registry.core.support.TestRegistry.COUNCIL;
import static org.datasharing.registry.core.support.TestRegistry.ICB;
import static org.datasharing.registry.core.support.TestRegistry.TRUST;
import static org.datasharing.registry.core.support.TestRegistry.partner;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.apache.jena.vocabulary.RDFS;
import org.datasharing.registry.core.common.Actor;
import org.datasharing.registry.core.support.TestRegistry;
import org.datasharing.registry.ontology.vocab.Graphs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogVerificationsTest {
  @TempDir Path dir;
  TestRegistry t;
  LogVerifications verifications;

  @BeforeEach
  void setUp() {
    t = new TestRegistry(dir);
    verifications = t.registry.logVerifications();
    var s = t.registry.agreements();
    TestRegistry.draft(
            s, partner(ICB), Optional.of("dsa-v"), t.completeContent(List.of(ICB, COUNCIL, TRUST)))
        .orElseThrow();
    s.submit(partner(ICB), "dsa-v").orElseThrow();
  }

  @AfterEach
  void tearDown() {
    t.close();
  }

  static Actor auditor() {
    return TestRegistry.auditor();
  }

  @Test
  void aBackgroundVerification_keepsItsResult_asAnAuditEventNamingWhoAsked() throws Exception {
    long before = t.registry.auditTrail().head().size();

    LogVerifications.Running started = verifications.start(auditor());
    assertThat(verifications.awaitIdle(Duration.ofSeconds(60))).isTrue();

    LogVerifications.Finished done = verifications.status().last().orElseThrow();
    assertThat(done.id()).isEqualTo(started.id());
    assertThat(done.result().intact()).isTrue();
    assertThat(done.result().treeSize()).isEqualTo(before);
    assertThat(verifications.status().running()).isEmpty();
    // the result is in the log itself, as the next event, and the log still verifies
    AuditTrail.EventView newest = t.registry.auditTrail().page(0, 1).events().get(0);
    assertThat(newest.id()).isEqualTo(done.event().orElseThrow());
    assertThat(newest.action()).isEqualTo("VerifyLog");
    assertThat(newest.username()).contains(auditor().username());
    assertThat(newest.contentHash()).contains(done.result().rootHash());
    assertThat(newest.detail().orElseThrow()).contains("verified " + before + " events", "intact");
    assertThat(t.registry.auditTrail().verify().intact()).isTrue();
  }

  @Test
  void aDamagedLog_isRecordedAsNotIntact_withItsFirstFinding() throws Exception {
    DatasetGraph dsg = t.store.datasetGraph();
    Node e = NodeFactory.createURI(t.registry.auditTrail().page(0, 1).events().get(0).id());
    Txn.executeWrite(
        dsg,
        () ->
            dsg.add(
                Graphs.AUDIT_NODE, e, RDFS.comment.asNode(), NodeFactory.createLiteralString("x")));

    verifications.start(auditor());
    assertThat(verifications.awaitIdle(Duration.ofSeconds(60))).isTrue();

    LogVerifications.Finished done = verifications.status().last().orElseThrow();
    assertThat(done.result().intact()).isFalse();
    AuditTrail.EventView newest = t.registry.auditTrail().page(0, 1).events().get(0);
    assertThat(newest.action()).isEqualTo("VerifyLog");
    assertThat(newest.detail().orElseThrow()).contains("findings, first:", "altered");
  }

  @Test
  void theRegistrysOwnVerification_isShownButNotWrittenToTheLog() throws Exception {
    long before = t.registry.auditTrail().head().size();

    verifications.startUnrecorded();
    assertThat(verifications.awaitIdle(Duration.ofSeconds(60))).isTrue();

    LogVerifications.Finished done = verifications.status().last().orElseThrow();
    assertThat(done.result().intact()).isTrue();
    assertThat(done.event()).isEmpty();
    assertThat(t.registry.auditTrail().head().size()).isEqualTo(before);
  }
}
