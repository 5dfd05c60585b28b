package org.datasharing.registry.web.identity;

import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.datasharing.registry.core.identity.DirectoryException;
import org.datasharing.registry.core.identity.IdentityDirectory;
import org.datasharing.registry.web.security.Actors;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.JwtRequestPostProcessor;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The admin API's HTTP contract with the directory mocked: only registry-admin gets in, bad input
 * is problem+json naming the field, Keycloak trouble is 502/503 with a clear message.
 */
@SpringBootTest
@AutoConfigureMockMvc
class OnboardingApiTest {
  @TempDir static Path dir;

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) {
    r.add("registry.store.data-dir", () -> dir.resolve("tdb2").toString());
    r.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", () -> "http://127.0.0.1:9/jwks");
  }

  @Autowired MockMvc mvc;
  @MockitoBean IdentityDirectory directory;

  static JwtRequestPostProcessor user(String username, String role, String organisation) {
    return jwt()
        .jwt(
            j -> {
              j.subject("sub-" + username)
                  .claim("preferred_username", username)
                  .claim("realm_access", Map.of("roles", List.of(role)));
              if (organisation != null) {
                j.claim("organization", List.of(organisation));
              }
            })
        .authorities(Actors::authorities);
  }

  static final JwtRequestPostProcessor ADMIN = user("admin", "registry-admin", null);

  static MockHttpServletRequestBuilder json(MockHttpServletRequestBuilder b, String body) {
    return b.contentType(MediaType.APPLICATION_JSON).content(body);
  }

  static final String FIRE =
      "{\"id\":\"northshire-fire-and-rescue\",\"name\":\"Northshire Fire and Rescue Service\","
          + "\"type\":\"fire-and-rescue\",\"sector\":\"fire\",\"domain\":\"northshire-fire.example\","
          + "\"dpoName\":\"Alex Morgan\",\"dpoEmail\":\"alex.morgan@northshire-fire.example\"}";

  @Test
  void adminEndpoints_areForRegistryAdminsOnly() throws Exception {
    mvc.perform(get("/api/admin/reconciliation")).andExpect(status().isUnauthorized());
    for (var who :
        List.of(
            user("dpo.council", "dpo", "northshire-county-council"),
            user("partner.icb", "partner", "northshire-integrated-care-board"),
            user("auditor", "auditor", null))) {
      mvc.perform(get("/api/admin/reconciliation").with(who)).andExpect(status().isForbidden());
      mvc.perform(json(post("/api/admin/organisations"), FIRE).with(who))
          .andExpect(status().isForbidden())
          .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
      mvc.perform(delete("/api/admin/organisations/northshire-police/members/x").with(who))
          .andExpect(status().isForbidden());
    }
  }

  @Test
  void onboarding_answers503_withThePendingOperation_whenKeycloakDoesNotAnswer() throws Exception {
    when(directory.organisations()).thenReturn(List.of());
    when(directory.createOrganisation(anyString(), anyString(), anyString()))
        .thenThrow(new DirectoryException(DirectoryException.Kind.NO_ANSWER, "timed out"));

    mvc.perform(json(post("/api/admin/organisations"), FIRE).with(ADMIN))
        .andExpect(status().isServiceUnavailable())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(
            jsonPath("$.detail")
                .value(
                    "Keycloak did not answer; the organisation is recorded and will be created in"
                        + " Keycloak when reconciliation runs"))
        .andExpect(jsonPath("$.pendingOperation").isString())
        .andExpect(jsonPath("$.organisation.id").value("northshire-fire-and-rescue"));
    mvc.perform(get("/api/admin/pending-operations").with(ADMIN))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$[0].operation").value("create-organisation"))
        .andExpect(jsonPath("$[0].organisation").value("northshire-fire-and-rescue"))
        .andExpect(jsonPath("$[0].recordedBy").value("admin"));
  }

  @Test
  void onboarding_answers409NamingTheField_forADomainAlreadyRegistered() throws Exception {
    String sameDomain = FIRE.replace("northshire-fire.example", "northshire-cc.example");

    mvc.perform(json(post("/api/admin/organisations"), sameDomain).with(ADMIN))
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.errors[0].field").value("domain"));
  }

  @Test
  void onboarding_answers422NamingTheField_forAnInvalidOrganisation() throws Exception {
    when(directory.organisations()).thenReturn(List.of());
    // its own identifier, name and domain: the store is shared by the tests of this class
    String noType =
        FIRE.replace("\"fire-and-rescue\"", "\"castle\"")
            .replace("northshire-fire-and-rescue", "castle-watch")
            .replace("Northshire Fire and Rescue Service", "Castle Watch")
            .replace("northshire-fire.example", "castle-watch.example");

    mvc.perform(json(post("/api/admin/organisations"), noType).with(ADMIN))
        .andExpect(status().isUnprocessableContent())
        .andExpect(jsonPath("$.errors[*].field").value(Matchers.hasItem("type")));
  }

  @Test
  void addingAMember_answers422NamingEachInvalidField() throws Exception {
    mvc.perform(
            json(
                    post("/api/admin/organisations/northshire-police/members"),
                    "{\"email\":\"not-an-email\",\"firstName\":\"Sam\",\"lastName\":\"Lee\","
                        + "\"role\":\"owner\"}")
                .with(ADMIN))
        .andExpect(status().isUnprocessableContent())
        .andExpect(
            jsonPath("$.errors[*].field").value(Matchers.containsInAnyOrder("email", "role")));
  }

  @Test
  void addingAMember_answers422_andCallsNoDirectory_whenNamesHaveControlCharactersOrAreTooLong()
      throws Exception {
    mvc.perform(
            json(
                    post("/api/admin/organisations/northshire-police/members"),
                    "{\"username\":\"sam.lee\",\"email\":\"sam\\u0000@np.example\",\"firstName\":\"Sam\\u0001\","
                        + "\"lastName\":\""
                        + "L".repeat(301)
                        + "\",\"role\":\"dpo\"}")
                .with(ADMIN))
        .andExpect(status().isUnprocessableContent())
        .andExpect(
            jsonPath("$.errors[*].field")
                .value(Matchers.containsInAnyOrder("email", "firstName", "lastName")));
    org.mockito.Mockito.verifyNoInteractions(directory);
  }

  @Test
  void adminCalls_answer503SayingWhatToConfigure_whenKeycloakIsNotConfigured() throws Exception {
    when(directory.organisations())
        .thenThrow(
            new DirectoryException(
                DirectoryException.Kind.NOT_CONFIGURED,
                "Keycloak's admin API is not configured: set REGISTRY_IDENTITY_CLIENT_SECRET"));

    mvc.perform(get("/api/admin/reconciliation").with(ADMIN))
        .andExpect(status().isServiceUnavailable())
        .andExpect(
            jsonPath("$.detail").value(Matchers.containsString("REGISTRY_IDENTITY_CLIENT_SECRET")));
  }

  @Test
  void reconciliation_answers502_whenKeycloakFails() throws Exception {
    when(directory.organisations())
        .thenThrow(
            new DirectoryException(DirectoryException.Kind.FAILED, "Keycloak answered HTTP 500"));

    mvc.perform(get("/api/admin/reconciliation").with(ADMIN))
        .andExpect(status().isBadGateway())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
  }

  @Test
  void openApi_describesTheAdminEndpoints() throws Exception {
    mvc.perform(get("/v3/api-docs"))
        .andExpect(status().isOk())
        .andExpect(content().string(Matchers.containsString("/api/admin/reconciliation/apply")))
        .andExpect(
            content().string(Matchers.containsString("/api/admin/organisations/{id}/members")));
  }
}
