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
import org.apache.jena.graph.NodeFactory;
import org.datasharing.registry.core.agreement.AgreementPolicy.Action;
import org.datasharing.registry.core.agreement.AgreementService.Outcome;
import org.datasharing.registry.core.audit.AuditTrail;
import org.datasharing.registry.core.common.Result;
import org.datasharing.registry.core.support.TestRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One party leaves an agreement in force: the others continue on a new version without it, which
 * they approve and the leaving party cannot block; with two parties, leaving is terminating.
 */
class LeaveAgreementTest {
  static final String ID = "dsa-leave";
  static final List<String> PARTIES = List.of(ICB, COUNCIL, TRUST);

  @TempDir Path dir;
  TestRegistry t;
  AgreementService agreements;

  @BeforeEach
  void setUp() {
    t = new TestRegistry(dir);
    agreements = t.registry.agreements();
    approve(ID, PARTIES);
    t.clock.set(Instant.parse("2027-02-01T00:00:00Z"));
    agreements.tick();
    assertThat(view(ICB).status()).isEqualTo(AgreementStatus.ACTIVE);
  }

  @AfterEach
  void tearDown() {
    t.close();
  }

  void approve(String id, List<String> parties) {
    TestRegistry.draft(agreements, partner(ICB), Optional.of(id), t.completeContent(parties))
        .orElseThrow();
    agreements.submit(partner(ICB), id).orElseThrow();
    for (String org : parties) {
      TestRegistry.decide(agreements, dpo(org), id, 1, Outcome.APPROVE, Optional.empty())
          .orElseThrow();
    }
  }

  AgreementView view(String org) {
    return agreements.get(dpo(org), ID).orElseThrow();
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

  Result<AgreementView> decide(String org, int version, Outcome outcome) {
    return TestRegistry.decide(agreements, dpo(org), ID, version, outcome, Optional.of("because"));
  }

  @Test
  void leavingParty_isDroppedFromANewVersion_thatTheOthersApprove_andItCannotBlock() {
    long before = logSize();
    AgreementView left =
        agreements.leave(dpo(TRUST), ID, TRUST, Optional.of("Service moved")).orElseThrow();

    assertThat(left.status()).isEqualTo(AgreementStatus.ACTIVE);
    assertThat(left.versionInForce()).contains(1);
    assertThat(left.amendmentStatus()).contains(AgreementStatus.SUBMITTED);
    assertThat(left.currentVersion()).isEqualTo(2);
    assertThat(left.parties()).containsExactlyInAnyOrder(ICB, COUNCIL);
    assertThat(left.deciders()).containsExactlyInAnyOrder(ICB, COUNCIL);
    assertThat(agreements.diff(dpo(ICB), ID, 1, 2).orElseThrow().changes())
        .isNotEmpty()
        .allMatch(c -> c.field().startsWith("party " + TRUST) || c.field().equals("parties"));
    assertThat(logSize()).isEqualTo(before + 1);
    assertThat(lastEvent().action()).isEqualTo("Leave");
    assertThat(lastEvent().detail().orElse("")).contains(TRUST).contains("Service moved");

    assertThat(view(TRUST).can(Action.DECIDE)).isFalse();
    assertThat(decide(TRUST, 2, Outcome.REJECT).failure()).isEqualTo(Result.Failure.FORBIDDEN);
    decide(ICB, 2, Outcome.APPROVE).orElseThrow();
    AgreementView continued = decide(COUNCIL, 2, Outcome.APPROVE).orElseThrow();

    assertThat(continued.versionInForce()).contains(2);
    assertThat(continued.amendmentStatus()).isEmpty();
    assertThat(continued.status()).isEqualTo(AgreementStatus.ACTIVE);
    assertThat(view(TRUST).can(Action.SUSPEND)).isFalse();
  }

  @Test
  void leavingParty_staysOutOfTheDeciders_whenTheOthersRequestChangesAndRevise() {
    agreements.leave(dpo(TRUST), ID, TRUST, Optional.empty()).orElseThrow();
    decide(COUNCIL, 2, Outcome.REQUEST_CHANGES).orElseThrow();
    agreements.revise(partner(ICB), ID).orElseThrow();
    agreements.submit(partner(ICB), ID).orElseThrow();

    assertThat(view(ICB).deciders()).containsExactlyInAnyOrder(ICB, COUNCIL);
    decide(ICB, 3, Outcome.APPROVE).orElseThrow();
    assertThat(decide(COUNCIL, 3, Outcome.APPROVE).orElseThrow().versionInForce()).contains(3);
  }

  @Test
  void leave_withTwoParties_isConflict_tellingTheUserToTerminate() {
    approve("dsa-pair", List.of(ICB, COUNCIL));
    long before = logSize();

    Result<AgreementView> r = agreements.leave(dpo(COUNCIL), "dsa-pair", COUNCIL, Optional.empty());

    assertThat(r.failure()).isEqualTo(Result.Failure.CONFLICT);
    assertThat(r.message()).contains("terminate it instead");
    assertThat(logSize()).isEqualTo(before);
  }

  @Test
  void leave_isForbidden_forAnotherOrganisation_aPartner_andANonParty() {
    long before = logSize();

    assertThat(agreements.leave(dpo(COUNCIL), ID, TRUST, Optional.empty()).failure())
        .isEqualTo(Result.Failure.FORBIDDEN);
    assertThat(agreements.leave(partner(TRUST), ID, TRUST, Optional.empty()).failure())
        .isEqualTo(Result.Failure.FORBIDDEN);
    assertThat(agreements.leave(dpo(POLICE), ID, POLICE, Optional.empty()).failure())
        .isEqualTo(Result.Failure.FORBIDDEN);
    assertThat(logSize()).isEqualTo(before);
  }

  @Test
  void leave_forAnotherOrganisation_isForbiddenWithItsReason_evenWhenTheStateWouldConflict() {
    approve("dsa-pair", List.of(ICB, COUNCIL));
    agreements.amend(partner(ICB), ID).orElseThrow();
    long before = logSize();

    // two parties (would be 409 "terminate instead") and an amendment under way (409): asking for
    // another organisation is still the policy's 403, with its reason
    Result<AgreementView> pair = agreements.leave(dpo(COUNCIL), "dsa-pair", ICB, Optional.empty());
    Result<AgreementView> amending = agreements.leave(dpo(COUNCIL), ID, TRUST, Optional.empty());

    assertThat(pair.failure()).isEqualTo(Result.Failure.FORBIDDEN);
    assertThat(pair.message()).contains("only for their own organisation");
    assertThat(amending.failure()).isEqualTo(Result.Failure.FORBIDDEN);
    assertThat(amending.message()).contains("only for their own organisation");
    assertThat(agreements.leave(dpo(TRUST), ID, TRUST, Optional.empty()).failure())
        .isEqualTo(Result.Failure.CONFLICT);
    assertThat(logSize()).isEqualTo(before);
  }

  @Test
  void leave_isConflict_whileAnAmendmentIsUnderWay_andOnceTerminated() {
    agreements.amend(partner(ICB), ID).orElseThrow();
    Result<AgreementView> amending = agreements.leave(dpo(TRUST), ID, TRUST, Optional.empty());
    assertThat(amending.failure()).isEqualTo(Result.Failure.CONFLICT);
    assertThat(amending.message()).contains("amendment under way");

    agreements.terminate(dpo(COUNCIL), ID, "ended").orElseThrow();
    assertThat(agreements.leave(dpo(TRUST), ID, TRUST, Optional.empty()).failure())
        .isEqualTo(Result.Failure.CONFLICT);
  }
}
