package org.datasharing.registry.core.agreement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.datasharing.registry.core.support.TestRegistry.COUNCIL;
import static org.datasharing.registry.core.support.TestRegistry.ICB;
import static org.datasharing.registry.core.support.TestRegistry.dpo;
import static org.datasharing.registry.core.support.TestRegistry.partner;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Optional;
import org.datasharing.registry.core.agreement.AgreementService.Outcome;
import org.datasharing.registry.core.common.Result;
import org.datasharing.registry.core.common.Violation;
import org.datasharing.registry.core.store.Bootstrap;
import org.datasharing.registry.core.support.TestRegistry;
import org.datasharing.registry.core.validation.ReviewInterval;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The longest review interval is one setting: the shapes hold its default (one year), and a
 * deployment's value reaches both the review-date rule at submit and the review decisions.
 */
class ReviewIntervalTest {
  @TempDir Path dir;

  /** Submits an agreement between the ICB and the council whose review date is that far out. */
  static Result<AgreementView> submitWithReviewAfter(TestRegistry t, String id, Period after) {
    AgreementContent c = t.completeContent(List.of(ICB, COUNCIL));
    LocalDate start = LocalDate.parse(String.valueOf(c.fields().get("startDate")));
    c = TestRegistry.with(c, "reviewDate", start.plus(after).toString());
    c = TestRegistry.with(c, "endDate", start.plus(after).plusYears(1).toString());
    TestRegistry.draft(t.registry.agreements(), partner(ICB), Optional.of(id), c).orElseThrow();
    return t.registry.agreements().submit(partner(ICB), id);
  }

  @Test
  void theShapesDefault_isOneYear_andRefusesALaterReviewDate() {
    assertThat(ReviewInterval.of(Bootstrap.shapes())).isEqualTo(Period.ofYears(1));
    try (TestRegistry t = new TestRegistry(dir)) {
      Result<AgreementView> r = submitWithReviewAfter(t, "dsa-two-years", Period.ofYears(2));

      assertThat(r.failure()).isEqualTo(Result.Failure.INVALID);
      assertThat(r.violations())
          .filteredOn(v -> v.field().equals("reviewDate"))
          .extracting(Violation::message)
          .anyMatch(m -> m.contains("no more than one year after the start date"));
    }
  }

  @Test
  void aFiveYearSetting_holdsAtSubmit_andAtTheReview() {
    try (TestRegistry t = new TestRegistry(dir, Period.ofYears(5))) {
      AgreementService agreements = t.registry.agreements();
      assertThat(submitWithReviewAfter(t, "dsa-four-years", Period.ofYears(4)).ok()).isTrue();
      Result<AgreementView> six = submitWithReviewAfter(t, "dsa-six-years", Period.ofYears(6));
      assertThat(six.violations())
          .filteredOn(v -> v.field().equals("reviewDate"))
          .extracting(Violation::message)
          .anyMatch(m -> m.contains("no more than five years after the start date"));

      for (String org : List.of(ICB, COUNCIL)) {
        TestRegistry.decide(
                agreements, dpo(org), "dsa-four-years", 1, Outcome.APPROVE, Optional.empty())
            .orElseThrow();
      }
      AgreementView approved = agreements.get(dpo(ICB), "dsa-four-years").orElseThrow();
      t.clock.set(
          approved
              .reviewDue()
              .orElseThrow()
              .plusDays(1)
              .atStartOfDay()
              .toInstant(java.time.ZoneOffset.UTC));
      agreements.tick();
      LocalDate today = LocalDate.ofInstant(t.clock.instant(), java.time.ZoneOffset.UTC);

      Result<AgreementView> tooLate =
          agreements.review(
              dpo(ICB),
              "dsa-four-years",
              AgreementService.ReviewOutcome.CONTINUE,
              Optional.of(today.plusYears(5).plusDays(1)),
              Optional.empty());
      assertThat(tooLate.violations())
          .extracting(Violation::field)
          .containsExactly("nextReviewDate");
      assertThat(
              agreements
                  .review(
                      dpo(ICB),
                      "dsa-four-years",
                      AgreementService.ReviewOutcome.CONTINUE,
                      Optional.of(today.plusYears(4)),
                      Optional.empty())
                  .ok())
          .isTrue();
    }
  }

  @Test
  void words_sayTheIntervalAsTheMessagesDo() {
    assertThat(
            ReviewInterval.applyTo(Bootstrap.shapes(), Period.ofMonths(18)).find().toList().stream()
                .filter(tr -> tr.getObject().isLiteral())
                .map(tr -> tr.getObject().getLiteralLexicalForm())
                .filter(s -> s.contains("review date must be no more than"))
                .toList())
        .isNotEmpty()
        .allMatch(m -> m.contains("no more than 18 months after"));
    assertThat(ReviewInterval.of(ReviewInterval.applyTo(Bootstrap.shapes(), Period.ofYears(5))))
        .isEqualTo(Period.ofYears(5));
  }
}
