package org.datasharing.registry.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.oidcLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.datasharing.registry.web.security.Actors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The person behind each event, from their token to the trail: the audit pages name them with their
 * role and organisation, and {@code /id/user/{id}} describes them to auditors and registry
 * administrators only (404 for everyone else).
 */
@SpringBootTest
@AutoConfigureMockMvc
class PeopleInTheTrailApiTest {
  static final String ICB = "northshire-integrated-care-board";

  @TempDir static Path dir;

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) {
    r.add("registry.store.data-dir", () -> dir.resolve("tdb2").toString());
    r.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", () -> "http://127.0.0.1:9/jwks");
  }

  @Autowired MockMvc mvc;

  MockHttpServletResponse call(MockHttpServletRequestBuilder b) throws Exception {
    return mvc.perform(b).andReturn().getResponse();
  }

  /** A Keycloak-like token with the profile scope's name claim. */
  static RequestPostProcessor token(
      String sub, String username, String name, String role, String org) {
    return jwt()
        .jwt(
            j -> {
              j.subject(sub)
                  .claim("preferred_username", username)
                  .claim("name", name)
                  .claim("realm_access", Map.of("roles", List.of(role)));
              if (org != null) {
                j.claim("organization", List.of(org));
              }
            })
        .authorities(Actors::authorities);
  }

  static RequestPostProcessor page(String username, String role) {
    return oidcLogin()
        .idToken(
            t ->
                t.subject("sub-" + username)
                    .claim("preferred_username", username)
                    .claim("realm_access", Map.of("roles", List.of(role))));
  }

  @Test
  void theActingPerson_isRecorded_andResolvesForAuditorsAndAdministratorsOnly() throws Exception {
    String body =
        "{\"id\":\"dsa-people-api\",\"fields\":{\"title\":\"People in the trail\"},"
            + "\"parties\":[{\"organisation\":\""
            + ICB
            + "\",\"role\":\"controller\"}]}";
    assertThat(
            call(post("/api/agreements")
                    .with(token("sub-robin", "partner.icb", "Robin Example", "partner", ICB))
                    .contentType(MediaType.APPLICATION_JSON)
                    .content(body))
                .getStatus())
        .isEqualTo(201);

    RequestPostProcessor auditor = token("sub-auditor", "auditor", "Alex Auditor", "auditor", null);
    String events = call(get("/api/audit/events").with(auditor)).getContentAsString();
    assertThat(events)
        .contains("\"name\":\"Robin Example\"")
        .contains("\"username\":\"partner.icb\"")
        .contains("\"roles\":[\"partner\"]")
        .contains("\"organisationName\":\"NHS Northshire Integrated Care Board\"");

    // the audit page names the person, their role and organisation, linking to their page
    String audit = call(get("/audit").with(page("auditor", "auditor"))).getContentAsString();
    assertThat(audit)
        .contains("Robin Example (Partner, NHS Northshire Integrated Care Board)")
        .contains("href=\"/audit/people/sub-robin\"");
    String person =
        call(get("/audit/people/sub-robin").with(page("auditor", "auditor"))).getContentAsString();
    assertThat(person).contains("Robin Example", "partner.icb", "Partner", "dsa-people-api");
    assertThat(
            call(get("/audit/people/sub-robin").with(page("admin", "registry-admin"))).getStatus())
        .isEqualTo(200);
    assertThat(call(get("/audit/people/sub-robin").with(page("dpo.icb", "dpo"))).getStatus())
        .isEqualTo(404);

    // the linked-data IRI: RDF by Accept, an HTML page for browsers; 404 for anyone else
    MockHttpServletResponse turtle =
        call(get("/id/user/sub-robin").accept("text/turtle").with(auditor));
    assertThat(turtle.getStatus()).isEqualTo(200);
    assertThat(turtle.getContentAsString())
        .contains("Robin Example")
        .contains("prov:Agent")
        .contains("dsr:actorRole");
    assertThat(
            call(get("/id/user/sub-robin")
                    .accept("text/html")
                    .with(token("sub-admin", "admin", "Ada Admin", "registry-admin", null)))
                .getContentAsString())
        .contains("Robin Example", "Organisations they acted for");
    for (RequestPostProcessor other :
        List.of(
            token("sub-robin", "partner.icb", "Robin Example", "partner", ICB),
            token("sub-dpo", "dpo.icb", "Dee Pio", "dpo", ICB))) {
      assertThat(call(get("/id/user/sub-robin").with(other)).getStatus()).isEqualTo(404);
    }
    assertThat(call(get("/id/user/sub-robin")).getStatus()).isEqualTo(404);
    assertThat(call(get("/id/user/nobody").with(auditor)).getStatus()).isEqualTo(404);
  }

  @Test
  void actor_takesTheDisplayName_fromTheTokensProfileClaims() {
    assertThat(Actors.of(Map.of("sub", "s", "name", "Priya Shah")).name()).contains("Priya Shah");
    assertThat(Actors.of(Map.of("sub", "s", "given_name", "Priya", "family_name", "Shah")).name())
        .contains("Priya Shah");
    assertThat(Actors.of(Map.of("sub", "s")).name()).isEmpty();
  }
}
