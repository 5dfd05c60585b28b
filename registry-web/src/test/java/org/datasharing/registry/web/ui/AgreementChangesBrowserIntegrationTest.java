package org.datasharing.registry.web.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.datasharing.registry.web.devservices.KeycloakDevServiceStarter;
import org.datasharing.registry.web.devservices.SharedKeycloak;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The rest of an agreement's life, and the administrator's pages, in a real browser against the
 * real Keycloak, on the sample data: a DPO asks for changes (a reason is required), a partner
 * drafts version 2 and resubmits it, a DPO rejects it; a DPO suspends and resumes an agreement in
 * force; a partner amends it while it stays in force; the registry administrator onboards an
 * organisation into the registry and Keycloak and compares the two. axe-core checks every page.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AgreementChangesBrowserIntegrationTest extends BrowserTestSupport {
  static final String SUBMITTED = "dsa-high-intensity-use"; // ambulance + trust + ICB
  static final String ACTIVE = "dsa-hospital-discharge"; // council + ICB + trust

  @TempDir static Path dir;

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) {
    r.add("registry.store.data-dir", () -> dir.resolve("tdb2").toString());
    r.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", SharedKeycloak::issuerUri);
    // the Keycloak dev service is in use: the admin pages may use the sample realm's dev secret
    r.add(KeycloakDevServiceStarter.ISSUER_OUT_PROPERTY, SharedKeycloak::issuerUri);
  }

  void openAgreement(String id) {
    browser.open(base() + "/agreements/" + id);
    browser.waitFor("#agreement-status");
  }

  String banner() {
    return browser.text(".govuk-notification-banner__heading");
  }

  @Test
  @Order(1)
  void changesRequested_revised_resubmitted_thenRejected() throws Exception {
    // a DPO asks for changes: without a reason the form says one is needed
    signIn("dpo.trust", null);
    openAgreement(SUBMITTED);
    browser.click("#outcome-2");
    browser.submit("#record-decision");
    browser.waitFor(".govuk-error-summary");
    assertThat(browser.text(".govuk-error-summary__list")).isNotBlank();
    assertThat(browser.present("#reason-error")).isTrue();
    browser.page("request-changes-needs-a-reason");
    browser.click("#outcome-2");
    browser.type("reason", "Name the trust's Caldicott Guardian in the sign-off.");
    browser.submit("#record-decision");
    browser.waitFor(".govuk-notification-banner__heading");
    assertThat(banner()).contains("Changes requested on version 1");
    assertThat(browser.text("#agreement-status")).contains("Changes requested");
    browser.page("changes-requested");
    signOut();

    // a partner of a party reads the reason, drafts version 2 and submits it unchanged but for
    // the sign-off
    signIn("partner.icb", null);
    openAgreement(SUBMITTED);
    assertThat(browser.pageText()).contains("Name the trust's Caldicott Guardian in the sign-off.");
    browser.click("#revise");
    browser.waitFor("#tasks");
    assertThat(banner()).contains("New draft version started");
    assertThat(browser.text(".govuk-caption-l")).isEqualTo("Draft, version 2");
    browser.page("revise-task-list");
    browser.click("#task-impact");
    browser.waitFor("#seniorSignOff");
    browser.type(
        "seniorSignOff", "Dr A. Patel, Caldicott Guardian, Northshire NHS Foundation Trust");
    browser.click("#save-and-continue");
    browser.waitForUrl(base() + "/agreements/" + SUBMITTED + "/edit/dates");
    browser.open(base() + "/agreements/" + SUBMITTED + "/edit/check");
    assertThat(browser.text("#answer-seniorSignOff")).contains("Dr A. Patel");
    browser.click("#submit-agreement");
    browser.waitForUrl(base() + "/agreements/" + SUBMITTED);
    assertThat(browser.text("#agreement-status")).contains("Submitted");
    signOut();

    // the DPO compares the versions, then rejects version 2 with a reason
    signIn("dpo.trust", null);
    browser.open(base() + "/agreements/" + SUBMITTED + "?from=1&to=2#diff");
    assertThat(browser.text("#diff-table")).contains("Dr A. Patel");
    browser.page("diff-version-1-2");
    browser.click("#outcome-3");
    browser.type("reason", "The trust will not share this data for this purpose.");
    browser.submit("#record-decision");
    browser.waitFor(".govuk-notification-banner__heading");
    assertThat(banner()).contains("Rejected on version 2");
    assertThat(browser.text("#agreement-status")).contains("Rejected");
    browser.page("rejected");
    signOut();
    assertThat(browser.violations())
        .as("axe-core (WCAG 2.2 AA) and Content-Security-Policy violations")
        .isEmpty();
  }

  @Test
  @Order(2)
  void agreementInForce_suspendedAndResumed_thenAmendedWhileStillInForce() throws Exception {
    signIn("dpo.council", null);
    openAgreement(ACTIVE);
    assertThat(browser.text("#agreement-status")).contains("Active");
    browser.click("#action"); // suspend
    browser.submit("#confirm-status");
    browser.waitFor(".govuk-error-summary");
    assertThat(browser.present("#statusReason-error")).isTrue();
    browser.page("suspend-needs-a-reason");
    browser.click("#action");
    browser.type("statusReason", "Breach under investigation.");
    browser.submit("#confirm-status");
    browser.waitFor(".govuk-notification-banner__heading");
    assertThat(browser.text("#agreement-status")).contains("Suspended");
    browser.page("suspended");
    browser.click("#action"); // resume
    browser.type("statusReason", "Investigation closed; no data was lost.");
    browser.submit("#confirm-status");
    browser.waitFor(".govuk-notification-banner__heading");
    assertThat(browser.text("#agreement-status")).contains("Active");
    assertThat(browser.text("#timeline")).contains("Breach under investigation.");
    signOut();

    // a partner amends it: a new draft version while the approved one stays in force
    signIn("partner.council", null);
    openAgreement(ACTIVE);
    browser.click("#amend");
    browser.waitFor("#tasks");
    browser.page("amend-task-list");
    browser.click("#task-retention");
    browser.waitFor("#retentionPeriod");
    browser.type("retentionPeriod", "18 months");
    browser.click("#save-draft");
    browser.waitFor("#tasks");
    assertThat(banner()).contains("Your answers are saved");
    browser.click("#check-answers");
    browser.click("#submit-agreement");
    browser.waitForUrl(base() + "/agreements/" + ACTIVE);
    assertThat(browser.text("#agreement-status")).contains("Active");
    browser.page("amendment-submitted");
    signOut();
    assertThat(browser.violations())
        .as("axe-core (WCAG 2.2 AA) and Content-Security-Policy violations")
        .isEmpty();
  }

  @Test
  @Order(3)
  void administrator_onboardsAnOrganisation_intoTheRegistryAndKeycloak() throws Exception {
    signIn("admin", null);
    browser.click("#admin-nav");
    browser.waitFor("#organisations");
    assertThat(browser.text("#organisations")).contains("Northshire County Council");
    browser.page("admin-organisations");
    browser.click("#onboard");
    browser.waitFor("#organisation-form");
    browser.type("id", "northshire-libraries");
    browser.click("#submit");
    browser.waitFor(".govuk-error-summary");
    assertThat(browser.driver.findElements(By.cssSelector(".govuk-error-summary__list a")))
        .extracting(a -> a.getDomAttribute("href"))
        .contains("#name");
    browser.page("admin-onboard-errors");
    browser.type("name", "Northshire Libraries");
    new Select(browser.find("[id='type']")).selectByIndex(1);
    new Select(browser.find("[id='sector']")).selectByIndex(1);
    browser.type("domain", "northshire-libraries.example");
    browser.type("dpoName", "Sam Okafor");
    browser.type("dpoEmail", "sam.okafor@northshire-libraries.example");
    browser.click("#submit");
    browser.waitForUrl(base() + "/admin/organisations/northshire-libraries");
    assertThat(browser.text("h1")).isEqualTo("Northshire Libraries");
    assertThat(browser.text(".govuk-notification-banner__heading")).isNotBlank();
    assertThat(browser.pageText()).contains("Sam Okafor", "Nobody is a member yet.");
    browser.page("admin-onboarded");

    // the DPO becomes a member in Keycloak, with the dpo role
    browser.type("email", "sam.okafor@northshire-libraries.example");
    browser.type("firstName", "Sam");
    browser.type("lastName", "Okafor");
    browser.type("username", "dpo.libraries");
    browser.click("#role");
    browser.click("#add-member");
    browser.waitFor("#members");
    assertThat(browser.text("#members"))
        .contains("dpo.libraries", "sam.okafor@northshire-libraries.example");
    browser.page("admin-members");

    // its details change in the registry and in Keycloak
    browser.click("#edit-organisation");
    browser.waitFor("#organisation-form");
    browser.page("admin-edit-organisation");
    browser.type("name", "Northshire Libraries and Archives");
    browser.click("#submit");
    browser.waitForUrl(base() + "/admin/organisations/northshire-libraries");
    browser.waitFor("#members");
    assertThat(browser.text("h1")).isEqualTo("Northshire Libraries and Archives");

    browser.open(base() + "/admin/reconciliation");
    browser.waitFor("h1");
    assertThat(browser.pageText()).doesNotContain("Northshire Libraries");
    browser.page("admin-reconciliation");
    signOut();
    assertThat(browser.violations())
        .as("axe-core (WCAG 2.2 AA) and Content-Security-Policy violations")
        .isEmpty();
  }
}
