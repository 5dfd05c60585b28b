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
import org.apache.jena.graph.NodeFactory;
import org.datasharing.registry.core.agreement.AgreementService.Outcome;
import org.datasharing.registry.core.audit.AuditTrail;
import org.datasharing.registry.core.common.Result;
import org.datasharing.registry.core.common.Violation;
import org.datasharing.registry.core.support.TestRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Incidents between parties: staff of a party record a breach, audited, with the ICO's 72-hour
 * deadline from discovery (UK GDPR Article 33(1)); refused by field when incomplete, forbidden to
 * non-parties, and not possible before any data was shared.
 */
class IncidentsTest {
  static final String ID = "dsa-incident";

  @TempDir Path dir;
  TestRegistry t;
  AgreementService agreements;

  /** A complete, lawful report discovered two hours before {@code now}. */
  static Incident incident(Instant now) {
    return new Incident(
        now.minus(Duration.ofHours(2)),
        "A discharge list was e-mailed to the wrong care home",
        Incident.Kind.CONFIDENTIALITY,
        Incident.Severity.HIGH_RISK,
        "Names, addresses and diagnoses of 12 patients");
  }

  @BeforeEach
  void setUp() {
    t = new TestRegistry(dir);
    agreements = t.registry.agreements();
    TestRegistry.draft(
            agreements,
            partner(ICB),
            Optional.of(ID),
            t.completeContent(List.of(ICB, COUNCIL, TRUST)))
        .orElseThrow();
    agreements.submit(partner(ICB), ID).orElseThrow();
  }

  @AfterEach
  void tearDown() {
    t.close();
  }

  void approveAll() {
    for (String org : List.of(ICB, COUNCIL, TRUST)) {
      TestRegistry.decide(agreements, dpo(org), ID, 1, Outcome.APPROVE, Optional.empty())
          .orElseThrow();
    }
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
  void recordIncident_byAPartnerOfAParty_isAudited_andShownWithTheIcoDeadline() {
    approveAll();
    long before = logSize();
    Incident reported = incident(t.clock.instant());

    AgreementView v = agreements.recordIncident(partner(COUNCIL), ID, reported).orElseThrow();

    assertThat(v.incidents()).hasSize(1);
    AgreementView.IncidentView i = v.incidents().get(0);
    assertThat(i.organisation()).isEqualTo(COUNCIL);
    assertThat(i.incident()).isEqualTo(reported);
    assertThat(i.icoReportDue()).contains(reported.discoveredAt().plus(Duration.ofHours(72)));
    assertThat(logSize()).isEqualTo(before + 1);
    assertThat(lastEvent().action()).isEqualTo("RecordIncident");
    assertThat(lastEvent().detail().orElse(""))
        .contains(COUNCIL)
        .contains("high-risk")
        .contains("report to the ICO due by");
    assertThat(agreements.get(TestRegistry.auditor(), ID).orElseThrow().incidents()).hasSize(1);
    assertThat(agreements.get(dpo(TRUST), ID).orElseThrow().incidents()).hasSize(1);
  }

  @Test
  void anIncidentUnlikelyToResultInARisk_hasNoIcoDeadline() {
    approveAll();
    Incident minor =
        new Incident(
            t.clock.instant(),
            "A printed list was left in a locked office overnight",
            Incident.Kind.AVAILABILITY,
            Incident.Severity.RISK_UNLIKELY,
            "One list of 3 names");

    AgreementView v = agreements.recordIncident(dpo(TRUST), ID, minor).orElseThrow();

    assertThat(v.incidents().get(0).icoReportDue()).isEmpty();
  }

  @Test
  void recordIncident_isRefusedByField_andChangesNothing_whenAnswersAreMissingOrUseless() {
    approveAll();
    long before = logSize();
    Instant now = t.clock.instant();

    Result<AgreementView> r =
        agreements.recordIncident(
            partner(COUNCIL),
            ID,
            new Incident(now.plus(Duration.ofHours(1)), "x", null, null, " "));

    assertThat(r.failure()).isEqualTo(Result.Failure.INVALID);
    assertThat(r.violations().stream().map(Violation::field))
        .containsExactlyInAnyOrder(
            "discoveredAt", "description", "kind", "severity", "dataAffected");
    assertThat(logSize()).isEqualTo(before);
    assertThat(agreements.get(dpo(ICB), ID).orElseThrow().incidents()).isEmpty();
  }

  @Test
  void recordIncident_isForbiddenToANonParty_andAConflictBeforeApproval() {
    long before = logSize();

    assertThat(
            agreements.recordIncident(partner(COUNCIL), ID, incident(t.clock.instant())).failure())
        .isEqualTo(Result.Failure.CONFLICT);
    approveAll();
    assertThat(agreements.recordIncident(dpo(POLICE), ID, incident(t.clock.instant())).failure())
        .isEqualTo(Result.Failure.FORBIDDEN);
    assertThat(
            agreements
                .recordIncident(TestRegistry.auditor(), ID, incident(t.clock.instant()))
                .failure())
        .isEqualTo(Result.Failure.FORBIDDEN);
    assertThat(logSize()).isEqualTo(before + 3);
  }

  @Test
  void recordIncident_isAllowed_afterTheAgreementEnded() {
    approveAll();
    agreements.terminate(dpo(TRUST), ID, "no longer needed").orElseThrow();

    assertThat(agreements.recordIncident(dpo(ICB), ID, incident(t.clock.instant())).ok()).isTrue();
  }
}
