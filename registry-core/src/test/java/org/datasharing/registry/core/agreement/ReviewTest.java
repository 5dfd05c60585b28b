package org.datasharing.registry.core.agreement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.datasharing.registry.core.agreement.AgreementService.ReviewOutcome.AMEND;
import static org.datasharing.registry.core.agreement.AgreementService.ReviewOutcome.CONTINUE;
import static org.datasharing.registry.core.agreement.AgreementService.ReviewOutcome.END;
import static org.datasharing.registry.core.support.TestRegistry.COUNCIL;
import static org.datasharing.registry.core.support.TestRegistry.ICB;
import static org.datasharing.registry.core.support.TestRegistry.POLICE;
import static org.datasharing.registry.core.support.TestRegistry.TRUST;
import static org.datasharing.registry.core.support.TestRegistry.dpo;
import static org.datasharing.registry.core.support.TestRegistry.partner;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
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
    TestRegistry.draft(agreements, partner(ICB), Optional.of(ID), t.completeContent(PARTIES))
        .orElseThrow();
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
            partner(ICB),
            ID,
            TestRegistry.with(
                TestRegistry.with(t.completeContent(PARTIES), "title", "Retitled"),
                "startDate",
                "2027-01-01")) // the start of the version in force, which an amendment may keep
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

  Result<AgreementView> review(
      String org, AgreementService.ReviewOutcome outcome, String next, String reason) {
    return agreements.review(
        dpo(org),
        ID,
        outcome,
        Optional.ofNullable(next).map(LocalDate::parse),
        Optional.ofNullable(reason));
  }

  @Test
  void everyPartyContinuing_returnsTheAgreementToActive_untilTheEarliestDateProposed() {
    long before = logSize();
    review(ICB, CONTINUE, "2028-03-01", null).orElseThrow();
    AgreementView half = review(COUNCIL, CONTINUE, "2028-01-15", null).orElseThrow();
    assertThat(half.status()).isEqualTo(AgreementStatus.REVIEW_DUE);
    assertThat(half.currentReview())
        .extracting(AgreementView.ReviewView::organisation)
        .containsExactlyInAnyOrder(ICB, COUNCIL);

    AgreementView done = review(TRUST, CONTINUE, "2028-02-01", "Still needed").orElseThrow();

    assertThat(done.status()).isEqualTo(AgreementStatus.ACTIVE);
    assertThat(done.reviewDue()).contains(LocalDate.parse("2028-01-15"));
    assertThat(done.currentReview()).isEmpty();
    assertThat(logSize()).isEqualTo(before + 3);
    assertThat(lastEvent().action()).isEqualTo("Review");
    assertThat(lastEvent().detail().orElse("")).contains("next review on 2028-01-15");
    t.clock.set(Instant.parse("2028-01-10T00:00:00Z"));
    agreements.tick();
    assertThat(status()).isEqualTo(AgreementStatus.ACTIVE);
    t.clock.set(Instant.parse("2028-01-16T00:00:00Z"));
    agreements.tick();
    assertThat(status()).isEqualTo(AgreementStatus.REVIEW_DUE);
    assertThat(agreements.get(dpo(ICB), ID).orElseThrow().can(AgreementPolicy.Action.REVIEW))
        .isTrue();
  }

  @Test
  void aPartyLeavingAfterAReview_keepsTheReviewDateAgreed() {
    for (String org : PARTIES) {
      review(org, CONTINUE, "2028-01-15", null).orElseThrow();
    }
    agreements.leave(dpo(TRUST), ID, TRUST, Optional.empty()).orElseThrow();
    for (String org : List.of(ICB, COUNCIL)) {
      TestRegistry.decide(agreements, dpo(org), ID, 2, Outcome.APPROVE, Optional.empty())
          .orElseThrow();
    }

    AgreementView a = agreements.get(dpo(ICB), ID).orElseThrow();
    assertThat(a.versionInForce()).contains(2);
    assertThat(a.reviewDue()).contains(LocalDate.parse("2028-01-15"));
    agreements.tick();
    assertThat(agreements.get(dpo(ICB), ID).orElseThrow().status())
        .isEqualTo(AgreementStatus.ACTIVE);
  }

  @Test
  void amend_recordsTheDecision_andTheReviewStaysDue_untilThePartyChangesItsMind() {
    review(ICB, AMEND, null, "Add the police").orElseThrow();
    review(COUNCIL, CONTINUE, "2028-01-15", null).orElseThrow();
    AgreementView a = review(TRUST, CONTINUE, "2028-01-15", null).orElseThrow();
    assertThat(a.status()).isEqualTo(AgreementStatus.REVIEW_DUE);
    assertThat(a.currentReview())
        .filteredOn(r -> r.organisation().equals(ICB))
        .extracting(AgreementView.ReviewView::outcome)
        .containsExactly("AMEND");

    assertThat(review(ICB, CONTINUE, "2028-06-01", null).orElseThrow().status())
        .isEqualTo(AgreementStatus.ACTIVE);
  }

  @Test
  void end_terminatesTheAgreement_andNeedsAReason() {
    long before = logSize();
    Result<AgreementView> noReason = review(COUNCIL, END, null, " ");
    assertThat(noReason.failure()).isEqualTo(Result.Failure.INVALID);
    assertThat(noReason.violations()).extracting(v -> v.field()).containsExactly("reason");
    assertThat(logSize()).isEqualTo(before);

    AgreementView a = review(COUNCIL, END, null, "The service was decommissioned").orElseThrow();

    assertThat(a.status()).isEqualTo(AgreementStatus.TERMINATED);
    assertThat(logSize()).isEqualTo(before + 1);
    assertThat(lastEvent().detail().orElse("")).contains("terminated");
  }

  @Test
  void
      continue_isInvalid_namingTheNextReviewDate_whenMissingNotAfterTodayOrTooFar_andRefusedByPolicy() {
    long before = logSize();
    for (String next : java.util.Arrays.asList(null, "2027-08-01", "2028-08-02")) {
      Result<AgreementView> r = review(TRUST, CONTINUE, next, null);
      assertThat(r.failure()).as(String.valueOf(next)).isEqualTo(Result.Failure.INVALID);
      assertThat(r.violations()).extracting(v -> v.field()).containsExactly("nextReviewDate");
    }
    assertThat(review(TRUST, CONTINUE, "2028-08-01", null).ok()).isTrue();

    Result<AgreementView> partner =
        agreements.review(
            partner(ICB),
            ID,
            CONTINUE,
            Optional.of(LocalDate.parse("2028-01-01")),
            Optional.empty());
    assertThat(partner.failure()).isEqualTo(Result.Failure.FORBIDDEN);
    assertThat(review(POLICE, CONTINUE, "2028-01-01", null).failure())
        .isEqualTo(Result.Failure.FORBIDDEN);
    assertThat(logSize()).isEqualTo(before + 1);

    review(ICB, CONTINUE, "2028-01-01", null).orElseThrow();
    review(COUNCIL, CONTINUE, "2028-01-01", null).orElseThrow();
    Result<AgreementView> notDue = review(COUNCIL, CONTINUE, "2028-01-01", null);
    assertThat(notDue.failure()).isEqualTo(Result.Failure.CONFLICT);
    assertThat(notDue.message()).contains("not due for review");
  }

  @Test
  void theRegister_showsTheReviewDateAgreedAtTheReview_notTheVersions() {
    Object before =
        agreements.register().stream()
            .filter(e -> e.id().equals(ID))
            .findFirst()
            .orElseThrow()
            .summary()
            .fields()
            .get("reviewDate");
    assertThat(String.valueOf(before)).isEqualTo("2027-07-01");
    for (String org : PARTIES) {
      review(org, CONTINUE, "2028-03-31", null).orElseThrow();
    }

    assertThat(
            agreements.register().stream()
                .filter(e -> e.id().equals(ID))
                .findFirst()
                .orElseThrow()
                .summary()
                .fields()
                .get("reviewDate"))
        .hasToString("2028-03-31");
  }
}
