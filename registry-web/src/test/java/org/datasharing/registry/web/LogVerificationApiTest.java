package org.datasharing.registry.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.oidcLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.datasharing.registry.core.audit.LogVerifications;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Verifying the whole log in the background: an auditor starts one, sees how far it got, and finds
 * its result kept as an event in their name; the pages show the last result without recomputing the
 * log at every view.
 */
@SpringBootTest
@AutoConfigureMockMvc
class LogVerificationApiTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) {
    r.add("registry.store.data-dir", () -> dir.resolve("tdb2").toString());
    r.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", () -> "http://127.0.0.1:9/jwks");
  }

  @Autowired MockMvc mvc;
  @Autowired LogVerifications verifications;

  MockHttpServletResponse call(MockHttpServletRequestBuilder b) throws Exception {
    return mvc.perform(b).andReturn().getResponse();
  }

  static MockHttpServletRequestBuilder as(MockHttpServletRequestBuilder b, String user) {
    return b.with(AuthorizationMatrixTest.token(user, AuthorizationMatrixTest.USERS.get(user)));
  }

  static RequestPostProcessor auditorPage() {
    return oidcLogin()
        .idToken(
            t ->
                t.subject("sub-auditor")
                    .claim("preferred_username", "auditor")
                    .claim("realm_access", Map.of("roles", List.of("auditor"))));
  }

  @Test
  void anAuditorStartsAVerification_andItsResultIsKeptAsAnEventInTheirName() throws Exception {
    MockHttpServletResponse started = call(as(post("/api/audit/verifications"), "auditor"));
    assertThat(started.getStatus()).isEqualTo(202);
    assertThat(started.getHeader("Location")).isEqualTo("/api/audit/verifications");
    assertThat(verifications.awaitIdle(Duration.ofSeconds(60))).isTrue();

    JsonNode status =
        JSON.readTree(call(as(get("/api/audit/verifications"), "auditor")).getContentAsString());
    JsonNode last = status.get("last");
    assertThat(last.get("intact").asBoolean()).isTrue();
    assertThat(last.get("requestedBy").asText()).isEqualTo("auditor");
    String event = last.get("event").asText();
    assertThat(event).contains("/id/audit/");
    assertThat(status.get("running").isNull()).isTrue();

    JsonNode newest =
        JSON.readTree(call(as(get("/api/audit/events?size=1"), "auditor")).getContentAsString())
            .get("events")
            .get(0);
    assertThat(newest.get("id").asText()).isEqualTo(event);
    assertThat(newest.get("action").asText()).isEqualTo("VerifyLog");
    assertThat(newest.get("contentHash").asText()).isEqualTo(last.get("rootHash").asText());
  }

  @Test
  void verifications_areForAuditorsOnly() throws Exception {
    assertThat(call(post("/api/audit/verifications")).getStatus()).isEqualTo(401);
    assertThat(call(as(post("/api/audit/verifications"), "dpo.council")).getStatus())
        .isEqualTo(403);
    assertThat(call(as(get("/api/audit/verifications"), "partner.icb")).getStatus()).isEqualTo(403);
  }

  @Test
  void theAuditPage_showsTheLastResult_andItsButtonStartsOne() throws Exception {
    String page = call(get("/audit").with(auditorPage())).getContentAsString();
    assertThat(page).contains("id=\"log-intact\"", "Intact", "id=\"verify-now\"");

    MockHttpServletResponse posted =
        call(post("/audit/verifications").with(auditorPage()).with(csrf()));
    assertThat(posted.getStatus()).isEqualTo(302);
    assertThat(posted.getRedirectedUrl()).isEqualTo("/audit#verification");
    assertThat(verifications.awaitIdle(Duration.ofSeconds(60))).isTrue();

    String after = call(get("/audit").with(auditorPage())).getContentAsString();
    assertThat(after).contains("asked for by auditor", "Audit log verified");
  }
}
