package org.datasharing.registry.core.agreement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.datasharing.registry.core.support.TestRegistry.COUNCIL;
import static org.datasharing.registry.core.support.TestRegistry.ICB;
import static org.datasharing.registry.core.support.TestRegistry.TRUST;
import static org.datasharing.registry.core.support.TestRegistry.dpo;
import static org.datasharing.registry.core.support.TestRegistry.partner;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.datasharing.registry.core.agreement.AgreementPolicy.Action;
import org.datasharing.registry.core.agreement.AgreementService.Outcome;
import org.datasharing.registry.core.common.Result;
import org.datasharing.registry.core.support.TestRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The drafting organisation withdraws a submitted version or deletes a never-submitted draft. */
class WithdrawAndDeleteTest {
  static final String ID = "dsa-take-back";
  @TempDir Path dir;
  TestRegistry t;
  AgreementService agreements;

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
  }

  @AfterEach
  void tearDown() {
    t.close();
  }

  long logSize() {
    return t.store.logHead().size();
  }

  @Test
  void withdraw_movesASubmittedVersionBackToDraft_andIsAudited() {
    agreements.submit(partner(ICB), ID).orElseThrow();
    long before = logSize();
    AgreementView v = agreements.withdraw(dpo(ICB), ID).orElseThrow();
    assertThat(v.status()).isEqualTo(AgreementStatus.DRAFT);
    assertThat(v.can(Action.EDIT)).isTrue();
    assertThat(logSize()).isEqualTo(before + 1);
  }

  @Test
  void withdraw_isConflict_andRecordsNothing_onceADpoHasDecided() {
    agreements.submit(partner(ICB), ID).orElseThrow();
    TestRegistry.decide(agreements, dpo(COUNCIL), ID, 1, Outcome.APPROVE, Optional.empty())
        .orElseThrow();
    long before = logSize();
    Result<AgreementView> r = agreements.withdraw(partner(ICB), ID);
    assertThat(r.failure()).isEqualTo(Result.Failure.CONFLICT);
    assertThat(r.message()).contains("already has a decision");
    assertThat(logSize()).isEqualTo(before);
  }

  @Test
  void withdraw_isForbidden_toStaffOfAnotherParty_andConflict_forADraft() {
    Result<AgreementView> draft = agreements.withdraw(partner(ICB), ID);
    assertThat(draft.failure()).isEqualTo(Result.Failure.CONFLICT);
    agreements.submit(partner(ICB), ID).orElseThrow();
    long before = logSize();
    Result<AgreementView> other = agreements.withdraw(partner(COUNCIL), ID);
    assertThat(other.failure()).isEqualTo(Result.Failure.FORBIDDEN);
    assertThat(other.message()).contains("organisation that drafted");
    assertThat(agreements.get(partner(COUNCIL), ID).orElseThrow().refused())
        .containsKey(Action.WITHDRAW);
    assertThat(logSize()).isEqualTo(before);
  }

  @Test
  void delete_removesANeverSubmittedDraft_andTheAuditLogKeepsIt() {
    assertThat(agreements.get(partner(ICB), ID).orElseThrow().can(Action.DELETE)).isTrue();
    long before = logSize();
    assertThat(agreements.delete(partner(ICB), ID).orElseThrow()).isEqualTo(ID);
    assertThat(agreements.get(partner(ICB), ID).failure()).isEqualTo(Result.Failure.NOT_FOUND);
    assertThat(logSize()).isEqualTo(before + 1);
  }

  @Test
  void delete_isForbidden_toAnotherParty_andConflict_onceSubmitted_evenAfterWithdrawal() {
    long before = logSize();
    assertThat(agreements.delete(partner(COUNCIL), ID).failure())
        .isEqualTo(Result.Failure.FORBIDDEN);
    assertThat(logSize()).isEqualTo(before);
    agreements.submit(partner(ICB), ID).orElseThrow();
    agreements.withdraw(partner(ICB), ID).orElseThrow();
    long withdrawn = logSize();
    Result<String> r = agreements.delete(partner(ICB), ID);
    assertThat(r.failure()).isEqualTo(Result.Failure.CONFLICT);
    assertThat(r.message()).contains("never submitted");
    assertThat(logSize()).isEqualTo(withdrawn);
    assertThat(agreements.get(partner(ICB), ID).ok()).isTrue();
  }

  @Test
  void withdrawAndDelete_areRefusedWithAReason_whenTheDraftingOrganisationIsNotRecorded() {
    String id = "dsa-carers-support-referrals";
    // the replayed sample draft records who drafted it: its drafting organisation may delete it
    assertThat(agreements.get(partner(COUNCIL), id).orElseThrow().refused())
        .doesNotContainKey(Action.DELETE);
    // an agreement recorded before the registry kept who drafted it
    org.apache.jena.graph.Node ag = t.registry.ids().agreement(id);
    org.apache.jena.system.Txn.executeWrite(
        t.store.datasetGraph(),
        () ->
            t.store
                .datasetGraph()
                .deleteAny(
                    ag,
                    ag,
                    org.apache.jena.vocabulary.DCTerms.creator.asNode(),
                    org.apache.jena.graph.Node.ANY));
    AgreementView sample = agreements.get(partner(COUNCIL), id).orElseThrow();
    assertThat(sample.refused().get(Action.DELETE).reason()).contains("does not record");
  }
}
