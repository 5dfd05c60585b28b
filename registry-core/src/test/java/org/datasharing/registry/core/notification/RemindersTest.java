package org.datasharing.registry.core.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.datasharing.registry.core.support.TestRegistry.COUNCIL;
import static org.datasharing.registry.core.support.TestRegistry.ICB;
import static org.datasharing.registry.core.support.TestRegistry.TRUST;
import static org.datasharing.registry.core.support.TestRegistry.dpo;
import static org.datasharing.registry.core.support.TestRegistry.partner;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.datasharing.registry.core.agreement.AgreementService;
import org.datasharing.registry.core.agreement.AgreementService.Outcome;
import org.datasharing.registry.core.identity.MemberRole;
import org.datasharing.registry.core.support.TestRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reminders from the dates of the version in force (start 2027-01-01, review 2027-07-01, end
 * 2028-12-31).
 */
class RemindersTest {
  static final String ID = "dsa-remind";

  @TempDir Path dir;
  TestRegistry t;
  AgreementService agreements;
  RecordingMail mail = new RecordingMail();
  NotificationDispatcher dispatcher;
  Reminders reminders;

  @BeforeEach
  void setUp() {
    t = new TestRegistry(dir);
    agreements = t.registry.agreements();
    People people =
        new People()
            .person(COUNCIL, "dpo-council", "dpo@council.example", MemberRole.DPO)
            .person(ICB, "dpo-icb", "dpo@icb.example", MemberRole.DPO)
            .person(ICB, partner(ICB).subject(), "partner.icb@icb.example", MemberRole.PARTNER)
            .person(TRUST, "dpo-trust", "dpo@trust.example", MemberRole.DPO);
    dispatcher =
        new NotificationDispatcher(
            t.store,
            t.registry.ids(),
            t.registry.organisations(),
            people,
            mail,
            t.clock,
            new RetryPolicy(Duration.ofMinutes(1), Duration.ofMinutes(10), 3),
            "http://localhost:8080/");
    reminders = new Reminders(t.store, t.registry.ids(), t.clock);
    TestRegistry.draft(
            agreements,
            partner(ICB),
            Optional.of(ID),
            t.completeContent(List.of(ICB, COUNCIL, TRUST)))
        .orElseThrow();
    agreements.submit(partner(ICB), ID).orElseThrow();
    for (String org : List.of(COUNCIL, TRUST, ICB)) {
      TestRegistry.decide(agreements, dpo(org), ID, 1, Outcome.APPROVE, Optional.empty())
          .orElseThrow();
    }
    dispatcher.dispatchDue();
    mail.sent.clear();
  }

  @AfterEach
  void tearDown() {
    t.close();
  }

  List<Notification> of(NotificationKind kind) {
    return dispatcher.outbox().about(t.registry.ids().agreement(ID)).stream()
        .filter(n -> n.kind() == kind)
        .toList();
  }

  /** The messages about this test's agreement (the sample agreements in force get theirs too). */
  List<Message> mine() {
    return mail.sent.stream()
        .filter(m -> m.body().contains("http://localhost:8080/agreements/" + ID + "\n"))
        .toList();
  }

  void at(String instant) {
    t.clock.set(Instant.parse(instant));
  }

  @Test
  void registryDownAcrossTheReviewDate_sendsTheOverdueReminderOnce_onStart() {
    at("2027-07-20T09:00:00Z"); // nothing ran between approval and now

    reminders.recordDue();
    reminders.recordDue(); // a second tick, or a second instance
    dispatcher.dispatchDue();
    at("2027-07-21T09:00:00Z");
    reminders.recordDue();
    dispatcher.dispatchDue();

    assertThat(of(NotificationKind.REVIEW_OVERDUE)).hasSize(1);
    assertThat(of(NotificationKind.REVIEW_DUE_SOON)).isEmpty(); // the date passed: no stale notice
    assertThat(mine())
        .extracting(Message::to)
        .containsExactlyInAnyOrder("dpo@council.example", "dpo@icb.example", "dpo@trust.example");
    assertThat(mine())
        .allSatisfy(
            m -> {
              assertThat(m.subject()).startsWith("Review overdue since 2027-07-01:");
              assertThat(m.body()).contains("http://localhost:8080/agreements/" + ID);
            });
  }

  @Test
  void reviewWithin30Days_remindsEveryPartysDpo_once() {
    at("2027-06-05T09:00:00Z");
    reminders.recordDue();
    at("2027-06-06T09:00:00Z");
    reminders.recordDue();
    dispatcher.dispatchDue();

    assertThat(of(NotificationKind.REVIEW_DUE_SOON))
        .singleElement()
        .satisfies(n -> assertThat(n.due()).contains(LocalDate.parse("2027-07-01")));
    assertThat(mine()).hasSize(3);
    assertThat(mine())
        .allSatisfy(m -> assertThat(m.subject()).startsWith("Review due on 2027-07-01:"));
  }

  @Test
  void endWithin30Days_remindsEveryPartysDpo() {
    at("2028-12-10T09:00:00Z");
    reminders.recordDue();
    dispatcher.dispatchDue();

    assertThat(of(NotificationKind.END_DATE_SOON)).hasSize(1);
    assertThat(mine().stream().filter(m -> m.subject().startsWith("Ends on 2028-12-31:")))
        .hasSize(3);
  }

  @Test
  void due_startsThirtyDaysBefore_andTurnsOverdueOnTheDate() {
    Optional<LocalDate> review = Optional.of(LocalDate.parse("2027-07-01"));
    assertThat(Reminders.due(LocalDate.parse("2027-05-31"), review, Optional.empty())).isEmpty();
    assertThat(Reminders.due(LocalDate.parse("2027-06-01"), review, Optional.empty()))
        .extracting(Reminders.Reminder::kind)
        .containsExactly(NotificationKind.REVIEW_DUE_SOON);
    assertThat(Reminders.due(LocalDate.parse("2027-07-01"), review, Optional.empty()))
        .extracting(Reminders.Reminder::kind)
        .containsExactly(NotificationKind.REVIEW_OVERDUE);
  }

  List<Message> subject(String subject) {
    return mail.sent.stream().filter(m -> m.subject().equals(subject)).toList();
  }

  @Test
  void assuranceExpiringThenExpired_tellsItsOrganisationsDpos_once_namingAgreementsThatRequireIt() {
    at("2027-06-10T09:00:00Z"); // the council's DSPT expires on 2027-06-30
    reminders.recordDue();
    reminders.recordDue(); // a second tick, or a second instance
    dispatcher.dispatchDue();

    assertThat(subject("Assurance expires on 2027-06-30: Northshire County Council"))
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.to()).isEqualTo("dpo@council.example");
              assertThat(m.body())
                  .contains("Data Security and Protection Toolkit")
                  .contains("Agreements in force that require it:", "(dsa-hospital-discharge)")
                  .contains(
                      "http://localhost:8080/organisations/northshire-county-council/assurance");
            });
    // its Cyber Essentials and Cyber Essentials Plus certificates expired on 2027-02-09, while the
    // registry was not running: one message for each, once
    assertThat(subject("Assurance expired on 2027-02-09: Northshire County Council"))
        .hasSize(2)
        .extracting(Message::body)
        .anySatisfy(b -> assertThat(b).contains("Assurance: Cyber Essentials Plus."))
        .anySatisfy(b -> assertThat(b).contains("Assurance: Cyber Essentials."));

    at("2027-07-02T09:00:00Z");
    reminders.recordDue();
    reminders.recordDue();
    dispatcher.dispatchDue();

    assertThat(subject("Assurance expired on 2027-06-30: Northshire County Council"))
        .singleElement()
        .satisfies(m -> assertThat(m.to()).isEqualTo("dpo@council.example"));
    assertThat(subject("Assurance expires on 2027-06-30: Northshire County Council")).hasSize(1);
    // each organisation's assurance is told to its own DPOs only
    assertThat(mail.sent)
        .filteredOn(m -> m.subject().startsWith("Assurance"))
        .allSatisfy(
            m ->
                assertThat(m.to())
                    .isEqualTo(
                        m.subject().endsWith("Northshire County Council")
                            ? "dpo@council.example"
                            : m.subject().endsWith("Integrated Care Board")
                                ? "dpo@icb.example"
                                : "dpo@trust.example"));
  }
}
