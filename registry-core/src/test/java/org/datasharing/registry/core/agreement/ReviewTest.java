package org.datasharing.registry.core.agreement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.datasharing.registry.core.support.TestRegistry.COUNCIL;
import static org.datasharing.registry.core.support.TestRegistry.ICB;
import static org.datasharing.registry.core.support.TestRegistry.TRUST;
import static org.datasharing.registry.core.support.TestRegistry.dpo;
import static org.datasharing.registry.core.support.TestRegistry.partner;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.jena.graph.NodeFactory;
import org.datasharing.registry.core.agreement.AgreementService.Outcome;
import org.datasharing.registry.core.audit.AuditTrail;
import org.datasharing.registry.core.common.Result;
import org.datasharing.registry.core.support.TestRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A review can be completed: an agreement past its review date (REVIEW_DUE) returns to ACTIVE when
 * an amendment with a future review date is approved, or when every party's DPO decides to
 * continue; a party can also ask for an amendment or end the sharing.
 */
class ReviewTest {
  static final String ID = "dsa-review";
  static final List<String> PARTIES = List.of(ICB, COUNCIL, TRUST);

  @TempDir Path dir;
  TestRegistry t;
  AgreementService agreements;

  @BeforeEach
  void setUp() {
    t = new TestRegistry(dir);
    agreements = t.registry.agreements();
    agreements.createDraft(partner(ICB), Optional.of(ID), t.completeContent(PARTIES)).orElseThrow();
    agreements.submit(partner(ICB), ID).orElseThrow();
    for (String org : PARTIES) {
      TestRegistry.decide(agreements, dpo(org), ID, 1, Outcome.APPROVE, Optional.empty())
          .orElseThrow();
    }
    // review date 2027-07-01
    t.clock.set(Instant.parse("2027-08-01T09:00:00Z"));
    agreements.tick();
    assertThat(status()).isEqualTo(AgreementStatus.REVIEW_DUE);
  }

  @AfterEach
  void tearDown() {
    t.close();
  }

  AgreementStatus status() {
    return agreements.get(dpo(TRUST), ID).orElseThrow().status();
  }

  long logSize() {
    return t.store.logHead().size();
  }

  AuditTrail.EventView lastEvent() {
    List<AuditTrail.EventView> events =
        t.registry
            .auditTrail()
            .forAgreement(NodeFactory.createURI(TestRegistry.BASE + "agreement/" + ID));
    return events.get(events.size() - 1);
  }

  @Test
  void approvedAmendmentWithAFutureReviewDate_returnsTheAgreementToActive() {
    agreements.amend(partner(ICB), ID).orElseThrow();
    agreements
        .updateDraft(
            partner(ICB),
            ID,
            TestRegistry.with(t.completeContent(PARTIES), "reviewDate", "2027-12-01"))
        .orElseThrow();
    agreements.submit(partner(ICB), ID).orElseThrow();
    for (String org : PARTIES) {
      TestRegistry.decide(agreements, dpo(org), ID, 2, Outcome.APPROVE, Optional.empty())
          .orElseThrow();
    }

    AgreementView a = agreements.get(dpo(TRUST), ID).orElseThrow();
    assertThat(a.status()).isEqualTo(AgreementStatus.ACTIVE);
    assertThat(a.versionInForce()).contains(2);
    assertThat(lastEvent().detail().orElse("")).contains("review");
    agreements.tick();
    assertThat(status()).isEqualTo(AgreementStatus.ACTIVE);
  }

  @Test
  void approvedAmendmentWithAPastReviewDate_leavesTheReviewDue() {
    agreements.amend(partner(ICB), ID).orElseThrow();
    agreements
        .updateDraft(
            partner(ICB), ID, TestRegistry.with(t.completeContent(PARTIES), "title", "Retitled"))
        .orElseThrow();
    agreements.submit(partner(ICB), ID).orElseThrow();
    for (String org : PARTIES) {
      TestRegistry.decide(agreements, dpo(org), ID, 2, Outcome.APPROVE, Optional.empty())
          .orElseThrow();
    }

    assertThat(status()).isEqualTo(AgreementStatus.REVIEW_DUE);
    Result<AgreementView> resume = agreements.resume(dpo(TRUST), ID, "done");
    assertThat(resume.failure()).isEqualTo(Result.Failure.CONFLICT);
  }
}
