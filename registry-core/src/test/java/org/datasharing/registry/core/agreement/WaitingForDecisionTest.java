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
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.query.Query;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.engine.binding.Binding;
import org.datasharing.registry.core.store.ForwardingStore;
import org.datasharing.registry.core.store.TdbRegistryStore;
import org.datasharing.registry.core.support.TestRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WaitingForDecisionTest {
  @TempDir Path dir;
  TdbRegistryStore tdb;
  CountingStore counting;
  TestRegistry t;
  AgreementListing listing;

  /** Counts every read the registry makes of the store. */
  static final class CountingStore extends ForwardingStore {
    final AtomicInteger reads = new AtomicInteger();

    CountingStore(TdbRegistryStore delegate) {
      super(delegate);
    }

    @Override
    public Graph graph(Node graphName) {
      reads.incrementAndGet();
      return super.graph(graphName);
    }

    @Override
    public DatasetGraph graphs(Set<Node> graphNames) {
      reads.incrementAndGet();
      return super.graphs(graphNames);
    }

    @Override
    public List<Binding> select(Query query) {
      reads.incrementAndGet();
      return super.select(query);
    }

    @Override
    public Graph construct(Query query) {
      reads.incrementAndGet();
      return super.construct(query);
    }

    @Override
    public boolean ask(Query query) {
      reads.incrementAndGet();
      return super.ask(query);
    }
  }

  @BeforeEach
  void setUp() {
    tdb = TdbRegistryStore.open(dir.resolve("tdb"));
    counting = new CountingStore(tdb);
    t = new TestRegistry(counting);
    listing =
        new AgreementListing(
            t.registry.agreements(), t.registry.organisations(), t.registry.reference());
  }

  @AfterEach
  void tearDown() {
    t.close(); // closes the store underneath
  }

  void submitted(String id) {
    TestRegistry.draft(
            t.registry.agreements(),
            partner(ICB),
            Optional.of(id),
            t.completeContent(List.of(ICB, COUNCIL, TRUST)))
        .orElseThrow();
    t.registry.agreements().submit(partner(ICB), id).orElseThrow();
  }

  List<String> waiting(String org) {
    return listing.waitingForDecision(dpo(org)).stream().map(AgreementView.Summary::id).toList();
  }

  int readsToCount(String org) {
    int before = counting.reads.get();
    listing.waitingForDecision(dpo(org));
    return counting.reads.get() - before;
  }

  @Test
  void waitingForDecision_listsWhatThePolicyLetsTheDpoDecide_andLeavesWhatTheyDecided() {
    submitted("dsa-waiting-one");
    submitted("dsa-waiting-two");

    assertThat(waiting(TRUST)).contains("dsa-waiting-one", "dsa-waiting-two");

    TestRegistry.decide(
            t.registry.agreements(),
            dpo(TRUST),
            "dsa-waiting-one",
            1,
            AgreementService.Outcome.APPROVE,
            Optional.empty())
        .orElseThrow();

    assertThat(waiting(TRUST)).contains("dsa-waiting-two").doesNotContain("dsa-waiting-one");
    assertThat(waiting(COUNCIL)).contains("dsa-waiting-one", "dsa-waiting-two");
    assertThat(listing.waitingForDecision(partner(TRUST))).isEmpty();
    assertThat(listing.waitingForDecision(dpo(TestRegistry.POLICE)))
        .extracting(AgreementView.Summary::id)
        .doesNotContain("dsa-waiting-one", "dsa-waiting-two");
  }

  @Test
  void waitingForDecision_readsTheStoreTwice_howeverManyAgreementsWait() {
    submitted("dsa-waiting-one");
    int withOne = readsToCount(TRUST);
    submitted("dsa-waiting-two");
    submitted("dsa-waiting-three");

    assertThat(readsToCount(TRUST)).isEqualTo(withOne).isEqualTo(2);
    assertThat(waiting(TRUST)).contains("dsa-waiting-one", "dsa-waiting-two", "dsa-waiting-three");
  }

  void terminated(String id) {
    submitted(id);
    for (String org : List.of(ICB, COUNCIL, TRUST)) {
      TestRegistry.decide(
              t.registry.agreements(),
              dpo(org),
              id,
              1,
              AgreementService.Outcome.APPROVE,
              Optional.empty())
          .orElseThrow();
    }
    t.registry.agreements().terminate(dpo(TRUST), id, "The service closed").orElseThrow();
  }

  int readsToListDestruction(String org) {
    int before = counting.reads.get();
    listing.destructionToConfirm(dpo(org), t.clock.instant());
    return counting.reads.get() - before;
  }

  @Test
  void destructionToConfirm_readsTheStoreTwice_howeverManyAgreementsEnded() {
    terminated("dsa-ended-one");
    int withOne = readsToListDestruction(COUNCIL);
    terminated("dsa-ended-two");
    terminated("dsa-ended-three");

    assertThat(readsToListDestruction(COUNCIL)).isEqualTo(withOne).isEqualTo(2);
    assertThat(listing.destructionToConfirm(dpo(COUNCIL), t.clock.instant()))
        .extracting(d -> d.agreement().id())
        .contains("dsa-ended-one", "dsa-ended-two", "dsa-ended-three");
    assertThat(listing.destructionToConfirm(dpo(TestRegistry.POLICE), t.clock.instant()))
        .extracting(d -> d.agreement().id())
        .doesNotContain("dsa-ended-one", "dsa-ended-two", "dsa-ended-three");
  }

  @Test
  void views_readTheAgreementsTogether_withThePolicysAnswers() {
    submitted("dsa-waiting-one");
    submitted("dsa-waiting-two");
    int before = counting.reads.get();

    List<AgreementView> views =
        t.registry
            .agreements()
            .views(dpo(TRUST), List.of("dsa-waiting-one", "dsa-waiting-two", "no-such-agreement"));

    assertThat(counting.reads.get() - before).isEqualTo(1);
    assertThat(views).hasSize(2).allMatch(v -> v.can(AgreementPolicy.Action.DECIDE));
    assertThat(t.registry.agreements().views(dpo(TestRegistry.POLICE), List.of("dsa-waiting-one")))
        .isEmpty();
  }
}
