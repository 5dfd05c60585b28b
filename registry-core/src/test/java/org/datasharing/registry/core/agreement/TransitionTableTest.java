package org.datasharing.registry.core.agreement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.datasharing.registry.core.support.TestRegistry.COUNCIL;
import static org.datasharing.registry.core.support.TestRegistry.ICB;
import static org.datasharing.registry.core.support.TestRegistry.TRUST;
import static org.datasharing.registry.core.support.TestRegistry.dpo;
import static org.datasharing.registry.core.support.TestRegistry.partner;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.datasharing.registry.core.agreement.AgreementService.Outcome;
import org.datasharing.registry.core.common.Result;
import org.datasharing.registry.core.support.TestRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every operation tried from every status: the table says where it is allowed; everywhere else it
 * must be refused with a conflict and change nothing (neither the agreement nor the audit log).
 */
class TransitionTableTest {
  @TempDir static Path dir;
  static TestRegistry t;
  static final AtomicInteger counter = new AtomicInteger();
  static final List<String> PARTIES = List.of(ICB, COUNCIL, TRUST);

  /** operation -> the statuses it is allowed from. */
  static final Map<String, Set<AgreementStatus>> ALLOWED =
      Map.of(
          "submit", EnumSet.of(AgreementStatus.DRAFT),
          "approve", EnumSet.of(AgreementStatus.SUBMITTED),
          "requestChanges", EnumSet.of(AgreementStatus.SUBMITTED),
          "revise", EnumSet.of(AgreementStatus.CHANGES_REQUESTED),
          "suspend",
              EnumSet.of(
                  AgreementStatus.APPROVED, AgreementStatus.ACTIVE, AgreementStatus.REVIEW_DUE),
          "resume", EnumSet.of(AgreementStatus.SUSPENDED),
          "terminate",
              EnumSet.of(
                  AgreementStatus.APPROVED,
                  AgreementStatus.ACTIVE,
                  AgreementStatus.REVIEW_DUE,
                  AgreementStatus.SUSPENDED),
          "amend", EnumSet.of(AgreementStatus.ACTIVE, AgreementStatus.REVIEW_DUE),
          "review", EnumSet.of(AgreementStatus.REVIEW_DUE),
          "leave",
              EnumSet.of(
                  AgreementStatus.APPROVED, AgreementStatus.ACTIVE, AgreementStatus.REVIEW_DUE));

  static final Map<String, BiFunction<AgreementService, String, Result<AgreementView>>> OPS =
      Map.of(
          "submit", (s, id) -> s.submit(partner(ICB), id),
          "approve",
              (s, id) ->
                  TestRegistry.decide(
                      s,
                      dpo(COUNCIL),
                      id,
                      s.get(TestRegistry.auditor(), id).orElseThrow().currentVersion(),
                      Outcome.APPROVE,
                      Optional.empty()),
          "requestChanges",
              (s, id) ->
                  TestRegistry.decide(
                      s,
                      dpo(COUNCIL),
                      id,
                      s.get(TestRegistry.auditor(), id).orElseThrow().currentVersion(),
                      Outcome.REQUEST_CHANGES,
                      Optional.of("more detail")),
          "revise", (s, id) -> s.revise(partner(ICB), id),
          "suspend", (s, id) -> s.suspend(dpo(TRUST), id, "breach under investigation"),
          "resume", (s, id) -> s.resume(dpo(TRUST), id, "investigation closed"),
          "terminate", (s, id) -> s.terminate(dpo(TRUST), id, "no longer needed"),
          "amend", (s, id) -> s.amend(partner(ICB), id),
          "review",
              (s, id) ->
                  s.review(
                      dpo(TRUST),
                      id,
                      AgreementService.ReviewOutcome.CONTINUE,
                      Optional.of(java.time.LocalDate.parse("2028-06-01")),
                      Optional.empty()),
          "leave", (s, id) -> s.leave(dpo(TRUST), id, TRUST, Optional.empty()));

  @BeforeAll
  static void open() {
    t = new TestRegistry(dir);
  }

  @AfterAll
  static void close() {
    t.close();
  }

  static Stream<Arguments> table() {
    List<Arguments> rows = new ArrayList<>();
    for (AgreementStatus from : AgreementStatus.values()) {
      for (String op : ALLOWED.keySet().stream().sorted().toList()) {
        rows.add(Arguments.of(from, op, ALLOWED.get(op).contains(from)));
      }
    }
    return rows.stream();
  }

  @ParameterizedTest(name = "{1} from {0} allowed={2}")
  @MethodSource("table")
  void operation_isAllowedOnlyFromTheStatusesInTheTable(
      AgreementStatus from, String op, boolean allowed) {
    AgreementService s = t.registry.agreements();
    String id = driveTo(from);
    assertThat(s.get(TestRegistry.auditor(), id).orElseThrow().status()).isEqualTo(from);
    long revision = s.get(TestRegistry.auditor(), id).orElseThrow().revision();
    long log = t.store.logHead().size();

    Result<AgreementView> r = OPS.get(op).apply(s, id);

    if (allowed) {
      assertThat(r.ok()).as(r.message()).isTrue();
      assertThat(t.store.logHead().size()).isEqualTo(log + 1);
    } else {
      assertThat(r.failure()).as("%s from %s", op, from).isEqualTo(Result.Failure.CONFLICT);
      assertThat(s.get(TestRegistry.auditor(), id).orElseThrow().revision()).isEqualTo(revision);
      assertThat(t.store.logHead().size()).isEqualTo(log);
    }
  }

  /** A fresh agreement driven through the real lifecycle to the given status. */
  static String driveTo(AgreementStatus target) {
    AgreementService s = t.registry.agreements();
    t.clock.set(TestRegistry.NOW);
    String id = "dsa-table-" + counter.incrementAndGet();
    TestRegistry.draft(s, partner(ICB), Optional.of(id), t.completeContent(PARTIES)).orElseThrow();
    if (target == AgreementStatus.DRAFT) {
      return id;
    }
    s.submit(partner(ICB), id).orElseThrow();
    switch (target) {
      case SUBMITTED -> {
        return id;
      }
      case CHANGES_REQUESTED -> {
        TestRegistry.decide(s, dpo(TRUST), id, 1, Outcome.REQUEST_CHANGES, Optional.of("detail"))
            .orElseThrow();
        return id;
      }
      case REJECTED -> {
        TestRegistry.decide(s, dpo(TRUST), id, 1, Outcome.REJECT, Optional.of("not lawful"))
            .orElseThrow();
        return id;
      }
      default -> {}
    }
    for (String org : PARTIES) {
      TestRegistry.decide(s, dpo(org), id, 1, Outcome.APPROVE, Optional.empty()).orElseThrow();
    }
    if (target == AgreementStatus.APPROVED) {
      return id;
    }
    t.clock.set(
        target == AgreementStatus.EXPIRED
            ? Instant.parse("2029-02-01T00:00:00Z")
            : target == AgreementStatus.REVIEW_DUE
                ? Instant.parse("2027-08-01T00:00:00Z")
                : Instant.parse("2027-02-01T00:00:00Z"));
    s.tick();
    if (target == AgreementStatus.SUSPENDED) {
      s.suspend(dpo(COUNCIL), id, "audit").orElseThrow();
    } else if (target == AgreementStatus.TERMINATED) {
      s.terminate(dpo(COUNCIL), id, "ended early").orElseThrow();
    }
    return id;
  }
}
