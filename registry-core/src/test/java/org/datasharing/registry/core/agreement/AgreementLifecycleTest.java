package org.datasharing.registry.core.agreement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.datasharing.registry.core.support.TestRegistry.COUNCIL;
import static org.datasharing.registry.core.support.TestRegistry.ICB;
import static org.datasharing.registry.core.support.TestRegistry.POLICE;
import static org.datasharing.registry.core.support.TestRegistry.TRUST;
import static org.datasharing.registry.core.support.TestRegistry.dpo;
import static org.datasharing.registry.core.support.TestRegistry.partner;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.datasharing.registry.core.agreement.AgreementService.Outcome;
import org.datasharing.registry.core.audit.AuditTrail;
import org.datasharing.registry.core.common.Canonical;
import org.datasharing.registry.core.common.Result;
import org.datasharing.registry.core.organisation.Organisation;
import org.datasharing.registry.core.support.TestRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgreementLifecycleTest {
  @TempDir Path dir;
  TestRegistry t;
  AgreementService agreements;
  List<String> parties = List.of(ICB, COUNCIL, TRUST);

  @BeforeEach
  void setUp() {
    t = new TestRegistry(dir);
    agreements = t.registry.agreements();
  }

  @AfterEach
  void tearDown() {
    t.close();
  }

  AgreementView submitted(String id) {
    TestRegistry.draft(agreements, partner(ICB), Optional.of(id), t.completeContent(parties))
        .orElseThrow();
    return agreements.submit(partner(ICB), id).orElseThrow();
  }

  long logSize() {
    return t.store.logHead().size();
  }

  @Test
  void approve_movesToApproved_whenLastPartySigns_andEachApprovalRecordsTheVersionHash() {
    AgreementView v = submitted("dsa-discharge");
    assertThat(v.status()).isEqualTo(AgreementStatus.SUBMITTED);

    TestRegistry.decide(
            agreements, dpo(COUNCIL), "dsa-discharge", 1, Outcome.APPROVE, Optional.empty())
        .orElseThrow();
    AgreementView afterTwo =
        TestRegistry.decide(
                agreements, dpo(TRUST), "dsa-discharge", 1, Outcome.APPROVE, Optional.empty())
            .orElseThrow();
    assertThat(afterTwo.status()).isEqualTo(AgreementStatus.SUBMITTED);
    AgreementView done =
        TestRegistry.decide(
                agreements, dpo(ICB), "dsa-discharge", 1, Outcome.APPROVE, Optional.empty())
            .orElseThrow();

    assertThat(done.status()).isEqualTo(AgreementStatus.APPROVED);
    assertThat(done.versionInForce()).contains(1);
    String hash = done.versions().get(0).contentHash();
    assertThat(hash).matches("[0-9a-f]{64}");
    assertThat(done.decisions())
        .hasSize(3)
        .allSatisfy(
            d -> {
              assertThat(d.contentHash()).isEqualTo(hash);
              assertThat(d.outcome()).isEqualTo("APPROVE");
              assertThat(d.at()).isEqualTo(TestRegistry.NOW);
            });
    assertThat(done.decisions())
        .extracting(AgreementView.DecisionView::organisation)
        .containsExactlyInAnyOrder(ICB, COUNCIL, TRUST);
  }

  @Test
  void clockTicks_activate_markReviewDue_andExpire() {
    submitted("dsa-dates");
    for (String org : parties) {
      TestRegistry.decide(agreements, dpo(org), "dsa-dates", 1, Outcome.APPROVE, Optional.empty())
          .orElseThrow();
    }
    t.clock.set(Instant.parse("2027-01-01T00:00:01Z"));
    agreements.tick();
    assertThat(status("dsa-dates")).isEqualTo(AgreementStatus.ACTIVE);
    t.clock.set(Instant.parse("2027-07-01T09:00:00Z"));
    agreements.tick();
    assertThat(status("dsa-dates")).isEqualTo(AgreementStatus.REVIEW_DUE);
    t.clock.set(Instant.parse("2029-01-01T09:00:00Z"));
    agreements.tick();
    assertThat(status("dsa-dates")).isEqualTo(AgreementStatus.EXPIRED);
    assertThat(agreements.tick()).isZero();
  }

  AgreementStatus status(String id) {
    return agreements.get(TestRegistry.auditor(), id).orElseThrow().status();
  }

  @Test
  void submit_isRejected_whenLawfulBasisMissing_namingTheField_andNothingChanges() {
    TestRegistry.draft(
            agreements,
            partner(ICB),
            Optional.of("dsa-nobasis"),
            TestRegistry.withParty(t.completeContent(parties), "lawfulBasis", null))
        .orElseThrow();
    long before = logSize();

    Result<AgreementView> r = agreements.submit(partner(ICB), "dsa-nobasis");

    assertThat(r.failure()).isEqualTo(Result.Failure.INVALID);
    assertThat(r.violations())
        .extracting(v -> v.field())
        .anyMatch(f -> f.startsWith("parties[") && f.endsWith("lawfulBasis"));
    assertThat(r.violations()).allSatisfy(v -> assertThat(v.message()).isNotBlank());
    assertThat(status("dsa-nobasis")).isEqualTo(AgreementStatus.DRAFT);
    assertThat(logSize()).isEqualTo(before);
  }

  @Test
  void submit_listsEveryViolation_whenManyItemsMissing() {
    var content =
        TestRegistry.with(
            TestRegistry.with(t.completeContent(parties), "sanctions", null),
            "successMeasures",
            null);
    TestRegistry.draft(agreements, partner(ICB), Optional.of("dsa-gaps"), content).orElseThrow();

    Result<AgreementView> r = agreements.submit(partner(ICB), "dsa-gaps");

    assertThat(r.violations()).extracting(v -> v.field()).contains("sanctions", "successMeasures");
  }

  @Test
  void check_namesWhatSubmitWouldRefuse_withoutChangingAnything_andOnlyForParties() {
    var content = TestRegistry.with(t.completeContent(parties), "sanctions", null);
    TestRegistry.draft(agreements, partner(ICB), Optional.of("dsa-check"), content).orElseThrow();
    long before = logSize();

    Result<List<org.datasharing.registry.core.common.Violation>> r =
        agreements.check(partner(ICB), "dsa-check");

    assertThat(r.orElseThrow()).extracting(v -> v.field()).containsExactly("sanctions");
    assertThat(status("dsa-check")).isEqualTo(AgreementStatus.DRAFT);
    assertThat(logSize()).isEqualTo(before);
    assertThat(agreements.check(partner(POLICE), "dsa-check").failure())
        .isEqualTo(Result.Failure.FORBIDDEN);
    agreements.updateDraft(partner(ICB), "dsa-check", t.completeContent(parties)).orElseThrow();
    assertThat(agreements.check(partner(ICB), "dsa-check").orElseThrow()).isEmpty();
  }

  @Test
  void createDraft_namesUnknownCodesAndOrganisations_andWritesNothing() {
    var content =
        TestRegistry.with(
            t.completeContent(List.of(ICB, "no-such-org")),
            "purposes",
            List.of("world-domination"));
    long before = logSize();

    Result<AgreementView> r =
        TestRegistry.draft(agreements, partner(ICB), Optional.of("dsa-bad"), content);

    assertThat(r.failure()).isEqualTo(Result.Failure.INVALID);
    assertThat(r.violations()).extracting(v -> v.field()).contains("purposes");
    assertThat(agreements.get(TestRegistry.auditor(), "dsa-bad").failure())
        .isEqualTo(Result.Failure.NOT_FOUND);
    assertThat(logSize()).isEqualTo(before);
  }

  @Test
  void createDraft_isRejected_whenDatesInWrongOrder_onSubmit() {
    var content = TestRegistry.with(t.completeContent(parties), "reviewDate", "2026-12-01");
    TestRegistry.draft(agreements, partner(ICB), Optional.of("dsa-dates-wrong"), content)
        .orElseThrow();
    Result<AgreementView> r = agreements.submit(partner(ICB), "dsa-dates-wrong");
    assertThat(r.failure()).isEqualTo(Result.Failure.INVALID);
    assertThat(r.violations())
        .extracting(v -> v.field())
        .anyMatch(f -> f.contains("reviewDate") || f.contains("startDate"));
  }

  @Test
  void submit_isRefusedOnSpecialCategoryData_whenASharedDatasetIsSpecialButTheVersionSaysNo() {
    var content =
        TestRegistry.with(
            t.completeContent(parties), "personalDataCategories", List.of("identifiers"));
    content = TestRegistry.with(content, "datasets", List.of("home-care-packages"));
    content = TestRegistry.with(content, "dataItems", List.of("NHS number"));
    content = TestRegistry.with(content, "specialCategoryData", false);
    TestRegistry.draft(agreements, partner(ICB), Optional.of("dsa-flag-wrong"), content)
        .orElseThrow();

    Result<AgreementView> r = agreements.submit(partner(ICB), "dsa-flag-wrong");

    assertThat(r.failure()).isEqualTo(Result.Failure.INVALID);
    assertThat(r.violations()).extracting(v -> v.field()).containsExactly("specialCategoryData");
  }

  @Test
  void createDraft_isForbidden_whenActorsOrganisationIsNotAParty() {
    Result<AgreementView> r =
        TestRegistry.draft(
            agreements, partner(POLICE), Optional.of("dsa-x"), t.completeContent(parties));
    assertThat(r.failure()).isEqualTo(Result.Failure.FORBIDDEN);
  }

  @Test
  void decide_isForbidden_forADpoOfANonParty() {
    submitted("dsa-forbidden");
    long before = logSize();
    Result<AgreementView> r =
        TestRegistry.decide(
            agreements, dpo(POLICE), "dsa-forbidden", 1, Outcome.APPROVE, Optional.empty());
    assertThat(r.failure()).isEqualTo(Result.Failure.FORBIDDEN);
    assertThat(logSize()).isEqualTo(before);
  }

  @Test
  void decide_isForbidden_forAPartnerOfAParty() {
    submitted("dsa-partner");
    assertThat(
            TestRegistry.decide(
                    agreements,
                    partner(COUNCIL),
                    "dsa-partner",
                    1,
                    Outcome.APPROVE,
                    Optional.empty())
                .failure())
        .isEqualTo(Result.Failure.FORBIDDEN);
  }

  @Test
  void decide_isConflict_whenTheSameOrganisationDecidesTwice() {
    submitted("dsa-twice");
    TestRegistry.decide(agreements, dpo(COUNCIL), "dsa-twice", 1, Outcome.APPROVE, Optional.empty())
        .orElseThrow();
    long before = logSize();
    assertThat(
            TestRegistry.decide(
                    agreements, dpo(COUNCIL), "dsa-twice", 1, Outcome.APPROVE, Optional.empty())
                .failure())
        .isEqualTo(Result.Failure.CONFLICT);
    assertThat(logSize()).isEqualTo(before);
  }

  @Test
  void decide_needsAReason_forRejectAndRequestChanges() {
    submitted("dsa-reason");
    Result<AgreementView> r =
        TestRegistry.decide(
            agreements, dpo(COUNCIL), "dsa-reason", 1, Outcome.REJECT, Optional.of("  "));
    assertThat(r.failure()).isEqualTo(Result.Failure.INVALID);
    assertThat(r.violations()).extracting(v -> v.field()).containsExactly("reason");
  }

  @Test
  void requestChanges_thenRevise_createsVersionTwo_andDecisionsOnVersionOneAreStale() {
    submitted("dsa-revise");
    TestRegistry.decide(
            agreements,
            dpo(TRUST),
            "dsa-revise",
            1,
            Outcome.REQUEST_CHANGES,
            Optional.of("Add retention detail"))
        .orElseThrow();
    assertThat(status("dsa-revise")).isEqualTo(AgreementStatus.CHANGES_REQUESTED);

    AgreementView v2 = agreements.revise(partner(ICB), "dsa-revise").orElseThrow();
    assertThat(v2.status()).isEqualTo(AgreementStatus.DRAFT);
    assertThat(v2.currentVersion()).isEqualTo(2);
    assertThat(v2.versions().get(1).revisionOf()).contains(1);
    agreements
        .updateDraft(
            partner(ICB), "dsa-revise", TestRegistry.with(v2.content(), "retentionPeriod", "P3Y"))
        .orElseThrow();
    agreements.submit(partner(ICB), "dsa-revise").orElseThrow();

    assertThat(
            TestRegistry.decide(
                    agreements, dpo(COUNCIL), "dsa-revise", 1, Outcome.APPROVE, Optional.empty())
                .failure())
        .isEqualTo(Result.Failure.CONFLICT);
    VersionDiff diff = agreements.diff(TestRegistry.auditor(), "dsa-revise", 1, 2).orElseThrow();
    assertThat(diff.changes())
        .extracting(VersionDiff.FieldChange::field)
        .contains("retentionPeriod");
    assertThat(String.join("\n", diff.unifiedDiff()))
        .contains("-retentionPeriod: P2Y")
        .contains("+retentionPeriod: P3Y");
  }

  // the hash of a version is remembered once it is submitted; a draft's must follow every edit
  String storedTextHash(String id, int version) {
    var ag = t.registry.ids().agreement(id);
    return Canonical.sha256Hex(
        Canonical.versionText(t.store.graph(ag), t.registry.ids().version(ag, version)));
  }

  @Test
  void versionHash_followsDraftEdits_andIsTheStoredTextsHash_inEveryDecision() {
    String id = "dsa-hash";
    AgreementView draft =
        TestRegistry.draft(agreements, partner(ICB), Optional.of(id), t.completeContent(parties))
            .orElseThrow();
    var edited = t.completeContent(parties);
    var fields = new java.util.LinkedHashMap<>(edited.fields());
    fields.put("retentionPeriod", "P5Y");
    AgreementView afterEdit =
        agreements
            .updateDraft(partner(ICB), id, new AgreementContent(fields, edited.parties()))
            .orElseThrow();
    assertThat(afterEdit.versions().get(0).contentHash())
        .isNotEqualTo(draft.versions().get(0).contentHash())
        .isEqualTo(storedTextHash(id, 1));

    agreements.submit(partner(ICB), id).orElseThrow();
    TestRegistry.decide(agreements, dpo(COUNCIL), id, 1, Outcome.APPROVE, Optional.empty())
        .orElseThrow();
    AgreementView decided =
        TestRegistry.decide(agreements, dpo(TRUST), id, 1, Outcome.APPROVE, Optional.empty())
            .orElseThrow();

    assertThat(decided.decisions())
        .extracting(AgreementView.DecisionView::contentHash)
        .containsOnly(storedTextHash(id, 1));
    // the view a write returns is the one a fresh read gives
    assertThat(decided).isEqualTo(agreements.get(dpo(TRUST), id).orElseThrow());
  }

  @Test
  void submittedVersions_areImmutable() {
    submitted("dsa-immutable");
    Result<AgreementView> r =
        agreements.updateDraft(partner(ICB), "dsa-immutable", t.completeContent(parties));
    assertThat(r.failure()).isEqualTo(Result.Failure.CONFLICT);
  }

  @Test
  void approve_isRefused_whenTheApproversAssuranceExpired() {
    var content =
        TestRegistry.with(t.completeContent(parties), "requiredAssurance", List.of("dspt"));
    TestRegistry.draft(agreements, partner(ICB), Optional.of("dsa-assure"), content).orElseThrow();
    agreements.submit(partner(ICB), "dsa-assure").orElseThrow();
    Organisation council = t.registry.organisations().get(COUNCIL).orElseThrow();
    Organisation expired =
        new Organisation(
            council.id(),
            council.name(),
            council.type(),
            council.sector(),
            council.domain(),
            council.dpoName(),
            council.dpoEmail(),
            List.of(
                new Organisation.Assurance("dspt", "Standards Met", "2024-07-01", "2025-06-30")));
    t.registry.organisations().update(TestRegistry.admin(), expired).orElseThrow();

    Result<AgreementView> r =
        TestRegistry.decide(
            agreements, dpo(COUNCIL), "dsa-assure", 1, Outcome.APPROVE, Optional.empty());

    assertThat(r.failure()).isEqualTo(Result.Failure.INVALID);
    assertThat(r.violations().get(0).field()).isEqualTo("assurance");
    assertThat(r.violations().get(0).message()).contains("expired on 2025-06-30");
  }

  @Test
  void amendment_keepsTheApprovedVersionInForce_untilItIsApproved() {
    submitted("dsa-amend");
    for (String org : parties) {
      TestRegistry.decide(agreements, dpo(org), "dsa-amend", 1, Outcome.APPROVE, Optional.empty())
          .orElseThrow();
    }
    t.clock.set(Instant.parse("2027-02-01T00:00:00Z"));
    agreements.tick();
    AgreementView amending = agreements.amend(partner(COUNCIL), "dsa-amend").orElseThrow();
    assertThat(amending.status()).isEqualTo(AgreementStatus.ACTIVE);
    assertThat(amending.amendmentStatus()).contains(AgreementStatus.DRAFT);
    assertThat(amending.versionInForce()).contains(1);
    agreements.submit(partner(COUNCIL), "dsa-amend").orElseThrow();
    Instant beforeApproval = t.clock.instant();
    t.clock.set(Instant.parse("2027-02-02T00:00:00Z"));
    for (String org : parties) {
      TestRegistry.decide(agreements, dpo(org), "dsa-amend", 2, Outcome.APPROVE, Optional.empty())
          .orElseThrow();
    }

    AgreementView amended = agreements.get(TestRegistry.auditor(), "dsa-amend").orElseThrow();
    assertThat(amended.status()).isEqualTo(AgreementStatus.ACTIVE);
    assertThat(amended.amendmentStatus()).isEmpty();
    assertThat(amended.versionInForce()).contains(2);
    assertThat(
            agreements
                .versionInForceAt(TestRegistry.auditor(), "dsa-amend", beforeApproval)
                .orElseThrow())
        .contains(1);
    assertThat(
            agreements
                .versionInForceAt(
                    TestRegistry.auditor(), "dsa-amend", Instant.parse("2027-03-01T00:00:00Z"))
                .orElseThrow())
        .contains(2);
    assertThat(
            agreements
                .versionInForceAt(
                    TestRegistry.auditor(), "dsa-amend", Instant.parse("2026-12-01T00:00:00Z"))
                .orElseThrow())
        .isEmpty();
  }

  @Test
  void sampleApprovals_recordTheHashOfTheVersionTheyApproved() {
    AgreementView v =
        agreements.get(TestRegistry.auditor(), "dsa-hospital-discharge").orElseThrow();
    assertThat(v.decisions())
        .isNotEmpty()
        .allSatisfy(
            d -> {
              String versionHash =
                  v.versions().stream()
                      .filter(x -> x.number() == d.version())
                      .findFirst()
                      .orElseThrow()
                      .contentHash();
              assertThat(d.contentHash()).isEqualTo(versionHash).isNotEqualTo("0".repeat(64));
            });
  }

  @Test
  void register_listsAgreementsInForceOrEnded_neverDraftsOrSubmitted_withoutContacts() {
    List<AgreementService.RegisterEntry> register = agreements.register();
    assertThat(register)
        .extracting(AgreementService.RegisterEntry::id)
        .contains("dsa-hospital-discharge", "dsa-mash-safeguarding", "dsa-domestic-abuse-marac")
        .doesNotContain(
            "dsa-carers-support-referrals",
            "dsa-high-intensity-use",
            "dsa-homelessness-prevention");
    assertThat(register)
        .allSatisfy(
            e -> {
              // the full text is public (DSGA s.60(5)); a named person's contact details are not,
              // and the record says so in their place
              assertThat(e.summary().fields()).containsKeys("accessArrangements", "dataItems");
              assertThat(e.summary().parties())
                  .allSatisfy(p -> assertThat(p).doesNotContainKeys("contactEmail", "contactName"))
                  .anySatisfy(p -> assertThat(p).containsEntry("withheld", Field.WITHHELD_CONTACT));
            });
    submitted("dsa-not-yet");
    assertThat(agreements.register())
        .extracting(AgreementService.RegisterEntry::id)
        .doesNotContain("dsa-not-yet");
  }

  @Test
  void everyChange_isAuditedInTheSameCommit_andTheLogVerifies() {
    long before = logSize();
    submitted("dsa-audit");
    TestRegistry.decide(agreements, dpo(COUNCIL), "dsa-audit", 1, Outcome.APPROVE, Optional.empty())
        .orElseThrow();

    List<AuditTrail.EventView> events =
        t.registry.auditTrail().forAgreement(t.registry.ids().agreement("dsa-audit"));
    assertThat(events)
        .extracting(AuditTrail.EventView::action)
        // drafted by the ICB, each other party's answers given by its own staff (Edit)
        .containsExactly("Create", "Edit", "Edit", "Submit", "Decide");
    assertThat(logSize()).isEqualTo(before + 5);
    assertThat(events.get(4).organisation())
        .hasValueSatisfying(o -> assertThat(o).endsWith(COUNCIL));
    assertThat(t.registry.auditTrail().verify().intact()).isTrue();
  }
}
