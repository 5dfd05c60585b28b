package org.datasharing.registry.core.organisation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.datasharing.registry.core.support.TestRegistry.COUNCIL;
import static org.datasharing.registry.core.support.TestRegistry.ICB;
import static org.datasharing.registry.core.support.TestRegistry.TRUST;
import static org.datasharing.registry.core.support.TestRegistry.dpo;
import static org.datasharing.registry.core.support.TestRegistry.partner;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.datasharing.registry.core.agreement.AgreementService;
import org.datasharing.registry.core.agreement.AgreementStatus;
import org.datasharing.registry.core.common.Result;
import org.datasharing.registry.core.support.TestRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An organisation's DPO records its own assurance (audited as RecordAssurance); nobody else's, and
 * never its identity. Approval then counts what is on record, unless it has expired.
 */
class RecordAssuranceTest {
  @TempDir Path dir;
  TestRegistry t;
  OrganisationService organisations;

  static final Organisation.Assurance CE_PLUS =
      new Organisation.Assurance(
          "cyber-essentials-plus",
          "Certified",
          "2026-03-01",
          "2027-02-28",
          "IASME-CEP-012345",
          null,
          "https://example.org/certificates/IASME-CEP-012345");

  @BeforeEach
  void setUp() {
    t = new TestRegistry(dir);
    organisations = t.registry.organisations();
  }

  @AfterEach
  void tearDown() {
    t.close();
  }

  List<Organisation.Assurance> withCePlus(String org, Organisation.Assurance ce) {
    List<Organisation.Assurance> out =
        new ArrayList<>(organisations.get(org).orElseThrow().assurances());
    out.removeIf(a -> a.scheme().equals(ce.scheme()));
    out.add(ce);
    return out;
  }

  @Test
  void aDpo_recordsTheirOwnOrganisationsAssurance_auditedAsRecordAssurance() {
    long before = t.store.logHead().size();

    Organisation after =
        organisations
            .recordAssurance(dpo(COUNCIL), COUNCIL, withCePlus(COUNCIL, CE_PLUS))
            .orElseThrow();

    assertThat(after.assurances()).contains(CE_PLUS);
    assertThat(organisations.get(COUNCIL).orElseThrow().assurances()).contains(CE_PLUS);
    assertThat(t.store.logHead().size()).isEqualTo(before + 1);
    assertThat(t.registry.auditTrail().page(0, 1).events())
        .singleElement()
        .satisfies(e -> assertThat(e.action()).isEqualTo("RecordAssurance"));
  }

  @Test
  void aDpo_cannotRecordAnotherOrganisationsAssurance_norAPartnerTheirOwn() {
    Organisation trustBefore = organisations.get(TRUST).orElseThrow();
    long before = t.store.logHead().size();

    assertThat(
            organisations
                .recordAssurance(dpo(COUNCIL), TRUST, withCePlus(TRUST, CE_PLUS))
                .failure())
        .isEqualTo(Result.Failure.FORBIDDEN);
    assertThat(
            organisations
                .recordAssurance(partner(TRUST), TRUST, withCePlus(TRUST, CE_PLUS))
                .failure())
        .isEqualTo(Result.Failure.FORBIDDEN);

    assertThat(organisations.get(TRUST).orElseThrow()).isEqualTo(trustBefore);
    assertThat(t.store.logHead().size()).isEqualTo(before);
  }

  @Test
  void aDpo_stillCannotRenameTheirOrganisation_norChangeAssuranceThroughAnEdit() {
    Organisation c = organisations.get(COUNCIL).orElseThrow();
    Organisation renamed =
        new Organisation(
            c.id(),
            "Northshire NHS Foundation Trust",
            c.type(),
            c.sector(),
            c.domain(),
            c.dpoName(),
            c.dpoEmail(),
            c.assurances());
    Result<Organisation> rename = organisations.update(dpo(COUNCIL), renamed);
    assertThat(rename.failure()).isEqualTo(Result.Failure.FORBIDDEN);
    assertThat(rename.message()).contains("name");

    Organisation certified =
        new Organisation(
            c.id(),
            c.name(),
            c.type(),
            c.sector(),
            c.domain(),
            c.dpoName(),
            c.dpoEmail(),
            withCePlus(COUNCIL, CE_PLUS));
    Result<Organisation> edit = organisations.update(dpo(COUNCIL), certified);
    assertThat(edit.failure()).isEqualTo(Result.Failure.FORBIDDEN);
    assertThat(edit.message()).contains("/assurances");
    assertThat(organisations.get(COUNCIL).orElseThrow()).isEqualTo(c);
  }

  @Test
  void recordAssurance_isInvalid_namingTheField_whenTheEvidenceIsNotAWebAddress() {
    var bad =
        new Organisation.Assurance(
            "cyber-essentials-plus",
            "Certified",
            "2026-03-01",
            "2027-02-28",
            "X",
            null,
            "javascript:alert(1)");
    Result<Organisation> r =
        organisations.recordAssurance(dpo(COUNCIL), COUNCIL, withCePlus(COUNCIL, bad));
    assertThat(r.failure()).isEqualTo(Result.Failure.INVALID);
    assertThat(r.violations()).anyMatch(v -> v.field().endsWith(".evidence"));
  }

  @Test
  void assuranceRecordedByEachDpo_letsTheVersionBeSubmittedAndApproved_butAnExpiredOneDoesNot() {
    AgreementService agreements = t.registry.agreements();
    List<String> parties = List.of(ICB, COUNCIL);
    var content =
        TestRegistry.with(
            t.completeContent(parties), "requiredAssurance", List.of("cyber-essentials-plus"));
    TestRegistry.draft(agreements, partner(ICB), Optional.of("dsa-ce"), content).orElseThrow();
    assertThat(agreements.submit(partner(ICB), "dsa-ce").failure())
        .isEqualTo(Result.Failure.INVALID);

    organisations.recordAssurance(dpo(ICB), ICB, withCePlus(ICB, CE_PLUS)).orElseThrow();
    organisations
        .recordAssurance(dpo(COUNCIL), COUNCIL, withCePlus(COUNCIL, CE_PLUS))
        .orElseThrow();
    agreements.submit(partner(ICB), "dsa-ce").orElseThrow();

    TestRegistry.decide(
            agreements, dpo(ICB), "dsa-ce", 1, AgreementService.Outcome.APPROVE, Optional.empty())
        .orElseThrow();
    // the council's certificate expires before its DPO approves: it no longer counts
    var expired =
        new Organisation.Assurance(
            "cyber-essentials-plus", "Certified", "2025-03-01", "2026-02-28", "OLD", null, null);
    organisations
        .recordAssurance(dpo(COUNCIL), COUNCIL, withCePlus(COUNCIL, expired))
        .orElseThrow();
    Result<?> refused =
        TestRegistry.decide(
            agreements,
            dpo(COUNCIL),
            "dsa-ce",
            1,
            AgreementService.Outcome.APPROVE,
            Optional.empty());
    assertThat(refused.failure()).isEqualTo(Result.Failure.INVALID);
    assertThat(refused.violations().get(0).message()).contains("expired on 2026-02-28");

    organisations
        .recordAssurance(dpo(COUNCIL), COUNCIL, withCePlus(COUNCIL, CE_PLUS))
        .orElseThrow();
    assertThat(
            TestRegistry.decide(
                    agreements,
                    dpo(COUNCIL),
                    "dsa-ce",
                    1,
                    AgreementService.Outcome.APPROVE,
                    Optional.empty())
                .orElseThrow()
                .status())
        .isEqualTo(AgreementStatus.APPROVED);
  }
}
