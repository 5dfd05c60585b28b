package org.datasharing.registry.core.agreement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.datasharing.registry.core.support.TestRegistry.COUNCIL;
import static org.datasharing.registry.core.support.TestRegistry.ICB;
import static org.datasharing.registry.core.support.TestRegistry.TRUST;
import static org.datasharing.registry.core.support.TestRegistry.partner;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.datasharing.registry.core.common.Result;
import org.datasharing.registry.core.organisation.Organisation;
import org.datasharing.registry.core.support.TestRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Submit asks every party the same assurance rule that approval asks the approver. */
class SubmitAssuranceTest {
  static final String ID = "dsa-assured";
  @TempDir Path dir;
  TestRegistry t;
  AgreementService agreements;
  List<String> parties = List.of(ICB, COUNCIL, TRUST);

  @BeforeEach
  void setUp() {
    t = new TestRegistry(dir);
    agreements = t.registry.agreements();
    var content =
        TestRegistry.with(t.completeContent(parties), "requiredAssurance", List.of("dspt"));
    TestRegistry.draft(agreements, partner(ICB), Optional.of(ID), content).orElseThrow();
  }

  @AfterEach
  void tearDown() {
    t.close();
  }

  void expireDspt(String org) {
    Organisation o = t.registry.organisations().get(org).orElseThrow();
    t.registry
        .organisations()
        .update(
            TestRegistry.admin(),
            new Organisation(
                o.id(),
                o.name(),
                o.type(),
                o.sector(),
                o.domain(),
                o.dpoName(),
                o.dpoEmail(),
                List.of(
                    new Organisation.Assurance(
                        "dspt", "Standards Met", "2024-07-01", "2025-06-30"))))
        .orElseThrow();
  }

  @Test
  void submit_isInvalidPerParty_andRecordsNothing_whenAPartyCannotMeetTheRequiredAssurance() {
    expireDspt(COUNCIL);
    long before = t.store.logHead().size();
    Result<AgreementView> r = agreements.submit(partner(ICB), ID);
    assertThat(r.failure()).isEqualTo(Result.Failure.INVALID);
    // indexed as the stored text lists its parties, like every other party violation
    int council =
        agreements
            .get(partner(ICB), ID)
            .orElseThrow()
            .content()
            .partyOrganisations()
            .indexOf(COUNCIL);
    assertThat(r.violations())
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.field()).isEqualTo("parties[" + council + "].assurance");
              assertThat(v.message()).contains(COUNCIL).contains("expired on 2025-06-30");
            });
    assertThat(t.store.logHead().size()).isEqualTo(before);
    assertThat(agreements.get(partner(ICB), ID).orElseThrow().status())
        .isEqualTo(AgreementStatus.DRAFT);
  }

  @Test
  void submit_succeeds_whenEveryPartyMeetsTheRequiredAssurance() {
    assertThat(agreements.submit(partner(ICB), ID).orElseThrow().status())
        .isEqualTo(AgreementStatus.SUBMITTED);
  }
}
