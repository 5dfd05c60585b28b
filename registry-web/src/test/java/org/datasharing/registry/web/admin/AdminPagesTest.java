package org.datasharing.registry.web.admin;

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
import org.datasharing.registry.core.Registry;
import org.datasharing.registry.core.identity.DirectoryException;
import org.datasharing.registry.core.identity.IdentityDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.OidcLoginRequestPostProcessor;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.convention.TestBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The registry-admin pages on the sample data, signed in with OIDC as in {@code UiPagesTest} (no
 * issuer configured), with Keycloak's directory in memory: only registry admins get in, onboarding
 * writes the registry and the directory, bad input shows the GOV.UK error summary, Keycloak trouble
 * a clear message.
 */
@SpringBootTest
@AutoConfigureMockMvc
class AdminPagesTest {
  @TempDir static Path dir;

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) {
    r.add("registry.store.data-dir", () -> dir.resolve("tdb2").toString());
    r.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", () -> "http://127.0.0.1:9/jwks");
  }

  static final InMemoryDirectory KEYCLOAK = new InMemoryDirectory();

  @TestBean IdentityDirectory directory;

  static IdentityDirectory directory() {
    return KEYCLOAK;
  }

  static final String COUNCIL = "northshire-county-council"; // party to an agreement in force

  @Autowired MockMvc mvc;
  @Autowired Registry registry;

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

  static final OidcLoginRequestPostProcessor ADMIN = user("admin", "registry-admin", null);

  MockHttpServletResponse call(MockHttpServletRequestBuilder request) throws Exception {
    return mvc.perform(request).andReturn().getResponse();
  }

  @AfterEach
  void keycloakBack() {
    KEYCLOAK.failing = null;
  }

  static MockHttpServletRequestBuilder onboard(String id, String name, String domain) {
    return post("/admin/organisations/new")
        .with(ADMIN)
        .with(csrf())
        .param("id", id)
        .param("name", name)
        .param("type", "fire-and-rescue")
        .param("sector", "fire")
        .param("domain", domain)
        .param("dpoName", "Alex Morgan")
        .param("dpoEmail", "alex.morgan@" + domain);
  }

  @Test
  void admin_seesTheOrganisations_andOnboardsOneInTheRegistryAndKeycloak() throws Exception {
    MockHttpServletResponse list = call(get("/admin").with(ADMIN));
    assertThat(list.getStatus()).isEqualTo(200);
    assertThat(list.getContentAsString())
        .contains("Northshire County Council", "govuk-tag", "Onboard an organisation")
        .contains("id=\"admin-nav\"");

    String form = call(get("/admin/organisations/new").with(ADMIN)).getContentAsString();
    assertThat(form)
        .contains("name=\"_csrf\"", "<select", "value=\"fire-and-rescue\"", "value=\"fire\"");

    MvcResult done =
        mvc.perform(
                onboard(
                    "northshire-fire-and-rescue",
                    "Northshire Fire and Rescue Service",
                    "northshire-fire.example"))
            .andReturn();
    assertThat(done.getResponse().getStatus()).isEqualTo(302);
    assertThat(done.getResponse().getRedirectedUrl())
        .isEqualTo("/admin/organisations/northshire-fire-and-rescue");
    assertThat(done.getFlashMap().get("success").toString()).contains("in Keycloak");
    assertThat(registry.organisations().get("northshire-fire-and-rescue")).isPresent();
    assertThat(KEYCLOAK.organisations).containsKey("northshire-fire-and-rescue");

    String members =
        call(get("/admin/organisations/northshire-fire-and-rescue").with(ADMIN))
            .getContentAsString();
    assertThat(members).contains("Northshire Fire and Rescue Service", "Add a member");
    assertThat(call(get("/admin").with(ADMIN)).getContentAsString()).contains("In Keycloak");
  }

  @Test
  void admin_changesAnOrganisationsDetails_inTheRegistryAndKeycloak_keepingItsIdentifier()
      throws Exception {
    mvc.perform(onboard("northshire-coroner", "Northshire Coroner", "northshire-coroner.example"));
    String form =
        call(get("/admin/organisations/northshire-coroner/edit").with(ADMIN)).getContentAsString();
    assertThat(form)
        .contains("Change the organisation's details", "value=\"Northshire Coroner\"")
        .doesNotContain("id=\"id\"");

    MockHttpServletResponse blank =
        call(
            post("/admin/organisations/northshire-coroner/edit")
                .with(ADMIN)
                .with(csrf())
                .param("name", "")
                .param("type", "fire-and-rescue")
                .param("sector", "fire")
                .param("domain", "northshire-coroner.example"));
    assertThat(blank.getStatus()).isEqualTo(422);
    assertThat(blank.getContentAsString()).contains("govuk-error-summary", "href=\"#name\"");
    assertThat(registry.organisations().get("northshire-coroner").orElseThrow().name())
        .isEqualTo("Northshire Coroner");

    MvcResult saved =
        mvc.perform(
                post("/admin/organisations/northshire-coroner/edit")
                    .with(ADMIN)
                    .with(csrf())
                    .param("id", "an-attempt-to-rename")
                    .param("name", "HM Coroner for Northshire")
                    .param("type", "fire-and-rescue")
                    .param("sector", "fire")
                    .param("domain", "coroner.northshire.example")
                    .param("dpoName", "Alex Morgan")
                    .param("dpoEmail", "alex.morgan@coroner.northshire.example"))
            .andReturn();
    assertThat(saved.getResponse().getRedirectedUrl())
        .isEqualTo("/admin/organisations/northshire-coroner");
    assertThat(registry.organisations().get("northshire-coroner").orElseThrow().name())
        .isEqualTo("HM Coroner for Northshire");
    assertThat(registry.organisations().get("an-attempt-to-rename")).isEmpty();
    assertThat(KEYCLOAK.organisations.get("northshire-coroner").name())
        .isEqualTo("HM Coroner for Northshire");
    assertThat(KEYCLOAK.organisations.get("northshire-coroner").domains())
        .containsExactly("coroner.northshire.example");
    assertThat(call(get("/admin/organisations/no-such-org/edit").with(ADMIN)).getStatus())
        .isEqualTo(404);
  }

  @Test
  void othersAreRefused_andSignedOutVisitorsSentToSignIn() throws Exception {
    var dpo = user("dpo.council", "dpo", COUNCIL);
    for (String page : List.of("/admin", "/admin/organisations/new", "/admin/reconciliation")) {
      assertThat(call(get(page).with(dpo)).getStatus()).as(page).isEqualTo(403);
      MockHttpServletResponse out = call(get(page));
      assertThat(out.getStatus()).as(page).isEqualTo(302);
      assertThat(out.getRedirectedUrl()).endsWith("/sign-in");
    }
    MockHttpServletResponse refused =
        call(
            post("/admin/organisations/new")
                .with(dpo)
                .with(csrf())
                .param("id", "dpo-made")
                .param("name", "Made by a DPO"));
    assertThat(refused.getStatus()).isEqualTo(403);
    assertThat(registry.organisations().get("dpo-made")).isEmpty();
    assertThat(
            call(post("/admin/organisations/" + COUNCIL + "/edit")
                    .with(dpo)
                    .with(csrf())
                    .param("name", "Renamed by a DPO"))
                .getStatus())
        .isEqualTo(403);
    assertThat(registry.organisations().get(COUNCIL).orElseThrow().name())
        .isEqualTo("Northshire County Council");
    assertThat(call(get("/admin/organisations/" + COUNCIL + "/edit").with(dpo)).getStatus())
        .isEqualTo(403);
    assertThat(
            call(post("/admin/reconciliation/pending/any/discard").with(dpo).with(csrf()))
                .getStatus())
        .isEqualTo(403);
    assertThat(call(get("/").with(dpo)).getContentAsString()).doesNotContain("id=\"admin-nav\"");
    // no CSRF token: not posted
    assertThat(call(post("/admin/reconciliation/apply").with(ADMIN)).getStatus()).isNotEqualTo(200);
  }

  @Test
  void aMissingField_showsTheErrorSummary_linkingToTheField() throws Exception {
    MockHttpServletResponse r =
        call(
            post("/admin/organisations/new")
                .with(ADMIN)
                .with(csrf())
                .param("id", "castle-watch")
                .param("type", "fire-and-rescue")
                .param("sector", "fire")
                .param("domain", "castle-watch.example"));
    assertThat(r.getStatus()).isEqualTo(422);
    String html = r.getContentAsString();
    assertThat(html).contains("govuk-error-summary", "There is a problem");
    List<String> anchors = new ArrayList<>();
    Matcher summary = Pattern.compile("<li><a href=\"#([^\"]+)\">").matcher(html);
    while (summary.find()) {
      anchors.add(summary.group(1));
    }
    assertThat(anchors).contains("name");
    for (String anchor : anchors) {
      assertThat(html).as("an input for #" + anchor).contains("id=\"" + anchor + "\"");
    }
    assertThat(html).contains("value=\"castle-watch.example\""); // the answers are kept
    assertThat(registry.organisations().get("castle-watch")).isEmpty();
  }

  @Test
  void keycloakDown_onboardingIsRecordedAsPending_withAClearMessage() throws Exception {
    KEYCLOAK.failing = DirectoryException.Kind.NO_ANSWER;
    MvcResult r =
        mvc.perform(onboard("northshire-coastguard", "Northshire Coastguard", "coastguard.example"))
            .andReturn();
    assertThat(r.getResponse().getStatus()).isEqualTo(302);
    assertThat(r.getFlashMap().get("notice").toString())
        .contains("Keycloak did not answer", "when reconciliation runs");
    assertThat(registry.organisations().get("northshire-coastguard")).isPresent();
    String admin = call(get("/admin").with(ADMIN)).getContentAsString();
    assertThat(admin).contains("Keycloak did not answer", "Pending");
  }

  @Test
  void aPendingOperation_canBeGivenUp_onTheReconciliationPage_withAnAuditEvent() throws Exception {
    KEYCLOAK.failing = DirectoryException.Kind.NO_ANSWER;
    mvc.perform(onboard("northshire-lifeboats", "Northshire Lifeboats", "lifeboats.example"));
    KEYCLOAK.failing = null;
    String page = call(get("/admin/reconciliation").with(ADMIN)).getContentAsString();
    Matcher discard =
        Pattern.compile(
                "northshire-lifeboats in Keycloak</td>.*?href=\"(/admin/reconciliation/pending/[^\"]+/discard)\"",
                Pattern.DOTALL)
            .matcher(page);
    assertThat(discard.find()).as("a Give up link").isTrue();
    String confirm = call(get(discard.group(1)).with(ADMIN)).getContentAsString();
    assertThat(confirm)
        .contains("Are you sure", "create organisation northshire-lifeboats in Keycloak")
        .contains("action=\"" + discard.group(1) + "\"");
    assertThat(page).contains("Keycloak did not answer");
    long events = registry.store().logHead().size();

    MvcResult gaveUp = mvc.perform(post(discard.group(1)).with(ADMIN).with(csrf())).andReturn();

    assertThat(gaveUp.getResponse().getRedirectedUrl()).isEqualTo("/admin/reconciliation");
    assertThat(gaveUp.getFlashMap().get("success").toString()).startsWith("Given up:");
    assertThat(registry.store().logHead().size()).isEqualTo(events + 1);
    assertThat(call(get("/admin/reconciliation").with(ADMIN)).getContentAsString())
        .doesNotContain(discard.group(1));
    assertThat(call(post(discard.group(1)).with(ADMIN).with(csrf())).getStatus()).isEqualTo(404);
  }

  @Test
  void members_canBeAdded_andTheLastDpoOfAPartyToAnAgreementIsNotRemoved() throws Exception {
    MockHttpServletResponse added =
        call(
            post("/admin/organisations/" + COUNCIL + "/members")
                .with(ADMIN)
                .with(csrf())
                .param("username", "dpo.council")
                .param("email", "dpo@northshire-cc.example")
                .param("firstName", "Dee")
                .param("lastName", "Poe")
                .param("role", "dpo"));
    assertThat(added.getStatus()).isEqualTo(302);
    String page = call(get("/admin/organisations/" + COUNCIL).with(ADMIN)).getContentAsString();
    assertThat(page).contains("dpo.council", "id=\"remove-dpo.council\"");

    MockHttpServletResponse refused =
        call(
            post("/admin/organisations/" + COUNCIL + "/members/dpo.council/remove")
                .with(ADMIN)
                .with(csrf()));
    assertThat(refused.getStatus()).isEqualTo(409);
    assertThat(refused.getContentAsString())
        .contains("govuk-error-summary", "href=\"#remove-dpo.council\"");

    MockHttpServletResponse invalid =
        call(
            post("/admin/organisations/" + COUNCIL + "/members")
                .with(ADMIN)
                .with(csrf())
                .param("email", "not-an-address")
                .param("role", "king"));
    assertThat(invalid.getStatus()).isEqualTo(422);
    assertThat(invalid.getContentAsString())
        .contains("href=\"#email\"", "href=\"#role\"", "href=\"#firstName\"");
  }

  @Test
  void aSeniorOfficerMember_isListedAsSeniorOfficer_notAsPartner() throws Exception {
    MockHttpServletResponse added =
        call(
            post("/admin/organisations/" + COUNCIL + "/members")
                .with(ADMIN)
                .with(csrf())
                .param("username", "siro.council.2")
                .param("email", "siro2@northshire-cc.example")
                .param("firstName", "Sam")
                .param("lastName", "Irons")
                .param("role", "senior-officer"));
    assertThat(added.getStatus()).isEqualTo(302);

    String page = call(get("/admin/organisations/" + COUNCIL).with(ADMIN)).getContentAsString();

    assertThat(page)
        .containsPattern("siro\\.council\\.2</td>(?s:(?!</tr>).)*>Senior officer</strong>");
  }

  @Test
  void reconciliation_listsTheDifferences_andApplyFixesThem() throws Exception {
    MockHttpServletResponse report = call(get("/admin/reconciliation").with(ADMIN));
    assertThat(report.getStatus()).isEqualTo(200);
    assertThat(report.getContentAsString())
        .contains("Reconciliation with Keycloak", "id=\"differences\"", "Apply all fixable");

    MockHttpServletResponse applied =
        call(post("/admin/reconciliation/apply").with(ADMIN).with(csrf()));
    assertThat(applied.getStatus()).isEqualTo(200);
    assertThat(applied.getContentAsString()).contains("What was applied", "Applied");
    assertThat(KEYCLOAK.organisations).containsKey(COUNCIL);
  }
}
