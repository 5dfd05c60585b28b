package org.datasharing.registry.core.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.datasharing.registry.core.common.Result;
import org.datasharing.registry.core.support.TestRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReconciliationTest {
  @TempDir Path dir;
  TestRegistry t;
  FakeDirectory directory;
  Onboarding onboarding;
  Reconciliation reconciliation;

  @BeforeEach
  void setUp() {
    t = new TestRegistry(dir);
    directory = FakeDirectory.inStepWith(t.registry.organisations().list());
    onboarding = t.registry.onboarding(directory);
    reconciliation = t.registry.reconciliation(directory);
  }

  @AfterEach
  void tearDown() {
    t.close();
  }

  List<String> differences() {
    return reconciliation.report(TestRegistry.admin()).value().differences().stream()
        .map(Difference::id)
        .toList();
  }

  /** Drift of every kind the report knows. */
  void drift() {
    directory.organisations.remove(TestRegistry.POLICE);
    directory.createOrganisation("made-in-keycloak", "Made in Keycloak", "made.example");
    directory.updateOrganisation(
        TestRegistry.TRUST, "Renamed in Keycloak", "northshire-nft.example");
    directory.updateOrganisation(
        TestRegistry.ICB, "NHS Northshire Integrated Care Board", "wrong.example");
    directory.seedMember(TestRegistry.COUNCIL, "dpo.council", "dpo@northshire-cc.example");
  }

  @Test
  void report_isEmpty_whenBothSidesAgree() {
    assertThat(reconciliation.report(TestRegistry.admin()).value().inSync()).isTrue();
  }

  @Test
  void report_listsMissingOnEitherSide_nameAndDomainMismatches_andADpoWithoutTheRole() {
    drift();

    ReconciliationReport report = reconciliation.report(TestRegistry.admin()).value();

    assertThat(report.differences())
        .extracting(Difference::id)
        .containsExactlyInAnyOrder(
            "missing-in-keycloak:" + TestRegistry.POLICE,
            "missing-in-registry:made-in-keycloak",
            "name-mismatch:" + TestRegistry.TRUST,
            "domain-mismatch:" + TestRegistry.ICB,
            "dpo-without-role:" + TestRegistry.COUNCIL);
    Difference name =
        report.differences().stream()
            .filter(d -> d.kind() == Difference.Kind.NAME_MISMATCH)
            .findFirst()
            .orElseThrow();
    assertThat(name.registry()).isEqualTo("Northshire NHS Foundation Trust");
    assertThat(name.keycloak()).isEqualTo("Renamed in Keycloak");
  }

  @Test
  void apply_fixesEveryFixableDifference_andLeavesOnlyWhatNeedsAPerson() {
    drift();
    long before = t.store.logHead().size();

    ApplyReport applied = reconciliation.apply(TestRegistry.admin(), Set.of()).value();

    assertThat(applied.results())
        .filteredOn(a -> a.outcome() == ApplyReport.Outcome.APPLIED)
        .hasSize(4);
    assertThat(applied.results())
        .filteredOn(a -> a.outcome() == ApplyReport.Outcome.NOT_FIXABLE)
        .extracting(ApplyReport.Applied::difference)
        .containsExactly("missing-in-registry:made-in-keycloak");
    assertThat(applied.after().orElseThrow().differences())
        .extracting(Difference::id)
        .containsExactly("missing-in-registry:made-in-keycloak");
    assertThat(directory.user("dpo.council").roles()).containsExactly(MemberRole.DPO);
    assertThat(t.store.logHead().size()).isEqualTo(before + 4);
  }

  @Test
  void apply_fixesOnlyTheDifferencesAsked_andRefusesOnesNotInTheReport() {
    drift();

    ApplyReport applied =
        reconciliation
            .apply(TestRegistry.admin(), Set.of("name-mismatch:" + TestRegistry.TRUST))
            .value();
    Result<ApplyReport> unknown = reconciliation.apply(TestRegistry.admin(), Set.of("nonsense"));

    assertThat(applied.results()).hasSize(1);
    assertThat(directory.organisations.get(TestRegistry.TRUST).name())
        .isEqualTo("Northshire NHS Foundation Trust");
    assertThat(directory.organisations).doesNotContainKey(TestRegistry.POLICE);
    assertThat(unknown.failure()).isEqualTo(Result.Failure.INVALID);
    assertThat(unknown.violations().get(0).field()).isEqualTo("differences");
  }

  @Test
  void apply_stopsTrying_whenKeycloakStopsAnswering_andKeepsPendingOperations() {
    directory.failOn("createOrganisation", DirectoryException.Kind.NO_ANSWER);
    onboarding.onboardOrganisation(TestRegistry.admin(), OnboardingTest.fire());
    drift();
    directory.failOn("createOrganisation", DirectoryException.Kind.NO_ANSWER);

    ApplyReport applied = reconciliation.apply(TestRegistry.admin(), Set.of()).value();

    assertThat(applied.results().get(0).outcome()).isEqualTo(ApplyReport.Outcome.FAILED);
    assertThat(applied.results().get(0).message()).isEqualTo("Keycloak did not answer");
    assertThat(applied.results())
        .filteredOn(a -> a.outcome() == ApplyReport.Outcome.NOT_TRIED)
        .isNotEmpty();
    assertThat(applied.after()).isEmpty();
    assertThat(onboarding.pending(TestRegistry.admin()).value()).hasSize(1);
  }

  @Test
  void report_coversAnOrganisationPendingCreation_onlyByItsPendingOperation() {
    directory.failOn("createOrganisation", DirectoryException.Kind.NO_ANSWER);
    onboarding.onboardOrganisation(TestRegistry.admin(), OnboardingTest.fire());

    assertThat(differences()).singleElement().asString().startsWith("pending:");
  }

  @Test
  void apply_ofAPendingDpo_sendsKeycloaksSetPasswordInvitation_likeOnboarding() {
    directory.smtp = true;
    onboarding.onboardOrganisation(TestRegistry.admin(), OnboardingTest.fire());
    directory.failOn("createUser", DirectoryException.Kind.NO_ANSWER);
    onboarding.addMember(TestRegistry.admin(), OnboardingTest.FIRE, OnboardingTest.dpo());
    assertThat(directory.emailsSent).isEmpty();
    assertThat(onboarding.pending(TestRegistry.admin()).value())
        .singleElement()
        .extracting(PendingOperation::kind)
        .isEqualTo(PendingOperation.Kind.ADD_MEMBER);

    ApplyReport applied = reconciliation.apply(TestRegistry.admin(), Set.of()).value();

    assertThat(applied.results())
        .extracting(ApplyReport.Applied::outcome)
        .containsExactly(ApplyReport.Outcome.APPLIED);
    assertThat(directory.user("dpo.fire").roles()).containsExactly(MemberRole.DPO);
    assertThat(directory.emailsSent).containsExactly("dpo.fire");
    assertThat(onboarding.pending(TestRegistry.admin()).value()).isEmpty();
  }
}
