package org.datasharing.registry.core.agreement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.datasharing.registry.core.support.TestRegistry.COUNCIL;
import static org.datasharing.registry.core.support.TestRegistry.ICB;
import static org.datasharing.registry.core.support.TestRegistry.POLICE;
import static org.datasharing.registry.core.support.TestRegistry.TRUST;
import static org.datasharing.registry.core.support.TestRegistry.dpo;
import static org.datasharing.registry.core.support.TestRegistry.partner;
import static org.datasharing.registry.core.support.TestRegistry.seniorOfficer;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.datasharing.registry.core.agreement.AgreementService.Outcome;
import org.datasharing.registry.core.audit.AuditTrail;
import org.datasharing.registry.core.common.Actor;
import org.datasharing.registry.core.common.Result;
import org.datasharing.registry.core.organisation.Organisation;
import org.datasharing.registry.core.support.TestRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where an organisation requires it, its approval of an agreement is its DPO's approval signed off
 * by its senior officer for the same content hash; elsewhere the DPO signs off alone.
 */
class SeniorSignOffTest {
  static final String ID = "dsa-sign-off";

  @TempDir Path dir;
  TestRegistry t;
  AgreementService agreements;
  final List<String> parties = List.of(ICB, COUNCIL);

  @BeforeEach
  void setUp() {
    t = new TestRegistry(dir);
    agreements = t.registry.agreements();
  }

  @AfterEach
  void tearDown() {
    t.close();
  }

  void submitted() {
    TestRegistry.draft(agreements, partner(ICB), Optional.of(ID), t.completeContent(parties))
        .orElseThrow();
    agreements.submit(partner(ICB), ID).orElseThrow();
  }

  void approve(String org) {
    TestRegistry.decide(agreements, dpo(org), ID, 1, Outcome.APPROVE, Optional.empty())
        .orElseThrow();
  }

  void councilRequiresSignOff() {
    assertThat(
            t.registry
                .organisations()
                .requireSeniorSignOff(TestRegistry.admin(), COUNCIL, true)
                .orElseThrow())
        .isTrue();
  }

  String hash(Actor actor) {
    return agreements.version(actor, ID, 1).orElseThrow().contentHash();
  }

  long logSize() {
    return t.registry.store().logHead().size();
  }

  AgreementView view() {
    return agreements.get(TestRegistry.auditor(), ID).orElseThrow();
  }

  @Test
  void approval_waitsForTheSeniorOfficersSignOff_thenPutsTheVersionInForce() {
    councilRequiresSignOff();
    submitted();
    approve(ICB);
    approve(COUNCIL);

    AgreementView waiting = view();
    assertThat(waiting.status()).isEqualTo(AgreementStatus.SUBMITTED);
    assertThat(waiting.versionInForce()).isEmpty();
    assertThat(waiting.approvals()).isEqualTo(1);
    assertThat(agreements.get(seniorOfficer(COUNCIL), ID).orElseThrow().can(signOff())).isTrue();
    assertThat(agreements.get(dpo(COUNCIL), ID).orElseThrow().can(signOff())).isFalse();
    assertThat(agreements.register())
        .extracting(AgreementService.RegisterEntry::id)
        .doesNotContain(ID);
    t.clock.advance(java.time.Duration.ofDays(2));

    AgreementView signed =
        agreements
            .signOff(seniorOfficer(COUNCIL), ID, 1, hash(seniorOfficer(COUNCIL)))
            .orElseThrow();

    assertThat(signed.status()).isEqualTo(AgreementStatus.APPROVED);
    assertThat(signed.versionInForce()).contains(1);
    assertThat(signed.approvals()).isEqualTo(2);
    // approved on the day of the sign-off, not of the DPO's approval
    assertThat(
            agreements.register().stream()
                .filter(e -> e.id().equals(ID))
                .findFirst()
                .orElseThrow()
                .versions())
        .extracting(AgreementService.PublicVersion::approvedOn)
        .containsExactly(
            TestRegistry.NOW.plus(java.time.Duration.ofDays(2)).toString().substring(0, 10));
    // (each other party's own answers are Edit events of the draft, left out here)
    List<AuditTrail.EventView> events =
        t.registry.auditTrail().forAgreement(t.registry.ids().agreement(ID)).stream()
            .filter(e -> !e.action().equals("Edit"))
            .toList();
    assertThat(events)
        .extracting(AuditTrail.EventView::action)
        .containsExactly("Create", "Submit", "Decide", "Decide", "SignOff");
    assertThat(events.get(4).organisation())
        .hasValueSatisfying(o -> assertThat(o).endsWith(COUNCIL));
    assertThat(t.registry.auditTrail().verify().intact()).isTrue();
  }

  @Test
  void signOff_thatIsNotTheLastApprovalNeeded_leavesTheAgreementSubmitted() {
    councilRequiresSignOff();
    submitted();
    approve(COUNCIL);
    agreements.signOff(seniorOfficer(COUNCIL), ID, 1, hash(seniorOfficer(COUNCIL))).orElseThrow();

    assertThat(view().status()).isEqualTo(AgreementStatus.SUBMITTED);
    approve(ICB);
    assertThat(view().status()).isEqualTo(AgreementStatus.APPROVED);
  }

  @Test
  void signOff_isConflict_andChangesNothing_whenTheHashIsNotTheApprovedText() {
    councilRequiresSignOff();
    submitted();
    approve(ICB);
    approve(COUNCIL);
    long before = logSize();

    Result<AgreementView> r = agreements.signOff(seniorOfficer(COUNCIL), ID, 1, "0".repeat(64));

    assertThat(r.failure()).isEqualTo(Result.Failure.CONFLICT);
    assertThat(logSize()).isEqualTo(before);
    assertThat(view().status()).isEqualTo(AgreementStatus.SUBMITTED);
  }

  @Test
  void signOff_isInvalidNamingTheContentHash_whenItIsMissing() {
    councilRequiresSignOff();
    submitted();
    approve(COUNCIL);

    Result<AgreementView> r = agreements.signOff(seniorOfficer(COUNCIL), ID, 1, " ");

    assertThat(r.failure()).isEqualTo(Result.Failure.INVALID);
    assertThat(r.violations()).extracting(v -> v.field()).containsExactly("contentHash");
  }

  @Test
  void signOff_isRefused_forAnotherOrganisationsOfficer_andBeforeTheDpoApproved() {
    councilRequiresSignOff();
    submitted();
    long before = logSize();

    // before the council's DPO approved, there is nothing for its officer to sign off
    assertThat(
            agreements
                .signOff(seniorOfficer(COUNCIL), ID, 1, hash(seniorOfficer(COUNCIL)))
                .failure())
        .isEqualTo(Result.Failure.CONFLICT);

    approve(COUNCIL);
    before = logSize();
    // a party's officer cannot sign off the council's approval
    assertThat(agreements.signOff(seniorOfficer(ICB), ID, 1, hash(seniorOfficer(ICB))).failure())
        .isEqualTo(Result.Failure.CONFLICT);
    // a non-party's officer does not even see the agreement
    assertThat(agreements.signOff(seniorOfficer(POLICE), ID, 1, "unread").failure())
        .isEqualTo(Result.Failure.FORBIDDEN);
    // the council's DPO and partner are not senior officers
    assertThat(agreements.signOff(dpo(COUNCIL), ID, 1, hash(dpo(COUNCIL))).failure())
        .isEqualTo(Result.Failure.FORBIDDEN);
    assertThat(agreements.signOff(partner(COUNCIL), ID, 1, hash(partner(COUNCIL))).failure())
        .isEqualTo(Result.Failure.FORBIDDEN);
    assertThat(logSize()).isEqualTo(before);
    assertThat(view().approvals()).isZero();
  }

  @Test
  void dpoAlone_stillApproves_whereTheOrganisationDoesNotRequireSignOff() {
    submitted();
    approve(ICB);
    approve(COUNCIL);

    AgreementView a = view();
    assertThat(a.status()).isEqualTo(AgreementStatus.APPROVED);
    assertThat(a.decisions()).noneMatch(AgreementView.DecisionView::awaitingSignOff);
    assertThat(agreements.signOff(seniorOfficer(COUNCIL), ID, 1, hash(dpo(COUNCIL))).failure())
        .isEqualTo(Result.Failure.CONFLICT);
  }

  @Test
  void seniorOfficer_seesTheOrganisationsAgreements_butCannotDraftOrDecide() {
    submitted();

    AgreementView seen = agreements.get(seniorOfficer(COUNCIL), ID).orElseThrow();

    assertThat(seen.can(AgreementPolicy.Action.SEE)).isTrue();
    assertThat(seen.can(AgreementPolicy.Action.DECIDE)).isFalse();
    assertThat(seen.can(AgreementPolicy.Action.WITHDRAW)).isFalse();
    assertThat(agreements.get(seniorOfficer(TRUST), ID).ok()).isFalse();
  }

  @Test
  void theSetting_isTheAdministratorsOrTheOwnDpos_andSurvivesAnEditOfTheOrganisation() {
    var organisations = t.registry.organisations();
    assertThat(organisations.requireSeniorSignOff(dpo(TRUST), COUNCIL, true).failure())
        .isEqualTo(Result.Failure.FORBIDDEN);
    assertThat(organisations.requiresSeniorSignOff(COUNCIL)).isFalse();

    organisations.requireSeniorSignOff(dpo(COUNCIL), COUNCIL, true).orElseThrow();
    // the DPO may ask for the check on their own approvals, not remove it
    assertThat(organisations.requireSeniorSignOff(dpo(COUNCIL), COUNCIL, false).failure())
        .isEqualTo(Result.Failure.FORBIDDEN);
    assertThat(organisations.requiresSeniorSignOff(COUNCIL)).isTrue();
    Organisation o = organisations.get(COUNCIL).orElseThrow();
    organisations
        .update(
            dpo(COUNCIL),
            new Organisation(
                o.id(),
                o.name(),
                o.type(),
                o.sector(),
                o.domain(),
                "A. New DPO",
                o.dpoEmail(),
                o.assurances()))
        .orElseThrow();

    assertThat(organisations.requiresSeniorSignOff(COUNCIL)).isTrue();
    assertThat(organisations.requiresSeniorSignOff(ICB)).isFalse();
    organisations.requireSeniorSignOff(TestRegistry.admin(), COUNCIL, false).orElseThrow();
    assertThat(organisations.requiresSeniorSignOff(COUNCIL)).isFalse();
  }

  private static AgreementPolicy.Action signOff() {
    return AgreementPolicy.Action.SIGN_OFF;
  }
}
