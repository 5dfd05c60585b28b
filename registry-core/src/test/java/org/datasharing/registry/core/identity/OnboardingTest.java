package org.datasharing.registry.core.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.datasharing.registry.core.common.Result;
import org.datasharing.registry.core.common.Violation;
import org.datasharing.registry.core.organisation.Organisation;
import org.datasharing.registry.core.support.TestRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnboardingTest {
  static final String FIRE = "northshire-fire-and-rescue";

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

  static Organisation fire() {
    return new Organisation(
        FIRE,
        "Northshire Fire and Rescue Service",
        "fire-and-rescue",
        "fire",
        "northshire-fire.example",
        "Alex Morgan",
        "alex.morgan@northshire-fire.example",
        List.of());
  }

  static NewMember dpo() {
    return new NewMember(
        "dpo.fire", "alex.morgan@northshire-fire.example", "Alex", "Morgan", "dpo");
  }

  long auditSize() {
    return t.store.logHead().size();
  }

  static List<String> fields(Result<?> r) {
    return r.violations().stream().map(Violation::field).toList();
  }

  @Test
  void onboardOrganisation_createsItInTheRegistryAndInKeycloak_withAnAuditEventForEach() {
    long before = auditSize();
    Result<Synced<Organisation>> r = onboarding.onboardOrganisation(TestRegistry.admin(), fire());

    assertThat(r.ok()).isTrue();
    assertThat(r.value().done()).isTrue();
    assertThat(t.registry.organisations().get(FIRE)).isPresent();
    assertThat(directory.organisations.get(FIRE).name())
        .isEqualTo("Northshire Fire and Rescue Service");
    assertThat(directory.organisations.get(FIRE).domains())
        .containsExactly("northshire-fire.example");
    assertThat(auditSize()).isEqualTo(before + 2);
    assertThat(onboarding.pending(TestRegistry.admin()).value()).isEmpty();
  }

  @Test
  void
      onboardOrganisation_recordsAPendingOperation_whenKeycloakDoesNotAnswerAfterTheRegistryWrite() {
    directory.failOn("createOrganisation", DirectoryException.Kind.NO_ANSWER);

    Result<Synced<Organisation>> r = onboarding.onboardOrganisation(TestRegistry.admin(), fire());

    assertThat(r.ok()).isTrue();
    assertThat(r.value().done()).isFalse();
    assertThat(r.value().failure()).contains(DirectoryException.Kind.NO_ANSWER);
    assertThat(r.value().message())
        .isEqualTo(
            "Keycloak did not answer; the organisation is recorded and will be created in"
                + " Keycloak when reconciliation runs");
    assertThat(t.registry.organisations().get(FIRE)).isPresent();
    assertThat(directory.organisations).doesNotContainKey(FIRE);
    List<PendingOperation> pending = onboarding.pending(TestRegistry.admin()).value();
    assertThat(pending)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.kind()).isEqualTo(PendingOperation.Kind.CREATE_ORGANISATION);
              assertThat(p.organisation()).isEqualTo(FIRE);
              assertThat(p.recordedBy()).isEqualTo("admin");
            });

    ApplyReport applied = reconciliation.apply(TestRegistry.admin(), java.util.Set.of()).value();

    assertThat(applied.results())
        .extracting(ApplyReport.Applied::outcome)
        .containsExactly(ApplyReport.Outcome.APPLIED);
    assertThat(directory.organisations).containsKey(FIRE);
    assertThat(onboarding.pending(TestRegistry.admin()).value()).isEmpty();
    assertThat(applied.after().orElseThrow().inSync()).isTrue();
  }

  @Test
  void onboardOrganisation_recordsThePendingOperation_whenKeycloakCannotBeReachedAtAll() {
    directory.failAlways(DirectoryException.Kind.FAILED);

    Result<Synced<Organisation>> r = onboarding.onboardOrganisation(TestRegistry.admin(), fire());

    assertThat(r.value().failure()).contains(DirectoryException.Kind.FAILED);
    assertThat(r.value().pending()).isPresent();
    assertThat(t.registry.organisations().get(FIRE)).isPresent();
  }

  @Test
  void onboardOrganisation_refusesANameOrDomainTheRegistryHas_namingTheField_andWritesNothing() {
    long before = auditSize();
    Organisation o = fire();
    Organisation sameName =
        new Organisation(
            FIRE, "northshire police", o.type(), o.sector(), o.domain(), "A", "a@b.example", null);
    Organisation sameDomain =
        new Organisation(
            FIRE, o.name(), o.type(), o.sector(), "northshire-cc.example", "A", "a@b.ex", null);

    Result<Synced<Organisation>> byName =
        onboarding.onboardOrganisation(TestRegistry.admin(), sameName);
    Result<Synced<Organisation>> byDomain =
        onboarding.onboardOrganisation(TestRegistry.admin(), sameDomain);

    assertThat(byName.failure()).isEqualTo(Result.Failure.CONFLICT);
    assertThat(fields(byName)).containsExactly("name");
    assertThat(byDomain.failure()).isEqualTo(Result.Failure.CONFLICT);
    assertThat(fields(byDomain)).containsExactly("domain");
    assertThat(t.registry.organisations().get(FIRE)).isEmpty();
    assertThat(directory.organisations).doesNotContainKey(FIRE);
    assertThat(auditSize()).isEqualTo(before);
  }

  @Test
  void onboardOrganisation_refusesADomainKeycloakLinksToAnotherOrganisation() {
    directory.createOrganisation("fire-legacy", "Old Fire", "northshire-fire.example");

    Result<Synced<Organisation>> r = onboarding.onboardOrganisation(TestRegistry.admin(), fire());

    assertThat(r.failure()).isEqualTo(Result.Failure.CONFLICT);
    assertThat(fields(r)).containsExactly("domain");
    assertThat(t.registry.organisations().get(FIRE)).isEmpty();
  }

  @Test
  void onboardOrganisation_takesTheRegistryRecordBack_whenKeycloakRefusesIt() {
    directory.failOn("createOrganisation", DirectoryException.Kind.CONFLICT);

    Result<Synced<Organisation>> r = onboarding.onboardOrganisation(TestRegistry.admin(), fire());

    assertThat(r.failure()).isEqualTo(Result.Failure.CONFLICT);
    assertThat(t.registry.organisations().get(FIRE)).isEmpty();
    assertThat(onboarding.pending(TestRegistry.admin()).value()).isEmpty();
  }

  @Test
  void onboardOrganisation_writesNothing_whenKeycloakIsNotConfigured() {
    directory.failAlways(DirectoryException.Kind.NOT_CONFIGURED);

    assertThatThrownBy(() -> onboarding.onboardOrganisation(TestRegistry.admin(), fire()))
        .isInstanceOf(DirectoryException.class);
    assertThat(t.registry.organisations().get(FIRE)).isEmpty();
  }

  @Test
  void onboardOrganisation_linksAKeycloakOrganisationThatAlreadyHasTheAlias() {
    directory.createOrganisation(FIRE, "Fire (old name)", "old-fire.example");

    Result<Synced<Organisation>> r = onboarding.onboardOrganisation(TestRegistry.admin(), fire());

    assertThat(r.value().done()).isTrue();
    assertThat(directory.organisations.get(FIRE).name())
        .isEqualTo("Northshire Fire and Rescue Service");
    assertThat(directory.organisations.get(FIRE).domains())
        .containsExactly("northshire-fire.example");
  }

  @Test
  void onboardingActions_areForbidden_toAnyoneButARegistryAdmin() {
    var dpo = TestRegistry.dpo(TestRegistry.COUNCIL);
    assertThat(onboarding.onboardOrganisation(dpo, fire()).failure())
        .isEqualTo(Result.Failure.FORBIDDEN);
    assertThat(onboarding.addMember(dpo, TestRegistry.COUNCIL, dpo()).failure())
        .isEqualTo(Result.Failure.FORBIDDEN);
    assertThat(onboarding.removeMember(dpo, TestRegistry.COUNCIL, "x").failure())
        .isEqualTo(Result.Failure.FORBIDDEN);
    assertThat(reconciliation.report(dpo).failure()).isEqualTo(Result.Failure.FORBIDDEN);
  }

  @Test
  void updateOrganisation_changesTheNameInBothPlaces() {
    onboarding.onboardOrganisation(TestRegistry.admin(), fire());
    Organisation o = fire();
    Organisation renamed =
        new Organisation(
            FIRE,
            "Northshire Fire Service",
            o.type(),
            o.sector(),
            o.domain(),
            o.dpoName(),
            o.dpoEmail(),
            null);

    Result<Synced<Organisation>> r = onboarding.updateOrganisation(TestRegistry.admin(), renamed);

    assertThat(r.value().done()).isTrue();
    assertThat(t.registry.organisations().get(FIRE).orElseThrow().name())
        .isEqualTo("Northshire Fire Service");
    assertThat(directory.organisations.get(FIRE).name()).isEqualTo("Northshire Fire Service");
  }
}
