package org.datasharing.registry.web.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.oidcLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.datasharing.registry.core.Registry;
import org.datasharing.registry.core.agreement.AgreementContent;
import org.datasharing.registry.core.common.Actor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.OidcLoginRequestPostProcessor;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The DPIA as one GOV.UK yes/no question with conditional reveals (govuk-frontend's radios, no
 * script of the registry's own): yes reveals the assessment's reference, date and outcome, no the
 * reason none is needed. The page checks what it saves: yes without a reference or date, no without
 * a reason, or no answer on "Save and continue" is named on the page, and the draft keeps what was
 * saved.
 */
@SpringBootTest
@AutoConfigureMockMvc
class DpiaQuestionTest {
  @TempDir static Path dir;

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) {
    r.add("registry.store.data-dir", () -> dir.resolve("tdb2").toString());
    r.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", () -> "http://127.0.0.1:9/jwks");
  }

  static final String COUNCIL = "northshire-county-council";

  @Autowired MockMvc mvc;
  @Autowired Registry registry;

  static final OidcLoginRequestPostProcessor PARTNER =
      oidcLogin()
          .idToken(
              t ->
                  t.subject("sub-partner.council")
                      .claim("preferred_username", "partner.council")
                      .claim("realm_access", Map.of("roles", List.of("partner")))
                      .claim("organization", List.of(COUNCIL)));

  MockHttpServletResponse call(MockHttpServletRequestBuilder request) throws Exception {
    return mvc.perform(request).andReturn().getResponse();
  }

  /** A council draft with the given answers. */
  String draft(Map<String, Object> answers) {
    Actor council =
        new Actor(
            "partner.council", "partner.council", Optional.of(COUNCIL), Set.of(Actor.Role.PARTNER));
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("title", "Carers' assessments");
    fields.putAll(answers);
    return registry
        .agreements()
        .createDraft(
            council,
            Optional.empty(),
            new AgreementContent(
                fields, List.of(Map.of("organisation", COUNCIL, "role", "controller"))))
        .orElseThrow()
        .id();
  }

  Map<String, Object> saved(String id) {
    return registry.agreements().get(Actor.system(), id).orElseThrow().content().fields();
  }

  MockHttpServletRequestBuilder save(String id, String action) {
    return post("/agreements/" + id + "/edit/impact")
        .with(PARTNER)
        .with(csrf())
        .param("action", action);
  }

  @Test
  void theImpactPage_asksYesOrNo_revealingTheAssessmentOrTheReason() throws Exception {
    String unanswered = draft(Map.of());
    String html =
        call(get("/agreements/" + unanswered + "/edit/impact").with(PARTNER)).getContentAsString();
    assertThat(html)
        .contains(
            "Has a data protection impact assessment (DPIA) been carried out?",
            "name=\"dpiaCarriedOut\" value=\"yes\"",
            "data-aria-controls=\"conditional-dpiaCarriedOut\"",
            "data-aria-controls=\"conditional-dpiaCarriedOut-no\"",
            "id=\"dpiaReference\"",
            "id=\"noDpiaReason\"")
        .doesNotContain("<script>");
    // the reference is asked inside the "yes" reveal, the reason inside the "no" one
    assertThat(html.indexOf("id=\"conditional-dpiaCarriedOut\""))
        .isLessThan(html.indexOf("id=\"dpiaReference\""))
        .isLessThan(html.indexOf("id=\"dpiaCarriedOut-no\""));
    assertThat(html.indexOf("id=\"conditional-dpiaCarriedOut-no\""))
        .isLessThan(html.indexOf("id=\"noDpiaReason\""));

    String assessed = draft(Map.of("dpiaReference", "DPIA-2026-014", "dpiaDate", "2026-10-01"));
    String shown =
        call(get("/agreements/" + assessed + "/edit/impact").with(PARTNER)).getContentAsString();
    assertThat(shown)
        .containsPattern("id=\"dpiaCarriedOut\"[^>]*checked")
        .containsPattern(
            "class=\"govuk-radios__conditional govuk-radios__conditional--hidden\"\\s+"
                + "id=\"conditional-dpiaCarriedOut-no\"")
        .doesNotContainPattern(
            "govuk-radios__conditional--hidden\"\\s+id=\"conditional-dpiaCarriedOut\"");
  }

  @Test
  void yesWithoutReferenceOrDate_namesBoth_keepsTheChoice_andTheDraftKeepsTheOutcome()
      throws Exception {
    String id = draft(Map.of());

    MockHttpServletResponse r =
        call(
            save(id, "continue")
                .param("dpiaCarriedOut", "yes")
                .param("dpiaOutcome", "no-high-risk"));

    assertThat(r.getStatus()).isEqualTo(422);
    assertThat(r.getContentAsString())
        .contains(
            "href=\"#dpiaReference\"",
            "Enter the reference of the impact assessment",
            "href=\"#dpiaDate-day\"",
            "Enter the date the impact assessment was completed")
        .containsPattern("id=\"dpiaCarriedOut\"[^>]*checked");
    assertThat(saved(id)).containsEntry("dpiaOutcome", "no-high-risk");
  }

  @Test
  void noWithoutAReason_isNamed_andNoAnswerOnContinue_namesTheQuestion() throws Exception {
    String id = draft(Map.of());

    MockHttpServletResponse no = call(save(id, "continue").param("dpiaCarriedOut", "no"));
    assertThat(no.getStatus()).isEqualTo(422);
    assertThat(no.getContentAsString())
        .contains(
            "href=\"#noDpiaReason\"", "Say why no data protection impact assessment is needed");

    MockHttpServletResponse none = call(save(id, "continue"));
    assertThat(none.getStatus()).isEqualTo(422);
    assertThat(none.getContentAsString())
        .contains(
            "href=\"#dpiaCarriedOut\"",
            "Select yes if a data protection impact assessment has been carried out");
  }

  @Test
  void no_withAReason_savesIt_andClearsTheAssessmentsAnswers() throws Exception {
    String id =
        draft(
            Map.of(
                "dpiaReference", "DPIA-2026-014",
                "dpiaDate", "2026-10-01",
                "dpiaOutcome", "no-high-risk"));

    MockHttpServletResponse r =
        call(
            save(id, "continue")
                .param("dpiaCarriedOut", "no")
                .param("noDpiaReason", "Aggregate counts only: no high risk to anyone.")
                // still posted from the hidden reveal: not part of the answer given
                .param("dpiaReference", "DPIA-2026-014"));

    assertThat(r.getStatus()).isEqualTo(302);
    assertThat(saved(id))
        .containsEntry("noDpiaReason", "Aggregate counts only: no high risk to anyone.")
        .doesNotContainKeys("dpiaReference", "dpiaDate", "dpiaOutcome");
  }
}
