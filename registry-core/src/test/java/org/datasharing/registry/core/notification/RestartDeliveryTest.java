package org.datasharing.registry.core.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.datasharing.registry.core.support.TestRegistry.COUNCIL;
import static org.datasharing.registry.core.support.TestRegistry.ICB;
import static org.datasharing.registry.core.support.TestRegistry.TRUST;
import static org.datasharing.registry.core.support.TestRegistry.partner;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.datasharing.registry.core.agreement.AgreementService;
import org.datasharing.registry.core.identity.MemberRole;
import org.datasharing.registry.core.support.TestRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A registry that stops between the commit and the send (and one that stops mid-send) delivers each
 * message once after it starts again on the same data folder.
 */
class RestartDeliveryTest {
  static final String ID = "dsa-restart";
  static final List<String> DPOS =
      List.of("dpo@council.example", "dpo@icb.example", "dpo@trust.example");

  @TempDir Path dir;
  People people =
      new People()
          .person(COUNCIL, "dpo-council", "dpo@council.example", MemberRole.DPO)
          .person(ICB, "dpo-icb", "dpo@icb.example", MemberRole.DPO)
          .person(TRUST, "dpo-trust", "dpo@trust.example", MemberRole.DPO);

  NotificationDispatcher dispatcher(TestRegistry t, MailPort mail) {
    return new NotificationDispatcher(
        t.store,
        t.registry.ids(),
        t.registry.organisations(),
        people,
        mail,
        t.clock,
        new RetryPolicy(Duration.ofMinutes(1), Duration.ofMinutes(10), 5),
        "http://localhost:8080/");
  }

  @Test
  void stopBetweenCommitAndSend_thenRestart_deliversEachMessageOnce() {
    try (TestRegistry before = new TestRegistry(dir)) {
      TestRegistry.draft(
              before.registry.agreements(),
              partner(ICB),
              Optional.of(ID),
              before.completeContent(List.of(ICB, COUNCIL, TRUST)))
          .orElseThrow();
      before.registry.agreements().submit(partner(ICB), ID).orElseThrow();
    } // stopped before any dispatch

    RecordingMail mail = new RecordingMail();
    try (TestRegistry after = new TestRegistry(dir)) {
      NotificationDispatcher d = dispatcher(after, mail);
      d.dispatchDue();
      after.clock.advance(Duration.ofHours(1));
      d.dispatchDue();
    }
    try (TestRegistry again = new TestRegistry(dir)) {
      again.clock.advance(Duration.ofHours(2));
      dispatcher(again, mail).dispatchDue();
    }

    assertThat(mail.to()).containsExactlyElementsOf(DPOS);
  }

  @Test
  void downAcrossTheReviewDate_thenRestart_sendsTheOverdueReminderOnce() {
    // the agreement's review date is 2027-07-01 (TestRegistry's complete content)
    try (TestRegistry before = new TestRegistry(dir)) {
      var agreements = before.registry.agreements();
      TestRegistry.draft(
              agreements,
              partner(ICB),
              Optional.of(ID),
              before.completeContent(List.of(ICB, COUNCIL, TRUST)))
          .orElseThrow();
      agreements.submit(partner(ICB), ID).orElseThrow();
      for (String party : List.of(COUNCIL, TRUST, ICB)) {
        TestRegistry.decide(
                agreements,
                TestRegistry.dpo(party),
                ID,
                1,
                AgreementService.Outcome.APPROVE,
                Optional.empty())
            .orElseThrow();
      }
    } // stopped long before the review date

    RecordingMail mail = new RecordingMail();
    for (String day :
        List.of("2027-07-20T09:00:00Z", "2027-07-20T10:00:00Z", "2027-07-21T09:00:00Z")) {
      // started after the date, once, then again (a restart, or the next day's tick)
      try (TestRegistry after = new TestRegistry(dir)) {
        after.clock.set(java.time.Instant.parse(day));
        Reminders reminders = new Reminders(after.store, after.registry.ids(), after.clock);
        reminders.recordDue();
        reminders.recordDue(); // a second tick at once, or a second instance
        NotificationDispatcher d = dispatcher(after, mail);
        d.dispatchDue();
      }
    }

    List<Message> overdue =
        mail.sent.stream()
            .filter(m -> m.subject().startsWith("Review overdue since 2027-07-01:"))
            .filter(m -> m.body().contains("/agreements/" + ID))
            .toList();
    assertThat(overdue).extracting(Message::to).containsExactlyInAnyOrderElementsOf(DPOS);
    assertThat(mail.sent)
        .filteredOn(m -> m.body().contains("/agreements/" + ID))
        .noneMatch(m -> m.subject().startsWith("Review due on")); // no stale notice
  }

  @Test
  void stopMidSend_thenRestart_sendsOnlyToTheRecipientsStillWaiting() {
    RecordingMail mail = new RecordingMail();
    try (TestRegistry before = new TestRegistry(dir)) {
      TestRegistry.draft(
              before.registry.agreements(),
              partner(ICB),
              Optional.of(ID),
              before.completeContent(List.of(ICB, COUNCIL, TRUST)))
          .orElseThrow();
      before.registry.agreements().submit(partner(ICB), ID).orElseThrow();
      mail.takeThenDown = 1; // one message out, then the process "dies" for the mail server
      dispatcher(before, mail).dispatchDue();
    }
    assertThat(mail.sent).hasSize(1);

    mail.down = false;
    mail.takeThenDown = -1;
    try (TestRegistry after = new TestRegistry(dir)) {
      after.clock.advance(Duration.ofMinutes(1)); // the claimed attempt's retry time
      dispatcher(after, mail).dispatchDue();
    }

    assertThat(mail.to()).containsExactlyElementsOf(DPOS);
    assertThat(mail.sent).extracting(Message::messageId).doesNotHaveDuplicates();
  }
}
