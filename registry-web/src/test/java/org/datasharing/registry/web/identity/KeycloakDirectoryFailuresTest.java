package org.datasharing.registry.web.identity;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.datasharing.registry.web.identity.KeycloakStubs.ADMIN;
import static org.datasharing.registry.web.identity.KeycloakStubs.error;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.datasharing.registry.core.Registry;
import org.datasharing.registry.core.common.Actor;
import org.datasharing.registry.core.common.Result;
import org.datasharing.registry.core.identity.ApplyReport;
import org.datasharing.registry.core.identity.DirectoryException;
import org.datasharing.registry.core.identity.MemberAdded;
import org.datasharing.registry.core.identity.NewMember;
import org.datasharing.registry.core.identity.Onboarding;
import org.datasharing.registry.core.identity.PendingOperation;
import org.datasharing.registry.core.identity.Synced;
import org.datasharing.registry.core.organisation.Organisation;
import org.datasharing.registry.core.store.TdbRegistryStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Onboarding over the Keycloak adapter when Keycloak fails after the registry's own write: a
 * timeout or a 500 leaves a pending operation that reconciliation completes; a 409 takes the
 * registry's write back. A real registry on TDB2, Keycloak stubbed by WireMock.
 */
class KeycloakDirectoryFailuresTest {
  static final String FIRE = "northshire-fire-and-rescue";
  static final Actor ADMIN_USER =
      new Actor(
          "sub-admin", "admin", java.util.Optional.empty(), Set.of(Actor.Role.REGISTRY_ADMIN));

  @TempDir Path dir;
  KeycloakStubs keycloak;
  KeycloakIdentityDirectory directory;
  TdbRegistryStore store;
  Registry registry;
  Onboarding onboarding;

  @BeforeEach
  void setUp() {
    keycloak = new KeycloakStubs();
    directory = keycloak.directory();
    store = TdbRegistryStore.open(dir.resolve("tdb2"));
    registry = new Registry(store, "http://localhost:8080/id/", Clock.systemUTC(), true);
    onboarding = registry.onboarding(directory);
    keycloak.organisations(); // Keycloak has no organisations yet: the precheck finds no clash
  }

  @AfterEach
  void tearDown() {
    directory.close();
    store.close();
    keycloak.close();
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

  void createAnswers(com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder answer) {
    keycloak.server.stubFor(post(urlPathEqualTo(ADMIN + "/organizations")).willReturn(answer));
  }

  @Test
  void onboarding_recordsAPendingOperation_whenKeycloakTimesOutAfterTheRegistryWrite() {
    createAnswers(
        aResponse().withStatus(201).withFixedDelay((int) KeycloakStubs.TIMEOUT.toMillis() * 3));

    Result<Synced<Organisation>> r = onboarding.onboardOrganisation(ADMIN_USER, fire());

    assertThat(r.ok()).isTrue();
    assertThat(r.value().failure()).contains(DirectoryException.Kind.NO_ANSWER);
    assertThat(r.value().message())
        .isEqualTo(
            "Keycloak did not answer; the organisation is recorded and will be created in"
                + " Keycloak when reconciliation runs");
    assertThat(registry.organisations().get(FIRE)).isPresent();
    PendingOperation op = onboarding.pending(ADMIN_USER).value().get(0);
    assertThat(op.kind()).isEqualTo(PendingOperation.Kind.CREATE_ORGANISATION);

    // Keycloak is back: apply completes the pending operation
    keycloak.server.resetRequests();
    createAnswers(
        aResponse()
            .withStatus(201)
            .withHeader("Location", keycloak.url() + ADMIN + "/organizations/k-fire"));
    ApplyReport applied =
        registry.reconciliation(directory).apply(ADMIN_USER, Set.of("pending:" + op.id())).value();

    assertThat(applied.results())
        .extracting(ApplyReport.Applied::outcome)
        .containsExactly(ApplyReport.Outcome.APPLIED);
    keycloak.server.verify(1, postRequestedFor(urlPathEqualTo(ADMIN + "/organizations")));
    assertThat(onboarding.pending(ADMIN_USER).value()).isEmpty();
  }

  @Test
  void onboarding_recordsAPendingOperation_whenKeycloakAnswers500() {
    createAnswers(error(500, "Internal Server Error"));

    Result<Synced<Organisation>> r = onboarding.onboardOrganisation(ADMIN_USER, fire());

    assertThat(r.value().failure()).contains(DirectoryException.Kind.FAILED);
    assertThat(r.value().message()).startsWith("Keycloak failed (Keycloak answered HTTP 500");
    assertThat(registry.organisations().get(FIRE)).isPresent();
    assertThat(onboarding.pending(ADMIN_USER).value()).hasSize(1);
  }

  @Test
  void onboarding_takesTheRegistryWriteBack_whenKeycloakAnswers409() {
    createAnswers(error(409, "A organization with the same name already exists."));
    long before = store.logHead().size();

    Result<Synced<Organisation>> r = onboarding.onboardOrganisation(ADMIN_USER, fire());

    assertThat(r.failure()).isEqualTo(Result.Failure.CONFLICT);
    assertThat(r.violations()).extracting(v -> v.field()).containsExactly("name");
    assertThat(registry.organisations().get(FIRE)).isEmpty();
    assertThat(onboarding.pending(ADMIN_USER).value()).isEmpty();
    // recorded, then withdrawn: both audited
    assertThat(store.logHead().size()).isEqualTo(before + 2);
  }

  @Test
  void addingAMember_isPending_whenKeycloakFailsAfterCreatingTheUser() {
    keycloak.organisations(
        KeycloakStubs.organisation(
            "k-police", "northshire-police", "Northshire Police", "np.example"));
    keycloak.server.stubFor(get(urlPathEqualTo(ADMIN + "/users")).willReturn(okJson("[]")));
    keycloak.server.stubFor(
        post(urlPathEqualTo(ADMIN + "/users"))
            .willReturn(
                aResponse()
                    .withStatus(201)
                    .withHeader("Location", keycloak.url() + ADMIN + "/users/u1")));
    keycloak.server.stubFor(
        get(urlPathEqualTo(ADMIN + "/organizations/members/u1/organizations"))
            .willReturn(okJson("[]")));
    keycloak.server.stubFor(
        get(urlPathEqualTo(ADMIN + "/roles/dpo")).willReturn(error(503, "Service Unavailable")));

    Result<Synced<MemberAdded>> r =
        onboarding.addMember(
            ADMIN_USER,
            "northshire-police",
            new NewMember("sam.lee", "sam.lee@np.example", "Sam", "Lee", "dpo"));

    assertThat(r.value().failure()).contains(DirectoryException.Kind.FAILED);
    assertThat(r.value().pending().orElseThrow().kind())
        .isEqualTo(PendingOperation.Kind.ADD_MEMBER);
    assertThat(onboarding.pending(ADMIN_USER).value().get(0).member().orElseThrow().email())
        .isEqualTo("sam.lee@np.example");
  }
}
