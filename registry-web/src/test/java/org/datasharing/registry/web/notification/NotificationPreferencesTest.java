package org.datasharing.registry.web.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.oidcLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.datasharing.registry.core.Registry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.OidcLoginRequestPostProcessor;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * A person's notification preferences through the API ({@code /api/me/notification-preferences})
 * and the page ({@code /account/notifications}): both read and write the same record, bad input is
 * refused naming the field and changes nothing, and a kind that cannot be turned off says so.
 */
@SpringBootTest
@AutoConfigureMockMvc
class NotificationPreferencesTest {
  static final String API = "/api/me/notification-preferences";
  static final String PAGE = "/account/notifications";
  static final String TRUST = "northshire-nhs-foundation-trust";
  static final String COUNCIL = "northshire-county-council";

  @TempDir static Path dir;

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) {
    r.add("registry.store.data-dir", () -> dir.resolve("tdb2").toString());
    r.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", () -> "http://127.0.0.1:9/jwks");
  }

  @Autowired MockMvc mvc;
  @Autowired Registry registry;

  final ObjectMapper json = new ObjectMapper();

  MockHttpServletResponse call(MockHttpServletRequestBuilder b) throws Exception {
    return mvc.perform(b).andReturn().getResponse();
  }

  JsonNode read(String username, String org) throws Exception {
    return json.readTree(
        call(NotificationsControllerTest.as(get(API), username, "dpo", org)).getContentAsString());
  }

  static OidcLoginRequestPostProcessor page(String username, String org) {
    return oidcLogin()
        .idToken(
            t ->
                t.subject("sub-" + username)
                    .claim("preferred_username", username)
                    .claim("realm_access", Map.of("roles", List.of("dpo")))
                    .claim("organization", List.of(org)));
  }

  @Test
  void api_readsTheDefaults_thenWhatWasChosen_andSaysWhichKindsAreOptional() throws Exception {
    JsonNode before = read("dpo.api", TRUST);
    assertThat(before.get("delivery").asText()).isEqualTo("immediate");
    assertThat(before.get("optedOut")).isEmpty();
    JsonNode decisionNeeded = null;
    for (JsonNode k : before.get("kinds")) {
      if (k.get("kind").asText().equals("decision-needed")) {
        decisionNeeded = k;
      }
    }
    assertThat(decisionNeeded.get("optional").asBoolean()).isFalse();

    MockHttpServletResponse put =
        call(
            NotificationsControllerTest.as(put(API), "dpo.api", "dpo", TRUST)
                .contentType(MediaType.APPLICATION_JSON)
                .content(
                    "{\"delivery\":\"daily-digest\",\"optedOut\":[\"decision\",\"expired\"]}"));

    assertThat(put.getStatus()).isEqualTo(200);
    JsonNode after = read("dpo.api", TRUST);
    assertThat(after.get("delivery").asText()).isEqualTo("daily-digest");
    assertThat(after.get("optedOut").toString()).isEqualTo("[\"decision\",\"expired\"]");
    assertThat(read("dpo.other", TRUST).get("delivery").asText()).isEqualTo("immediate");
  }

  @Test
  void api_refusesBadInput_with422NamingEachField_andChangesNothing() throws Exception {
    long events = registry.store().logHead().size();

    MockHttpServletResponse put =
        call(
            NotificationsControllerTest.as(put(API), "dpo.bad", "dpo", TRUST)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"delivery\":\"hourly\",\"optedOut\":[\"decision-needed\"]}"));

    assertThat(put.getStatus()).isEqualTo(422);
    assertThat(put.getContentType()).startsWith("application/problem+json");
    JsonNode errors = json.readTree(put.getContentAsString()).get("errors");
    assertThat(errors.get(0).get("field").asText()).isEqualTo("delivery");
    assertThat(errors.get(1).get("field").asText()).isEqualTo("optedOut[0]");
    assertThat(errors.get(1).get("message").asText()).contains("cannot be turned off");
    assertThat(read("dpo.bad", TRUST).get("delivery").asText()).isEqualTo("immediate");
    assertThat(registry.store().logHead().size()).isEqualTo(events);
  }

  @Test
  void page_showsTheChoices_andWhatCannotBeTurnedOff_thenSavesThroughTheSamePath()
      throws Exception {
    String html = call(get(PAGE).with(page("dpo.page", COUNCIL))).getContentAsString();
    assertThat(html)
        .contains("Your notifications", "Messages you always receive")
        .contains("data-kind=\"decision-needed\"", "data-kind=\"suspended\"")
        .contains("id=\"kind-decision\"", "href=\"/account/notifications\"")
        .doesNotContain("id=\"kind-decision-needed\"");

    MockHttpServletResponse saved =
        call(
            post(PAGE)
                .with(page("dpo.page", COUNCIL))
                .with(csrf())
                .param("delivery", "daily-digest")
                .param("on", "decision", "approved"));

    assertThat(saved.getRedirectedUrl()).isEqualTo(PAGE);
    JsonNode after = read("dpo.page", COUNCIL);
    assertThat(after.get("delivery").asText()).isEqualTo("daily-digest");
    assertThat(after.get("optedOut").toString())
        .contains("\"active\"", "\"review-due-soon\"")
        .doesNotContain("\"decision\"", "\"approved\"", "decision-needed");
  }

  @Test
  void page_withoutAChoiceOfDelivery_is422_withTheErrorLinkedToTheQuestion() throws Exception {
    MockHttpServletResponse r =
        call(post(PAGE).with(page("dpo.none", COUNCIL)).with(csrf()).param("on", "decision"));

    assertThat(r.getStatus()).isEqualTo(422);
    assertThat(r.getContentAsString())
        .contains("There is a problem", "href=\"#delivery\"", "Choose how you want to receive");
    assertThat(read("dpo.none", COUNCIL).get("optedOut")).isEmpty();
  }
}
