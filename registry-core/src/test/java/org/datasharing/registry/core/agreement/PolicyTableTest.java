package org.datasharing.registry.core.agreement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.datasharing.registry.core.support.TestRegistry.COUNCIL;
import static org.datasharing.registry.core.support.TestRegistry.ICB;
import static org.datasharing.registry.core.support.TestRegistry.POLICE;
import static org.datasharing.registry.core.support.TestRegistry.TRUST;
import static org.datasharing.registry.core.support.TestRegistry.dpo;
import static org.datasharing.registry.core.support.TestRegistry.partner;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.datasharing.registry.core.agreement.AgreementPolicy.Action;
import org.datasharing.registry.core.agreement.AgreementService.Outcome;
import org.datasharing.registry.core.common.Actor;
import org.datasharing.registry.core.common.Result;
import org.datasharing.registry.core.support.TestRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The policy as one table: role (partner, DPO, senior officer, auditor, administrator) × relation
 * to the agreement (author's organisation, other party, non-party) × state × action. For every
 * cell, what the agreement view says the caller may do ({@link AgreementView#allowed}, which the
 * API returns and the pages turn into buttons) is what the service then does: an allowed action
 * succeeds, a refused one is refused with the stated kind (forbidden or conflict) and changes
 * nothing.
 */
class PolicyTableTest {
  @TempDir Path dir;

  final List<String> parties = List.of(ICB, COUNCIL, TRUST);

  /** The callers, by role and relation: the ICB drafts, the council and trust are parties. */
  static final Map<String, Actor> ACTORS = new LinkedHashMap<>();

  static {
    ACTORS.put("partner, author's organisation", partner(ICB));
    ACTORS.put("dpo, author's organisation", dpo(ICB));
    ACTORS.put("partner, other party", partner(COUNCIL));
    ACTORS.put("dpo, other party", dpo(COUNCIL));
    ACTORS.put("senior officer, other party", TestRegistry.seniorOfficer(COUNCIL));
    ACTORS.put("partner, non-party", partner(POLICE));
    ACTORS.put("dpo, non-party", dpo(POLICE));
    ACTORS.put("auditor", TestRegistry.auditor());
    ACTORS.put("registry administrator", TestRegistry.admin());
  }

  /** A state an agreement can be in, and how to bring a fresh agreement there. */
  record State(String name, Instant clock, Function<Driver, Driver> steps) {}

  /** Drives one agreement through the lifecycle. */
  final class Driver {
    final TestRegistry t;
    final String id;

    Driver(TestRegistry t, String id) {
      this.t = t;
      this.id = id;
    }

    AgreementService a() {
      return t.registry.agreements();
    }

    int version() {
      return a().get(TestRegistry.auditor(), id).orElseThrow().currentVersion();
    }

    Driver draft() {
      // drafted on the table's day: a start date may not be before the day it is submitted
      t.clock.set(TestRegistry.NOW);
      TestRegistry.draft(a(), partner(ICB), Optional.of(id), t.completeContent(parties))
          .orElseThrow();
      return this;
    }

    Driver submit() {
      a().submit(partner(ICB), id).orElseThrow();
      return this;
    }

    Driver decide(String org, Outcome o) {
      TestRegistry.decide(a(), dpo(org), id, version(), o, Optional.of("because")).orElseThrow();
      return this;
    }

    /** The council's approvals need its senior officer's sign-off from now on. */
    Driver councilSignsOff() {
      t.registry
          .organisations()
          .requireSeniorSignOff(TestRegistry.admin(), COUNCIL, true)
          .orElseThrow();
      return this;
    }

    Driver approveAll() {
      parties.forEach(p -> decide(p, Outcome.APPROVE));
      return this;
    }

    Driver tick(String at) {
      t.clock.set(Instant.parse(at));
      a().tick();
      return this;
    }

    Driver suspend() {
      a().suspend(dpo(TRUST), id, "paused").orElseThrow();
      return this;
    }

    Driver terminate() {
      a().terminate(dpo(TRUST), id, "ended").orElseThrow();
      return this;
    }

    Driver reviewContinue(String org) {
      a().review(
              dpo(org),
              id,
              AgreementService.ReviewOutcome.CONTINUE,
              Optional.of(java.time.LocalDate.parse("2028-01-01")),
              Optional.empty())
          .orElseThrow();
      return this;
    }

    Driver leave(String org) {
      a().leave(dpo(org), id, org, Optional.empty()).orElseThrow();
      return this;
    }

    Driver amend() {
      a().amend(partner(ICB), id).orElseThrow();
      return this;
    }
  }

  static final String ACTIVE_AT = "2027-02-01T00:00:00Z";
  static final String REVIEW_AT = "2027-08-01T00:00:00Z";

  final List<State> states =
      List.of(
          new State("draft", TestRegistry.NOW, Driver::draft),
          new State("submitted", TestRegistry.NOW, d -> d.draft().submit()),
          new State(
              "submitted, one approval",
              TestRegistry.NOW,
              d -> d.draft().submit().decide(COUNCIL, Outcome.APPROVE)),
          new State(
              "submitted, the council's approval awaiting sign-off",
              TestRegistry.NOW,
              d -> d.councilSignsOff().draft().submit().decide(COUNCIL, Outcome.APPROVE)),
          new State(
              "changes requested",
              TestRegistry.NOW,
              d -> d.draft().submit().decide(TRUST, Outcome.REQUEST_CHANGES)),
          new State(
              "rejected", TestRegistry.NOW, d -> d.draft().submit().decide(TRUST, Outcome.REJECT)),
          new State("approved", TestRegistry.NOW, d -> d.draft().submit().approveAll()),
          new State(
              "active",
              Instant.parse(ACTIVE_AT),
              d -> d.draft().submit().approveAll().tick(ACTIVE_AT)),
          new State(
              "review due",
              Instant.parse(REVIEW_AT),
              d -> d.draft().submit().approveAll().tick(REVIEW_AT)),
          new State(
              "review due, one party continues",
              Instant.parse(REVIEW_AT),
              d -> d.draft().submit().approveAll().tick(REVIEW_AT).reviewContinue(COUNCIL)),
          new State(
              "active, the council leaving",
              Instant.parse(ACTIVE_AT),
              d -> d.draft().submit().approveAll().tick(ACTIVE_AT).leave(COUNCIL)),
          new State(
              "suspended",
              Instant.parse(ACTIVE_AT),
              d -> d.draft().submit().approveAll().tick(ACTIVE_AT).suspend()),
          new State(
              "terminated",
              Instant.parse(ACTIVE_AT),
              d -> d.draft().submit().approveAll().tick(ACTIVE_AT).terminate()),
          new State(
              "active, amendment drafted",
              Instant.parse(ACTIVE_AT),
              d -> d.draft().submit().approveAll().tick(ACTIVE_AT).amend()),
          new State(
              "active, amendment submitted",
              Instant.parse(ACTIVE_AT),
              d -> d.draft().submit().approveAll().tick(ACTIVE_AT).amend().submit()),
          new State(
              "terminated during an amendment",
              Instant.parse(ACTIVE_AT),
              d -> d.draft().submit().approveAll().tick(ACTIVE_AT).amend().submit().terminate()));

  /** Tries the action as the caller would through the API or a page. */
  Result<?> attempt(Driver d, Actor actor, Action action) {
    AgreementService a = d.a();
    return switch (action) {
      case SEE -> a.get(actor, d.id);
      case EDIT -> a.updateDraft(actor, d.id, d.t.completeContent(parties));
      case SUBMIT -> a.submit(actor, d.id);
      case REVISE -> a.revise(actor, d.id);
      case AMEND -> a.amend(actor, d.id);
      case DECIDE ->
          TestRegistry.decide(a, actor, d.id, d.version(), Outcome.APPROVE, Optional.empty());
      case SIGN_OFF -> {
        Result<AgreementService.VersionText> read = a.version(actor, d.id, d.version());
        yield a.signOff(
            actor, d.id, d.version(), read.ok() ? read.value().contentHash() : "unread");
      }
      case WITHDRAW -> a.withdraw(actor, d.id);
      case DELETE -> a.delete(actor, d.id);
      case SUSPEND -> a.suspend(actor, d.id, "a reason");
      case RESUME -> a.resume(actor, d.id, "a reason");
      case TERMINATE -> a.terminate(actor, d.id, "a reason");
      case LEAVE -> a.leave(actor, d.id, actor.organisation().orElse(ICB), Optional.empty());
      case CONFIRM_DESTRUCTION ->
          a.confirmDestruction(
              actor, d.id, AgreementService.Disposal.DESTROYED, Optional.of("Deleted"));
      case REPORT_INCIDENT ->
          a.recordIncident(actor, d.id, IncidentsTest.incident(d.t.clock.instant()));
      case REVIEW ->
          a.review(
              actor,
              d.id,
              AgreementService.ReviewOutcome.CONTINUE,
              Optional.of(
                  d.t.clock.instant().atZone(java.time.ZoneOffset.UTC).toLocalDate().plusMonths(6)),
              Optional.empty());
    };
  }

  @Test
  void whatTheViewAllows_isWhatTheServiceDoes_inEveryCellOfTheTable() {
    List<String> mismatches = new ArrayList<>();
    AtomicInteger cells = new AtomicInteger();
    AtomicInteger allowedCells = new AtomicInteger();
    AtomicInteger n = new AtomicInteger();
    for (State state : states) {
      try (TestRegistry t = new TestRegistry(dir.resolve("s" + n.incrementAndGet()))) {
        t.clock.set(state.clock());
        Driver shared = state.steps().apply(new Driver(t, "dsa-table-" + n.get()));
        for (var who : ACTORS.entrySet()) {
          Actor actor = who.getValue();
          Result<AgreementView> seen = shared.a().get(actor, shared.id);
          for (Action action : Action.values()) {
            cells.incrementAndGet();
            boolean allowed = seen.ok() && seen.value().can(action);
            String cell = state.name() + " / " + who.getKey() + " / " + action;
            if (allowed) {
              allowedCells.incrementAndGet();
              // a fresh agreement in the same state, so doing it changes no other cell
              Driver fresh =
                  action == Action.SEE
                      ? shared
                      : state.steps().apply(new Driver(t, "dsa-table-" + n.incrementAndGet()));
              Result<?> r = attempt(fresh, actor, action);
              if (!r.ok()) {
                mismatches.add(cell + ": allowed, but " + r.failure() + " " + r.message());
              }
            } else {
              long before = t.registry.store().logHead().size();
              Result<?> r = attempt(shared, actor, action);
              Result.Failure expected =
                  seen.ok() ? refusalOf(seen.value(), action) : Result.Failure.FORBIDDEN;
              if (r.ok()) {
                mismatches.add(cell + ": refused in the view, but the service did it");
              } else if (r.failure() != expected
                  && !(r.failure() == Result.Failure.INVALID && action == Action.SUBMIT)) {
                mismatches.add(cell + ": expected " + expected + ", got " + r.failure());
              }
              if (t.registry.store().logHead().size() != before) {
                mismatches.add(cell + ": a refused action wrote to the log");
              }
            }
          }
        }
      }
    }
    assertThat(mismatches).isEmpty();
    assertThat(cells.get()).isEqualTo(states.size() * ACTORS.size() * Action.values().length);
    assertThat(allowedCells.get()).isGreaterThan(states.size() * 2);
  }

  private static Result.Failure refusalOf(AgreementView view, Action action) {
    AgreementPolicy.Refusal refusal = view.refused().get(action);
    assertThat(refusal.reason()).as("a refused action says why").isNotBlank();
    return refusal.failure();
  }
}
