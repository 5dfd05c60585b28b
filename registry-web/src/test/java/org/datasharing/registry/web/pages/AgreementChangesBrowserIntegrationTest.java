package org.datasharing.registry.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.datasharing.registry.core.Registry;
import org.datasharing.registry.core.agreement.AgreementContent;
import org.datasharing.registry.core.common.Actor;
import org.datasharing.registry.core.support.TestRegistry;
import org.datasharing.registry.web.ApiFlowIntegrationTest;
import org.datasharing.registry.web.devservices.SharedKeycloak;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The rest of an agreement's life, and the administrator's pages, in a real browser against the
 * real Keycloak, on the sample data: a DPO asks for changes (a reason is required), a partner
 * drafts version 2 and resubmits it, a DPO rejects it; a DPO suspends and resumes an agreement in
 * force; a partner amends it while it stays in force; the registry administrator onboards an
 * organisation into the registry and Keycloak and compares the two. axe-core checks every page.
 * First, a DPO follows the link of the "decision needed" e-mail a real GreenMail received, signs in
 * and decides (the server listens on a port chosen here, so the e-mail's links reach it).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AgreementChangesBrowserIntegrationTest extends BrowserTestSupport {
  static final String SUBMITTED = "dsa-high-intensity-use"; // ambulance + trust + ICB
  static final String ACTIVE = "dsa-hospital-discharge"; // council + ICB + trust

  static final String MAILED = "dsa-mailed-decision";
  static final String ICB = "northshire-integrated-care-board";
  static final String TRUST = "northshire-nhs-foundation-trust";
  static final Actor PARTNER_ICB =
      new Actor("p-icb", "partner.icb", Optional.of(ICB), Set.of(Actor.Role.PARTNER));
  static final int PORT = freePort();

  @RegisterExtension
  static GreenMailExtension greenMail =
      new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

  @TempDir static Path dir;

  @Autowired Registry registry;

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) {
    r.add("server.port", () -> PORT);
    r.add("spring.mail.host", () -> "localhost");
    r.add("spring.mail.port", () -> greenMail.getSmtp().getPort());
    r.add("registry.notifications.every", () -> "PT0.3S");
    r.add("registry.notifications.base-url", () -> "http://localhost:" + PORT + "/");
    r.add("registry.store.data-dir", () -> dir.resolve("tdb2").toString());
    SharedKeycloak.registerWithAdminApi(r);
    // the Keycloak dev service is in use: the admin pages may use the sample realm's dev secret
  }

  void openAgreement(String id) {
    browser.open(base() + "/agreements/" + id);
    browser.waitFor("#agreement-status");
  }

  String banner() {
    return browser.text(".govuk-notification-banner__heading");
  }

  /** The body of the first message to this address whose subject starts so, once it arrives. */
  static String mailTo(String address, String subjectStart) throws Exception {
    long until = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < until) {
      for (MimeMessage m : greenMail.getReceivedMessages()) {
        if (m.getSubject().startsWith(subjectStart)
            && m.getRecipients(jakarta.mail.Message.RecipientType.TO)[0]
                .toString()
                .equals(address)) {
          return GreenMailUtil.getBody(m);
        }
      }
      Thread.sleep(200);
    }
    throw new AssertionError("no message '" + subjectStart + "' to " + address);
  }

  @Test
  @Order(0)
  void decisionNeededEmail_linksTheDpoThroughSignInToTheDecision_andTheyDecide() throws Exception {
    assertThat(port).isEqualTo(PORT);
    String dataset = registry.catalog().list(PARTNER_ICB).get(0).id();
    Map<String, Object> fields =
        new java.util.LinkedHashMap<>(
            ApiFlowIntegrationTest.fields(
                dataset, registry.catalog().find(dataset).orElseThrow().dataItems(), true));
    fields.put("title", "Mailed decision");
    TestRegistry.draft(
            registry.agreements(),
            PARTNER_ICB,
            Optional.of(MAILED),
            new AgreementContent(
                fields,
                List.of(ApiFlowIntegrationTest.party(ICB), ApiFlowIntegrationTest.party(TRUST))))
        .orElseThrow();
    registry.agreements().submit(PARTNER_ICB, MAILED).orElseThrow();

    // the trust's DPO reads the message in their mailbox and follows its link, signed out
    String body = mailTo("gareth.mills@northshire-nft.example", "Decision needed: Mailed decision");
    Matcher link = Pattern.compile("http://localhost:\\d+/agreements/" + MAILED).matcher(body);
    assertThat(link.find()).as(body).isTrue();
    KeycloakRedirects.allow(SharedKeycloak.get(), base());
    browser.open(link.group());
    browser.waitFor("#username"); // Keycloak's sign-in page
    browser.type("username", "dpo.trust");
    if (!browser.present("#password")) {
      browser.click("#kc-login");
      browser.waitFor("#password");
    }
    browser.type("password", SharedKeycloak.PASSWORD);
    browser.click("#kc-login");

    // back where the link pointed: the text, then the decision form
    browser.waitForUrl(link.group());
    browser.waitFor("#record-decision");
    assertThat(browser.text("#agreement-status")).contains("Submitted");
    assertThat(browser.text("#waiting-count")).startsWith("Waiting for you (");
    browser.page("decision-from-email");
    browser.click("#outcome");
    browser.click("#declaration");
    browser.submit("#record-decision");
    browser.waitFor(".govuk-notification-banner__heading");
    assertThat(banner()).contains("Your decision is recorded: Approved on version 1");
    signOut();
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
