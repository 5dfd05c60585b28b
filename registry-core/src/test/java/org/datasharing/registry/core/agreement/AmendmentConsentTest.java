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
import org.datasharing.registry.core.agreement.AgreementService.Outcome;
import org.datasharing.registry.core.agreement.AgreementService.RegisterEntry;
import org.datasharing.registry.core.common.Result;
import org.datasharing.registry.core.support.TestRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every party to the version in force must consent to an amendment, dropping a party included; the
 * public sees only the version in force; an amendment cannot outlive the agreement.
 */
class AmendmentConsentTest {
  static final String ID = "dsa-consent";

  @TempDir Path dir;
  TestRegistry t;
  AgreementService agreements;
  final List<String> parties = List.of(ICB, COUNCIL, TRUST);

  /** The registry under test: on TDB2 here, on a remote SPARQL store in a subclass. */
  TestRegistry createRegistry(Path dir) {
    return new TestRegistry(dir);
  }

  @BeforeEach
  void setUp() {
    t = createRegistry(dir);
    agreements = t.registry.agreements();
    TestRegistry.draft(agreements, partner(ICB), Optional.of(ID), t.completeContent(parties))
        .orElseThrow();
    agreements.submit(partner(ICB), ID).orElseThrow();
    for (String org : parties) {
      TestRegistry.decide(agreements, dpo(org), ID, 1, Outcome.APPROVE, Optional.empty())
          .orElseThrow();
    }
    t.clock.set(Instant.parse("2027-02-01T00:00:00Z"));
    agreements.tick();
    assertThat(agreements.get(partner(ICB), ID).orElseThrow().status())
        .isEqualTo(AgreementStatus.ACTIVE);
  }

  @AfterEach
  void tearDown() {
    t.close();
  }

  /** The ICB's partner amends the agreement to drop the trust, retitles it and submits. */
  void amendDroppingTheTrust() {
    agreements.amend(partner(ICB), ID).orElseThrow();
    AgreementContent without =
        TestRegistry.with(
            t.completeContent(List.of(ICB, COUNCIL)), "title", "Amended: the trust is dropped");
    agreements.updateDraft(partner(ICB), ID, without).orElseThrow();
    agreements.submit(partner(ICB), ID).orElseThrow();
  }

  @Test
  void amendmentDroppingAParty_staysSubmitted_untilTheDroppedPartyApproves() {
    amendDroppingTheTrust();
    for (String org : List.of(ICB, COUNCIL)) {
      TestRegistry.decide(agreements, dpo(org), ID, 2, Outcome.APPROVE, Optional.empty())
          .orElseThrow();
    }

    AgreementView a = agreements.get(dpo(TRUST), ID).orElseThrow();
    assertThat(a.amendmentStatus()).contains(AgreementStatus.SUBMITTED);
    assertThat(a.versionInForce()).contains(1);
    assertThat(a.deciders()).containsExactlyInAnyOrder(ICB, COUNCIL, TRUST);
    assertThat(a.can(AgreementPolicy.Action.DECIDE)).isTrue();

    TestRegistry.decide(agreements, dpo(TRUST), ID, 2, Outcome.APPROVE, Optional.empty())
        .orElseThrow();
    assertThat(agreements.get(dpo(ICB), ID).orElseThrow().versionInForce()).contains(2);
  }

  @Test
  void droppedParty_mayRejectTheAmendment_andTheVersionInForceStays() {
    amendDroppingTheTrust();

    Result<AgreementView> r =
        TestRegistry.decide(
            agreements, dpo(TRUST), ID, 2, Outcome.REJECT, Optional.of("We did not agree"));

    assertThat(r.ok()).as(r.message()).isTrue();
    AgreementView a = r.value();
    assertThat(a.amendmentStatus()).contains(AgreementStatus.REJECTED);
    assertThat(a.versionInForce()).contains(1);
    // and the trust, still a party to the version in force, can still suspend it
    assertThat(agreements.suspend(dpo(TRUST), ID, "pending review").ok()).isTrue();
  }

  @Test
  void register_showsTheVersionInForce_notTheAmendmentsDraft() {
    amendDroppingTheTrust();

    RegisterEntry e =
        agreements.register().stream().filter(x -> x.id().equals(ID)).findFirst().orElseThrow();

    assertThat(e.title()).isNotEqualTo("Amended: the trust is dropped");
    assertThat(e.parties()).containsExactlyInAnyOrder(ICB, COUNCIL, TRUST);
    assertThat(
            agreements
                .describe(
                    new org.datasharing.registry.core.common.Actor(
                        "anon", "anon", Optional.empty(), java.util.Set.of()),
                    ID)
                .orElseThrow()
                .find()
                .toList()
                .stream()
                .map(tr -> tr.getObject().toString()))
        .noneMatch(o -> o.contains("Amended: the trust is dropped"));
  }

  @Test
  void amendment_cannotBeApproved_afterTheAgreementWasTerminated() {
    amendDroppingTheTrust();
    TestRegistry.decide(agreements, dpo(ICB), ID, 2, Outcome.APPROVE, Optional.empty())
        .orElseThrow();
    agreements.terminate(dpo(COUNCIL), ID, "service closed").orElseThrow();

    for (String org : List.of(COUNCIL, TRUST)) {
      Result<AgreementView> r =
          TestRegistry.decide(agreements, dpo(org), ID, 2, Outcome.APPROVE, Optional.empty());
      assertThat(r.failure()).isEqualTo(Result.Failure.CONFLICT);
    }
    AgreementView a = agreements.get(dpo(ICB), ID).orElseThrow();
    assertThat(a.status()).isEqualTo(AgreementStatus.TERMINATED);
    assertThat(a.versionInForce()).contains(1);
    assertThat(a.can(AgreementPolicy.Action.EDIT)).isFalse();
  }

  @Test
  void amend_isForbidden_forStaffOfAnOrganisationDroppedByARejectedAmendment() {
    // a partner whose organisation is not party to the version in force cannot amend
    agreements.amend(partner(ICB), ID).orElseThrow();
    Result<AgreementView> r = agreements.amend(partner(TestRegistry.POLICE), ID);
    assertThat(r.failure()).isEqualTo(Result.Failure.FORBIDDEN);
  }
}
