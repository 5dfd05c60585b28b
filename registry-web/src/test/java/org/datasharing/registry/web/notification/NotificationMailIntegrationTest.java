package org.datasharing.registry.web.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.datasharing.registry.web.notification.MailApi.AUTHOR;
import static org.datasharing.registry.web.notification.MailApi.DPO_COUNCIL;
import static org.datasharing.registry.web.notification.MailApi.DPO_ICB;
import static org.datasharing.registry.web.notification.MailApi.DPO_TRUST;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.datasharing.registry.web.devservices.SharedKeycloak;
import org.datasharing.registry.web.notification.MailApi.Mail;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Each kind of notification, end to end: real tokens from the Keycloak dev service, the change
 * through the API, recipients resolved in Keycloak, the message delivered over SMTP to a real
 * GreenMail; each test asserts who received it, the subject and the link.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class NotificationMailIntegrationTest {
  static final String PAGES = "https://registry.example/";
  static final List<String> DPOS = List.of(DPO_COUNCIL, DPO_TRUST, DPO_ICB);

  @RegisterExtension
  static GreenMailExtension greenMail =
      new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

  @TempDir static Path dir;

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) {
    r.add("registry.store.data-dir", () -> dir.resolve("tdb2").toString());
    SharedKeycloak.registerWithAdminApi(r);
    // the sample realm's service account for the directory, as under the run command
    r.add("spring.mail.host", () -> "localhost");
    r.add("spring.mail.port", () -> greenMail.getSmtp().getPort());
    r.add("registry.notifications.every", () -> "PT0.3S");
    r.add("registry.notifications.base-url", () -> PAGES);
    r.add("registry.lifecycle.every", () -> "PT1S");
    // reminders (dates, assurance) computed every two seconds instead of hourly
    r.add("registry.notifications.reminders-every", () -> "PT2S");
    r.add("registry.notifications.reminders-initial-delay", () -> "PT1S");
  }

  /** The system clock, moved forward by {@link #ahead} (the registry refuses past start dates). */
  static final class ShiftedClock extends Clock {
    volatile Duration ahead = Duration.ZERO;

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return Instant.now().plus(ahead);
    }
  }

  static final ShiftedClock CLOCK = new ShiftedClock();

  @TestConfiguration(proxyBeanMethods = false)
  static class ClockConfiguration {
    // primary over the application's: the expiry test moves past an end date
    @Bean
    @Primary
    Clock shiftedClock() {
      return CLOCK;
    }
  }

  @LocalServerPort int port;
  MailApi api;

  @BeforeEach
  void setUp() {
    api = new MailApi(port);
  }

  static void assertLinks(List<Mail> mails, String id) {
    assertThat(mails)
        .allSatisfy(
            m ->
                assertThat(m.body())
                    .contains(PAGES + "agreements/" + id)
                    .doesNotContain("access_token"));
  }

  @Test
  void submitted_tellsEveryPartysDpo_decisionNeeded_withVersionAndHash() throws Exception {
    String hash = api.submitted("dsa-mail-submit", "Mail submit", Map.of());

    List<Mail> mails =
        MailApi.await(
            greenMail::getReceivedMessages, "Decision needed: Mail submit (version 1)", 3);

    assertThat(mails).extracting(Mail::to).containsExactlyInAnyOrderElementsOf(DPOS);
    assertThat(mails).allSatisfy(m -> assertThat(m.body()).contains(hash));
    assertThat(mails).extracting(Mail::messageId).doesNotHaveDuplicates();
    assertLinks(mails, "dsa-mail-submit");
  }

  @Test
  void changesRequested_tellsTheAuthorAndTheOtherPartiesDpos_withTheReason() throws Exception {
    String hash = api.submitted("dsa-mail-changes", "Mail changes", Map.of());
    api.decide("dpo.council", "dsa-mail-changes", hash, "request-changes", "Name the retention");

    List<Mail> mails =
        MailApi.await(
            greenMail::getReceivedMessages,
            "Northshire County Council requested changes to: Mail changes",
            3);

    assertThat(mails).extracting(Mail::to).containsExactlyInAnyOrder(AUTHOR, DPO_TRUST, DPO_ICB);
    assertThat(mails).allSatisfy(m -> assertThat(m.body()).contains("Reason: Name the retention"));
    assertLinks(mails, "dsa-mail-changes");
  }

  @Test
  void rejected_tellsTheAuthorAndTheOtherPartiesDpos_withTheReason() throws Exception {
    String hash = api.submitted("dsa-mail-reject", "Mail reject", Map.of());
    api.decide("dpo.trust", "dsa-mail-reject", hash, "reject", "No lawful basis for us");

    List<Mail> mails =
        MailApi.await(
            greenMail::getReceivedMessages, "Northshire NHS Foundation Trust rejected", 3);

    assertThat(mails).extracting(Mail::to).containsExactlyInAnyOrder(AUTHOR, DPO_COUNCIL, DPO_ICB);
    assertThat(mails).allSatisfy(m -> assertThat(m.subject()).contains("Mail reject"));
    assertThat(mails).allSatisfy(m -> assertThat(m.body()).contains("No lawful basis for us"));
    assertLinks(mails, "dsa-mail-reject");
  }

  @Test
  void approved_tellsEveryPartysDpoAndTheAuthor() throws Exception {
    api.approvedByAll("dsa-mail-approve", "Mail approve", Map.of());

    List<Mail> mails =
        MailApi.await(greenMail::getReceivedMessages, "Approved by every party: Mail approve", 4);

    assertThat(mails)
        .extracting(Mail::to)
        .containsExactlyInAnyOrder(AUTHOR, DPO_COUNCIL, DPO_TRUST, DPO_ICB);
    assertLinks(mails, "dsa-mail-approve");
  }

  @Test
  void suspendedResumedTerminated_eachTellEveryPartysDpoAndTheAuthor_withTheReason()
      throws Exception {
    String id = "dsa-mail-status";
    api.approvedByAll(id, "Mail status", Map.of());
    Map<String, String> steps =
        Map.of("suspend", "Suspended: ", "resume", "Resumed: ", "terminate", "Terminated: ");
    for (String step : List.of("suspend", "resume", "terminate")) {
      var answer =
          api.call(
              "dpo.council",
              "POST",
              "/api/agreements/" + id + "/" + step,
              Map.of("reason", "Because of " + step));
      assertThat(answer.status()).as(step + " " + answer.body()).isEqualTo(200);

      List<Mail> mails =
          MailApi.await(greenMail::getReceivedMessages, steps.get(step) + "Mail status", 4);

      assertThat(mails)
          .as(step)
          .extracting(Mail::to)
          .containsExactlyInAnyOrder(AUTHOR, DPO_COUNCIL, DPO_TRUST, DPO_ICB);
      assertThat(mails).allSatisfy(m -> assertThat(m.body()).contains("Because of " + step));
      assertLinks(mails, id);
    }
  }

  @Test
  void startDateReached_tellsEveryPartysDpoAndTheAuthor_thatItIsInForce() throws Exception {
    api.approvedByAll(
        "dsa-mail-active",
        "Mail active",
        Map.of(
            "startDate",
            java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString(),
            "reviewDate",
            java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusMonths(6).toString()));

    List<Mail> mails =
        MailApi.await(greenMail::getReceivedMessages, "Now in force: Mail active", 4);

    assertThat(mails)
        .extracting(Mail::to)
        .containsExactlyInAnyOrder(AUTHOR, DPO_COUNCIL, DPO_TRUST, DPO_ICB);
    assertLinks(mails, "dsa-mail-active");
  }

  @Test
  void endDateReached_tellsEveryPartysDpoAndTheAuthor_thatItExpired() throws Exception {
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    api.approvedByAll(
        "dsa-mail-expire",
        "Mail expire",
        Map.of(
            "startDate", today.toString(),
            "reviewDate", today.plusDays(5).toString(),
            "endDate", today.plusDays(10).toString()));
    try {
      CLOCK.ahead = Duration.ofDays(30); // the lifecycle tick then finds the end date passed
      MailApi.await(greenMail::getReceivedMessages, "Expired: Mail expire", 4);
    } finally {
      CLOCK.ahead = Duration.ZERO;
    }

    List<Mail> mails = MailApi.await(greenMail::getReceivedMessages, "Expired: Mail expire", 4);

    assertThat(mails)
        .extracting(Mail::to)
        .containsExactlyInAnyOrder(AUTHOR, DPO_COUNCIL, DPO_TRUST, DPO_ICB);
    assertLinks(mails, "dsa-mail-expire");
  }

  @Test
  void reviewAndEndDateWithin30Days_thenReviewOverdue_remindEveryPartysDpo_once() throws Exception {
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    LocalDate review = today.plusDays(5);
    LocalDate end = today.plusDays(20);
    String id = "dsa-mail-reminders";
    api.approvedByAll(
        id,
        "Mail reminders",
        Map.of(
            "startDate", today.toString(),
            "reviewDate", review.toString(),
            "endDate", end.toString()));

    List<Mail> reviewDue =
        MailApi.await(
            greenMail::getReceivedMessages, "Review due on " + review + ": Mail reminders", 3);
    List<Mail> ending =
        MailApi.await(greenMail::getReceivedMessages, "Ends on " + end + ": Mail reminders", 3);

    // reminders go to every party's DPOs, once however many ticks ran
    assertThat(reviewDue).extracting(Mail::to).containsExactlyInAnyOrderElementsOf(DPOS);
    assertThat(ending).extracting(Mail::to).containsExactlyInAnyOrderElementsOf(DPOS);
    assertLinks(reviewDue, id);
    assertLinks(ending, id);
    try {
      CLOCK.ahead = Duration.ofDays(7); // the review date has passed and no review was recorded
      List<Mail> overdue =
          MailApi.await(
              greenMail::getReceivedMessages,
              "Review overdue since " + review + ": Mail reminders",
              3);

      assertThat(overdue).extracting(Mail::to).containsExactlyInAnyOrderElementsOf(DPOS);
      assertLinks(overdue, id);
    } finally {
      CLOCK.ahead = Duration.ZERO;
    }
  }

  @Test
  void assuranceExpiringWithin30Days_thenExpired_tellsItsOrganisationsDpos_withTheAssuranceLink()
      throws Exception {
    String council = "/api/organisations/northshire-county-council";
    var before = api.call("admin", "GET", council, null).body().get("assurances");
    LocalDate until = LocalDate.now(ZoneOffset.UTC).plusDays(10);
    List<Object> withIso = new java.util.ArrayList<>();
    before.forEach(withIso::add);
    withIso.add(
        Map.of(
            "scheme", "iso-27001",
            "level", "Certified",
            "certificate", "ISO-MAIL-1",
            "validFrom", LocalDate.now(ZoneOffset.UTC).minusYears(1).toString(),
            "validUntil", until.toString()));
    var recorded = api.call("admin", "PUT", council + "/assurances", withIso);
    assertThat(recorded.status()).as(String.valueOf(recorded.body())).isEqualTo(200);
    try {
      List<Mail> expiring =
          MailApi.await(
              greenMail::getReceivedMessages,
              "Assurance expires on " + until + ": Northshire County Council",
              1);
      CLOCK.ahead = Duration.ofDays(12);
      List<Mail> expired =
          MailApi.await(
              greenMail::getReceivedMessages,
              "Assurance expired on " + until + ": Northshire County Council",
              1);

      for (List<Mail> mails : List.of(expiring, expired)) {
        // the council's DPO only: each organisation's assurance is told to its own DPOs
        assertThat(mails).extracting(Mail::to).containsExactly(DPO_COUNCIL);
        assertThat(mails)
            .allSatisfy(
                m ->
                    assertThat(m.body())
                        .contains("ISO")
                        .contains(PAGES + "organisations/northshire-county-council/assurance"));
      }
    } finally {
      CLOCK.ahead = Duration.ZERO;
      api.call("admin", "PUT", council + "/assurances", before);
    }
  }
}
