package org.datasharing.registry.core.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.datasharing.registry.core.common.Result;
import org.datasharing.registry.core.common.Violation;
import org.datasharing.registry.core.support.TestRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MembersTest {
  static final String COUNCIL = TestRegistry.COUNCIL;
  static final String POLICE = TestRegistry.POLICE;

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

  static NewMember member(String username, String email, String role) {
    return new NewMember(username, email, "Sam", "Lee", role);
  }

  static List<String> fields(Result<?> r) {
    return r.violations().stream().map(Violation::field).toList();
  }

  @Test
  void addMember_createsTheUser_grantsTheRole_andAddsTheMembership_sayingNoEmailWasSent() {
    long before = t.store.logHead().size();

    Result<Synced<MemberAdded>> r =
        onboarding.addMember(
            TestRegistry.admin(),
            POLICE,
            member("sam.lee", "Sam.Lee@northshire-police.example", "dpo"));

    assertThat(r.value().done()).isTrue();
    MemberAdded added = r.value().value();
    assertThat(added.userCreated()).isTrue();
    assertThat(added.emailSent()).isFalse();
    assertThat(added.message()).contains("no e-mail was sent: the realm has no SMTP server");
    DirectoryUser user = directory.user("sam.lee");
    assertThat(user.email()).isEqualTo("sam.lee@northshire-police.example");
    assertThat(user.roles()).containsExactly(MemberRole.DPO);
    assertThat(directory.organisationsOf(user.id())).containsExactly(POLICE);
    assertThat(t.store.logHead().size()).isEqualTo(before + 1);
  }

  @Test
  void addMember_sendsKeycloaksSetupEmail_whenTheRealmHasSmtp() {
    directory.smtp = true;

    Result<Synced<MemberAdded>> r =
        onboarding.addMember(
            TestRegistry.admin(), POLICE, member(null, "sam@northshire-police.example", "partner"));

    assertThat(r.value().value().emailSent()).isTrue();
    assertThat(directory.emailsSent).containsExactly("sam@northshire-police.example");
  }

  @Test
  void addMember_linksTheExistingUserWithThatEmail() {
    DirectoryUser existing = directory.seedMember("elsewhere", "s.lee", "sam@x.example");
    directory.members.clear();

    Result<Synced<MemberAdded>> r =
        onboarding.addMember(
            TestRegistry.admin(), POLICE, member("sam.lee", "sam@x.example", "partner"));

    assertThat(r.value().value().userCreated()).isFalse();
    assertThat(r.value().value().username()).isEqualTo("s.lee");
    assertThat(directory.organisationsOf(existing.id())).containsExactly(POLICE);
  }

  @Test
  void addMember_refusesAnInvalidEmail_anUnknownRole_andMissingNames_namingEachField() {
    Result<Synced<MemberAdded>> r =
        onboarding.addMember(
            TestRegistry.admin(), POLICE, new NewMember(null, "not-an-email", " ", null, "owner"));

    assertThat(r.failure()).isEqualTo(Result.Failure.INVALID);
    assertThat(fields(r)).containsExactlyInAnyOrder("email", "firstName", "lastName", "role");
    assertThat(directory.users).isEmpty();
  }

  @Test
  void addMember_refusesSomeoneWhoIsMemberOfAnotherOrganisation_andUndoesTheUserItCreated() {
    directory.seedMember(COUNCIL, "sam.lee", "sam@x.example", MemberRole.PARTNER);

    Result<Synced<MemberAdded>> r =
        onboarding.addMember(
            TestRegistry.admin(), POLICE, member("sam.lee", "sam@x.example", "dpo"));

    assertThat(r.failure()).isEqualTo(Result.Failure.CONFLICT);
    assertThat(fields(r)).containsExactly("email");
    assertThat(r.message()).contains("already a member of " + COUNCIL);
    assertThat(directory.user("sam.lee").roles()).containsExactly(MemberRole.PARTNER);
  }

  @Test
  void addMember_refusesAUsernameThatBelongsToSomeoneElse() {
    directory.seedMember(COUNCIL, "sam.lee", "other@x.example");

    Result<Synced<MemberAdded>> r =
        onboarding.addMember(
            TestRegistry.admin(), POLICE, member("sam.lee", "sam@x.example", "dpo"));

    assertThat(r.failure()).isEqualTo(Result.Failure.CONFLICT);
    assertThat(fields(r)).containsExactly("username");
  }

  @Test
  void addMember_isPending_whenKeycloakFailsMidway_andApplyFinishesIt() {
    directory.failOn("addMember", DirectoryException.Kind.FAILED);

    Result<Synced<MemberAdded>> r =
        onboarding.addMember(
            TestRegistry.admin(), POLICE, member("sam.lee", "sam@x.example", "dpo"));

    assertThat(r.ok()).isTrue();
    assertThat(r.value().failure()).contains(DirectoryException.Kind.FAILED);
    assertThat(r.value().message())
        .endsWith("the member is recorded and will be added in Keycloak when reconciliation runs");
    assertThat(directory.organisationsOf(directory.user("sam.lee").id())).isEmpty();
    PendingOperation op = r.value().pending().orElseThrow();
    assertThat(op.member().orElseThrow().email()).isEqualTo("sam@x.example");

    ApplyReport applied =
        reconciliation.apply(TestRegistry.admin(), Set.of("pending:" + op.id())).value();

    assertThat(applied.results())
        .extracting(ApplyReport.Applied::outcome)
        .containsExactly(ApplyReport.Outcome.APPLIED);
    assertThat(directory.organisationsOf(directory.user("sam.lee").id())).containsExactly(POLICE);
    assertThat(directory.user("sam.lee").roles()).containsExactly(MemberRole.DPO);
    assertThat(onboarding.pending(TestRegistry.admin()).value()).isEmpty();
  }

  @Test
  void addMember_toAnOrganisationStillPendingInKeycloak_createsTheOrganisationFirst() {
    directory.failOn("createOrganisation", DirectoryException.Kind.NO_ANSWER);
    onboarding.onboardOrganisation(TestRegistry.admin(), OnboardingTest.fire());

    Result<Synced<MemberAdded>> r =
        onboarding.addMember(TestRegistry.admin(), OnboardingTest.FIRE, OnboardingTest.dpo());

    assertThat(r.value().done()).isTrue();
    assertThat(directory.organisations).containsKey(OnboardingTest.FIRE);
    assertThat(onboarding.pending(TestRegistry.admin()).value()).isEmpty();
  }

  @Test
  void removeMember_refusesTheLastDpo_ofAnOrganisationPartyToAnAgreementInForce() {
    directory.seedMember(COUNCIL, "dpo.council", "priya@x.example", MemberRole.DPO);
    directory.seedMember(COUNCIL, "partner.council", "jordan@x.example", MemberRole.PARTNER);

    Result<Synced<String>> r =
        onboarding.removeMember(TestRegistry.admin(), COUNCIL, "dpo.council");

    assertThat(r.failure()).isEqualTo(Result.Failure.CONFLICT);
    assertThat(fields(r)).containsExactly("username");
    assertThat(r.message())
        .contains("last DPO of " + COUNCIL)
        .contains("dsa-hospital-discharge ACTIVE");
    assertThat(directory.members(COUNCIL)).hasSize(2);
  }

  @Test
  void removeMember_removesTheMembershipAndRoles_whenAnotherDpoRemains() {
    DirectoryUser leaving =
        directory.seedMember(COUNCIL, "dpo.council", "p@x.example", MemberRole.DPO);
    directory.seedMember(COUNCIL, "dpo2.council", "q@x.example", MemberRole.DPO);
    long before = t.store.logHead().size();

    Result<Synced<String>> r =
        onboarding.removeMember(TestRegistry.admin(), COUNCIL, "dpo.council");

    assertThat(r.value().done()).isTrue();
    assertThat(directory.organisationsOf(leaving.id())).isEmpty();
    assertThat(directory.user("dpo.council").roles()).isEmpty();
    assertThat(t.store.logHead().size()).isEqualTo(before + 1);
  }

  @Test
  void removeMember_answersNotFound_forSomeoneWhoIsNotAMember() {
    assertThat(onboarding.removeMember(TestRegistry.admin(), POLICE, "nobody").failure())
        .isEqualTo(Result.Failure.NOT_FOUND);
  }

  @Test
  void discard_dropsAPendingOperation_withAnAuditEvent() {
    directory.failOn("userByUsername", DirectoryException.Kind.NO_ANSWER);
    PendingOperation op =
        onboarding
            .addMember(TestRegistry.admin(), POLICE, member("sam.lee", "sam@x.example", "dpo"))
            .value()
            .pending()
            .orElseThrow();
    long before = t.store.logHead().size();

    assertThat(onboarding.discard(TestRegistry.admin(), op.id()).ok()).isTrue();

    assertThat(onboarding.pending(TestRegistry.admin()).value()).isEmpty();
    assertThat(t.store.logHead().size()).isEqualTo(before + 1);
    assertThat(onboarding.discard(TestRegistry.admin(), op.id()).failure())
        .isEqualTo(Result.Failure.NOT_FOUND);
  }
}
