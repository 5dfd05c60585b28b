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
import org.datasharing.registry.core.support.TestRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An approved agreement that has not started can be stopped: suspended (it then does not go live by
 * itself on its start date) or terminated.
 */
class StopBeforeStartTest {
  static final String ID = "dsa-not-started";

  @TempDir Path dir;
  TestRegistry t;
  AgreementService agreements;

  @BeforeEach
  void setUp() {
    t = new TestRegistry(dir);
    agreements = t.registry.agreements();
    List<String> parties = List.of(ICB, COUNCIL, TRUST);
    TestRegistry.draft(agreements, partner(ICB), Optional.of(ID), t.completeContent(parties))
        .orElseThrow();
    agreements.submit(partner(ICB), ID).orElseThrow();
    for (String org : parties) {
      TestRegistry.decide(agreements, dpo(org), ID, 1, Outcome.APPROVE, Optional.empty())
          .orElseThrow();
    }
    assertThat(status()).isEqualTo(AgreementStatus.APPROVED); // starts 2027-01-01
  }

  @AfterEach
  void tearDown() {
    t.close();
  }

  AgreementStatus status() {
    return agreements.get(dpo(TRUST), ID).orElseThrow().status();
  }

  @Test
  void approvedAgreement_suspendedBeforeItStarts_doesNotGoLiveOnItsStartDate() {
    agreements.suspend(dpo(TRUST), ID, "The DPIA must be redone").orElseThrow();

    t.clock.set(Instant.parse("2027-02-01T00:00:00Z"));
    agreements.tick();

    assertThat(status()).isEqualTo(AgreementStatus.SUSPENDED);
  }

  @Test
  void resumingBeforeTheStartDate_returnsToApproved_andTheClockStartsItOnTheDay() {
    agreements.suspend(dpo(TRUST), ID, "The DPIA must be redone").orElseThrow();
    agreements.resume(dpo(TRUST), ID, "Redone").orElseThrow();
    assertThat(status()).isEqualTo(AgreementStatus.APPROVED);

    t.clock.set(Instant.parse("2027-02-01T00:00:00Z"));
    agreements.tick();

    assertThat(status()).isEqualTo(AgreementStatus.ACTIVE);
  }

  @Test
  void resumingAfterTheStartDate_returnsToActive() {
    agreements.suspend(dpo(TRUST), ID, "Paused").orElseThrow();
    t.clock.set(Instant.parse("2027-02-01T00:00:00Z"));

    agreements.resume(dpo(COUNCIL), ID, "Go").orElseThrow();

    assertThat(status()).isEqualTo(AgreementStatus.ACTIVE);
  }

  @Test
  void approvedAgreement_canBeTerminatedBeforeItStarts() {
    agreements.terminate(dpo(COUNCIL), ID, "The service was not commissioned").orElseThrow();

    assertThat(status()).isEqualTo(AgreementStatus.TERMINATED);
    assertThat(agreements.get(dpo(TRUST), ID).orElseThrow().versionInForce()).contains(1);
  }
}
