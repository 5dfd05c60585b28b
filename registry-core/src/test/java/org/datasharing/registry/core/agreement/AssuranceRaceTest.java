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
import org.datasharing.registry.core.organisation.Organisation;
import org.datasharing.registry.core.store.Change;
import org.datasharing.registry.core.store.ForwardingStore;
import org.datasharing.registry.core.store.RegistryStore;
import org.datasharing.registry.core.store.TdbRegistryStore;
import org.datasharing.registry.core.support.TestRegistry;
import org.datasharing.registry.ontology.vocab.DSR;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A decision checks the approver's assurance inside the same guarded commit: assurance withdrawn
 * between the check and the commit makes the decision re-read and be refused, never approve on
 * stale assurance.
 */
class AssuranceRaceTest {
  @TempDir Path dir;
  TestRegistry t;

  /** Runs {@code race} once, just before the first decision is committed. */
  static final class RacingStore extends ForwardingStore {
    Runnable race;

    RacingStore(RegistryStore inner) {
      super(inner);
    }

    @Override
    public CommitOutcome commit(Change change) {
      boolean decision =
          change.add().stream().anyMatch(q -> q.getObject().equals(DSR.Decision.asNode()));
      if (decision && race != null) {
        Runnable r = race;
        race = null;
        r.run();
      }
      return delegate.commit(change);
    }
  }

  @AfterEach
  void tearDown() {
    t.close();
  }

  @Test
  void approval_isRefused_whenAssuranceExpiresBetweenTheCheckAndTheCommit() {
    RacingStore store = new RacingStore(TdbRegistryStore.open(dir.resolve("tdb")));
    t = new TestRegistry(store);
    List<String> parties = List.of(ICB, COUNCIL, TRUST);
    AgreementService agreements = t.registry.agreements();
    var content =
        TestRegistry.with(t.completeContent(parties), "requiredAssurance", List.of("dspt"));
    TestRegistry.draft(agreements, partner(ICB), Optional.of("dsa-race"), content).orElseThrow();
    agreements.submit(partner(ICB), "dsa-race").orElseThrow();
    Organisation council = t.registry.organisations().get(COUNCIL).orElseThrow();
    assertThat(council.assurances()).anyMatch(a -> a.scheme().equals("dspt"));
    Organisation expired =
        new Organisation(
            council.id(),
            council.name(),
            council.type(),
            council.sector(),
            council.domain(),
            council.dpoName(),
            council.dpoEmail(),
            List.of(
                new Organisation.Assurance("dspt", "Standards Met", "2024-07-01", "2025-06-30")));
    store.race =
        () -> t.registry.organisations().update(TestRegistry.admin(), expired).orElseThrow();

    Result<AgreementView> r =
        TestRegistry.decide(
            agreements, dpo(COUNCIL), "dsa-race", 1, Outcome.APPROVE, Optional.empty());

    assertThat(store.race).as("the race ran").isNull();
    assertThat(r.failure()).isEqualTo(Result.Failure.INVALID);
    assertThat(r.violations().get(0).field()).isEqualTo("assurance");
    assertThat(agreements.get(dpo(COUNCIL), "dsa-race").orElseThrow().decisions()).isEmpty();
  }
}
