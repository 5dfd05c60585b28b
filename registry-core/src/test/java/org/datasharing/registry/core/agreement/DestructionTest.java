package org.datasharing.registry.core.agreement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.datasharing.registry.core.support.TestRegistry.COUNCIL;
import static org.datasharing.registry.core.support.TestRegistry.ICB;
import static org.datasharing.registry.core.support.TestRegistry.POLICE;
import static org.datasharing.registry.core.support.TestRegistry.TRUST;
import static org.datasharing.registry.core.support.TestRegistry.dpo;
import static org.datasharing.registry.core.support.TestRegistry.partner;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.datasharing.registry.core.agreement.AgreementService.Disposal;
import org.datasharing.registry.core.agreement.AgreementService.Outcome;
import org.datasharing.registry.core.common.Result;
import org.datasharing.registry.core.support.TestRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When an agreement ends, each party's DPO confirms what their organisation did with the data
 * (destroyed, returned, none received): once, audited, and overdue on the dashboard's queue 30 days
 * after the end.
 */
class DestructionTest {
  static final String ID = "dsa-destroy";

  @TempDir Path dir;
  TestRegistry t;
  AgreementService agreements;
  AgreementListing listing;

  @BeforeEach
  void setUp() {
    t = new TestRegistry(dir);
    agreements = t.registry.agreements();
    listing = new AgreementListing(agreements, t.registry.organisations(), t.registry.reference());
    TestRegistry.draft(
            agreements,
            partner(ICB),
            Optional.of(ID),
            t.completeContent(List.of(ICB, COUNCIL, TRUST)))
        .orElseThrow();
    agreements.submit(partner(ICB), ID).orElseThrow();
    for (String org : List.of(ICB, COUNCIL, TRUST)) {
      TestRegistry.decide(agreements, dpo(org), ID, 1, Outcome.APPROVE, Optional.empty())
          .orElseThrow();
    }
  }

  @AfterEach
  void tearDown() {
    t.close();
  }

  long logSize() {
    return t.store.logHead().size();
  }

  @Test
  void confirmDestruction_isAConflict_untilTheAgreementEnds() {
    long before = logSize();

    Result<AgreementView> r =
        agreements.confirmDestruction(dpo(TRUST), ID, Disposal.DESTROYED, Optional.empty());

    assertThat(r.failure()).isEqualTo(Result.Failure.CONFLICT);
    assertThat(logSize()).isEqualTo(before);
    assertThat(agreements.get(dpo(TRUST), ID).orElseThrow().destruction()).isEmpty();
  }

  @Test
  void eachPartysDpo_confirmsOnce_audited_andTheQueueShowsWhatIsOverdue() {
    agreements.terminate(dpo(TRUST), ID, "The service closed").orElseThrow();
    Instant ended = t.clock.instant();
    AgreementView ended0 = agreements.get(dpo(ICB), ID).orElseThrow();
    assertThat(ended0.destructionDue()).contains(ended.plus(Duration.ofDays(30)));
    assertThat(ended0.destruction())
        .extracting(AgreementView.DestructionView::organisation)
        .containsExactlyInAnyOrder(ICB, COUNCIL, TRUST);
    assertThat(listing.destructionToConfirm(dpo(ICB), t.clock.instant()))
        .singleElement()
        .satisfies(d -> assertThat(d.overdue()).isFalse());
    long before = logSize();

    AgreementView v =
        agreements
            .confirmDestruction(
                dpo(ICB), ID, Disposal.DESTROYED, Optional.of("Certificate of destruction D-17"))
            .orElseThrow();

    assertThat(logSize()).isEqualTo(before + 1);
    assertThat(v.destruction())
        .filteredOn(d -> d.organisation().equals(ICB))
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.disposal()).contains("destroyed");
              assertThat(d.statement()).contains("Certificate of destruction D-17");
            });
    assertThat(
            agreements
                .confirmDestruction(dpo(ICB), ID, Disposal.RETURNED, Optional.empty())
                .failure())
        .isEqualTo(Result.Failure.CONFLICT);
    assertThat(listing.destructionToConfirm(dpo(ICB), t.clock.instant())).isEmpty();

    Instant later = ended.plus(Duration.ofDays(31));
    // the council is also party to ended sample agreements: this one is overdue too
    assertThat(listing.destructionToConfirm(dpo(COUNCIL), later))
        .filteredOn(d -> d.agreement().id().equals(ID))
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.agreement().id()).isEqualTo(ID);
              assertThat(d.overdue()).isTrue();
            });
  }

  @Test
  void confirmDestruction_isForbidden_toAPartner_andANonParty() {
    agreements.terminate(dpo(TRUST), ID, "The service closed").orElseThrow();
    long before = logSize();

    assertThat(
            agreements
                .confirmDestruction(partner(COUNCIL), ID, Disposal.DESTROYED, Optional.empty())
                .failure())
        .isEqualTo(Result.Failure.FORBIDDEN);
    assertThat(
            agreements
                .confirmDestruction(dpo(POLICE), ID, Disposal.DESTROYED, Optional.empty())
                .failure())
        .isEqualTo(Result.Failure.FORBIDDEN);
    assertThat(agreements.confirmDestruction(dpo(COUNCIL), ID, null, Optional.empty()).violations())
        .extracting(org.datasharing.registry.core.common.Violation::field)
        .containsExactly("disposal");
    assertThat(logSize()).isEqualTo(before);
  }
}
