package org.datasharing.registry.web.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.oidcLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.datasharing.registry.core.agreement.Field;
import org.datasharing.registry.core.sparql.QueryPack;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
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
 * The pages on the sample data, without a browser or Keycloak: public pages signed out, the
 * dashboards, the agreement page and the editor's error summary for users signed in with OIDC
 * (claims as Keycloak issues them), and CSRF protection of the forms. No issuer is configured, so
 * this also shows the application starts without one.
 */
@SpringBootTest
@AutoConfigureMockMvc
@TestMethodOrder(
    MethodOrderer.OrderAnnotation.class) // one store: the tests that change it run last
class UiPagesTest {
  @TempDir static Path dir;

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) {
    r.add("registry.store.data-dir", () -> dir.resolve("tdb2").toString());
    r.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", () -> "http://127.0.0.1:9/jwks");
  }

  static final String COUNCIL = "northshire-county-council";
  static final String TRUST = "northshire-nhs-foundation-trust";
  static final String SUBMITTED = "dsa-high-intensity-use"; // ambulance + trust + ICB
  static final String ACTIVE = "dsa-hospital-discharge"; // council + ICB + trust, two versions

  @Autowired MockMvc mvc;
  @Autowired org.datasharing.registry.core.Registry registry;
  @Autowired QueryPack queryPack;

  /** The content hash the agreement page shows for a version (and its decision form carries). */
  String displayedHash(String id, int version) {
    return registry
        .agreements()
        .version(org.datasharing.registry.core.common.Actor.system(), id, version)
        .orElseThrow()
        .contentHash();
  }

  static OidcLoginRequestPostProcessor user(String username, String role, String organisation) {
    return oidcLogin()
        .idToken(
            t -> {
              t.subject("sub-" + username)
                  .claim("preferred_username", username)
                  .claim("realm_access", Map.of("roles", List.of(role)));
              if (organisation != null) {
                t.claim("organization", List.of(organisation));
              }
            });
  }

  MockHttpServletResponse call(MockHttpServletRequestBuilder request) throws Exception {
    return mvc.perform(request).andReturn().getResponse();
  }

  @Test
  void publicPages_andAssets_areServedSignedOut() throws Exception {
    for (String page :
        List.of("/", "/datasets", "/datasets?q=care", "/datasets/reablement-episodes")) {
      MockHttpServletResponse r = call(get(page));
      assertThat(r.getStatus()).as(page).isEqualTo(200);
      assertThat(r.getContentAsString())
          .as(page)
          .contains("govuk-frontend.min.css", "govuk-skip-link", "govuk-phase-banner");
    }
    assertThat(call(get("/datasets?q=reablement")).getContentAsString())
        .contains("Reablement Episodes");
    for (String asset :
        List.of(
            "/webjars/govuk-frontend/dist/govuk/govuk-frontend.min.css",
            "/webjars/govuk-frontend/dist/govuk/govuk-frontend.min.js",
            "/assets/images/favicon.svg",
            "/css/registry.css",
            "/js/registry.mjs")) {
      assertThat(call(get(asset)).getStatus()).as(asset).isEqualTo(200);
    }
  }

  @Test
  void signedInPages_sendTheVisitorToSignIn_whichSaysItIsUnavailableWithoutAnIssuer()
      throws Exception {
    MockHttpServletResponse r = call(get("/agreements"));
    assertThat(r.getStatus()).isEqualTo(302);
    assertThat(r.getRedirectedUrl()).endsWith("/sign-in");
    MockHttpServletResponse signIn = call(get("/sign-in"));
    assertThat(signIn.getStatus()).isEqualTo(503);
    assertThat(signIn.getContentAsString()).contains("Sign-in is not available");
  }

  @Test
  @Order(1)
  void dpoDashboard_listsWhatAwaitsTheirOrganisationsDecision() throws Exception {
    String html = call(get("/").with(user("dpo.trust", "dpo", TRUST))).getContentAsString();
    assertThat(html)
        .contains("Waiting for your decision", "Review due", "Assurance expiring")
        .contains("/agreements/" + SUBMITTED)
        .contains("Sign out");
  }

  @Test
  void auditorPages_showTheVerifiedLog_andInclusionProofs() throws Exception {
    // at least two events (so that a proof has a path): saved drafts
    for (String title : List.of("Audited draft", "Another audited draft")) {
      call(
          post("/agreements/new")
              .with(user("partner.council", "partner", COUNCIL))
              .with(csrf())
              .param("title", title)
              .param("parties[0].organisation", COUNCIL)
              .param("parties[1].organisation", TRUST));
    }
    var auditor = user("auditor", "auditor", null);
    String dashboard = call(get("/").with(auditor)).getContentAsString();
    assertThat(dashboard).contains("Intact", "Tree size");
    String audit = call(get("/audit").with(auditor)).getContentAsString();
    Matcher proof = Pattern.compile("href=\"(/audit/events/[^\"]+)\"").matcher(audit);
    assertThat(proof.find()).isTrue();
    String proofPage = call(get(proof.group(1)).with(auditor)).getContentAsString();
    assertThat(proofPage)
        .contains("Inclusion proof", "Audit path", "Checking it by hand", "id=\"proof-steps\"")
        .contains("SHA-256(0x01 || entry 1 || hash so far)")
        .contains("The last hash is the root hash");
    assertThat(call(get("/audit").with(user("dpo.trust", "dpo", TRUST))).getStatus())
        .isEqualTo(403);
  }

  @Test
  void sparqlConsole_offersTheQueryPack_withYasguiServedByTheRegistry_toAuditorsOnly()
      throws Exception {
    var auditor = user("auditor", "auditor", null);
    MockHttpServletResponse console =
        call(get("/audit/sparql").param("query", "events-in-24-hours").with(auditor));
    assertThat(console.getStatus()).isEqualTo(200);
    String html = console.getContentAsString();
    for (QueryPack.Entry q : queryPack.entries()) {
      assertThat(html).contains("id=\"query-" + q.name() + "\"", "data-query=\"" + q.name() + "\"");
    }
    assertThat(html)
        .contains("data-selected=\"events-in-24-hours\"", "src=\"/vendor/yasgui/yasgui.min.js\"")
        .doesNotContain("unpkg.com", "cdn.");
    MockHttpServletResponse script = call(get("/vendor/yasgui/yasgui.min.js"));
    if (!Boolean.getBoolean("registry.frontend.skipped")) { // mvn -DskipFrontend=true: no npm
      assertThat(script.getStatus()).as("YASGUI built by npm and served signed out").isEqualTo(200);
      assertThat(script.getContentAsByteArray().length).isGreaterThan(100_000);
    }
    assertThat(call(get("/").with(auditor)).getContentAsString())
        .contains("href=\"/audit/sparql?query=events-per-agent-in-month\"");
    assertThat(call(get("/audit/sparql").with(user("dpo.trust", "dpo", TRUST))).getStatus())
        .isEqualTo(403);
  }

  @Test
  void evidenceBundle_downloadsFromTheAgreementPage_forAuditors() throws Exception {
    var auditor = user("auditor", "auditor", null);
    assertThat(call(get("/agreements/" + ACTIVE).with(auditor)).getContentAsString())
        .contains("href=\"/agreements/" + ACTIVE + "/evidence\"");
    MockHttpServletResponse zip = call(get("/agreements/" + ACTIVE + "/evidence").with(auditor));
    assertThat(zip.getStatus()).isEqualTo(200);
    assertThat(zip.getContentType()).isEqualTo("application/zip");
    assertThat(zip.getHeader("Content-Disposition"))
        .contains("attachment", "evidence-" + ACTIVE + ".zip");
    List<String> entries = new ArrayList<>();
    try (var in =
        new java.util.zip.ZipInputStream(
            new java.io.ByteArrayInputStream(zip.getContentAsByteArray()))) {
      for (var e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        entries.add(e.getName());
      }
    }
    assertThat(entries).anyMatch(n -> n.endsWith(".trig")).anyMatch(n -> n.endsWith(".json"));
    var dpo = user("dpo.council", "dpo", COUNCIL);
    assertThat(call(get("/agreements/" + ACTIVE + "/evidence").with(dpo)).getStatus())
        .isEqualTo(403);
    assertThat(call(get("/agreements/" + ACTIVE).with(dpo)).getContentAsString())
        .doesNotContain("/evidence\"");
  }

  @Test
  void agreementPage_comparesVersions_andSaysWhichWasInForceOnADate() throws Exception {
    var dpo = user("dpo.council", "dpo", COUNCIL);
    String diff =
        call(get("/agreements/" + ACTIVE).param("from", "1").param("to", "2").with(dpo))
            .getContentAsString();
    assertThat(diff).contains("What changed from version 1 to version 2", "Show as a unified diff");
    String inForce =
        call(get("/agreements/" + ACTIVE)
                .param("on-day", "1")
                .param("on-month", "1")
                .param("on-year", "2020")
                .with(dpo))
            .getContentAsString();
    assertThat(inForce).contains("no version was in force");
  }

  @Test
  @Order(1)
  void agreementPage_showsPartiesTimeline_andTheDecisionFormToAPartysDpo() throws Exception {
    MockHttpServletResponse r =
        call(get("/agreements/" + SUBMITTED).with(user("dpo.trust", "dpo", TRUST)));
    assertThat(r.getStatus()).isEqualTo(200);
    assertThat(r.getContentAsString())
        .contains("Parties and their decisions", "Timeline", "Your organisation's decision");
    // not a party: refused
    assertThat(
            call(get("/agreements/" + SUBMITTED).with(user("dpo.council", "dpo", COUNCIL)))
                .getStatus())
        .isEqualTo(403);
  }

  @Test
  void editor_savesEachQuestionPage_keepsTheOtherAnswers_andLeadsThroughEveryPage()
      throws Exception {
    var partner = user("partner.council", "partner", COUNCIL);
    MockHttpServletResponse created =
        call(
            post("/agreements/new")
                .with(partner)
                .with(csrf())
                .param("title", "Carers' breaks")
                .param("benefits", "Carers get a break."));
    String id = created.getRedirectedUrl().replaceAll("/agreements/([^/]+)/edit/parties", "$1");
    assertThat(created.getRedirectedUrl()).isEqualTo("/agreements/" + id + "/edit/parties");
    String parties =
        call(get("/agreements/" + id + "/edit/parties").with(partner)).getContentAsString();
    assertThat(parties).contains("<h1 class=\"govuk-heading-l\">The parties</h1>");
    assertThat(parties).contains("<option value=\"" + COUNCIL + "\" selected=\"selected\"");

    // every page continues to the next, the last to "Check your answers"
    List<String> order = new ArrayList<>();
    for (Questions.Section step : Questions.STEPS.subList(1, Questions.STEPS.size())) {
      var request = post("/agreements/" + id + "/edit/" + step.slug()).with(partner).with(csrf());
      if (step.isParties()) {
        request
            .param("parties[0].organisation", COUNCIL)
            .param("parties[0].role", "controller")
            .param("parties[1].organisation", TRUST)
            .param("parties[1].role", "controller");
      }
      if (step.slug().equals("dates")) {
        request
            .param("startDate-day", "1")
            .param("startDate-month", "4")
            .param("startDate-year", "2027");
      }
      order.add(call(request).getRedirectedUrl());
    }
    // the list of parties leads to the author's own answers, then on to the data
    assertThat(order.get(0)).isEqualTo("/agreements/" + id + "/edit/parties/1");
    assertThat(order.get(1)).isEqualTo("/agreements/" + id + "/edit/joint-controllers");
    assertThat(order.get(order.size() - 1)).isEqualTo("/agreements/" + id + "/edit/check");

    // a page saves only its own answers: the first page's are still there
    var saved =
        registry
            .agreements()
            .get(org.datasharing.registry.core.common.Actor.system(), id)
            .orElseThrow()
            .content();
    assertThat(saved.fields())
        .containsEntry("title", "Carers' breaks")
        .containsEntry("benefits", "Carers get a break.");
    assertThat(saved.fields()).containsEntry("startDate", "2027-04-01");
    assertThat(saved.partyOrganisations()).containsExactly(COUNCIL, TRUST);

    // a date that is not a date: the page says so and nothing changes
    MockHttpServletResponse badDate =
        call(
            post("/agreements/" + id + "/edit/dates")
                .with(partner)
                .with(csrf())
                .param("startDate-day", "31")
                .param("startDate-month", "2")
                .param("startDate-year", "2027"));
    assertThat(badDate.getStatus()).isEqualTo(422);
    assertThat(badDate.getContentAsString())
        .contains("href=\"#startDate-day\"", "Start date must be a real date");
    assertThat(
            registry
                .agreements()
                .get(org.datasharing.registry.core.common.Actor.system(), id)
                .orElseThrow()
                .content()
                .fields())
        .containsEntry("startDate", "2027-04-01");

    // the task list says which pages are complete
    String tasks = call(get("/agreements/" + id + "/edit").with(partner)).getContentAsString();
    assertThat(tasks)
        .contains("id=\"task-about\"", "id=\"task-dates\"", "Incomplete", "Check your answers");
  }

  @Test
  void submittingAnIncompleteDraft_showsTheErrorSummary_linkingEachViolationToItsQuestionPage()
      throws Exception {
    var partner = user("partner.council", "partner", COUNCIL);
    String id =
        call(post("/agreements/new").with(partner).with(csrf()).param("title", "Respite care"))
            .getRedirectedUrl()
            .replaceAll("/agreements/([^/]+)/edit/parties", "$1");
    call(
        post("/agreements/" + id + "/edit/parties")
            .with(partner)
            .with(csrf())
            .param("parties[0].organisation", COUNCIL)
            .param("parties[0].role", "controller")
            .param("parties[1].organisation", TRUST)
            .param("parties[1].role", "controller"));
    assertThat(call(get("/agreements/" + id + "/edit/check").with(partner)).getContentAsString())
        .contains("Check your answers before submitting", "Respite care", "Not answered");

    MockHttpServletResponse submitted =
        call(post("/agreements/" + id + "/submit").with(partner).with(csrf()));

    assertThat(submitted.getStatus()).isEqualTo(422);
    String html = submitted.getContentAsString();
    assertThat(html).contains("govuk-error-summary", "There is a problem");
    List<String> links = new ArrayList<>();
    Matcher summary = Pattern.compile("<li><a href=\"([^\"]+)\">").matcher(html);
    while (summary.find()) {
      links.add(summary.group(1));
    }
    String edit = "/agreements/" + id + "/edit/";
    assertThat(links)
        .contains(
            edit + "dates?check=true#sanctions",
            edit + "parties/1?check=true#parties-0-lawfulBasis",
            edit + "dates?check=true#reviewDate-day");
    for (String link : links) {
      String page = call(get(link.replaceAll("#.*", "")).with(partner)).getContentAsString();
      String anchor = link.replaceAll(".*#", "");
      assertThat(page).as("an input for " + link).contains("id=\"" + anchor + "\"");
      assertThat(page)
          .as("the error on " + link)
          .contains("govuk-error-message", "href=\"#" + anchor + "\"");
    }
    assertThat(
            registry
                .agreements()
                .get(org.datasharing.registry.core.common.Actor.system(), id)
                .orElseThrow()
                .status())
        .isEqualTo(org.datasharing.registry.core.agreement.AgreementStatus.DRAFT);
  }

  static final String ICB = "northshire-integrated-care-board";

  /** A council draft with the ICB as a party, sharing a dataset hidden from the ICB. */
  String councilDraftWithAHiddenDataset() {
    var council =
        new org.datasharing.registry.core.common.Actor(
            "partner.council",
            "partner.council",
            java.util.Optional.of(COUNCIL),
            java.util.Set.of(org.datasharing.registry.core.common.Actor.Role.PARTNER));
    Map<String, Object> fields = new java.util.LinkedHashMap<>();
    fields.put("title", "Safeguarding adults at discharge");
    fields.put("datasets", List.of("adult-safeguarding-enquiries", "reablement-episodes"));
    List<Map<String, Object>> parties =
        List.of(
            Map.of("organisation", COUNCIL, "role", "controller"),
            Map.of("organisation", ICB, "role", "controller"));
    return registry
        .agreements()
        .createDraft(
            council,
            java.util.Optional.empty(),
            new org.datasharing.registry.core.agreement.AgreementContent(fields, parties))
        .orElseThrow()
        .id();
  }

  @Test
  void editor_isOnlyForStaffOfAParty_evenThoseWhoMaySeeTheDraft() throws Exception {
    String id = councilDraftWithAHiddenDataset();
    var auditor = user("auditor", "auditor", null);
    var trust = user("partner.trust", "partner", TRUST);
    for (var who : List.of(auditor, trust)) {
      for (String page : List.of("/edit", "/edit/about", "/edit/check")) {
        assertThat(call(get("/agreements/" + id + page).with(who)).getStatus())
            .as(page)
            .isEqualTo(403);
      }
      assertThat(
              call(post("/agreements/" + id + "/edit/about")
                      .with(who)
                      .with(csrf())
                      .param("title", "Taken over"))
                  .getStatus())
          .isEqualTo(403);
    }
    assertThat(call(get("/agreements/" + id + "/edit").with(auditor)).getContentAsString())
        .doesNotContain("Taken over");
    assertThat(
            call(get("/agreements/" + id + "/edit").with(user("partner.icb", "partner", ICB)))
                .getStatus())
        .isEqualTo(200);
  }

  @Test
  void savingTheDataPage_keepsDatasetsHiddenFromTheAuthor() throws Exception {
    String id = councilDraftWithAHiddenDataset();
    var icb = user("partner.icb", "partner", ICB);
    String page = call(get("/agreements/" + id + "/edit/data").with(icb)).getContentAsString();
    assertThat(page)
        .contains("value=\"reablement-episodes\"")
        .doesNotContain("adult-safeguarding-enquiries");

    MockHttpServletResponse saved =
        call(
            post("/agreements/" + id + "/edit/data")
                .with(icb)
                .with(csrf())
                .param("dataItems", "NHS number"));

    assertThat(saved.getRedirectedUrl()).endsWith("/edit/joint-controllers");
    var content =
        registry
            .agreements()
            .get(org.datasharing.registry.core.common.Actor.system(), id)
            .orElseThrow()
            .content();
    assertThat(content.fields().get("datasets")).isEqualTo(List.of("adult-safeguarding-enquiries"));
    assertThat(content.fields().get("dataItems")).isEqualTo(List.of("NHS number"));
  }

  @Test
  void thePartiesPage_refusesToDropTheAuthorsOwnOrganisation_andTheFirstPageNeedsATitle()
      throws Exception {
    String id = councilDraftWithAHiddenDataset();
    var icb = user("partner.icb", "partner", ICB);
    MockHttpServletResponse dropped =
        call(
            post("/agreements/" + id + "/edit/parties")
                .with(icb)
                .with(csrf())
                .param("parties[0].organisation", COUNCIL)
                .param("parties[0].role", "controller"));
    assertThat(dropped.getStatus()).isEqualTo(422);
    assertThat(dropped.getContentAsString())
        .contains("href=\"#parties-0-organisation\"", "Your organisation must stay a party");
    assertThat(
            registry
                .agreements()
                .get(org.datasharing.registry.core.common.Actor.system(), id)
                .orElseThrow()
                .content()
                .partyOrganisations())
        .containsExactly(COUNCIL, ICB);

    MockHttpServletResponse untitled =
        call(post("/agreements/new").with(icb).with(csrf()).param("benefits", "Some"));
    assertThat(untitled.getStatus()).isEqualTo(422);
    assertThat(untitled.getContentAsString()).contains("href=\"#title\"", "Enter a title");
    // a party index too large to be one is not a party answer, and no 500
    assertThat(
            call(post("/agreements/" + id + "/edit/parties")
                    .with(icb)
                    .with(csrf())
                    .param("parties[0].organisation", ICB)
                    .param("parties[99999999999].organisation", COUNCIL))
                .getStatus())
        .isEqualTo(302);
  }

  @Test
  @Order(2)
  void requestingChanges_needsAReason_thenAPartnerDraftsTheNextVersion() throws Exception {
    var dpo = user("dpo.trust", "dpo", TRUST);
    // the decision form carries the hash of the text the page shows
    assertThat(call(get("/agreements/" + SUBMITTED).with(dpo)).getContentAsString())
        .contains("name=\"contentHash\" value=\"" + displayedHash(SUBMITTED, 1) + "\"");
    MockHttpServletResponse noReason =
        call(
            post("/agreements/" + SUBMITTED + "/decision")
                .with(dpo)
                .with(csrf())
                .param("version", "1")
                .param("contentHash", displayedHash(SUBMITTED, 1))
                .param("outcome", "request-changes"));
    assertThat(noReason.getStatus()).isEqualTo(422);
    assertThat(noReason.getContentAsString())
        .contains("govuk-error-summary", "href=\"#reason\"", "id=\"reason\"");
    MockHttpServletResponse decided =
        call(
            post("/agreements/" + SUBMITTED + "/decision")
                .with(dpo)
                .with(csrf())
                .param("version", "1")
                .param("contentHash", displayedHash(SUBMITTED, 1))
                .param("outcome", "request-changes")
                .param("reason", "Name the trust's Caldicott Guardian."));
    assertThat(decided.getRedirectedUrl()).isEqualTo("/agreements/" + SUBMITTED);
    var partner = user("partner.icb", "partner", "northshire-integrated-care-board");
    assertThat(call(get("/agreements/" + SUBMITTED).with(partner)).getContentAsString())
        .contains(
            "Changes requested", "Name the trust&#39;s Caldicott Guardian.", "Draft a new version");
    MockHttpServletResponse revised =
        call(post("/agreements/" + SUBMITTED + "/revise").with(partner).with(csrf()));
    assertThat(revised.getRedirectedUrl()).isEqualTo("/agreements/" + SUBMITTED + "/edit");
    assertThat(call(get("/agreements/" + SUBMITTED + "/edit").with(partner)).getContentAsString())
        .contains("Draft, version 2");
  }

  @Test
  @Order(2)
  void dpoSuspendsAnActiveAgreement_givingAReason() throws Exception {
    var dpo = user("dpo.council", "dpo", COUNCIL);
    MockHttpServletResponse noReason =
        call(
            post("/agreements/" + ACTIVE + "/status")
                .with(dpo)
                .with(csrf())
                .param("action", "suspend"));
    assertThat(noReason.getStatus()).isEqualTo(422);
    assertThat(noReason.getContentAsString()).contains("href=\"#statusReason\"");
    MockHttpServletResponse suspended =
        call(
            post("/agreements/" + ACTIVE + "/status")
                .with(dpo)
                .with(csrf())
                .param("action", "suspend")
                .param("statusReason", "Breach under investigation."));
    assertThat(suspended.getRedirectedUrl()).isEqualTo("/agreements/" + ACTIVE);
    assertThat(call(get("/agreements/" + ACTIVE).with(dpo)).getContentAsString())
        .contains("Suspended", "Resume");
  }

  @Test
  @Order(1)
  void
      decisionPage_showsTheWholeTextFirst_thenTheFormWithADeclarationNamingVersionHashAndOrganisation()
          throws Exception {
    String html =
        call(get("/agreements/" + SUBMITTED).with(user("dpo.trust", "dpo", TRUST)))
            .getContentAsString();
    int text = html.indexOf("Read version 1 before you decide");
    int form = html.indexOf("Your organisation's decision");
    assertThat(text).isPositive().isLessThan(form);
    assertThat(html.substring(text, form)).contains("id=\"answers-parties\"");
    assertThat(html.substring(form))
        .contains("id=\"declaration\"", "I have read version 1, content hash")
        .contains(displayedHash(SUBMITTED, 1), "Northshire NHS Foundation Trust");
    // the text is not also collapsed at the bottom
    assertThat(html).doesNotContain("govuk-details__summary-text\">The text of version");
  }

  @Test
  @Order(1)
  void approvingWithoutTheDeclaration_isRefusedNamingIt_keepsTheChosenRadio_andRecordsNothing()
      throws Exception {
    var dpo = user("dpo.trust", "dpo", TRUST);
    MockHttpServletResponse r =
        call(
            post("/agreements/" + SUBMITTED + "/decision")
                .with(dpo)
                .with(csrf())
                .param("version", "1")
                .param("contentHash", displayedHash(SUBMITTED, 1))
                .param("outcome", "approve")
                .param("reason", "Looks right"));
    assertThat(r.getStatus()).isEqualTo(422);
    assertThat(r.getContentAsString())
        .contains("href=\"#declaration\"", "Confirm that you have read version 1")
        .containsPattern("value=\"approve\"\\s+checked=\"checked\"")
        .contains(">Looks right</textarea>");
    assertThat(
            registry
                .agreements()
                .get(org.datasharing.registry.core.common.Actor.system(), SUBMITTED)
                .orElseThrow()
                .decisions())
        .noneMatch(d -> d.organisation().equals(TRUST));
  }

  @Test
  @Order(3)
  void aDpoWhoDecidedAnEarlierVersion_seesWhatChangedSince_wordByWord() throws Exception {
    // after requestingChanges_...: the ICB drafts version 2 with one changed answer, submits it
    var icb =
        new org.datasharing.registry.core.common.Actor(
            "partner.icb",
            "partner.icb",
            java.util.Optional.of(ICB),
            java.util.Set.of(org.datasharing.registry.core.common.Actor.Role.PARTNER));
    var agreements = registry.agreements();
    var content = agreements.get(icb, SUBMITTED).orElseThrow().content();
    Map<String, Object> fields = new java.util.LinkedHashMap<>(content.fields());
    fields.put("benefits", "Fewer emergency admissions for frequent callers.");
    agreements
        .updateDraft(
            icb,
            SUBMITTED,
            new org.datasharing.registry.core.agreement.AgreementContent(fields, content.parties()))
        .orElseThrow();
    agreements.submit(icb, SUBMITTED).orElseThrow();

    String html =
        call(get("/agreements/" + SUBMITTED).with(user("dpo.trust", "dpo", TRUST)))
            .getContentAsString();
    assertThat(html).contains("id=\"changes-since\"", "What changed since version 1");
    assertThat(html).containsPattern("<ins>[^<]*callers</ins>").contains("<del>");
    // the timeline in plain words: names, statuses, UK times
    assertThat(html)
        .contains("by Northshire NHS Foundation Trust; agreement now changes requested")
        .doesNotContain("CHANGES_REQUESTED", " UTC<")
        .containsPattern("\\d{4}, (\\d{1,2}(:\\d{2})?[ap]m|midday|midnight)<");
    // a DPO deciding for the first time sees no such panel
    assertThat(
            call(get("/agreements/" + SUBMITTED).with(user("dpo.icb", "dpo", ICB)))
                .getContentAsString())
        .contains("id=\"declaration\"")
        .doesNotContain("id=\"changes-since\"");
  }

  @Test
  void theDraftingOrganisation_deletesANeverSubmittedDraft_afterConfirming() throws Exception {
    var partner = user("partner.council", "partner", COUNCIL);
    String id =
        call(post("/agreements/new").with(partner).with(csrf()).param("title", "Duplicate draft"))
            .getRedirectedUrl()
            .replaceAll("/agreements/([^/]+)/edit/parties", "$1");
    assertThat(call(get("/agreements/" + id).with(partner)).getContentAsString())
        .contains("href=\"/agreements/" + id + "/delete\"")
        .doesNotContain("/withdraw\"");
    assertThat(call(get("/agreements/" + id + "/delete").with(partner)).getContentAsString())
        .contains("Are you sure you want to delete this draft?", "govuk-warning-text");
    // another organisation's staff cannot
    var trust = user("partner.trust", "partner", TRUST);
    assertThat(call(post("/agreements/" + id + "/delete").with(trust).with(csrf())).getStatus())
        .isEqualTo(403);

    MockHttpServletResponse deleted =
        call(post("/agreements/" + id + "/delete").with(partner).with(csrf()));

    assertThat(deleted.getRedirectedUrl()).isEqualTo("/agreements");
    assertThat(call(get("/agreements/" + id).with(partner)).getStatus()).isEqualTo(404);
  }

  @Test
  void aDpo_recordsTheirOrganisationsAssuranceOnItsPage_othersOnlySeeIt() throws Exception {
    var dpo = user("dpo.icb", "dpo", ICB);
    String page = "/organisations/" + ICB + "/assurance";
    assertThat(call(get(page).with(dpo)).getContentAsString())
        .contains("Assurance on record", "id=\"assurance-form\"", "id=\"dspt-level\"");
    assertThat(call(get(page).with(user("dpo.trust", "dpo", TRUST))).getContentAsString())
        .contains("Assurance on record")
        .doesNotContain("id=\"assurance-form\"");
    assertThat(
            call(post(page)
                    .with(user("dpo.trust", "dpo", TRUST))
                    .with(csrf())
                    .param("iso-27001-certificate", "X"))
                .getStatus())
        .isEqualTo(403);

    // a certificate without its dates: the error names the input, nothing changes
    var before = registry.organisations().get(ICB).orElseThrow();
    MockHttpServletResponse missing =
        call(
            post(page)
                .with(dpo)
                .with(csrf())
                .param("iso-27001-certificate", "ISO-123")
                .param("iso-27001-evidence", "https://example.org/iso"));
    assertThat(missing.getStatus()).isEqualTo(422);
    assertThat(missing.getContentAsString())
        .contains("href=\"#iso-27001-validFrom-day\"", "href=\"#iso-27001-validUntil-day\"")
        .contains("value=\"ISO-123\"");
    assertThat(registry.organisations().get(ICB).orElseThrow()).isEqualTo(before);

    MockHttpServletResponse saved =
        call(
            post(page)
                .with(dpo)
                .with(csrf())
                .param("dspt-level", "Standards Met")
                .param("dspt-year", "2026-27")
                .param("dspt-validFrom-day", "1")
                .param("dspt-validFrom-month", "7")
                .param("dspt-validFrom-year", "2026")
                .param("dspt-validUntil-day", "30")
                .param("dspt-validUntil-month", "6")
                .param("dspt-validUntil-year", "2099")
                .param("iso-27001-certificate", "ISO-123")
                .param("iso-27001-validFrom-day", "1")
                .param("iso-27001-validFrom-month", "1")
                .param("iso-27001-validFrom-year", "2024")
                .param("iso-27001-validUntil-day", "31")
                .param("iso-27001-validUntil-month", "12")
                .param("iso-27001-validUntil-year", "2025")
                .param("iso-27001-evidence", "https://example.org/iso"));
    assertThat(saved.getRedirectedUrl()).isEqualTo(page);
    var recorded = registry.organisations().get(ICB).orElseThrow().assurances();
    assertThat(recorded)
        .extracting(a -> a.scheme() + " " + a.validUntil() + " " + a.certificate())
        .containsExactlyInAnyOrder("dspt 2099-06-30 null", "iso-27001 2025-12-31 ISO-123");
    String shown = call(get(page).with(dpo)).getContentAsString();
    assertThat(shown).contains("No, expired", "Year 2026-27", "href=\"https://example.org/iso\"");
  }

  @Test
  @Order(1)
  void agreementPage_showsEachPartysStandingAgainstTheRequiredAssurance() throws Exception {
    String html =
        call(get("/agreements/" + SUBMITTED).with(user("dpo.trust", "dpo", TRUST)))
            .getContentAsString();
    assertThat(html).contains("Assurance each party must hold", "id=\"party-assurance\"");
    assertThat(html).contains("Northshire Ambulance Service NHS Trust");
    assertThat(html).containsPattern("govuk-tag--(green\">Met|red\">Missing)");
  }

  @Test
  void datasetPage_leadsWithItsTerms_andOffersOnlyThePermittedPurposes() throws Exception {
    String html = call(get("/datasets/reablement-episodes")).getContentAsString();
    int terms = html.indexOf("Terms of sharing");
    assertThat(terms).isPositive().isLessThan(html.indexOf("About the data"));
    assertThat(html.substring(terms, html.indexOf("About the data")))
        .contains("Permitted purposes", "Direct care", "Sharing conditions", "Assurance required");
    String signedIn =
        call(get("/datasets/reablement-episodes").with(user("partner.icb", "partner", ICB)))
            .getContentAsString();
    List<String> offered = new ArrayList<>();
    Matcher radio = Pattern.compile("name=\"purpose\" value=\"([^\"]+)\"").matcher(signedIn);
    while (radio.find()) {
      offered.add(radio.group(1));
    }
    assertThat(offered).containsExactlyInAnyOrder("direct-care", "service-evaluation");
  }

  @Test
  void requestingADatasetTheOrganisationAlreadyShares_warnsWithALink_untilItContinuesAnyway()
      throws Exception {
    var icb = user("partner.icb", "partner", ICB);
    String page = call(get("/datasets/reablement-episodes").with(icb)).getContentAsString();
    assertThat(page)
        .contains("Your organisation already shares this dataset", "id=\"duplicate-warning\"")
        .contains("href=\"/agreements/" + ACTIVE + "\"");
    int before =
        registry.agreements().list(org.datasharing.registry.core.common.Actor.system()).size();

    MockHttpServletResponse warned =
        call(
            post("/datasets/reablement-episodes/request-access")
                .with(icb)
                .with(csrf())
                .param("purpose", "direct-care")
                .param("purposeDescription", "Plan reablement after discharge."));
    assertThat(warned.getStatus()).isEqualTo(422);
    assertThat(warned.getContentAsString())
        .contains("href=\"#continueAnyway\"", "href=\"/agreements/" + ACTIVE + "\"")
        .contains("Plan reablement after discharge.");
    assertThat(registry.agreements().list(org.datasharing.registry.core.common.Actor.system()))
        .hasSize(before);

    MockHttpServletResponse created =
        call(
            post("/datasets/reablement-episodes/request-access")
                .with(icb)
                .with(csrf())
                .param("purpose", "direct-care")
                .param("purposeDescription", "Plan reablement after discharge.")
                .param("continueAnyway", "true"));
    assertThat(created.getRedirectedUrl()).matches("/agreements/[^/]+/edit");
    // the editor offers the purposes the dataset permits, not all of them
    String about = call(get(created.getRedirectedUrl() + "/about").with(icb)).getContentAsString();
    List<String> purposes = new ArrayList<>();
    Matcher box = Pattern.compile("name=\"purposes\" value=\"([^\"]+)\"").matcher(about);
    while (box.find()) {
      purposes.add(box.group(1));
    }
    assertThat(purposes).containsExactlyInAnyOrder("direct-care", "service-evaluation");
    // an organisation that shares nothing of it is not warned
    assertThat(
            call(get("/datasets/reablement-episodes")
                    .with(user("partner.police", "partner", "northshire-police")))
                .getContentAsString())
        .doesNotContain("id=\"duplicate-warning\"");
  }

  @Test
  void forms_refusePostsWithoutAValidCsrfToken_asATimedOutSession() throws Exception {
    var dpo = user("dpo.trust", "dpo", TRUST);
    MockHttpServletResponse missing =
        call(
            post("/agreements/" + SUBMITTED + "/decision")
                .with(dpo)
                .param("version", "1")
                .param("outcome", "approve"));
    assertThat(missing.getRedirectedUrl()).isEqualTo("/session-expired");
    MockHttpServletResponse invalid =
        call(
            post("/agreements/new")
                .with(user("partner.council", "partner", COUNCIL))
                .with(csrf().useInvalidToken()));
    assertThat(invalid.getRedirectedUrl()).isEqualTo("/session-expired");
    assertThat(call(get("/session-expired")).getContentAsString())
        .contains("Your session has timed out");
  }

  @Test
  void editor_asksTheDataProtectionQuestions_andSavesTheirAnswers() throws Exception {
    var partner = user("partner.council", "partner", COUNCIL);
    String id =
        call(post("/agreements/new").with(partner).with(csrf()).param("title", "Falls response"))
            .getRedirectedUrl()
            .replaceAll("/agreements/([^/]+)/edit/parties", "$1");

    call(
        post("/agreements/" + id + "/edit/parties")
            .with(partner)
            .with(csrf())
            .param("parties[0].organisation", COUNCIL)
            .param("parties[0].role", "controller")
            .param("parties[1].organisation", TRUST)
            .param("parties[1].role", "processor"));
    // health confidentiality per party, on its own page: a basis and a yes or no on the opt-out
    String partyPage =
        call(get("/agreements/" + id + "/edit/parties/1").with(partner)).getContentAsString();
    assertThat(partyPage)
        .contains(
            "id=\"parties-0-confidentialityBasis\"",
            "Section 251 support",
            "id=\"parties-0-nationalDataOptOut\"");
    call(
        post("/agreements/" + id + "/edit/parties/1")
            .with(partner)
            .with(csrf())
            .param("parties[0].confidentialityBasis", "section-251-support")
            .param("parties[0].nationalDataOptOut", "true")
            .param(
                "parties[0].nationalDataOptOutReason", "Section 251 support: opt-outs removed."));
    // a processor's contract terms: asked of the processor, by its own staff
    var trust = user("partner.trust", "partner", TRUST);
    assertThat(call(get("/agreements/" + id + "/edit/parties/2").with(trust)).getContentAsString())
        .contains("id=\"parties-1-processorTerms\"");
    call(
        post("/agreements/" + id + "/edit/parties/2")
            .with(trust)
            .with(csrf())
            .param("parties[1].processorTerms", "Contract NCC-DPC-7 (Article 28(3))"));

    // transfers outside the UK and the DPIA's outcome as radios of their schemes
    String protection =
        call(get("/agreements/" + id + "/edit/protection").with(partner)).getContentAsString();
    assertThat(protection)
        .contains("name=\"internationalTransfer\"", "value=\"appropriate-safeguards\"")
        .contains("name=\"transferMechanism\"", "value=\"idta\"", "id=\"onwardDisclosure\"")
        .contains("name=\"transferDestinations\"", "value=\"US\"");
    call(
        post("/agreements/" + id + "/edit/protection")
            .with(partner)
            .with(csrf())
            .param("internationalTransfer", "appropriate-safeguards")
            .param("transferMechanism", "idta")
            .param("transferDestinations", "US")
            .param("onwardDisclosure", "None without the other parties' written agreement."));
    call(
        post("/agreements/" + id + "/edit/impact")
            .with(partner)
            .with(csrf())
            .param("dpiaCarriedOut", "yes")
            .param("dpiaReference", "DPIA-NCC-2026-031")
            .param("dpiaDate-day", "1")
            .param("dpiaDate-month", "10")
            .param("dpiaDate-year", "2026")
            .param("dpiaOutcome", "high-risk-mitigated")
            .param("dpiaSummary", "High risks were mitigated by pseudonymisation."));

    // a retention period that is not an ISO 8601 duration is refused, naming the question
    MockHttpServletResponse badDuration =
        call(
            post("/agreements/" + id + "/edit/retention")
                .with(partner)
                .with(csrf())
                .param("retentionDuration", "7 years"));
    assertThat(badDuration.getStatus()).isEqualTo(422);
    assertThat(badDuration.getContentAsString()).contains("href=\"#retentionDuration\"", "P7Y");

    var saved =
        registry
            .agreements()
            .get(org.datasharing.registry.core.common.Actor.system(), id)
            .orElseThrow()
            .content();
    assertThat(saved.fields())
        .containsEntry("internationalTransfer", "appropriate-safeguards")
        .containsEntry("transferMechanism", "idta")
        .containsEntry("transferDestinations", List.of("US"))
        .containsEntry("dpiaDate", "2026-10-01")
        .containsEntry("dpiaOutcome", "high-risk-mitigated")
        .doesNotContainKey("retentionDuration");
    assertThat(saved.parties().get(0))
        .containsEntry("confidentialityBasis", "section-251-support")
        .containsEntry("nationalDataOptOut", true);
    assertThat(saved.parties().get(1))
        .containsEntry("processorTerms", "Contract NCC-DPC-7 (Article 28(3))");

    // check your answers shows the answers in words
    String check =
        call(get("/agreements/" + id + "/edit/check").with(partner)).getContentAsString();
    assertThat(check)
        .contains("Appropriate safeguards", "High risk, mitigated", "Section 251 support");
  }

  @Test
  void editor_asksAboutEveryFieldOfAnAgreement() {
    for (Field f : Field.values()) {
      assertThat(Questions.covers(f)).as(f.apiName()).isTrue();
    }
  }
}
