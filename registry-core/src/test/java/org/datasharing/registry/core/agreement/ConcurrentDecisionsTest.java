package org.datasharing.registry.core.agreement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.datasharing.registry.core.support.TestRegistry.dpo;
import static org.datasharing.registry.core.support.TestRegistry.partner;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.datasharing.registry.core.agreement.AgreementService.Outcome;
import org.datasharing.registry.core.audit.AuditTrail;
import org.datasharing.registry.core.common.Result;
import org.datasharing.registry.core.support.TestRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConcurrentDecisionsTest {
  /** Overridden by the remote-store variant. */
  TestRegistry createRegistry(Path dir) {
    return new TestRegistry(dir);
  }

  @TempDir Path dir;
  TestRegistry t;

  @BeforeEach
  void setUp() {
    t = createRegistry(dir);
  }

  @AfterEach
  void tearDown() {
    t.close();
  }

  @Test
  void manyThreadsDeciding_recordEveryDecisionOnce_andApproveExactlyOnce() throws Exception {
    List<String> orgs =
        t.registry.organisations().list().stream().map(o -> o.id()).sorted().limit(6).toList();
    assertThat(orgs).hasSize(6);
    AgreementService s = t.registry.agreements();
    TestRegistry.draft(s, partner(orgs.get(0)), Optional.of("dsa-race"), t.completeContent(orgs))
        .orElseThrow();
    s.submit(partner(orgs.get(0)), "dsa-race").orElseThrow();

    // two threads per organisation: one decision per organisation must win, the other is refused
    ExecutorService pool = Executors.newFixedThreadPool(12);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Result<AgreementView>>> results = new ArrayList<>();
    for (String org : orgs) {
      for (int i = 0; i < 2; i++) {
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  return TestRegistry.decide(
                      s, dpo(org), "dsa-race", 1, Outcome.APPROVE, Optional.empty());
                }));
      }
    }
    start.countDown();
    int ok = 0;
    int conflicts = 0;
    for (var f : results) {
      Result<AgreementView> r = f.get();
      if (r.ok()) {
        ok++;
      } else {
        assertThat(r.failure()).isEqualTo(Result.Failure.CONFLICT);
        conflicts++;
      }
    }
    pool.shutdown();

    AgreementView v = s.get(TestRegistry.auditor(), "dsa-race").orElseThrow();
    assertThat(ok).isEqualTo(6);
    assertThat(conflicts).isEqualTo(6);
    assertThat(v.decisions()).hasSize(6);
    assertThat(v.decisions())
        .extracting(AgreementView.DecisionView::organisation)
        .containsExactlyInAnyOrderElementsOf(orgs);
    assertThat(v.status()).isEqualTo(AgreementStatus.APPROVED);
    List<AuditTrail.EventView> events =
        t.registry.auditTrail().forAgreement(t.registry.ids().agreement("dsa-race"));
    assertThat(events.stream().filter(e -> e.detail().orElse("").contains("now APPROVED")))
        .hasSize(1);
    assertThat(events.stream().filter(e -> e.action().equals("Decide"))).hasSize(6);
    assertThat(t.registry.auditTrail().verify().intact()).isTrue();
  }
}
