package org.datasharing.registry.web.register;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.oidcLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.datasharing.registry.core.Registry;
import org.datasharing.registry.core.agreement.AgreementContent;
import org.datasharing.registry.core.agreement.Field;
import org.datasharing.registry.core.common.Actor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The public pages, signed out: an agreement on the register opened in a browser is its public
 * record in plain English, with the public fields only (RDF stays available by Accept); the
 * privacy, cookies and accessibility pages are in every footer and the phase banner asks for
 * feedback.
 */
@SpringBootTest
@AutoConfigureMockMvc
class PublicPagesTest {
  static final String ID = "dsa-hospital-discharge";
  static final String PAGE = "/id/agreement/" + ID;

  @TempDir static Path dir;

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) {
    r.add("registry.store.data-dir", () -> dir.resolve("tdb2").toString());
    r.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", () -> "http://127.0.0.1:9/jwks");
    r.add("registry.feedback-address", () -> "tell-us@registry.test");
  }

  @Autowired MockMvc mvc;
  @Autowired Registry registry;

  String html(String path) throws Exception {
    MockHttpServletResponse r =
        mvc.perform(get(path).accept("text/html,application/xhtml+xml;q=0.9,*/*;q=0.8"))
            .andReturn()
            .getResponse();
    assertThat(r.getStatus()).isEqualTo(200);
    assertThat(r.getContentType()).startsWith("text/html");
    return r.getContentAsString();
  }

  /** What a reader sees of the main content: the text between tags, entities decoded. */
  static String visibleMain(String html) {
    String main = html.substring(html.indexOf("<main"), html.indexOf("</main>"));
    return main.replaceAll("(?s)<!--.*?-->", " ")
        .replaceAll("(?s)<[^>]*>", " ")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
        .replace("&quot;", "\"")
        .replaceAll("\\s+", " ");
  }

  /** The text of the version on the register, as the sharing organisations see it. */
  AgreementContent versionInForce() {
    var view = registry.agreements().get(Actor.system(), ID).value();
    int n = view.versionInForce().orElseThrow();
    return registry.agreements().version(Actor.system(), ID, n).value().content();
  }

  /**
   * A DPO who opens a public page stays signed in in its header (their name, "Sign out"): the
   * register page used to render the header as signed out, offering "Sign in" to someone who was.
   */
  @Test
  void signedInReader_seesThemselvesSignedIn_onEveryPublicPage() throws Exception {
    for (String path :
        List.of("/register", PAGE, "/catalog", "/datasets", "/privacy", "/cookies")) {
      MockHttpServletResponse r =
          mvc.perform(
                  get(path)
                      .accept("text/html")
                      .with(
                          oidcLogin()
                              .idToken(
                                  t ->
                                      t.subject("sub-dpo-trust")
                                          .claim("preferred_username", "dpo.trust")
                                          .claim("realm_access", Map.of("roles", List.of("dpo")))
                                          .claim(
                                              "organization",
                                              List.of("northshire-nhs-foundation-trust")))))
              .andReturn()
              .getResponse();
      assertThat(r.getStatus()).as(path).isEqualTo(200);
      assertThat(r.getContentAsString())
          .as("the header of %s", path)
          .contains("id=\"sign-out\"")
          .contains("dpo.trust")
          .doesNotContain("id=\"sign-in\"");
    }
  }

  @Test
  void browser_getsThePublicRecordInPlainEnglish_withoutRawIris() throws Exception {
    String html = html(PAGE);
    String text = visibleMain(html);
    assertThat(text)
        .contains("Hospital Discharge and Reablement Information Sharing")
        .contains("Why the data is shared", "Who shares the data, and under what law")
        .contains("National Health Service Act 2006") // the statutory power, now public
        .contains("8 years after the last contact") // retention
        .contains("securely destroyed") // destruction
        .contains("dpo@northshire-cc.example") // the DPO role mailbox
        .contains("Version history", "Approved by every organisation on")
        .contains("Public task")
        .doesNotContain("dpv:", "dsr:", "dct:", "odrl:", "https://w3id.org/", "http://")
        .doesNotContain("Priya Raman"); // the DPO's name is not published
    // the data-protection record laid out: retention in words, the published DPIA summary and
    // whether the data leaves the UK
    assertThat(text)
        .contains("Longest time it is kept", "8 years")
        .contains("Data protection impact assessment", "The assessment found no high risk")
        .contains(
            "Transfers outside the UK", "International transfers", "No transfer outside the UK");
    assertThat(html).contains("id=\"dpia-summary\"", "id=\"international-transfer\"");
    assertThat(html)
        .contains("href=\"/id/organisation/northshire-county-council\"")
        .contains("href=\"mailto:dpo@northshire-cc.example\"")
        .contains("href=\"/id/agreement/" + ID + "?format=turtle\"")
        .doesNotContain("style=\"");
    assertThat(html.substring(html.indexOf("<main"), html.indexOf("</main>")))
        .doesNotContain("<script");
  }

  @Test
  void page_andRegisterData_showThePublishedRecord_andNoFieldOutsideThePublicDisclosureModel()
      throws Exception {
    AgreementContent full = versionInForce();
    List<String> privateValues = new ArrayList<>();
    for (Field f : Field.values()) {
      Object v = full.fields().get(f.apiName());
      if (!Field.PUBLIC.contains(f) && v instanceof String s && s.length() > 12) {
        privateValues.add(s);
      }
    }
    for (Map<String, Object> p : full.parties()) {
      for (Field.PartyField f : Field.PartyField.values()) {
        if (!Field.PartyField.PUBLIC.contains(f) && p.get(f.apiName()) instanceof String s) {
          privateValues.add(s);
        }
      }
    }
    // the sample names a contact person for each party: withheld; the rest of the full text
    // (how access is arranged, say) is published (DSGA s.60(5))
    assertThat(privateValues).isNotEmpty();
    assertThat(full.fields()).containsKey(Field.ACCESS.apiName());
    String page = html(PAGE);
    String json = mvc.perform(get("/api/register")).andReturn().getResponse().getContentAsString();
    String csv =
        mvc.perform(get("/api/register").param("format", "csv"))
            .andReturn()
            .getResponse()
            .getContentAsString();
    String turtle =
        mvc.perform(get(PAGE).accept("text/turtle")).andReturn().getResponse().getContentAsString();
    // what the public record adds for s.19/s.32 (security, onward disclosure, the single point of
    // contact, whether the data identifies people) is in all four alike
    List<String> published =
        List.of(
            (String) full.fields().get(Field.SECURITY.apiName()),
            (String) full.fields().get(Field.ONWARD_DISCLOSURE.apiName()),
            (String) full.fields().get(Field.CONTACT_POINT.apiName()),
            (String) full.fields().get(Field.ACCESS.apiName()));
    for (String v : published) {
      assertThat(visibleMain(page)).as("page lacks " + v).contains(v);
      assertThat(json).as("JSON lacks " + v).contains(v);
      assertThat(csv).as("CSV lacks " + v).contains(v);
      assertThat(turtle).as("Turtle lacks " + v).contains(v);
    }
    assertThat(visibleMain(page)).contains("Identifies people?", "Identifies people");
    assertThat(json).contains("\"deidentification\":\"identifiable\"");
    assertThat(turtle).contains("deidentification/identifiable");
    for (String v : privateValues) {
      assertThat(visibleMain(page)).as("page shows " + v).doesNotContain(v);
      assertThat(json).as("JSON shows " + v).doesNotContain(v);
      assertThat(csv).as("CSV shows " + v).doesNotContain(v);
      assertThat(turtle).as("Turtle shows " + v).doesNotContain(v);
    }
  }

  @Test
  void fullText_ofTheVersionInForce_isPublished_withholdingOnlyContactsAndHiddenDatasets_inPlace()
      throws Exception {
    // MASH shares Child Protection Plans, which its publisher keeps out of the public catalogue
    String mash = "/id/agreement/dsa-mash-safeguarding";
    var view = registry.agreements().get(Actor.system(), "dsa-mash-safeguarding").value();
    var version =
        registry
            .agreements()
            .version(Actor.system(), "dsa-mash-safeguarding", view.versionInForce().orElseThrow())
            .value();
    String page = visibleMain(html(mash));
    assertThat(page)
        .contains("Full text of version " + version.number())
        .contains(version.contentHash())
        .contains("Withheld: " + Field.WITHHELD_DATASET)
        .contains("Withheld: " + Field.WITHHELD_CONTACT)
        // every clause under the editor's own question
        .contains("Describe the purpose", "Datasets shared", "Expected benefits");
    for (Object v : version.content().fields().values()) {
      if (v instanceof String text && text.length() > 12) {
        assertThat(page)
            .as("full text lacks " + text)
            .contains(text.replaceAll("\\s+", " ").replace("&quot;", "\""));
      }
    }
    String json = mvc.perform(get("/api/register")).andReturn().getResponse().getContentAsString();
    String csv =
        mvc.perform(get("/api/register").param("format", "csv"))
            .andReturn()
            .getResponse()
            .getContentAsString();
    String turtle =
        mvc.perform(get(mash).accept("text/turtle")).andReturn().getResponse().getContentAsString();
    assertThat(json).contains(Field.WITHHELD_DATASET, Field.WITHHELD_CONTACT);
    assertThat(csv).contains("Withheld: " + Field.WITHHELD_DATASET, version.contentHash());
    List<String> secret =
        new ArrayList<>(List.of("child-protection-plans", "Child Protection Plans"));
    for (Map<String, Object> p : version.content().parties()) {
      for (Field.PartyField f :
          List.of(Field.PartyField.CONTACT_EMAIL, Field.PartyField.CONTACT_NAME)) {
        if (p.get(f.apiName()) instanceof String s) {
          secret.add(s);
        }
      }
    }
    assertThat(secret).hasSizeGreaterThan(2);
    for (String v : secret) {
      assertThat(page).as("page shows " + v).doesNotContain(v);
      assertThat(json).as("JSON shows " + v).doesNotContain(v);
      assertThat(csv).as("CSV shows " + v).doesNotContain(v);
      assertThat(turtle).as("Turtle shows " + v).doesNotContain(v);
    }
  }

  @Test
  void rdfFormats_stayAlternates_byAccept() throws Exception {
    MockHttpServletResponse turtle =
        mvc.perform(get(PAGE).accept("text/turtle")).andReturn().getResponse();
    assertThat(turtle.getContentType()).startsWith("text/turtle");
    assertThat(turtle.getContentAsString()).contains("dsr:statutoryPower");
    assertThat(
            mvc.perform(get(PAGE).accept("application/ld+json"))
                .andReturn()
                .getResponse()
                .getContentType())
        .startsWith("application/ld+json");
  }

  @Test
  void draft_isNotConfirmed_toTheSignedOutPublic() throws Exception {
    assertThat(
            mvc.perform(get("/id/agreement/dsa-carers-support-referrals").accept("text/html"))
                .andReturn()
                .getResponse()
                .getStatus())
        .isEqualTo(404);
  }

  @Test
  void everyPage_linksPrivacyCookiesAndAccessibility_andAsksForFeedback() throws Exception {
    for (String path : List.of("/register", PAGE, "/privacy", "/cookies", "/accessibility")) {
      String html = html(path);
      String footer = html.substring(html.indexOf("<footer"));
      assertThat(footer)
          .as(path)
          .contains("href=\"/privacy\"", "href=\"/cookies\"", "href=\"/accessibility\"");
      assertThat(html.substring(html.indexOf("govuk-phase-banner"), html.indexOf("</main>")))
          .as(path)
          .contains("href=\"mailto:tell-us@registry.test\"");
    }
    assertThat(visibleMain(html("/privacy"))).contains("Privacy notice", "audit trail");
    assertThat(visibleMain(html("/cookies"))).contains("JSESSIONID", "do not use analytics");
    assertThat(visibleMain(html("/accessibility")))
        .contains("Accessibility statement", "WCAG", "Enforcement procedure");
  }
}
