package org.datasharing.registry.web.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
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
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The outbox for administrators: a change recorded its notification (no mail server here, so it
 * waits); only registry administrators may list it; an unknown state is 422 naming the parameter.
 */
@SpringBootTest
@AutoConfigureMockMvc
class NotificationsControllerTest {
  static final String SUBMITTED = "/api/agreements/dsa-high-intensity-use";

  @TempDir static Path dir;

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) {
    r.add("registry.store.data-dir", () -> dir.resolve("tdb2").toString());
    r.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", () -> "http://127.0.0.1:9/jwks");
  }

  @Autowired MockMvc mvc;

  static MockHttpServletRequestBuilder as(
      MockHttpServletRequestBuilder b, String username, String role, String org) {
    return b.with(
        jwt()
            .jwt(
                j -> {
                  j.subject("sub-" + username)
                      .claim("preferred_username", username)
                      .claim("realm_access", Map.of("roles", List.of(role)));
                  if (org != null) {
                    j.claim("organization", List.of(org));
                  }
                })
            .authorities(Actors::authorities));
  }

  @Test
  void aDecision_recordsItsNotification_listedForAdministratorsOnly() throws Exception {
    String trust = "northshire-nhs-foundation-trust";
    var read =
        new ObjectMapper()
            .readTree(
                mvc.perform(as(get(SUBMITTED), "dpo.trust", "dpo", trust))
                    .andReturn()
                    .getResponse()
                    .getContentAsString());
    JsonNode version = read.get("versions").get(read.get("versions").size() - 1);
    var decided =
        mvc.perform(
                as(post(SUBMITTED + "/decisions"), "dpo.trust", "dpo", trust)
                    .contentType(MediaType.APPLICATION_JSON)
                    .content(
                        new ObjectMapper()
                            .writeValueAsString(
                                Map.of(
                                    "version",
                                    version.get("number").asInt(),
                                    "contentHash",
                                    version.get("contentHash").asText(),
                                    "outcome",
                                    "request-changes",
                                    "reason",
                                    "Name the retention period"))))
            .andReturn()
            .getResponse();
    assertThat(decided.getStatus()).as(decided.getContentAsString()).isEqualTo(201);

    var admin =
        mvc.perform(
                as(get("/api/admin/notifications?state=pending"), "admin", "registry-admin", null))
            .andReturn()
            .getResponse();
    assertThat(admin.getStatus()).isEqualTo(200);
    JsonNode pending = new ObjectMapper().readTree(admin.getContentAsString());
    assertThat(pending.findValuesAsString("kind")).contains("decision");
    assertThat(pending.findValuesAsString("agreement"))
        .anyMatch(a -> a.endsWith("/agreement/dsa-high-intensity-use"));
    var dpo =
        mvc.perform(as(get("/api/admin/notifications"), "dpo.trust", "dpo", trust))
            .andReturn()
            .getResponse();
    assertThat(dpo.getStatus()).isEqualTo(403);
  }

  @Test
  void unknownState_is422_namingTheParameter() throws Exception {
    var r =
        mvc.perform(as(get("/api/admin/notifications?state=lost"), "admin", "registry-admin", null))
            .andReturn()
            .getResponse();
    assertThat(r.getStatus()).isEqualTo(422);
    assertThat(r.getContentAsString()).contains("\"state\"");
  }
}
