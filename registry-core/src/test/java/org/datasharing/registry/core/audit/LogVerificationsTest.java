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
import org.datasharing.registry.core.store.ForwardingStore;
import org.datasharing.registry.core.store.RegistryStore;
import org.datasharing.registry.core.store.StoreUnavailable;
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

  @Test
  void aVerificationTheStoreStops_isReportedToTheListeners_asNotIntact() throws Exception {
    // the store fails as the verifier reads the events (after the unsequenced check)
    java.util.concurrent.atomic.AtomicInteger selects =
        new java.util.concurrent.atomic.AtomicInteger();
    RegistryStore failing =
        new ForwardingStore(t.store) {
          @Override
          public List<org.apache.jena.sparql.engine.binding.Binding> select(
              org.apache.jena.query.Query query) {
            if (selects.incrementAndGet() > 1) {
              throw new StoreUnavailable("select", new IllegalStateException("disk gone"));
            }
            return super.select(query);
          }
        };
    AuditTrail trail = new AuditTrail(failing, java.time.Clock.systemUTC());
    List<AuditTrail.Verification> told = new java.util.concurrent.CopyOnWriteArrayList<>();
    trail.onVerified((result, took) -> told.add(result));
    try (LogVerifications background =
        new LogVerifications(
            trail,
            failing,
            new AuditLog(t.registry.ids(), java.time.Clock.systemUTC()),
            java.time.Clock.systemUTC())) {
      background.start(auditor());
      assertThat(background.awaitIdle(Duration.ofSeconds(60))).isTrue();
      assertThat(background.status().last().orElseThrow().result().intact()).isFalse();
    }
    assertThat(told).hasSize(1);
    assertThat(told.get(0).intact()).isFalse();
    assertThat(told.get(0).findings().get(0).problem()).contains("the store failed");
  }
}
