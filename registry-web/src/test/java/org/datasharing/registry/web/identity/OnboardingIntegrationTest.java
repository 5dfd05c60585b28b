package org.datasharing.registry.web.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.datasharing.registry.dev.KeycloakDevService;
import org.datasharing.registry.web.devservices.SharedKeycloak;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keycloak.OAuth2Constants;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.KeycloakBuilder;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.OrganizationDomainRepresentation;
import org.keycloak.representations.idm.OrganizationRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Onboarding against the real Keycloak dev service: the registry admin onboards Northshire Fire and
 * Rescue Service and its DPO; the DPO then signs in with a real token that carries the new
 * organisation and the dpo role. Drift made directly in Keycloak shows in the reconciliation report
 * and apply fixes it; the last DPO of an organisation with an agreement in force cannot be removed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OnboardingIntegrationTest {
  static final String FIRE = "northshire-fire-and-rescue";
  static final String FIRE_NAME = "Northshire Fire and Rescue Service";
  static final String DPO_EMAIL = "alex.morgan@northshire-fire.example";
  static final String KEYCLOAK_ONLY = "fire-cadets-keycloak-only";

  @TempDir static Path dir;

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) {
    r.add("registry.store.data-dir", () -> dir.resolve("tdb2").toString());
    SharedKeycloak.registerWithAdminApi(r);
    // the Keycloak dev service is in use: the registry may use the sample realm's dev secret
  }

  @LocalServerPort int port;
  final HttpClient http = HttpClient.newHttpClient();
  final ObjectMapper json = new ObjectMapper();

  record Answer(int status, JsonNode body) {}

  Answer call(String user, String method, String path, Object body) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer " + SharedKeycloak.token(user))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    return new Answer(r.statusCode(), r.body().isBlank() ? null : json.readTree(r.body()));
  }

  /** Keycloak's admin API as the test's own hands, for what an admin might do there directly. */
  static Keycloak keycloakAdmin() {
    return KeycloakBuilder.builder()
        .serverUrl(SharedKeycloak.get().baseUrl())
        .realm(KeycloakDevService.REALM)
        .grantType(OAuth2Constants.CLIENT_CREDENTIALS)
        .clientId("registry-admin-api")
        .clientSecret(org.datasharing.registry.dev.KeycloakDevService.ADMIN_API_CLIENT_SECRET)
        .build();
  }

  static OrganizationRepresentation organisation(RealmResource realm, String alias) {
    return realm.organizations().search(null, false, 0, 1000, false).stream()
        .filter(o -> alias.equals(o.getAlias()))
        .findFirst()
        .orElseThrow();
  }

  JsonNode claims(String accessToken) throws Exception {
    String payload = accessToken.split("\\.")[1];
    return json.readTree(
        new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8));
  }

  @AfterAll
  static void removeWhatKeycloakShares() {
    // one Keycloak serves every integration test of this JVM: leave it as the realm file made it
    try (Keycloak kc = keycloakAdmin()) {
      RealmResource realm = kc.realm(KeycloakDevService.REALM);
      for (String alias : List.of(FIRE, KEYCLOAK_ONLY)) {
        realm.organizations().search(null, false, 0, 1000, false).stream()
            .filter(o -> alias.equals(o.getAlias()))
            .forEach(o -> realm.organizations().get(o.getId()).delete().close());
      }
      realm
          .users()
          .searchByUsername("dpo.fire", true)
          .forEach(u -> realm.users().delete(u.getId()).close());
    }
  }

  static Map<String, Object> fire() {
    return Map.of(
        "id", FIRE,
        "name", FIRE_NAME,
        "type", "fire-and-rescue",
        "sector", "fire",
        "domain", "northshire-fire.example",
        "dpoName", "Alex Morgan",
        "dpoEmail", DPO_EMAIL);
  }

  @Test
  void onboardedDpo_signsInWithTheNewOrganisationAndRole_andReconciliationFixesDrift()
      throws Exception {
    Answer onboarded = call("admin", "POST", "/api/admin/organisations", fire());
    assertThat(onboarded.status()).as(String.valueOf(onboarded.body())).isEqualTo(201);
    assertThat(onboarded.body().get("keycloak").asText()).isEqualTo("synced");

    Answer duplicate =
        call(
            "admin",
            "POST",
            "/api/admin/organisations",
            Map.of(
                "id",
                "fire-2",
                "name",
                FIRE_NAME,
                "type",
                "fire-and-rescue",
                "sector",
                "fire",
                "domain",
                "fire2.example",
                "dpoName",
                "X",
                "dpoEmail",
                "x@fire2.example"));
    assertThat(duplicate.status()).isEqualTo(409);
    assertThat(duplicate.body().get("errors").findValuesAsString("field")).containsExactly("name");

    Answer added =
        call(
            "admin",
            "POST",
            "/api/admin/organisations/" + FIRE + "/members",
            Map.of(
                "username", "dpo.fire",
                "email", DPO_EMAIL,
                "firstName", "Alex",
                "lastName", "Morgan",
                "role", "dpo"));
    assertThat(added.status()).as(String.valueOf(added.body())).isEqualTo(201);
    assertThat(added.body().get("userCreated").asBoolean()).isTrue();
    assertThat(added.body().get("emailSent").asBoolean()).isFalse();
    assertThat(added.body().get("message").asText()).contains("no SMTP server");

    Answer badRole =
        call(
            "admin",
            "POST",
            "/api/admin/organisations/" + FIRE + "/members",
            Map.of(
                "email",
                "someone@northshire-fire.example",
                "firstName",
                "S",
                "lastName",
                "O",
                "role",
                "chief"));
    assertThat(badRole.status()).isEqualTo(422);
    assertThat(badRole.body().get("errors").findValuesAsString("field")).containsExactly("role");

    try (Keycloak kc = keycloakAdmin()) {
      RealmResource realm = kc.realm(KeycloakDevService.REALM);
      String userId = realm.users().searchByUsername("dpo.fire", true).get(0).getId();
      CredentialRepresentation password = new CredentialRepresentation();
      password.setType(CredentialRepresentation.PASSWORD);
      password.setValue("fire-demo");
      password.setTemporary(false);
      realm.users().get(userId).resetPassword(password);

      HttpResponse<String> grant = SharedKeycloak.passwordGrant("dpo.fire", "fire-demo");
      assertThat(grant.statusCode()).as(grant.body()).isEqualTo(200);
      JsonNode claims = claims(json.readTree(grant.body()).get("access_token").asText());
      assertThat(claims.get("organization").isArray()).isTrue();
      assertThat(claims.get("organization").get(0).asText()).isEqualTo(FIRE);
      assertThat(claims.get("organization").size()).isEqualTo(1);
      assertThat(claims.at("/realm_access/roles").valueStream().map(JsonNode::asText))
          .contains("dpo");

      Answer members = call("admin", "GET", "/api/admin/organisations/" + FIRE + "/members", null);
      assertThat(members.body().findValuesAsString("username")).containsExactly("dpo.fire");
      assertThat(members.body().get(0).get("roles").get(0).asText()).isEqualTo("dpo");

      // drift made directly in Keycloak
      OrganizationRepresentation org = organisation(realm, FIRE);
      org.setName("Northshire Fire (renamed in Keycloak)");
      realm.organizations().get(org.getId()).update(org).close();
      OrganizationRepresentation extra = new OrganizationRepresentation();
      extra.setAlias(KEYCLOAK_ONLY);
      extra.setName("Fire Cadets (Keycloak only)");
      extra.setEnabled(true);
      extra.addDomain(new OrganizationDomainRepresentation("fire-cadets.example"));
      realm.organizations().create(extra).close();
      RoleRepresentation dpo = realm.roles().get("dpo").toRepresentation();
      realm.users().get(userId).roles().realmLevel().remove(List.of(dpo));

      Answer report = call("admin", "GET", "/api/admin/reconciliation", null);
      assertThat(report.status()).isEqualTo(200);
      assertThat(report.body().get("inSync").asBoolean()).isFalse();
      assertThat(report.body().get("differences").findValuesAsString("id"))
          .contains(
              "name-mismatch:" + FIRE,
              "dpo-without-role:" + FIRE,
              "missing-in-registry:" + KEYCLOAK_ONLY);

      Answer applied = call("admin", "POST", "/api/admin/reconciliation/apply", Map.of());
      assertThat(applied.status()).isEqualTo(200);
      assertThat(applied.body().get("after").get("differences").findValuesAsString("id"))
          .doesNotContain("name-mismatch:" + FIRE, "dpo-without-role:" + FIRE)
          .contains("missing-in-registry:" + KEYCLOAK_ONLY);
      assertThat(organisation(realm, FIRE).getName()).isEqualTo(FIRE_NAME);
      assertThat(realm.users().get(userId).roles().realmLevel().listAll())
          .extracting(RoleRepresentation::getName)
          .contains("dpo");
    }

    // the council's only DPO, with an active agreement: refused with the reason
    Answer lastDpo =
        call(
            "admin",
            "DELETE",
            "/api/admin/organisations/northshire-county-council/members/dpo.council",
            null);
    assertThat(lastDpo.status()).isEqualTo(409);
    assertThat(lastDpo.body().get("detail").asText())
        .contains("last DPO")
        .contains("dsa-hospital-discharge");
    assertThat(lastDpo.body().get("errors").findValuesAsString("field"))
        .containsExactly("username");

    Answer removed =
        call("admin", "DELETE", "/api/admin/organisations/" + FIRE + "/members/dpo.fire", null);
    assertThat(removed.status()).as(String.valueOf(removed.body())).isEqualTo(200);
    assertThat(call("admin", "GET", "/api/admin/organisations/" + FIRE + "/members", null).body())
        .isEmpty();

    Answer events = call("auditor", "GET", "/api/audit/events?size=50", null);
    assertThat(events.body().get("events").findValuesAsString("action"))
        .contains("Onboard", "RemoveMember");
    assertThat(call("dpo.council", "GET", "/api/admin/reconciliation", null).status())
        .isEqualTo(403);
  }
}
