package org.datasharing.registry.core.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.datasharing.registry.core.support.TestRegistry.COUNCIL;
import static org.datasharing.registry.core.support.TestRegistry.ICB;
import static org.datasharing.registry.core.support.TestRegistry.TRUST;
import static org.datasharing.registry.core.support.TestRegistry.dpo;
import static org.datasharing.registry.core.support.TestRegistry.partner;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.jena.graph.Node;
import org.datasharing.registry.core.agreement.AgreementService;
import org.datasharing.registry.core.agreement.AgreementService.Outcome;
import org.datasharing.registry.core.agreement.AgreementView;
import org.datasharing.registry.core.identity.MemberRole;
import org.datasharing.registry.core.support.TestRegistry;
import org.datasharing.registry.ontology.vocab.DSR;
import org.datasharing.registry.ontology.vocab.Graphs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NotificationOutboxTest {
  static final String ID = "dsa-notify";
  static final String LINK = "http://localhost:8080/agreements/" + ID;
  static final String AUTHOR = "partner.icb@icb.example";
  static final List<String> DPOS =
      List.of("dpo@council.example", "dpo@icb.example", "dpo@trust.example");

  @TempDir Path dir;
  TestRegistry t;
  AgreementService agreements;
  People people = new People();
  RecordingMail mail = new RecordingMail();
  NotificationDispatcher dispatcher;
  Outbox outbox;

  /** The registry under test: on TDB2 here, on a remote SPARQL store in a subclass. */
  TestRegistry createRegistry(Path dir) {
    return new TestRegistry(dir);
  }

  @BeforeEach
  void setUp() {
    t = createRegistry(dir);
    agreements = t.registry.agreements();
    people
        .person(COUNCIL, "dpo-council", "dpo@council.example", MemberRole.DPO)
        .person(COUNCIL, "partner-council", "partner@council.example", MemberRole.PARTNER)
        .person(ICB, "dpo-icb", "dpo@icb.example", MemberRole.DPO)
        .person(ICB, partner(ICB).subject(), AUTHOR, MemberRole.PARTNER)
        .person(TRUST, "dpo-trust", "dpo@trust.example", MemberRole.DPO);
    dispatcher =
        new NotificationDispatcher(
            t.registry.store(),
            t.registry.ids(),
            t.registry.organisations(),
            people,
            mail,
            t.clock,
            new RetryPolicy(Duration.ofMinutes(1), Duration.ofMinutes(10), 3),
            "http://localhost:8080/");
    outbox = dispatcher.outbox();
  }

  @AfterEach
  void tearDown() {
    t.close();
  }

  AgreementView submitted() {
    TestRegistry.draft(
            agreements,
            partner(ICB),
            Optional.of(ID),
            t.completeContent(List.of(ICB, COUNCIL, TRUST)))
        .orElseThrow();
    return agreements.submit(partner(ICB), ID).orElseThrow();
  }

  AgreementView approvedByAll() {
    submitted();
    for (String org : List.of(COUNCIL, TRUST, ICB)) {
      TestRegistry.decide(agreements, dpo(org), ID, 1, Outcome.APPROVE, Optional.empty())
          .orElseThrow();
    }
    return agreements.get(dpo(ICB), ID).orElseThrow();
  }

  Node agreement() {
    return t.registry.ids().agreement(ID);
  }

  List<Message> sentOf(NotificationKind kind) {
    dispatcher.dispatchDue();
    String subjectStart =
        switch (kind) {
          case DECISION_NEEDED -> "Decision needed:";
          case SIGN_OFF_NEEDED -> "Sign-off needed:";
          case APPROVED -> "Approved by every party:";
          case SUSPENDED -> "Suspended:";
          case RESUMED -> "Resumed:";
          case TERMINATED -> "Terminated:";
          default -> "";
        };
    return mail.sent.stream().filter(m -> m.subject().startsWith(subjectStart)).toList();
  }

  @Test
  void submit_recordsDecisionNeeded_inTheSameCommitAsItsAuditEvent() {
    long before = t.registry.store().logHead().size();
    AgreementView v = submitted();

    List<Notification> caused = outbox.about(agreement());
    assertThat(caused).hasSize(1);
    Notification n = caused.get(0);
    assertThat(n.kind()).isEqualTo(NotificationKind.DECISION_NEEDED);
    assertThat(n.state()).isEqualTo(Notification.State.PENDING);
    assertThat(n.contentHash()).contains(v.versions().get(0).contentHash());
    assertThat(n.version()).contains(t.registry.ids().version(agreement(), 1));
    // the notification names the Submit event that caused it, which is in the audit log
    Node event =
        t.registry
            .store()
            .graph(OutboxTerms.GRAPH)
            .find(n.id(), OutboxTerms.wasGeneratedBy, Node.ANY)
            .next()
            .getObject();
    assertThat(
            t.registry
                .store()
                .graph(Graphs.AUDIT_NODE)
                .contains(event, DSR.action.asNode(), DSR.Submit.asNode()))
        .isTrue();
    // create, the council's and the trust's own answers, submit: four events, the notification
    // added none
    assertThat(t.registry.store().logHead().size()).isEqualTo(before + 4);
  }

  @Test
  void decisionNeeded_goesToEveryPartysDpo_withVersionHashAndLink() {
    String hash = submitted().versions().get(0).contentHash();

    List<Message> sent = sentOf(NotificationKind.DECISION_NEEDED);

    assertThat(sent).extracting(Message::to).containsExactlyInAnyOrderElementsOf(DPOS);
    assertThat(sent)
        .allSatisfy(
            m -> {
              assertThat(m.subject()).contains("(version 1)");
              assertThat(m.body()).contains(LINK).contains(hash).doesNotContain("token");
            });
    assertThat(outbox.about(agreement()).get(0).state()).isEqualTo(Notification.State.SENT);
  }

  @Test
  void decision_goesToAuthorAndOtherPartiesDpos_withTheReason() {
    submitted();
    dispatcher.dispatchDue();
    mail.sent.clear();
    TestRegistry.decide(
            agreements,
            dpo(COUNCIL),
            ID,
            1,
            Outcome.REQUEST_CHANGES,
            Optional.of("Name the retention period"))
        .orElseThrow();

    dispatcher.dispatchDue();

    assertThat(mail.to()).containsExactlyInAnyOrder(AUTHOR, "dpo@icb.example", "dpo@trust.example");
    assertThat(mail.sent)
        .allSatisfy(
            m -> {
              assertThat(m.subject()).startsWith("Northshire County Council requested changes to");
              assertThat(m.body()).contains("Reason: Name the retention period").contains(LINK);
            });
  }

  @Test
  void rejection_carriesTheReason() {
    submitted();
    dispatcher.dispatchDue();
    mail.sent.clear();
    TestRegistry.decide(
            agreements, dpo(TRUST), ID, 1, Outcome.REJECT, Optional.of("No lawful basis"))
        .orElseThrow();

    dispatcher.dispatchDue();

    assertThat(mail.to())
        .containsExactlyInAnyOrder(AUTHOR, "dpo@icb.example", "dpo@council.example");
    assertThat(mail.sent.get(0).subject()).contains("rejected");
    assertThat(mail.sent.get(0).body()).contains("Reason: No lawful basis");
  }

  @Test
  void lastApproval_tellsEveryPartysDpoAndTheAuthor_thatItIsApproved() {
    approvedByAll();

    List<Message> approved = sentOf(NotificationKind.APPROVED);

    assertThat(approved)
        .extracting(Message::to)
        .containsExactlyInAnyOrder(AUTHOR, DPOS.get(0), DPOS.get(1), DPOS.get(2));
    assertThat(approved).allSatisfy(m -> assertThat(m.body()).contains(LINK));
  }

  @Test
  void signOffThatCompletesTheApprovals_tellsEveryPartysDpoAndTheAuthor_thatItIsApproved() {
    t.registry
        .organisations()
        .requireSeniorSignOff(TestRegistry.admin(), COUNCIL, true)
        .orElseThrow();
    approvedByAll();
    assertThat(sentOf(NotificationKind.APPROVED)).isEmpty();
    var officer = TestRegistry.seniorOfficer(COUNCIL);

    agreements
        .signOff(officer, ID, 1, agreements.version(officer, ID, 1).orElseThrow().contentHash())
        .orElseThrow();

    assertThat(sentOf(NotificationKind.APPROVED))
        .extracting(Message::to)
        .containsExactlyInAnyOrder(AUTHOR, DPOS.get(0), DPOS.get(1), DPOS.get(2));
  }

  @Test
  void dpoApproval_thatNeedsSignOff_tellsOnlyThatOrganisationsSeniorOfficers_signOffNeeded() {
    people
        .person(COUNCIL, "siro-council", "siro@council.example", MemberRole.SENIOR_OFFICER)
        .person(TRUST, "caldicott-trust", "caldicott@trust.example", MemberRole.SENIOR_OFFICER);
    t.registry
        .organisations()
        .requireSeniorSignOff(TestRegistry.admin(), COUNCIL, true)
        .orElseThrow();
    String hash = submitted().versions().get(0).contentHash();
    // the trust does not require sign-off: its DPO's approval needs none, so nobody is asked
    agreements.decide(dpo(TRUST), ID, 1, hash, Outcome.APPROVE, Optional.empty()).orElseThrow();
    assertThat(sentOf(NotificationKind.SIGN_OFF_NEEDED)).isEmpty();

    agreements.decide(dpo(COUNCIL), ID, 1, hash, Outcome.APPROVE, Optional.empty()).orElseThrow();

    List<Message> needed = sentOf(NotificationKind.SIGN_OFF_NEEDED);
    assertThat(needed).extracting(Message::to).containsExactly("siro@council.example");
    assertThat(needed.get(0).body())
        .contains("Read the text and sign off")
        .contains(hash)
        .contains(LINK)
        .contains("a senior officer of a party");
    assertThat(outbox.about(agreement()))
        .filteredOn(n -> n.kind() == NotificationKind.SIGN_OFF_NEEDED)
        .singleElement()
        .satisfies(n -> assertThat(n.state()).isEqualTo(Notification.State.SENT));
  }

  @Test
  void suspendResumeTerminate_eachTellEveryPartyAndTheAuthor_withTheReason() {
    approvedByAll();
    dispatcher.dispatchDue();
    mail.sent.clear();
    agreements.suspend(dpo(COUNCIL), ID, "Breach under investigation").orElseThrow();
    agreements.resume(dpo(COUNCIL), ID, "Investigation closed").orElseThrow();
    agreements.terminate(dpo(TRUST), ID, "Service decommissioned").orElseThrow();

    dispatcher.dispatchDue();

    for (var kind :
        List.of(
            List.of("Suspended:", "Breach under investigation"),
            List.of("Resumed:", "Investigation closed"),
            List.of("Terminated:", "Service decommissioned"))) {
      List<Message> of =
          mail.sent.stream().filter(m -> m.subject().startsWith(kind.get(0))).toList();
      assertThat(of)
          .extracting(Message::to)
          .containsExactlyInAnyOrder(AUTHOR, DPOS.get(0), DPOS.get(1), DPOS.get(2));
      assertThat(of).allSatisfy(m -> assertThat(m.body()).contains(kind.get(1)).contains(LINK));
    }
  }

  @Test
  void startAndEndDates_tellEveryPartyAndTheAuthor_thatItIsActiveThenExpired() {
    approvedByAll();
    dispatcher.dispatchDue();
    mail.sent.clear();

    t.clock.advance(Duration.ofDays(40)); // past the start date, 2027-01-01
    agreements.tick();
    dispatcher.dispatchDue();
    List<Message> active = ofThisAgreement("Now in force:");
    t.clock.advance(Duration.ofDays(3 * 366)); // past the end date
    agreements.tick();
    dispatcher.dispatchDue();
    List<Message> expired = ofThisAgreement("Expired:");

    for (List<Message> of : List.of(active, expired)) {
      assertThat(of)
          .extracting(Message::to)
          .containsExactlyInAnyOrder(AUTHOR, DPOS.get(0), DPOS.get(1), DPOS.get(2));
      assertThat(of).allSatisfy(m -> assertThat(m.body()).contains(LINK));
    }
  }

  List<Message> ofThisAgreement(String subjectStart) {
    return mail.sent.stream()
        .filter(m -> m.subject().startsWith(subjectStart) && m.body().contains(LINK))
        .toList();
  }

  @Test
  void dispatchingAgain_sendsNothingTwice() {
    submitted();
    dispatcher.dispatchDue();
    dispatcher.dispatchDue();
    t.clock.advance(Duration.ofHours(2));
    dispatcher.dispatchDue();

    assertThat(mail.sent).hasSize(3);
    assertThat(mail.sent).extracting(Message::messageId).doesNotHaveDuplicates();
  }

  @Test
  void mailServerDown_keepsItPending_andRetriesWithBackoff_untilItIsBack() {
    mail.down = true;
    submitted();

    dispatcher.dispatchDue();
    Notification waiting = outbox.about(agreement()).get(0);
    assertThat(waiting.state()).isEqualTo(Notification.State.PENDING);
    assertThat(waiting.attempts()).isEqualTo(1);
    assertThat(waiting.nextAttempt()).isEqualTo(TestRegistry.NOW.plus(Duration.ofMinutes(1)));
    assertThat(waiting.lastError()).hasValueSatisfying(e -> assertThat(e).contains("refused"));

    t.clock.advance(Duration.ofSeconds(30));
    dispatcher.dispatchDue(); // not due yet
    assertThat(outbox.about(agreement()).get(0).attempts()).isEqualTo(1);

    t.clock.advance(Duration.ofSeconds(30));
    dispatcher.dispatchDue(); // second attempt, still down: waits twice as long
    assertThat(outbox.about(agreement()).get(0).nextAttempt())
        .isEqualTo(TestRegistry.NOW.plus(Duration.ofMinutes(3)));

    mail.down = false;
    t.clock.advance(Duration.ofMinutes(2));
    dispatcher.dispatchDue();
    assertThat(mail.to()).containsExactlyInAnyOrderElementsOf(DPOS);
    assertThat(outbox.about(agreement()).get(0).state()).isEqualTo(Notification.State.SENT);
  }

  @Test
  void mailServerGoingDownMidway_retriesOnlyTheRecipientsStillWaiting() {
    mail.takeThenDown = 1;
    submitted();
    dispatcher.dispatchDue();
    assertThat(mail.sent).hasSize(1);

    mail.down = false;
    mail.takeThenDown = -1;
    t.clock.advance(Duration.ofMinutes(1));
    dispatcher.dispatchDue();

    assertThat(mail.to()).containsExactlyInAnyOrderElementsOf(DPOS);
  }

  @Test
  void refusedAddress_isRecordedWithTheReason_andNotRetried() {
    mail.refused.add("dpo@trust.example");
    submitted();

    dispatcher.dispatchDue();
    t.clock.advance(Duration.ofHours(1));
    dispatcher.dispatchDue();

    assertThat(mail.to()).containsExactly("dpo@council.example", "dpo@icb.example");
    Notification n = outbox.about(agreement()).get(0);
    assertThat(n.state()).isEqualTo(Notification.State.SENT);
    assertThat(n.failedRecipients()).containsExactly("dpo@trust.example: 550 no such mailbox");
  }

  @Test
  void failsWithTheReason_afterTheLastAttempt() {
    mail.down = true;
    submitted();
    for (int i = 0; i < 5; i++) {
      dispatcher.dispatchDue();
      t.clock.advance(Duration.ofMinutes(10));
    }

    Notification n = outbox.about(agreement()).get(0);
    assertThat(n.state()).isEqualTo(Notification.State.FAILED);
    assertThat(n.attempts()).isEqualTo(3);
    assertThat(n.lastError()).hasValueSatisfying(e -> assertThat(e).contains("gave up after 3"));
    assertThat(outbox.inState(Notification.State.FAILED))
        .extracting(Notification::id)
        .containsExactly(n.id());
  }

  @Test
  void directoryDown_isRetriedLikeTheMailServer() {
    people.down = true;
    submitted();
    dispatcher.dispatchDue();
    assertThat(outbox.about(agreement()).get(0).lastError())
        .hasValueSatisfying(e -> assertThat(e).contains("identity directory"));

    people.down = false;
    t.clock.advance(Duration.ofMinutes(1));
    dispatcher.dispatchDue();
    assertThat(mail.to()).containsExactlyInAnyOrderElementsOf(DPOS);
  }

  @Test
  void aPartyLeaving_asksTheRemainingPartiesForTheirDecision_notTheOneLeaving() {
    approvedByAll();
    dispatcher.dispatchDue();
    mail.sent.clear();

    agreements.leave(dpo(COUNCIL), ID, COUNCIL, Optional.empty()).orElseThrow();

    List<Message> asked = sentOf(NotificationKind.DECISION_NEEDED);
    assertThat(asked.stream().map(Message::to).toList())
        .containsExactlyInAnyOrder("dpo@icb.example", "dpo@trust.example");
    assertThat(asked).allSatisfy(m -> assertThat(m.body()).contains(LINK));
  }

  @Test
  void anIncident_tellsEveryPartysDpo_withTheIcoDeadline_notTheAuthor() {
    approvedByAll();
    dispatcher.dispatchDue();
    mail.sent.clear();
    java.time.Instant found = t.clock.instant().minus(Duration.ofHours(2));

    agreements
        .recordIncident(
            partner(COUNCIL),
            ID,
            new org.datasharing.registry.core.agreement.Incident(
                found,
                "A discharge list was e-mailed to the wrong care home",
                org.datasharing.registry.core.agreement.Incident.Kind.CONFIDENTIALITY,
                org.datasharing.registry.core.agreement.Incident.Severity.RISK,
                "Names and addresses of 12 patients"))
        .orElseThrow();

    dispatcher.dispatchDue();
    List<Message> told =
        mail.sent.stream().filter(m -> m.subject().startsWith("Incident recorded by")).toList();
    assertThat(told.stream().map(Message::to).toList()).containsExactlyInAnyOrderElementsOf(DPOS);
    assertThat(told)
        .allSatisfy(
            m ->
                assertThat(m.body())
                    .contains("72 hours")
                    .contains("report to the ICO due by " + found.plus(Duration.ofHours(72)))
                    .contains(LINK));
  }
}
