package org.datasharing.registry.core.agreement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.datasharing.registry.core.support.TestRegistry.COUNCIL;
import static org.datasharing.registry.core.support.TestRegistry.ICB;
import static org.datasharing.registry.core.support.TestRegistry.TRUST;
import static org.datasharing.registry.core.support.TestRegistry.dpo;
import static org.datasharing.registry.core.support.TestRegistry.partner;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.datasharing.registry.core.agreement.AgreementService.Outcome;
import org.datasharing.registry.core.common.Result;
import org.datasharing.registry.core.support.TestRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A decision names the content hash of the text the DPO read; another text's hash is refused. */
class DecisionHashTest {
  static final String ID = "dsa-read";
  @TempDir Path dir;
  TestRegistry t;
  AgreementService agreements;

  @BeforeEach
  void setUp() {
    t = new TestRegistry(dir);
    agreements = t.registry.agreements();
    TestRegistry.draft(
            agreements,
            partner(ICB),
            Optional.of(ID),
            t.completeContent(List.of(ICB, COUNCIL, TRUST)))
        .orElseThrow();
    agreements.submit(partner(ICB), ID).orElseThrow();
  }

  @AfterEach
  void tearDown() {
    t.close();
  }

  String hashOf(int version) {
    return agreements.version(dpo(COUNCIL), ID, version).orElseThrow().contentHash();
  }

  long logSize() {
    return t.store.logHead().size();
  }

  @Test
  void decide_recordsTheHashRead_whenItIsTheVersionsHash() {
    AgreementView v =
        agreements
            .decide(dpo(COUNCIL), ID, 1, hashOf(1), Outcome.APPROVE, Optional.empty())
            .orElseThrow();
    assertThat(v.decisions()).singleElement().extracting(d -> d.contentHash()).isEqualTo(hashOf(1));
  }

  @Test
  void decide_isConflict_andRecordsNothing_whenTheHashReadIsNotTheVersions() {
    long before = logSize();
    Result<AgreementView> r =
        agreements.decide(dpo(COUNCIL), ID, 1, "0".repeat(64), Outcome.APPROVE, Optional.empty());
    assertThat(r.failure()).isEqualTo(Result.Failure.CONFLICT);
    assertThat(r.message()).startsWith("You read a different text");
    assertThat(logSize()).isEqualTo(before);
    assertThat(agreements.get(dpo(COUNCIL), ID).orElseThrow().decisions()).isEmpty();
  }

  @Test
  void decide_isInvalidNamingContentHash_andRecordsNothing_whenNoHashIsGiven() {
    long before = logSize();
    Result<AgreementView> r =
        agreements.decide(dpo(COUNCIL), ID, 1, " ", Outcome.APPROVE, Optional.empty());
    assertThat(r.failure()).isEqualTo(Result.Failure.INVALID);
    assertThat(r.violations()).extracting(v -> v.field()).containsExactly("contentHash");
    assertThat(logSize()).isEqualTo(before);
  }

  @Test
  void decide_isConflict_whenTheHashReadIsAnEarlierVersions() {
    String first = hashOf(1);
    agreements
        .decide(dpo(TRUST), ID, 1, first, Outcome.REQUEST_CHANGES, Optional.of("Say more"))
        .orElseThrow();
    agreements.revise(partner(ICB), ID).orElseThrow();
    AgreementContent changed = t.completeContent(List.of(ICB, COUNCIL, TRUST));
    agreements.updateDraft(partner(ICB), ID, changed).orElseThrow();
    agreements.submit(partner(ICB), ID).orElseThrow();
    long before = logSize();
    Result<AgreementView> r =
        agreements.decide(dpo(COUNCIL), ID, 2, first, Outcome.APPROVE, Optional.empty());
    assertThat(r.failure()).isEqualTo(Result.Failure.CONFLICT);
    assertThat(logSize()).isEqualTo(before);
  }
}
