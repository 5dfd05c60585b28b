package org.datasharing.registry.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.oidcLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.datasharing.registry.core.Registry;
import org.datasharing.registry.core.agreement.AgreementContent;
import org.datasharing.registry.core.common.Actor;
import org.datasharing.registry.core.support.TestRegistry;
import org.junit.jupiter.api.BeforeEach;
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
 * The work queues of the dashboards and the agreement list on the sample data plus two agreements
 * with the same title drafted by the ICB's partner (one submitted to the Trust's DPO): each queue
 * lists the agreements the policy puts there, the list sorts, filters and searches, and an unknown
 * parameter value is named in the error summary (pages) and in a 422 problem (API).
 */
@SpringBootTest
@AutoConfigureMockMvc
class WorkQueuesTest {
  @TempDir static Path dir;

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) {
    r.add("registry.store.data-dir", () -> dir.resolve("tdb2").toString());
    r.add("registry.store.backup-dir", () -> dir.resolve("backups").toString());
    r.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", () -> "http://127.0.0.1:9/jwks");
  }

  static final String ICB = "northshire-integrated-care-board";
  static final String COUNCIL = "northshire-county-council";
  static final String TRUST = "northshire-nhs-foundation-trust";
  static final String SAMPLE_SUBMITTED = "dsa-high-intensity-use"; // ambulance, trust, ICB
  static final String SAMPLE_ACTIVE = "dsa-hospital-discharge"; // trust, council, ICB
  static final String SAMPLE_APPROVED = "dsa-mash-safeguarding"; // council, police, trust, MH
  static final String SAMPLE_DRAFT = "dsa-carers-support-referrals"; // council, carers trust
  static final String SAMPLE_CHANGES = "dsa-homelessness-prevention"; // council, district, HA
  static final String SUBMITTED = "dsa-queue-submitted";
  static final String DRAFT = "dsa-queue-draft";
  static final String SAME_TITLE = "Queue test: discharge letters";

  @Autowired MockMvc mvc;
  @Autowired Registry registry;
  @Autowired org.datasharing.registry.core.notification.Outbox outbox;

  private static boolean prepared;

  @BeforeEach
  void twoAgreementsWithTheSameTitle() {
    synchronized (WorkQueuesTest.class) {
      if (prepared) {
        return;
      }
      prepared = true;
    }
    String dataset = registry.catalog().list(partner(ICB)).get(0).id();
    var a = registry.agreements();
    for (String id : List.of(SUBMITTED, DRAFT)) {
      Map<String, Object> fields =
          new java.util.LinkedHashMap<>(
              ApiFlowIntegrationTest.fields(
                  dataset, registry.catalog().find(dataset).orElseThrow().dataItems(), true));
      fields.put("title", SAME_TITLE);
      TestRegistry.draft(
              a,
              partner(ICB),
              Optional.of(id),
              new AgreementContent(
                  fields,
                  List.of(ApiFlowIntegrationTest.party(ICB), ApiFlowIntegrationTest.party(TRUST))))
          .orElseThrow();
    }
    a.submit(partner(ICB), SUBMITTED).orElseThrow();
  }

  static Actor partner(String org) {
    return new Actor("p-" + org, "partner." + org, Optional.of(org), Set.of(Actor.Role.PARTNER));
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

  /** The part of a page from the heading with this id to the next second-level heading. */
  static String section(String html, String id) {
    int start = html.indexOf("id=\"" + id + "\"");
    assertThat(start).as("section " + id).isPositive();
    int end = html.indexOf("<h2", start);
    return html.substring(start, end < 0 ? html.length() : end);
  }

  @Test
  void dpoDashboard_queuesWhatWaitsForTheirDecision_whatIsInForce_andReviews() throws Exception {
    String html = call(get("/").with(user("dpo.trust", "dpo", TRUST))).getContentAsString();
    String waiting = section(html, "awaiting-decision");
    assertThat(waiting)
        .contains("Waiting for your decision")
        .contains(
            "data-agreement=\"" + SUBMITTED + "\"", "data-agreement=\"" + SAMPLE_SUBMITTED + "\"")
        .doesNotContain(
            "data-agreement=\"" + DRAFT + "\"", "data-agreement=\"" + SAMPLE_ACTIVE + "\"")
        // submitted date (UK day), the drafting organisation and the parties by name, the age
        .contains("Northshire Integrated Care Board", "Northshire NHS Foundation Trust", "Today")
        .containsPattern("\\d{1,2} [A-Z][a-z]+ 20\\d\\d")
        .doesNotContain(ICB + "</li>");
    String inForce = section(html, "in-force");
    assertThat(inForce)
        .contains(
            "data-agreement=\"" + SAMPLE_ACTIVE + "\"",
            "data-agreement=\"" + SAMPLE_APPROVED + "\"")
        .doesNotContain("data-agreement=\"" + SUBMITTED + "\"");
    assertThat(html).contains("Review due");
  }

  @Test
  void header_countsWhatWaitsForTheSignedInDposDecision_linkingToTheQueue() throws Exception {
    int waiting =
        registry
            .agreements()
            .list(new Actor("x", "dpo.trust", Optional.of(TRUST), Set.of(Actor.Role.DPO)))
            .size(); // an upper bound: the page's count comes from the policy
    String html =
        call(get("/agreements").with(user("dpo.trust", "dpo", TRUST))).getContentAsString();
    String queue =
        section(
            call(get("/").with(user("dpo.trust", "dpo", TRUST))).getContentAsString(),
            "awaiting-decision");
    long rows = queue.split("data-agreement=\"", -1).length - 1;
    assertThat(rows).isPositive().isLessThan(waiting);
    assertThat(html)
        .contains(
            "href=\"/#awaiting-decision\" id=\"waiting-count\">Waiting for you (" + rows + ")");
    assertThat(call(get("/").with(user("partner.icb", "partner", ICB))).getContentAsString())
        .doesNotContain("id=\"waiting-count\"");
  }

  @Test
  void partnerDashboards_queueDrafts_whatIsWithTheDpos_andChangesRequested() throws Exception {
    String icb = call(get("/").with(user("partner.icb", "partner", ICB))).getContentAsString();
    assertThat(section(icb, "drafts"))
        .contains("data-agreement=\"" + DRAFT + "\"")
        .doesNotContain("data-agreement=\"" + SUBMITTED + "\"");
    String withDpos = section(icb, "awaiting-others");
    assertThat(withDpos)
        .contains("With DPOs", "data-agreement=\"" + SUBMITTED + "\"")
        .contains("data-agreement=\"" + SAMPLE_SUBMITTED + "\"")
        // whose decision it still waits for: the policy's deciders, by name
        .contains(
            "Waiting for NHS Northshire Integrated Care Board, Northshire NHS Foundation Trust");
    assertThat(icb).doesNotContain("Waiting for your decision");

    String council =
        call(get("/").with(user("partner.council", "partner", COUNCIL))).getContentAsString();
    assertThat(section(council, "changes-requested"))
        .contains("data-agreement=\"" + SAMPLE_CHANGES + "\"");
    assertThat(section(council, "drafts"))
        .contains("data-agreement=\"" + SAMPLE_DRAFT + "\"")
        .doesNotContain("data-agreement=\"" + SAMPLE_CHANGES + "\"");
  }

  @Test
  void adminDashboard_listsNotificationsThatWereNotDelivered_withWhy() throws Exception {
    // no mail server in this test: the "decision needed" of the submitted agreement waits; fail it
    var waiting =
        outbox
            .inState(org.datasharing.registry.core.notification.Notification.State.PENDING)
            .stream()
            .filter(n -> n.agreement().getURI().endsWith("/" + SUBMITTED))
            .findFirst()
            .orElseThrow();
    outbox.finish(
        waiting,
        org.datasharing.registry.core.notification.Notification.State.FAILED,
        Optional.of("The mail server refused every address"),
        java.time.Instant.now());

    String html = call(get("/").with(user("admin", "registry-admin", null))).getContentAsString();

    int failed =
        outbox.inState(org.datasharing.registry.core.notification.Notification.State.FAILED).size();
    assertThat(html)
        .containsPattern("id=\"count-failed-notifications\">" + failed + "<")
        .contains("id=\"admin-failed-notifications\"", "The mail server refused every address")
        .contains("href=\"/agreements/" + SUBMITTED + "\"");
  }

  @Test
  void adminDashboard_showsTheRegistry_notTheNoRoleMessage() throws Exception {
    String html = call(get("/").with(user("admin", "registry-admin", null))).getContentAsString();
    assertThat(html)
        .doesNotContain("no registry role yet")
        .contains("id=\"count-organisations\"", "href=\"/admin/reconciliation\"")
        .contains("Members by organisation", "href=\"/admin/organisations/" + COUNCIL + "\"")
        .contains("No backup yet", "Back up now");
    int organisations = registry.organisations().list().size();
    assertThat(html).containsPattern("id=\"count-organisations\">" + organisations + "<");

    MockHttpServletResponse backup =
        call(post("/admin/backups").with(user("admin", "registry-admin", null)).with(csrf()));
    assertThat(backup.getRedirectedUrl()).isEqualTo("/");
    assertThat(call(get("/").with(user("admin", "registry-admin", null))).getContentAsString())
        .containsPattern("id=\"latest-backup\">registry-[0-9TZ.]+\\.nq\\.gz, ");
    assertThat(
            call(post("/admin/backups").with(user("dpo.trust", "dpo", TRUST)).with(csrf()))
                .getStatus())
        .isEqualTo(403);
  }

  @Test
  void agreementList_showsSubmittedDate_submitter_andIdentifier_soSameTitlesDiffer()
      throws Exception {
    String html =
        call(get("/agreements").with(user("partner.icb", "partner", ICB))).getContentAsString();
    assertThat(html)
        .contains(SUBMITTED + "</span>", DRAFT + "</span>", "Not submitted")
        .contains("Northshire Integrated Care Board")
        .contains("Submitted");
  }

  @Test
  void agreementList_sorts_filtersByStatusOrganisationPurpose_andSearchesTitles() throws Exception {
    var auditor = user("auditor", "auditor", null);
    String byTitle =
        call(get("/agreements").param("sort", "title").with(auditor)).getContentAsString();
    // "Carers Support Referrals" before "High Intensity Use Service"
    assertThat(byTitle.indexOf(SAMPLE_DRAFT + "</span>"))
        .isPositive()
        .isLessThan(byTitle.indexOf(SAMPLE_SUBMITTED + "</span>"));
    String reversed =
        call(get("/agreements").param("sort", "-title").with(auditor)).getContentAsString();
    assertThat(reversed.indexOf(SAMPLE_DRAFT + "</span>"))
        .isGreaterThan(reversed.indexOf(SAMPLE_SUBMITTED + "</span>"));
    // newest submitted first: only the test's agreement records a submission date
    String newest =
        call(get("/agreements").param("sort", "-submitted").with(auditor)).getContentAsString();
    assertThat(newest.indexOf(SUBMITTED + "</span>")).isLessThan(newest.indexOf(DRAFT + "</span>"));

    String submitted =
        call(get("/agreements").param("status", "submitted").with(auditor)).getContentAsString();
    assertThat(submitted)
        .contains(SUBMITTED + "</span>", SAMPLE_SUBMITTED + "</span>")
        .doesNotContain(DRAFT + "</span>", SAMPLE_ACTIVE + "</span>");
    String police =
        call(get("/agreements").param("organisation", "northshire-police").with(auditor))
            .getContentAsString();
    assertThat(police)
        .contains(SAMPLE_APPROVED + "</span>")
        .doesNotContain(SAMPLE_DRAFT + "</span>");
    String homes =
        call(get("/agreements").param("purpose", "homelessness-prevention").with(auditor))
            .getContentAsString();
    assertThat(homes)
        .contains(SAMPLE_CHANGES + "</span>")
        .doesNotContain(SAMPLE_ACTIVE + "</span>");
    String carers =
        call(get("/agreements").param("q", "CARERS").with(auditor)).getContentAsString();
    assertThat(carers).contains(SAMPLE_DRAFT + "</span>").doesNotContain(SAMPLE_ACTIVE + "</span>");
  }

  @Test
  void agreementList_namesTheParameter_whenAValueIsUnknown() throws Exception {
    MockHttpServletResponse r =
        call(get("/agreements").param("sort", "colour").with(user("dpo.trust", "dpo", TRUST)));
    assertThat(r.getStatus()).isEqualTo(422);
    assertThat(r.getContentAsString())
        .contains(
            "govuk-error-summary",
            "href=\"#filter-sort\"",
            "Sort by one of title, submitted, status")
        .doesNotContain("id=\"agreement-list\"");
    assertThat(
            call(get("/agreements")
                    .param("status", "pending")
                    .with(user("dpo.trust", "dpo", TRUST)))
                .getContentAsString())
        .contains("href=\"#filter-status\"");

    MockHttpServletResponse api =
        call(
            get("/api/agreements")
                .param("sort", "colour")
                .with(
                    jwt()
                        .jwt(
                            j ->
                                j.subject("sub-auditor")
                                    .claim("preferred_username", "auditor")
                                    .claim("realm_access", Map.of("roles", List.of("auditor"))))));
    assertThat(api.getStatus()).isEqualTo(422);
    assertThat(api.getContentType()).contains("problem+json");
    assertThat(api.getContentAsString()).contains("\"field\":\"sort\"");
  }
}
