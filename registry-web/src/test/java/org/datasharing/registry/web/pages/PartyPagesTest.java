package org.datasharing.registry.web.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.oidcLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.datasharing.registry.core.Registry;
import org.datasharing.registry.core.agreement.AgreementContent;
import org.datasharing.registry.core.common.Actor;
import org.datasharing.registry.core.support.TestRegistry;
import org.datasharing.registry.web.security.Actors;
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
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The editor's parties as GOV.UK patterns: one page per party, each party answering for itself
 * (another party's page is read-only and its save 403, as is the API's), errors naming the party,
 * answers checked as the page saves, questions asked only when they apply, a return to "Check your
 * answers" after an error link, and the party's assurance standing shown while drafting.
 */
@SpringBootTest
@AutoConfigureMockMvc
class PartyPagesTest {
  @TempDir static Path dir;

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) {
    r.add("registry.store.data-dir", () -> dir.resolve("tdb2").toString());
    r.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", () -> "http://127.0.0.1:9/jwks");
  }

  static final String COUNCIL = "northshire-county-council";
  static final String TRUST = "northshire-nhs-foundation-trust";
  static final String ICB = "northshire-integrated-care-board";

  @Autowired MockMvc mvc;
  @Autowired Registry registry;
  final ObjectMapper json = new ObjectMapper();

  static OidcLoginRequestPostProcessor user(String username, String role, String organisation) {
    return oidcLogin()
        .idToken(
            t ->
                t.subject("sub-" + username)
                    .claim("preferred_username", username)
                    .claim("realm_access", Map.of("roles", List.of(role)))
                    .claim("organization", List.of(organisation)));
  }

  static RequestPostProcessor token(String username, String role, String organisation) {
    return jwt()
        .jwt(
            j ->
                j.subject("sub-" + username)
                    .claim("preferred_username", username)
                    .claim("realm_access", Map.of("roles", List.of(role)))
                    .claim("organization", List.of(organisation)))
        .authorities(Actors::authorities);
  }

  MockHttpServletResponse call(MockHttpServletRequestBuilder request) throws Exception {
    return mvc.perform(request).andReturn().getResponse();
  }

  /** A council draft with the trust as party 2, each party's answers given, no criminal data. */
  String councilDraft(Map<String, Object> more) {
    Actor council =
        new Actor(
            "partner.council", "partner.council", Optional.of(COUNCIL), Set.of(Actor.Role.PARTNER));
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("title", "Carers' assessments");
    fields.put("criminalOffenceData", false);
    fields.putAll(more);
    List<Map<String, Object>> parties = new ArrayList<>();
    for (String org : List.of(COUNCIL, TRUST)) {
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("organisation", org);
      p.put("role", "controller");
      p.put("lawfulBasis", "public-task");
      p.put("contactEmail", "ig@" + org + ".example");
      parties.add(p);
    }
    // each party answers for itself: the council drafts, the trust's staff give the trust's answers
    return TestRegistry.draft(
            registry.agreements(), council, Optional.empty(), new AgreementContent(fields, parties))
        .orElseThrow()
        .id();
  }

  AgreementContent saved(String id) {
    return registry.agreements().get(Actor.system(), id).orElseThrow().content();
  }

  @Test
  void anotherPartysAnswers_areReadOnlyOnItsPage_andItsSaveAndTheApiAnswer403() throws Exception {
    String id = councilDraft(Map.of());
    var partner = user("partner.council", "partner", COUNCIL);

    String trustPage =
        call(get("/agreements/" + id + "/edit/parties/2").with(partner)).getContentAsString();
    assertThat(trustPage)
        .contains("Party 2 (Northshire NHS Foundation Trust)", "id=\"answered-by-the-party\"")
        .doesNotContain("name=\"parties[1].lawfulBasis\"");

    MockHttpServletResponse page =
        call(
            post("/agreements/" + id + "/edit/parties/2")
                .with(partner)
                .with(csrf())
                .param("parties[1].lawfulBasis", "consent"));
    assertThat(page.getStatus()).isEqualTo(403);

    Map<String, Object> body = new LinkedHashMap<>();
    AgreementContent c = saved(id);
    List<Map<String, Object>> parties = new ArrayList<>(c.parties());
    Map<String, Object> trust = new LinkedHashMap<>(parties.get(1));
    trust.put("lawfulBasis", "consent");
    parties.set(1, trust);
    body.put("fields", c.fields());
    body.put("parties", parties);
    MockHttpServletResponse api =
        call(
            put("/api/agreements/" + id)
                .contentType(MediaType.APPLICATION_JSON)
                .content(json.writeValueAsString(body))
                .with(token("partner.council", "partner", COUNCIL)));
    assertThat(api.getStatus()).isEqualTo(403);
    assertThat(api.getContentType()).startsWith("application/problem+json");
    assertThat(saved(id).parties().get(1)).containsEntry("lawfulBasis", "public-task");

    // its own staff answer it, on the same page
    MockHttpServletResponse own =
        call(
            post("/agreements/" + id + "/edit/parties/2")
                .with(user("partner.trust", "partner", TRUST))
                .with(csrf())
                .param("parties[1].lawfulBasis", "legal-obligation")
                .param("parties[1].contactEmail", "ig@trust.example"));
    assertThat(own.getStatus()).isEqualTo(302);
    assertThat(saved(id).parties().get(1)).containsEntry("lawfulBasis", "legal-obligation");
  }

  @Test
  void aWrongEmail_isRefusedAsThePageSaves_namingTheParty_andTheAnswersStay() throws Exception {
    String id = councilDraft(Map.of());
    var partner = user("partner.council", "partner", COUNCIL);

    MockHttpServletResponse r =
        call(
            post("/agreements/" + id + "/edit/parties/1")
                .with(partner)
                .with(csrf())
                .param("parties[0].lawfulBasis", "public-task")
                .param("parties[0].contactName", "Ada Lovelace")
                .param("parties[0].contactEmail", "ada.at.council"));

    assertThat(r.getStatus()).isEqualTo(422);
    String html = r.getContentAsString();
    assertThat(html)
        .contains(
            "href=\"#parties-0-contactEmail\"",
            "Party 1 (Northshire County Council): give a valid e-mail address")
        .contains("value=\"ada.at.council\"", "value=\"Ada Lovelace\"");
  }

  @Test
  void theCriminalOffenceCondition_isAskedOnlyWhenTheDataIncludesIt() throws Exception {
    var partner = user("partner.council", "partner", COUNCIL);
    String without = councilDraft(Map.of());
    String with = councilDraft(Map.of("criminalOffenceData", true));

    assertThat(
            call(get("/agreements/" + without + "/edit/parties/1").with(partner))
                .getContentAsString())
        .contains("id=\"parties-0-lawfulBasis\"")
        .doesNotContain("parties-0-criminalOffenceCondition");
    assertThat(
            call(get("/agreements/" + with + "/edit/parties/1").with(partner)).getContentAsString())
        .contains("id=\"parties-0-criminalOffenceCondition\"");
  }

  @Test
  void theTransferMechanism_isRevealedOnlyForATransferUnderSafeguards() throws Exception {
    String id = councilDraft(Map.of());
    String html =
        call(get("/agreements/" + id + "/edit/protection")
                .with(user("partner.council", "partner", COUNCIL)))
            .getContentAsString();

    assertThat(html)
        .contains(
            "data-aria-controls=\"conditional-transferMechanism\"",
            "id=\"conditional-transferMechanism\"",
            "govuk-radios__conditional--hidden");
    // asked inside the reveal, after the choice that reveals it
    assertThat(html.indexOf("name=\"transferMechanism\""))
        .isGreaterThan(html.indexOf("id=\"conditional-transferMechanism\""));
  }

  @Test
  void afterAnErrorLinkFromCheckYourAnswers_saveAndContinue_returnsThere() throws Exception {
    String id = councilDraft(Map.of());
    var partner = user("partner.council", "partner", COUNCIL);

    String submitted =
        call(post("/agreements/" + id + "/submit").with(partner).with(csrf())).getContentAsString();
    assertThat(submitted)
        .contains("parties/1?check=true#parties-0-", "Party 1 (Northshire County Council): ");
    String partyPage =
        call(get("/agreements/" + id + "/edit/parties/1?check=true").with(partner))
            .getContentAsString();
    assertThat(partyPage).contains("name=\"check\" value=\"true\"");

    var back =
        call(
            post("/agreements/" + id + "/edit/parties/1")
                .with(partner)
                .with(csrf())
                .param("check", "true")
                .param("parties[0].lawfulBasis", "public-task"));
    assertThat(back.getRedirectedUrl()).isEqualTo("/agreements/" + id + "/edit/check");
    var section =
        call(
            post("/agreements/" + id + "/edit/dates")
                .with(partner)
                .with(csrf())
                .param("check", "true")
                .param("sanctions", "Access is suspended."));
    assertThat(section.getRedirectedUrl()).isEqualTo("/agreements/" + id + "/edit/check");
    // without it, the next question
    assertThat(
            call(post("/agreements/" + id + "/edit/data").with(partner).with(csrf()))
                .getRedirectedUrl())
        .isEqualTo("/agreements/" + id + "/edit/joint-controllers");
  }

  @Test
  void theTaskList_marksJointControllersCompletedOnlyOnceAnswered_andSaysWhoOwesEachPartysAnswers()
      throws Exception {
    String id = councilDraft(Map.of());
    var partner = user("partner.council", "partner", COUNCIL);

    String tasks = call(get("/agreements/" + id + "/edit").with(partner)).getContentAsString();
    assertThat(statusOf(tasks, "task-joint-controllers-status")).contains("Not yet started");
    assertThat(tasks)
        .contains("Party 1 (Northshire County Council): its own answers")
        .contains("For Northshire NHS Foundation Trust to answer");

    call(
        post("/agreements/" + id + "/edit/joint-controllers")
            .with(partner)
            .with(csrf())
            .param("jointControllerArrangement", "No party is a joint controller."));
    tasks = call(get("/agreements/" + id + "/edit").with(partner)).getContentAsString();
    assertThat(statusOf(tasks, "task-joint-controllers-status")).contains("Completed");
  }

  @Test
  void partiesKeepTheirNumbers_whenTheirListIsSaved_andKeepTheirOwnAnswers() throws Exception {
    String id = councilDraft(Map.of());
    var partner = user("partner.council", "partner", COUNCIL);

    MockHttpServletResponse r =
        call(
            post("/agreements/" + id + "/edit/parties")
                .with(partner)
                .with(csrf())
                .param("parties[0].organisation", TRUST)
                .param("parties[0].role", "controller")
                .param("parties[1].organisation", COUNCIL)
                .param("parties[1].role", "controller")
                .param("parties[2].organisation", ICB)
                .param("parties[2].role", "recipient"));

    // on to the council's own answers, now party 2
    assertThat(r.getRedirectedUrl()).isEqualTo("/agreements/" + id + "/edit/parties/2");
    AgreementContent c = saved(id);
    assertThat(c.partyOrganisations()).containsExactly(TRUST, COUNCIL, ICB);
    assertThat(c.parties().get(0)).containsEntry("contactEmail", "ig@" + TRUST + ".example");
    assertThat(c.parties().get(2)).doesNotContainKey("lawfulBasis");
  }

  @Test
  void thePartyPage_showsItsStandingAgainstTheRequiredAssurance_whileDrafting() throws Exception {
    String id = councilDraft(Map.of("requiredAssurance", List.of("dspt")));
    var partner = user("partner.council", "partner", COUNCIL);

    String html =
        call(get("/agreements/" + id + "/edit/parties/1").with(partner)).getContentAsString();

    assertThat(html)
        .contains("id=\"parties-0-assurance\"", "Assurance each party must hold")
        .containsPattern("govuk-tag--(green|red)\">(Met|Missing)</strong>");
  }

  @Test
  void editorPages_carryTheSessionTimeoutWarning_asAStaticModule_withTheSessionsTimeout()
      throws Exception {
    String id = councilDraft(Map.of());
    var partner = user("partner.council", "partner", COUNCIL);
    for (String page : List.of("/edit", "/edit/about", "/edit/parties/1", "/edit/check")) {
      String html = call(get("/agreements/" + id + page).with(partner)).getContentAsString();
      assertThat(html)
          .as(page)
          .contains(
              "id=\"session-timeout-warning\"",
              "data-timeout=\"30m\"",
              "<script type=\"module\" src=\"/js/session-timeout.mjs\"></script>");
    }
    MockHttpServletResponse script = call(get("/js/session-timeout.mjs"));
    assertThat(script.getStatus()).isEqualTo(200);
    assertThat(script.getContentAsString()).contains("showModal", "save-draft");
  }

  private static String statusOf(String html, String id) {
    int at = html.indexOf("id=\"" + id + "\"");
    assertThat(at).as(id).isPositive();
    return html.substring(at, Math.min(html.length(), at + 400));
  }

  @Test
  void checkYourAnswers_marksTheAnswersStillNeeded_beforeSubmitting_namingTheParty()
      throws Exception {
    Actor council =
        new Actor(
            "partner.council", "partner.council", Optional.of(COUNCIL), Set.of(Actor.Role.PARTNER));
    // the council names the trust; the trust has not answered for itself yet
    String id =
        registry
            .agreements()
            .createDraft(
                council,
                Optional.empty(),
                new AgreementContent(
                    Map.of("title", "Carers' assessments"),
                    List.of(
                        Map.of("organisation", COUNCIL, "role", "controller"),
                        Map.of("organisation", TRUST, "role", "controller"))))
            .orElseThrow()
            .id();

    String html =
        call(get("/agreements/" + id + "/edit/check")
                .with(user("partner.council", "partner", COUNCIL)))
            .getContentAsString();

    assertThat(html)
        .contains(
            "id=\"answers-still-needed\"", "still needed before the agreement can be submitted")
        .contains("Still needed", "Party 2 (Northshire NHS Foundation Trust)");
    // the sanctions answer is asked on the dates page and marked where it is shown
    int sanctions = html.indexOf("id=\"answer-sanctions\"");
    assertThat(sanctions).isPositive();
    assertThat(html.substring(sanctions, html.indexOf("</dd>", sanctions)))
        .contains("Still needed");
    // an answer given is not marked
    int title = html.indexOf("id=\"answer-title\"");
    assertThat(html.substring(title, html.indexOf("</dd>", title)))
        .contains("assessments")
        .doesNotContain("Still needed");
  }
}
