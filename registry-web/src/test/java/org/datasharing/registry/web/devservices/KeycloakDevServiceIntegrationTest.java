package org.datasharing.registry.web.devservices;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.datasharing.registry.dev.KeycloakDevService;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Keycloak dev service starts the distribution from Maven Central with the realm file of {@code
 * docker/keycloak}, and that realm issues the tokens the registry relies on.
 */
class KeycloakDevServiceIntegrationTest {

  static final JsonMapper JSON = JsonMapper.builder().build();

  @Test
  void discoveryDocument_namesTheServicesIssuer() throws Exception {
    KeycloakDevService keycloak = SharedKeycloak.get();
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(keycloak.issuerUri() + "/.well-known/openid-configuration"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(response.body()).path("issuer").asString())
        .isEqualTo(keycloak.issuerUri())
        .isEqualTo("http://localhost:" + keycloak.port() + "/realms/registry");
    assertThat(keycloak.port()).isNotEqualTo(KeycloakDevService.DEFAULT_PORT);
  }

  @Test
  void dpoToken_carriesRoleOrganisationAliasDetailsAndRegistryAudience() {
    JsonNode claims = claims(SharedKeycloak.token("dpo.council"));

    assertThat(claims.path("iss").asString()).isEqualTo(SharedKeycloak.issuerUri());
    assertThat(strings(claims.path("realm_access").path("roles"))).contains("dpo");
    assertThat(strings(claims.path("organization"))).containsExactly("northshire-county-council");
    JsonNode details = claims.path("organization_details").path("northshire-county-council");
    assertThat(details.isObject()).as("organization_details: %s", claims).isTrue();
    assertThat(details.path("id").asString()).matches("[0-9a-f-]{36}");
    assertThat(strings(details.path("displayName"))).containsExactly("Northshire County Council");
    assertThat(claims.path("azp").asString()).isEqualTo("registry-cli");
    assertThat(strings(claims.path("aud"))).contains("registry-web");
    assertThat(claims.path("preferred_username").asString()).isEqualTo("dpo.council");
  }

  @Test
  void auditorToken_hasTheAuditorRole_andNoOrganisation() {
    JsonNode claims = claims(SharedKeycloak.token("auditor"));

    assertThat(strings(claims.path("realm_access").path("roles")))
        .contains("auditor")
        .doesNotContain("dpo", "partner", "registry-admin");
    assertThat(claims.has("organization")).isFalse();
    assertThat(claims.has("organization_details")).isFalse();
  }

  @Test
  void partnerToken_hasThePartnerRole_andTheIntegratedCareBoard() {
    JsonNode claims = claims(SharedKeycloak.token("partner.icb"));

    assertThat(strings(claims.path("realm_access").path("roles")))
        .contains("partner")
        .doesNotContain("dpo");
    assertThat(strings(claims.path("organization")))
        .containsExactly("northshire-integrated-care-board");
    assertThat(claims.path("organization_details").has("northshire-integrated-care-board"))
        .isTrue();
  }

  @Test
  void wrongPassword_isRefusedAsInvalidGrant() {
    HttpResponse<String> response = SharedKeycloak.passwordGrant("dpo.council", "not-the-password");

    assertThat(response.statusCode()).isIn(400, 401);
    assertThat(JSON.readTree(response.body()).path("error").asString()).isEqualTo("invalid_grant");
  }

  @Test
  void tokens_areCachedPerUser() {
    assertThat(SharedKeycloak.token("dpo.trust")).isSameAs(SharedKeycloak.token("dpo.trust"));
    assertThat(SharedKeycloak.token("dpo.trust")).isNotEqualTo(SharedKeycloak.token("dpo.icb"));
  }

  /** The JWT's payload, base64url-decoded. */
  static JsonNode claims(String jwt) {
    String[] parts = jwt.split("\\.");
    assertThat(parts).hasSize(3);
    return JSON.readTree(
        new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
  }

  static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    if (array.isArray()) {
      array.forEach(v -> values.add(v.asString()));
    } else if (!array.isMissingNode()) {
      values.add(array.asString());
    }
    return values;
  }
}
