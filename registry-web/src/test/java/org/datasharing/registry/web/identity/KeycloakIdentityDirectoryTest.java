package org.datasharing.registry.web.identity;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.datasharing.registry.web.identity.KeycloakStubs.ADMIN;
import static org.datasharing.registry.web.identity.KeycloakStubs.error;
import static org.datasharing.registry.web.identity.KeycloakStubs.organisation;

import java.time.Duration;
import org.datasharing.registry.core.identity.DirectoryException;
import org.datasharing.registry.core.identity.DirectoryException.Kind;
import org.datasharing.registry.core.identity.DirectoryUser;
import org.datasharing.registry.core.identity.MemberRole;
import org.datasharing.registry.core.identity.NewMember;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The Keycloak adapter against WireMock stubs of the admin REST API. */
class KeycloakIdentityDirectoryTest {
  final KeycloakStubs keycloak = new KeycloakStubs();
  final KeycloakIdentityDirectory directory = keycloak.directory();

  @AfterEach
  void tearDown() {
    directory.close();
    keycloak.close();
  }

  static DirectoryException failure(Executable call) {
    try {
      call.execute();
    } catch (DirectoryException e) {
      return e;
    } catch (Throwable t) {
      throw new AssertionError("expected a DirectoryException, got " + t, t);
    }
    throw new AssertionError("expected a DirectoryException");
  }

  @Test
  void organisations_areReadWithTheServiceAccountsClientCredentialsToken() {
    keycloak.organisations(
        organisation("k1", "northshire-police", "Northshire Police", "np.example"));

    assertThat(directory.organisations())
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.alias()).isEqualTo("northshire-police");
              assertThat(o.name()).isEqualTo("Northshire Police");
              assertThat(o.domains()).containsExactly("np.example");
            });
    keycloak.server.verify(
        postRequestedFor(urlPathEqualTo("/realms/registry/protocol/openid-connect/token"))
            .withRequestBody(containing("grant_type=client_credentials"))
            .withHeader("Authorization", containing("Basic ")));
    keycloak.server.verify(
        getRequestedFor(urlPathEqualTo(ADMIN + "/organizations"))
            .withHeader("Authorization", equalTo("Bearer service-account-token"))
            .withQueryParam("briefRepresentation", equalTo("false")));
  }

  @Test
  void createOrganisation_sendsAliasNameDisplayNameAndDomain() {
    keycloak.server.stubFor(
        post(urlPathEqualTo(ADMIN + "/organizations"))
            .willReturn(
                aResponse()
                    .withStatus(201)
                    .withHeader("Location", keycloak.url() + ADMIN + "/organizations/new-id")));

    var created =
        directory.createOrganisation(
            "northshire-fire-and-rescue",
            "Northshire Fire and Rescue Service",
            "northshire-fire.example");

    assertThat(created.id()).isEqualTo("new-id");
    keycloak.server.verify(
        postRequestedFor(urlPathEqualTo(ADMIN + "/organizations"))
            .withRequestBody(matchingJsonPath("$.alias", equalTo("northshire-fire-and-rescue")))
            .withRequestBody(
                matchingJsonPath("$.name", equalTo("Northshire Fire and Rescue Service")))
            .withRequestBody(
                matchingJsonPath(
                    "$.attributes.displayName[0]", equalTo("Northshire Fire and Rescue Service")))
            .withRequestBody(
                matchingJsonPath("$.domains[0].name", equalTo("northshire-fire.example"))));
  }

  @Test
  void createOrganisation_failsAsAConflictNamingTheName_whenKeycloakAnswers409() {
    keycloak.server.stubFor(
        post(urlPathEqualTo(ADMIN + "/organizations"))
            .willReturn(error(409, "A organization with the same name already exists.")));

    DirectoryException e = failure(() -> directory.createOrganisation("x", "Taken", "x.example"));

    assertThat(e.kind()).isEqualTo(Kind.CONFLICT);
    assertThat(e.field()).contains("name");
    assertThat(e.getMessage()).contains("same name");
  }

  @Test
  void createOrganisation_failsAsAConflictNamingTheDomain_whenKeycloakLinksItElsewhere() {
    keycloak.server.stubFor(
        post(urlPathEqualTo(ADMIN + "/organizations"))
            .willReturn(
                error(
                    400, "Domain np.example is already linked to organization Northshire Police")));

    DirectoryException e = failure(() -> directory.createOrganisation("x", "X", "np.example"));

    assertThat(e.kind()).isEqualTo(Kind.CONFLICT);
    assertThat(e.field()).contains("domain");
  }

  @Test
  void calls_failRetryably_whenKeycloakAnswers500() {
    keycloak.server.stubFor(
        get(urlPathEqualTo(ADMIN + "/organizations")).willReturn(error(500, "boom")));

    DirectoryException e = failure(directory::organisations);

    assertThat(e.kind()).isEqualTo(Kind.FAILED);
    assertThat(e.kind().retryable()).isTrue();
  }

  @Test
  void calls_failWithNoAnswer_whenKeycloakIsSlowerThanTheReadTimeout() {
    keycloak.server.stubFor(
        get(urlPathEqualTo(ADMIN + "/organizations"))
            .willReturn(okJson("[]").withFixedDelay((int) KeycloakStubs.TIMEOUT.toMillis() * 3)));

    long started = System.nanoTime();
    DirectoryException e = failure(directory::organisations);

    assertThat(e.kind()).isEqualTo(Kind.NO_ANSWER);
    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .isLessThan(KeycloakStubs.TIMEOUT.multipliedBy(2));
  }

  @Test
  void calls_failWithNoAnswer_whenNothingListens() {
    keycloak.server.stop();

    assertThat(failure(directory::organisations).kind()).isEqualTo(Kind.NO_ANSWER);
  }

  @Test
  void calls_failWithAccessDenied_whenTheTokenEndpointRefusesTheSecret() {
    keycloak.server.stubFor(
        post(urlPathEqualTo("/realms/registry/protocol/openid-connect/token"))
            .willReturn(
                aResponse()
                    .withStatus(401)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"error\":\"unauthorized_client\"}")));

    DirectoryException e = failure(directory::organisations);
    assertThat(e.kind()).isEqualTo(Kind.ACCESS_DENIED);
  }

  @Test
  void calls_failNotConfigured_withoutASecret_andSendNothing() {
    IdentityProperties none =
        new IdentityProperties(
            keycloak.url(),
            "registry",
            "registry-admin-api",
            "",
            Duration.ofSeconds(1),
            Duration.ofSeconds(1));
    try (var unconfigured = KeycloakIdentityDirectory.connect(none.resolve(null))) {
      DirectoryException e = failure(unconfigured::organisations);
      assertThat(e.kind()).isEqualTo(Kind.NOT_CONFIGURED);
      assertThat(e.getMessage()).contains("REGISTRY_IDENTITY_CLIENT_SECRET");
    }
    assertThat(keycloak.server.getAllServeEvents()).isEmpty();
  }

  @Test
  void createUser_failsAsAConflictNamingTheEmail_whenAUserHasIt() {
    keycloak.server.stubFor(
        post(urlPathEqualTo(ADMIN + "/users"))
            .willReturn(error(409, "User exists with same email")));

    DirectoryException e =
        failure(() -> directory.createUser(new NewMember(null, "a@b.example", "A", "B", "dpo")));

    assertThat(e.kind()).isEqualTo(Kind.CONFLICT);
    assertThat(e.field()).contains("email");
  }

  @Test
  void createUser_isRejectedNamingTheField_whenKeycloakRefusesTheEmail() {
    keycloak.server.stubFor(
        post(urlPathEqualTo(ADMIN + "/users"))
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"field\":\"email\",\"errorMessage\":\"error-invalid-email\"}")));

    DirectoryException e =
        failure(() -> directory.createUser(new NewMember(null, "a@b.example", "A", "B", "dpo")));

    assertThat(e.kind()).isEqualTo(Kind.REJECTED);
    assertThat(e.field()).contains("email");
  }

  @Test
  void members_carryTheRegistryRolesOfEachMember() {
    keycloak.organisations(organisation("k1", "fire", "Fire", "fire.example"));
    keycloak.server.stubFor(
        get(urlPathEqualTo(ADMIN + "/organizations/k1/members"))
            .willReturn(
                okJson(
                    "[{\"id\":\"u1\",\"username\":\"dpo.fire\",\"email\":\"d@fire.example\"},"
                        + "{\"id\":\"u2\",\"username\":\"staff.fire\",\"email\":\"s@fire.example\"}]")));
    keycloak.server.stubFor(
        get(urlPathEqualTo(ADMIN + "/roles/dpo/users"))
            .willReturn(okJson("[{\"id\":\"u1\",\"username\":\"dpo.fire\"}]")));
    keycloak.server.stubFor(
        get(urlPathEqualTo(ADMIN + "/roles/partner/users")).willReturn(okJson("[]")));
    keycloak.server.stubFor(
        get(urlPathEqualTo(ADMIN + "/roles/senior-officer/users"))
            .willReturn(okJson("[{\"id\":\"u2\",\"username\":\"staff.fire\"}]")));

    assertThat(directory.members("fire"))
        .extracting(DirectoryUser::username, DirectoryUser::roles)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("dpo.fire", java.util.Set.of(MemberRole.DPO)),
            org.assertj.core.groups.Tuple.tuple(
                "staff.fire", java.util.Set.of(MemberRole.SENIOR_OFFICER)));
  }

  @Test
  void members_takeARoleTheRealmDoesNotDefine_asHeldByNobody() {
    // an older realm without the senior-officer role: Keycloak answers 404 for its users
    keycloak.organisations(organisation("k1", "fire", "Fire", "fire.example"));
    keycloak.server.stubFor(
        get(urlPathEqualTo(ADMIN + "/organizations/k1/members"))
            .willReturn(
                okJson(
                    "[{\"id\":\"u1\",\"username\":\"dpo.fire\",\"email\":\"d@fire.example\"}]")));
    keycloak.server.stubFor(
        get(urlPathEqualTo(ADMIN + "/roles/dpo/users"))
            .willReturn(okJson("[{\"id\":\"u1\",\"username\":\"dpo.fire\"}]")));
    keycloak.server.stubFor(
        get(urlPathEqualTo(ADMIN + "/roles/partner/users")).willReturn(okJson("[]")));
    keycloak.server.stubFor(
        get(urlPathEqualTo(ADMIN + "/roles/senior-officer/users"))
            .willReturn(error(404, "Could not find role")));

    assertThat(directory.members("fire"))
        .extracting(DirectoryUser::username, DirectoryUser::roles)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("dpo.fire", java.util.Set.of(MemberRole.DPO)));
  }

  @Test
  void grantRole_addsTheRealmRoleMapping() {
    keycloak.server.stubFor(
        get(urlPathEqualTo(ADMIN + "/roles/dpo"))
            .willReturn(okJson("{\"id\":\"r-dpo\",\"name\":\"dpo\"}")));
    keycloak.server.stubFor(
        post(urlPathEqualTo(ADMIN + "/users/u1/role-mappings/realm"))
            .willReturn(aResponse().withStatus(204)));

    directory.grantRole("u1", MemberRole.DPO);

    keycloak.server.verify(
        postRequestedFor(urlPathEqualTo(ADMIN + "/users/u1/role-mappings/realm"))
            .withRequestBody(equalToJson("[{\"id\":\"r-dpo\",\"name\":\"dpo\"}]", true, true)));
  }

  @Test
  void addMember_takesAlreadyAMemberAsDone() {
    keycloak.organisations(organisation("k1", "fire", "Fire", "fire.example"));
    keycloak.server.stubFor(
        post(urlPathEqualTo(ADMIN + "/organizations/k1/members"))
            .willReturn(error(409, "User is already a member of the organization.")));

    directory.addMember("fire", "u1");

    keycloak.server.verify(
        postRequestedFor(urlPathEqualTo(ADMIN + "/organizations/k1/members"))
            .withRequestBody(containing("u1")));
  }

  @Test
  void removeMember_takesNotAMemberAsDone() {
    keycloak.organisations(organisation("k1", "fire", "Fire", "fire.example"));
    keycloak.server.stubFor(
        delete(urlPathEqualTo(ADMIN + "/organizations/k1/members/u1"))
            .willReturn(error(404, "HTTP 404 Not Found")));

    directory.removeMember("fire", "u1");
  }

  @Test
  void sendsEmail_onlyWhenTheRealmHasAnSmtpHost() {
    keycloak.server.stubFor(get(urlPathEqualTo(ADMIN)).willReturn(okJson("{\"smtpServer\":{}}")));
    assertThat(directory.sendsEmail()).isFalse();

    keycloak.server.stubFor(
        get(urlPathEqualTo(ADMIN))
            .willReturn(okJson("{\"smtpServer\":{\"host\":\"smtp.example\",\"from\":\"a@b\"}}")));
    assertThat(directory.sendsEmail()).isTrue();
  }

  @Test
  void updateOrganisation_answersNotFound_forAnAliasKeycloakDoesNotHave() {
    keycloak.organisations();

    assertThatThrownBy(() -> directory.updateOrganisation("ghost", "Ghost", "g.example"))
        .isInstanceOfSatisfying(
            DirectoryException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND));
  }
}
