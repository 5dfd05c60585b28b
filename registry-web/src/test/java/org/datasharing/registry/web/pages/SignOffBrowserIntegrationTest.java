package org.datasharing.registry.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.datasharing.registry.core.Registry;
import org.datasharing.registry.core.agreement.AgreementContent;
import org.datasharing.registry.core.common.Actor;
import org.datasharing.registry.web.devservices.SharedKeycloak;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * This session's new pages in a real browser against the real Keycloak, on the sample data: the
 * registry administrator sets the trust's approvals to need a senior officer's sign-off; the
 * trust's DPO approves; the trust's Caldicott Guardian signs in, finds the approval waiting, reads
 * the text and signs it off (first without the declaration); the agreement page shows the DPO's
 * review and the sign-off. A DPO records an incident (first with nothing filled in). A partner
 * answers the DPIA question "Yes" and sees its reveal. axe-core checks every page.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // one store: each step builds on the last
class SignOffBrowserIntegrationTest extends BrowserTestSupport {
  static final String SUBMITTED = "dsa-high-intensity-use"; // ambulance + trust + ICB
  static final String ACTIVE = "dsa-hospital-discharge"; // council + ICB + trust
  static final String TRUST = "northshire-nhs-foundation-trust";
  static final String COUNCIL = "northshire-county-council";

  @TempDir static Path dir;

  @Autowired Registry registry;

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) {
    r.add("registry.store.data-dir", () -> dir.resolve("tdb2").toString());
    // the administrator's organisation page lists the members from Keycloak's admin API
    SharedKeycloak.registerWithAdminApi(r);
  }

  void openAgreement(String id) {
    browser.open(base() + "/agreements/" + id);
    browser.waitFor("#agreement-status");
  }

  String banner() {
    return browser.text(".govuk-notification-banner__heading");
  }

  void noViolations() {
    assertThat(browser.violations())
        .as("axe-core (WCAG 2.2 AA) and Content-Security-Policy violations")
        .isEmpty();
  }

  @Test
  @Order(1)
  void administratorRequiresSignOff_dpoApproves_seniorOfficerReadsAndSignsOff() throws Exception {
    // the registry administrator: the trust's approvals need a senior officer's sign-off
    signIn("admin", null);
    browser.open(base() + "/admin/organisations/" + TRUST);
    browser.waitFor("#senior-sign-off-form");
    assertThat(browser.text("#sign-off-heading")).isEqualTo("Who signs off its approvals");
    assertThat(browser.find("[id='seniorSignOff-2']").isSelected()).isTrue();
    assertThat(browser.text("#members")).contains("caldicott.trust", "Senior officer");
    browser.click("[id='seniorSignOff']");
    browser.page("admin-organisation-signoff");
    browser.submit("#save-senior-sign-off");
    browser.waitFor("#senior-sign-off-form");
    assertThat(browser.find("[id='seniorSignOff']").isSelected()).isTrue();
    assertThat(registry.organisations().requiresSeniorSignOff(TRUST)).isTrue();
    signOut();

    // the trust's DPO approves, with the declaration: the approval awaits the sign-off
    signIn("dpo.trust", null);
    openAgreement(SUBMITTED);
    browser.click("#outcome");
    browser.click("#declaration");
    browser.submit("#record-decision");
    browser.waitFor(".govuk-notification-banner__heading");
    assertThat(banner()).contains("Approved on version 1");
    assertThat(browser.text("#parties")).contains("Awaiting senior officer's sign-off");
    signOut();

    // the Caldicott Guardian finds it waiting on the dashboard and reads the text
    signIn("caldicott.trust", null);
    browser.open(base() + "/");
    browser.waitFor("#awaiting-sign-off");
    assertThat(browser.text("#waiting-count")).isEqualTo("Waiting for you (1)");
    assertThat(browser.present("tr[data-agreement='" + SUBMITTED + "']")).isTrue();
    assertThat(browser.pageText()).doesNotContain("no registry role yet");
    browser.page("signoff-waiting");
    browser.click("tr[data-agreement='" + SUBMITTED + "'] a");
    browser.waitFor("#sign-off-form");
    assertThat(browser.text("#sign-off-text h2")).isEqualTo("Read version 1 before you sign off");
    assertThat(browser.present("#record-decision")).as("no DPO's decision form").isFalse();
    browser.page("signoff-form");

    // without the declaration: an error summary linking to it, and nothing recorded
    browser.submit("#record-sign-off");
    browser.waitFor(".govuk-error-summary");
    assertThat(
            browser.driver.findElements(By.cssSelector(".govuk-error-summary__list a")).stream()
                .map(a -> a.getDomAttribute("href"))
                .toList())
        .contains("#signOffDeclaration");
    assertThat(browser.present("#signOffDeclaration-error")).isTrue();
    browser.page("signoff-needs-declaration");

    browser.check("signOffDeclaration");
    browser.submit("#record-sign-off");
    browser.waitFor(".govuk-notification-banner__heading");
    assertThat(browser.present("#sign-off-form")).isFalse();
    String parties = browser.text("#parties");
    assertThat(parties).contains("DPO reviewed", "Signed off by");
    assertThat(parties).doesNotContain("Awaiting senior officer's sign-off");
    browser.page("agreement-signed-off");
    browser.open(base() + "/");
    browser.waitFor("#awaiting-sign-off");
    assertThat(browser.text("#waiting-count")).isEqualTo("Waiting for you (0)");
    signOut();
    noViolations();
  }

  @Test
  @Order(2)
  void dpoRecordsAnIncident_firstWithNothingFilledIn() throws Exception {
    signIn("dpo.trust", null);
    openAgreement(ACTIVE);
    browser.click("#record-incident summary");
    browser.submit("#record-incident-button");
    browser.waitFor(".govuk-error-summary");
    assertThat(
            browser.driver.findElements(By.cssSelector(".govuk-error-summary__list a")).stream()
                .map(a -> a.getDomAttribute("href"))
                .toList())
        .contains(
            "#discovered",
            "#incidentKind",
            "#incidentSeverity",
            "#incidentDescription",
            "#dataAffected");
    // the form stays open, showing each error at its field
    assertThat(browser.find("#record-incident").getDomAttribute("open")).isNotNull();
    assertThat(browser.present("#incidentKind-error")).isTrue();
    browser.page("incident-form-error");

    browser.type("discovered-day", "1");
    browser.type("discovered-month", "11");
    browser.type("discovered-year", "2026");
    browser.type("discoveredTime", "09:30");
    browser.check("incidentKind");
    browser.check("incidentSeverity-2");
    browser.type(
        "incidentDescription",
        "A discharge list was e-mailed to a care home that does not look after the people on it");
    browser.type("dataAffected", "Names, NHS numbers and discharge dates of 12 people");
    browser.submit("#record-incident-button");
    browser.waitFor(".govuk-notification-banner__heading");
    assertThat(browser.pageText())
        .contains("The incident is recorded")
        .contains("Report it to the ICO by");
    assertThat(browser.text("#incidents"))
        .contains("Names, NHS numbers and discharge dates of 12 people");
    browser.page("incident-recorded");
    signOut();
    noViolations();
  }

  @Test
  @Order(3)
  void partnerAnswersTheDpiaQuestionYes_andSeesItsQuestionsRevealed() throws Exception {
    Actor council =
        new Actor(
            "partner.council", "partner.council", Optional.of(COUNCIL), Set.of(Actor.Role.PARTNER));
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("title", "Carers' assessments");
    String draft =
        registry
            .agreements()
            .createDraft(
                council,
                Optional.empty(),
                new AgreementContent(
                    fields, List.of(Map.of("organisation", COUNCIL, "role", "controller"))))
            .orElseThrow()
            .id();

    signIn("partner.council", null);
    browser.open(base() + "/agreements/" + draft + "/edit/impact");
    browser.waitFor("[id='dpiaCarriedOut']");
    assertThat(browser.find("[id='dpiaReference']").isDisplayed()).isFalse();
    browser.click("[id='dpiaCarriedOut']");
    new WebDriverWait(browser.driver, Duration.ofSeconds(10))
        .until(ExpectedConditions.visibilityOfElementLocated(By.id("dpiaReference")));
    assertThat(browser.find("[id='noDpiaReason']").isDisplayed()).isFalse();
    // govuk-frontend tells assistive technology the reveal is open (its known axe exception)
    assertThat(browser.find("[id='dpiaCarriedOut']").getDomAttribute("aria-expanded"))
        .isEqualTo("true");
    browser.page("editor-dpia-yes");
    signOut();
    noViolations();
  }
}
