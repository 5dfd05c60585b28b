package org.datasharing.registry.core.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.datasharing.registry.core.support.TestRegistry.COUNCIL;
import static org.datasharing.registry.core.support.TestRegistry.ICB;
import static org.datasharing.registry.core.support.TestRegistry.TRUST;
import static org.datasharing.registry.core.support.TestRegistry.partner;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.datasharing.registry.core.agreement.AgreementService;
import org.datasharing.registry.core.agreement.AgreementService.Outcome;
import org.datasharing.registry.core.common.Actor;
import org.datasharing.registry.core.common.Result;
import org.datasharing.registry.core.common.Violation;
import org.datasharing.registry.core.identity.MemberRole;
import org.datasharing.registry.core.support.TestRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each person's preferences (immediate or a daily digest, optional kinds turned off), set through
 * the audited write path and honoured by the dispatcher. The DPOs' directory identifiers are their
 * tokens' subjects, as with Keycloak.
 */
class PreferencesTest {
  static final String ID = "dsa-preferences";
  static final LocalTime DIGEST_AT = LocalTime.of(7, 0);

  @TempDir Path dir;
  TestRegistry t;
  AgreementService agreements;
  Preferences preferences;
  RecordingMail mail = new RecordingMail();
  NotificationDispatcher dispatcher;

  @BeforeEach
  void setUp() {
    t = new TestRegistry(dir);
    agreements = t.registry.agreements();
    preferences = t.registry.preferences();
    People people =
        new People()
            .person(COUNCIL, "dpo-council", "dpo@council.example", MemberRole.DPO)
            .person(ICB, "dpo-icb", "dpo@icb.example", MemberRole.DPO)
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
  }

  @AfterEach
  void tearDown() {
    t.close();
  }

  static Actor icb() {
    return new Actor("dpo-icb", "dpo.icb", Optional.of(ICB), Set.of(Actor.Role.DPO));
  }

  static Actor trust() {
    return new Actor("dpo-trust", "dpo.trust", Optional.of(TRUST), Set.of(Actor.Role.DPO));
  }

  static Actor council() {
    return new Actor("dpo-council", "dpo.council", Optional.of(COUNCIL), Set.of(Actor.Role.DPO));
  }

  void submitted() {
    TestRegistry.draft(
            agreements,
            partner(ICB),
            Optional.of(ID),
            t.completeContent(List.of(ICB, COUNCIL, TRUST)))
        .orElseThrow();
    agreements.submit(partner(ICB), ID).orElseThrow();
  }

  List<Message> to(String address) {
    return mail.sent.stream().filter(m -> m.to().equals(address)).toList();
  }

  @Test
  void set_refusesAnUnknownDelivery_anUnknownKind_andAKindThatCannotBeTurnedOff_namingEach() {
    long before = t.store.logHead().size();

    Result<NotificationPreferences> r =
        preferences.set(trust(), "weekly", List.of("decision-needed", "no-such-kind", "suspended"));

    assertThat(r.failure()).isEqualTo(Result.Failure.INVALID);
    assertThat(r.violations())
        .extracting(Violation::field)
        .containsExactly("delivery", "optedOut[0]", "optedOut[1]", "optedOut[2]");
    assertThat(r.violations().get(1).message()).contains("cannot be turned off");
    assertThat(t.store.logHead().size()).isEqualTo(before);
    assertThat(preferences.of("dpo-trust")).isEqualTo(NotificationPreferences.DEFAULT);
  }

  @Test
  void set_isAuditedAndReadBack_andReplacesWhatWasChosenBefore() {
    long before = t.store.logHead().size();

    preferences.set(trust(), "daily-digest", List.of("decision", "review-due-soon")).orElseThrow();

    assertThat(t.store.logHead().size()).isEqualTo(before + 1);
    assertThat(preferences.of("dpo-trust"))
        .isEqualTo(
            new NotificationPreferences(
                NotificationPreferences.Delivery.DAILY_DIGEST,
                Set.of(NotificationKind.DECISION, NotificationKind.REVIEW_DUE_SOON)));

    preferences.set(trust(), "immediate", List.of()).orElseThrow();

    assertThat(preferences.of("dpo-trust")).isEqualTo(NotificationPreferences.DEFAULT);
    assertThat(preferences.of("dpo-icb")).isEqualTo(NotificationPreferences.DEFAULT);
  }

  @Test
  void dispatcher_sendsNothingOfAKindTurnedOff_butDecisionNeededAlwaysArrives() {
    preferences.set(trust(), "immediate", List.of("decision")).orElseThrow();
    submitted();
    dispatcher.dispatchDue();
    assertThat(to("dpo@trust.example"))
        .singleElement()
        .satisfies(m -> assertThat(m.subject()).startsWith("Decision needed:"));

    TestRegistry.decide(agreements, council(), ID, 1, Outcome.APPROVE, Optional.empty())
        .orElseThrow();
    dispatcher.dispatchDue();

    assertThat(to("dpo@trust.example")).hasSize(1); // the council's decision: turned off
    assertThat(to("dpo@icb.example"))
        .extracting(Message::subject)
        .anyMatch(s -> s.startsWith("Northshire County Council approved:"));
    assertThat(dispatcher.outbox().inState(Notification.State.PENDING)).isEmpty();
  }

  @Test
  void dailyDigest_gathersWhatWaits_intoOneMessageADay_atTheDigestTime() {
    preferences.set(icb(), "daily-digest", List.of()).orElseThrow();
    t.clock.set(Instant.parse("2026-11-28T05:00:00Z"));
    submitted();
    TestRegistry.decide(agreements, council(), ID, 1, Outcome.APPROVE, Optional.empty())
        .orElseThrow();
    dispatcher.dispatchDue();
    assertThat(to("dpo@icb.example")).isEmpty();
    assertThat(to("dpo@trust.example")).isNotEmpty(); // the trust's DPO gets them at once

    assertThat(dispatcher.dispatchDigests(DIGEST_AT)).isZero(); // before 07:00
    t.clock.set(Instant.parse("2026-11-28T07:30:00Z"));
    assertThat(dispatcher.dispatchDigests(DIGEST_AT)).isEqualTo(1);
    assertThat(dispatcher.dispatchDigests(DIGEST_AT)).isZero(); // once a day

    assertThat(to("dpo@icb.example"))
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.subject())
                  .isEqualTo("Your daily summary: 2 messages from the Data Sharing Registry");
              assertThat(m.body())
                  .contains("- Decision needed:", "- Northshire County Council approved:")
                  .contains("http://localhost:8080/agreements/" + ID)
                  .contains("http://localhost:8080/account/notifications");
            });

    // what arrives later waits for the next day's digest
    TestRegistry.decide(agreements, trust(), ID, 1, Outcome.APPROVE, Optional.empty())
        .orElseThrow();
    dispatcher.dispatchDue();
    assertThat(dispatcher.dispatchDigests(DIGEST_AT)).isZero();
    t.clock.set(Instant.parse("2026-11-29T07:00:00Z"));
    assertThat(dispatcher.dispatchDigests(DIGEST_AT)).isEqualTo(1);
    assertThat(to("dpo@icb.example")).hasSize(2);
    assertThat(to("dpo@icb.example").get(1).body()).doesNotContain("- Decision needed:");
  }

  @Test
  void dailyDigest_waitsForTheMailServer_andIsSentOnceItAnswers() {
    preferences.set(icb(), "daily-digest", List.of()).orElseThrow();
    submitted();
    dispatcher.dispatchDue();
    t.clock.set(Instant.parse("2026-11-27T08:00:00Z"));
    mail.down = true;

    assertThat(dispatcher.dispatchDigests(DIGEST_AT)).isZero();
    mail.down = false;
    assertThat(dispatcher.dispatchDigests(DIGEST_AT)).isEqualTo(1);
    assertThat(to("dpo@icb.example")).hasSize(1);
  }
}
