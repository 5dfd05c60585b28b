package org.datasharing.registry.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.datasharing.registry.web.devservices.SharedKeycloak;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The pages in a real browser (headless Debian Chromium) against the real Keycloak dev service: a
 * partner signs in through Keycloak's login page, finds a dataset, requests access, completes the
 * draft agreement and submits it (first with a missing answer, to see the error summary); each
 * party's DPO signs in and approves; the auditor sees the timeline, the version in force and the
 * verified audit log with an inclusion proof; everyone signs out; the public register lists the
 * agreement. axe-core checks every registry page at WCAG 2.2 AA; screenshots of every page go to
 * {@code target/screenshots/}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BrowserJourneyIntegrationTest extends BrowserTestSupport {
  @TempDir static Path dir;

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) {
    r.add("registry.store.data-dir", () -> dir.resolve("tdb2").toString());
    SharedKeycloak.register(r);
  }

  @Test
  void partnerDrafts_dposApprove_auditorVerifies_publicSees_inARealBrowser() throws Exception {
    LocalDate today = LocalDate.now(ZoneOffset.UTC);

    // signed out: the home page and the catalogue
    browser.open(base() + "/");
    assertThat(browser.text("h1")).contains("Share data between public bodies");
    browser.page("home-signed-out");
    browser.open(base() + "/datasets");
    browser.page("find-data-signed-out");

    // the sign-in page is the registry's (GOV.UK, username and password on one page) and passes
    // axe; a wrong password is told in a GOV.UK error summary that links to the field
    KeycloakRedirects.allow(SharedKeycloak.get(), base());
    browser.open(base() + "/sign-in");
    browser.waitFor("#username");
    assertThat(browser.present("#password")).as("username and password on one page").isTrue();
    assertThat(browser.text("h1")).isEqualTo("Sign in");
    assertThat(browser.present("link[href$='govuk-frontend.min.css']")).isTrue();
    browser.signInPage("keycloak-sign-in");
    browser.type("username", "partner.icb");
    browser.type("password", "not-the-password");
    browser.click("#kc-login");
    WebElement error = browser.waitFor(".govuk-error-summary__list a");
    assertThat(error.getText()).isEqualTo("Enter a correct username and password");
    assertThat(error.getAttribute("href")).endsWith("#username");
    assertThat(browser.text("#username-error")).contains("Enter a correct username and password");
    browser.signInPage("keycloak-sign-in-error");

    // a partner finds a dataset and requests access
    signIn("partner.icb", null);
    browser.page("partner-dashboard");
    browser.open(base() + "/datasets");
    browser.type("q", "reablement");
    browser.click("#search");
    browser.waitFor("#results");
    browser.page("find-data-results");
    browser.driver.findElement(By.linkText("Reablement Episodes")).click();
    assertThat(browser.text("h1")).isEqualTo("Reablement Episodes");
    browser.page("dataset");
    browser.click("input[name='purpose'][value='direct-care']");
    browser.type("purposeDescription", "Plan reablement care after discharge from hospital.");
    // the ICB already shares it under the hospital discharge agreement: warned, it continues anyway
    assertThat(browser.text("#duplicate-warning")).contains("already has");
    browser.click("#continueAnyway");
    browser.click("#request-access-button");
    browser.waitFor("#tasks");
    assertThat(browser.text(".govuk-notification-banner__heading"))
        .contains("Draft agreement created");
    String agreement =
        browser.driver.getCurrentUrl().replaceAll(".*/agreements/([^/]+)/edit.*", "$1");
    assertThat(browser.text("#task-about-status")).isEqualTo("Incomplete");
    browser.page("editor-task-list");

    // every question page but one answer, then "Check your answers" and submit: the error
    // summary names the missing answer and links to its question page, which shows it inline
    answerEveryPage(agreement, today);
    browser.waitFor("#submit-agreement");
    signOut();

    // the council answers for itself: its page of the editor, with its assurance standing; a
    // mistyped e-mail address is named at once, with the party, and the answers stay
    signIn("partner.council", null);
    browser.open(base() + "/agreements/" + agreement + "/edit");
    browser.waitFor("#tasks");
    WebElement councilTask =
        browser.driver.findElements(By.cssSelector("a[id^='task-party-']")).stream()
            .filter(a -> a.getText().contains("Northshire County Council"))
            .findFirst()
            .orElseThrow();
    int council = Integer.parseInt(councilTask.getDomAttribute("id").replace("task-party-", ""));
    councilTask.click();
    browser.waitFor("#agreement-form");
    answerForOwnParty(council - 1, "ig.council.northshire.example");
    browser.click("#save-and-continue");
    browser.waitFor(".govuk-error-summary");
    assertThat(browser.text(".govuk-error-summary__list"))
        .contains("Party " + council + " (Northshire County Council): give a valid e-mail");
    browser.page("editor-party-error");
    browser.type("parties-" + (council - 1) + "-contactEmail", "ig@northshire-council.example");
    browser.click("#save-and-continue");
    browser.waitForUrl(base() + "/agreements/" + agreement + "/edit/data");
    signOut();

    signIn("partner.icb", null);
    browser.open(base() + "/agreements/" + agreement + "/edit/check");
    browser.waitFor("#submit-agreement");
    browser.page("editor-check-answers");
    browser.click("#submit-agreement");
    browser.waitFor(".govuk-error-summary");
    List<String> links =
        browser.driver.findElements(By.cssSelector(".govuk-error-summary__list a")).stream()
            .map(a -> a.getDomAttribute("href") + " " + a.getText())
            .toList();
    assertThat(links).as("error summary").hasSize(1);
    assertThat(links.get(0))
        .startsWith("/agreements/" + agreement + "/edit/dates?check=true#sanctions ");
    browser.page("editor-error-summary");
    browser.driver.findElement(By.cssSelector(".govuk-error-summary__list a")).click();
    browser.waitFor("#sanctions-error");
    browser.page("editor-question-page-error");
    browser.type("sanctions", "Access is suspended at once and the DPOs meet within 5 days.");
    browser.click("#save-and-continue");
    browser.waitForUrl(base() + "/agreements/" + agreement + "/edit/check");
    browser.click("#submit-agreement");
    browser.waitForUrl(base() + "/agreements/" + agreement);
    browser.waitFor("#agreement-status");
    assertThat(browser.text("#agreement-status")).contains("Submitted");
    browser.page("agreement-submitted");
    // the drafting organisation could withdraw it before any decision: a confirmation page first
    browser.click("#withdraw");
    browser.waitFor("#confirm-action");
    assertThat(browser.text("h1")).contains("Are you sure you want to withdraw version 1?");
    browser.page("agreement-withdraw-confirm");
    signOut();
    browser.page("signed-out");

    // each party's DPO approves the exact version
    for (String dpo : List.of("dpo.icb", "dpo.council")) {
      signIn(dpo, null);
      WebElement awaiting = browser.find("a[href='/agreements/" + agreement + "']");
      browser.page(dpo + "-dashboard");
      awaiting.click();
      browser.waitFor("#record-decision");
      browser.page(dpo + "-agreement-decision-form");
      if (dpo.equals("dpo.icb")) {
        // the party's assurance on record, on its own page
        String back = browser.driver.getCurrentUrl();
        browser.open(base() + "/organisations/northshire-integrated-care-board/assurance");
        browser.waitFor("#assurance-form");
        browser.page("organisation-assurance");
        browser.open(back);
        browser.waitFor("#record-decision");
      }
      browser.click("#outcome");
      browser.click("#declaration"); // "I have read version 1, content hash ..., and approve it"
      browser.submit("#record-decision");
      browser.waitFor(".govuk-notification-banner__heading");
      assertThat(browser.text(".govuk-notification-banner__heading"))
          .contains("Your decision is recorded: Approved on version 1");
      browser.page(dpo + "-agreement-approved");
      signOut();
    }

    // the auditor: timeline, hashes, version in force, the verified log and a proof
    signIn("auditor", null);
    assertThat(browser.text("#log-intact")).isEqualTo("Intact");
    browser.page("auditor-dashboard");
    browser.open(base() + "/agreements/" + agreement);
    assertThat(browser.text("#agreement-status")).containsAnyOf("Approved", "Active");
    String hash = browser.text("#current-hash");
    assertThat(browser.text("#parties")).contains(hash);
    assertThat(
            browser.driver.findElements(By.cssSelector("#parties .govuk-tag--green")).stream()
                .filter(t -> t.getText().startsWith("Matches version 1"))
                .count())
        .isEqualTo(2);
    String timeline = browser.text("#timeline");
    assertThat(timeline)
        .contains("Draft created", "Draft edited", "Submitted for approval", "Decision recorded");
    browser.type("on-day", String.valueOf(today.getDayOfMonth()));
    browser.type("on-month", String.valueOf(today.getMonthValue()));
    browser.type("on-year", String.valueOf(today.getYear()));
    browser.driver.findElement(By.xpath("//button[normalize-space()='Check']")).click();
    assertThat(browser.text("#in-force-result")).contains("version 1 was in force");
    browser.page("agreement-auditor");
    browser.open(base() + "/audit");
    assertThat(browser.text("#log-intact")).isEqualTo("Intact");
    browser.page("audit-log");
    // the SPARQL console: a query of the pack opened in YASGUI and run on /sparql as the auditor
    browser.click("#console-link");
    browser.waitFor(".yasqe .CodeMirror");
    browser.click(
        "button.registry-open-query[data-query='datasets-shared-with-most-organisations']");
    browser.click(".tabPanel.active .yasqe_queryButton");
    browser.waitFor(".tabPanel.active .yasr .dataTable tbody tr");
    assertThat(
            browser.driver.findElements(
                By.cssSelector(".tabPanel.active .yasr .dataTable tbody tr")))
        .isNotEmpty();
    browser.page("audit-sparql-console");
    browser.open(base() + "/audit");
    browser.driver.findElement(By.partialLinkText("Inclusion proof")).click();
    assertThat(browser.text("h1")).isEqualTo("Inclusion proof");
    browser.page("audit-inclusion-proof");
    signOut();

    // the public register lists the approved agreement
    browser.open(base() + "/register");
    assertThat(browser.pageText()).contains("Reablement Episodes: sharing with");
    browser.page("public-register");
    // its linked-data IRI renders as its public record in plain English for browsers
    browser.driver.findElement(By.partialLinkText("Reablement Episodes: sharing with")).click();
    browser.waitFor("#legal-basis");
    assertThat(browser.text("h1")).startsWith("Reablement Episodes: sharing with");
    assertThat(browser.text(".govuk-caption-l")).isEqualTo("Data sharing agreement");
    browser.page("public-agreement");

    assertThat(browser.violations()).as("axe-core violations (WCAG 2.2 AA)").isEmpty();
  }

  /** Every answer the draft still needs, except sanctions, page by page through the editor. */
  void answerEveryPage(String agreement, LocalDate today) throws Exception {
    browser.click("#task-about");
    onPage(agreement, "about");
    browser.type("benefits", "People go home sooner and stay at home longer.");
    browser.type("successMeasures", "Fewer readmissions within 91 days.");
    browser.page("editor-question-page");
    browser.click("#save-and-continue");

    onPage(agreement, "parties");
    for (int i = 0; i < 2; i++) {
      browser.select("parties-" + i + "-role", "controller");
    }
    browser.page("editor-parties");
    browser.click("#save-and-continue");

    // on to the questions its own organisation answers, on its own page; the other party's page
    // is theirs to answer (read-only here)
    browser.waitForUrl(base() + "/agreements/" + agreement + "/edit/parties/");
    int own =
        Integer.parseInt(browser.driver.getCurrentUrl().replaceAll(".*/parties/(\\d+).*", "$1"));
    answerForOwnParty(own - 1, "ig.icb@northshire.example");
    browser.page("editor-own-party");
    browser.click("#save-and-continue");

    onPage(agreement, "data");
    browser.type("minimisationJustification", "Only the items reablement planning needs.");
    browser.check("specialCategoryData");
    browser.check("criminalOffenceData-no");
    browser.click("#save-and-continue");

    onPage(agreement, "joint-controllers");
    browser.click("#save-and-continue");

    onPage(agreement, "protection");
    browser.type("accessArrangements", "Reablement coordinators at both parties only.");
    browser.type("sharingMethod", "Daily secure file transfer.");
    browser.type("securityMeasures", "Encrypted in transit and at rest; breaches reported in 24h.");
    browser.type("commonFormats", "CSV to an agreed schema.");
    browser.type("accuracyArrangements", "Corrections re-sent from the source system.");
    browser.type("onwardDisclosure", "No onward disclosure unless the law requires it.");
    browser.check("internationalTransfer-none");
    browser.click("#save-and-continue");

    onPage(agreement, "rights");
    browser.type("dataSubjectRightsProcedure", "Requests forwarded to the DPO within 2 days.");
    browser.type("singlePointOfContact", "dpo@northshire-icb.example");
    browser.type("transparencyArrangements", "Both privacy notices describe the sharing.");
    browser.click("#save-and-continue");

    onPage(agreement, "retention");
    browser.type("retentionPeriod", "2 years");
    browser.type("deletionArrangements", "Secure deletion, confirmed in writing.");
    browser.click("#save-and-continue");

    onPage(agreement, "impact");
    // the DPIA is a yes/no question: "Yes" reveals the assessment's reference, date and outcome
    browser.check("dpiaCarriedOut");
    browser.type("dpiaReference", "DPIA-2026-044");
    LocalDate assessed = today.minusMonths(1);
    browser.type("dpiaDate-day", String.valueOf(assessed.getDayOfMonth()));
    browser.type("dpiaDate-month", String.valueOf(assessed.getMonthValue()));
    browser.type("dpiaDate-year", String.valueOf(assessed.getYear()));
    browser.check("dpiaOutcome-no-high-risk");
    browser.type("seniorSignOff", "Caldicott Guardians of both parties");
    browser.click("#save-and-continue");

    onPage(agreement, "dates");
    LocalDate start = today; // a start date before submission is refused
    LocalDate review = today.plusMonths(6);
    browser.type("startDate-day", String.valueOf(start.getDayOfMonth()));
    browser.type("startDate-month", String.valueOf(start.getMonthValue()));
    browser.type("startDate-year", String.valueOf(start.getYear()));
    browser.type("reviewDate-day", String.valueOf(review.getDayOfMonth()));
    browser.type("reviewDate-month", String.valueOf(review.getMonthValue()));
    browser.type("reviewDate-year", String.valueOf(review.getYear()));
    browser.type("terminationArrangements", "Three months' notice; data deleted on exit.");
    browser.click("#save-and-continue");
    onPage(agreement, "check");
  }

  /** The answers a party gives for itself, on its own page of the editor. */
  void answerForOwnParty(int i, String email) {
    browser.select("parties-" + i + "-lawfulBasis", "public-task");
    browser.type("parties-" + i + "-statutoryPower", "Care Act 2014 s.2; NHS Act 2006 s.82");
    browser.type("parties-" + i + "-contactName", "Information governance lead");
    browser.type("parties-" + i + "-contactEmail", email);
    browser.select("parties-" + i + "-specialCategoryCondition", "health-or-social-care");
    browser.select("parties-" + i + "-schedule1Condition", "health-or-social-care-purposes");
    // health and care parties disclosing health data: the common law duty of confidentiality
    browser.select("parties-" + i + "-confidentialityBasis", "implied-consent-individual-care");
    browser.check("parties-" + i + "-nationalDataOptOut-no");
    browser.type(
        "parties-" + i + "-nationalDataOptOutReason",
        "Shared for individual care: the national data opt-out does not apply.");
  }

  void onPage(String agreement, String step) {
    browser.waitForUrl(base() + "/agreements/" + agreement + "/edit/" + step);
  }
}
