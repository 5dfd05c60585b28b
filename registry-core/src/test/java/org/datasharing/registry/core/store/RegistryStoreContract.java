package org.datasharing.registry.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.core.Quad;
import org.datasharing.registry.core.audit.AuditLog;
import org.datasharing.registry.core.audit.AuditTrail;
import org.datasharing.registry.core.common.Actor;
import org.datasharing.registry.core.common.Ids;
import org.datasharing.registry.ontology.vocab.DSR;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The behaviour every {@link RegistryStore} implementation must have. */
abstract class RegistryStoreContract {
  static final Node G = NodeFactory.createURI("http://localhost:8080/id/agreement/test");
  static final Node S = G;
  static final Node P = NodeFactory.createURI("https://example.org/p");
  static final Ids IDS = new Ids("http://localhost:8080/id/");
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC);

  RegistryStore store;
  AuditLog audit = new AuditLog(IDS, CLOCK);

  abstract RegistryStore createStore() throws Exception;

  void destroyStore() throws Exception {}

  @BeforeEach
  void open() throws Exception {
    store = createStore();
  }

  @AfterEach
  void close() throws Exception {
    store.close();
    destroyStore();
  }

  Change change(List<Guard> guards, List<Quad> remove, List<Quad> add) {
    return new Change(
        guards,
        remove,
        add,
        audit.appender(audit.event(DSR.Edit.asNode(), Actor.system(), G, null, null, "test")));
  }

  static Quad q(String o) {
    return Quad.create(G, S, P, NodeFactory.createLiteralString(o));
  }

  @Test
  void commit_writesTheChangeAndItsAuditEvent_together() {
    assertThat(store.commit(change(List.of(), List.of(), List.of(q("a")))))
        .isEqualTo(RegistryStore.CommitOutcome.APPLIED);

    assertThat(store.graph(G).contains(S, P, NodeFactory.createLiteralString("a"))).isTrue();
    assertThat(store.logHead().size()).isEqualTo(1);
    assertThat(new AuditTrail(store, CLOCK).forAgreement(G)).hasSize(1);
  }

  @Test
  void commit_isRefusedAndWritesNothing_whenAGuardFails() {
    store.commit(change(List.of(), List.of(), List.of(q("a"))));

    var outcome =
        store.commit(
            change(
                List.of(Guard.exists(G, S, P, NodeFactory.createLiteralString("b"))),
                List.of(q("a")),
                List.of(q("c"))));

    assertThat(outcome).isEqualTo(RegistryStore.CommitOutcome.CONFLICT);
    assertThat(store.graph(G).size()).isEqualTo(1);
    assertThat(store.logHead().size()).isEqualTo(1);
  }

  @Test
  void commit_honoursAbsenceGuards() {
    Guard absent = Guard.absent(G, S, P, Node.ANY);
    assertThat(store.commit(change(List.of(absent), List.of(), List.of(q("a")))))
        .isEqualTo(RegistryStore.CommitOutcome.APPLIED);
    assertThat(store.commit(change(List.of(absent), List.of(), List.of(q("b")))))
        .isEqualTo(RegistryStore.CommitOutcome.CONFLICT);
    assertThat(store.graph(G).size()).isEqualTo(1);
  }

  @Test
  void commit_leavesNothingBehind_whenTheAuditEventCannotBeBuilt() {
    Change broken =
        new Change(
            List.of(),
            List.of(),
            List.of(q("a")),
            head -> {
              throw new IllegalStateException("audit unavailable");
            });

    assertThatThrownBy(() -> store.commit(broken)).hasMessageContaining("audit unavailable");
    assertThat(store.graph(G).isEmpty()).isTrue();
    assertThat(store.logHead().size()).isZero();
  }

  @Test
  void commit_removesThenAdds() {
    store.commit(change(List.of(), List.of(), List.of(q("a"), q("b"))));
    store.commit(change(List.of(), List.of(q("a")), List.of(q("c"))));

    assertThat(
            store
                .graph(G)
                .find(S, P, Node.ANY)
                .mapWith(t -> t.getObject().getLiteralLexicalForm())
                .toSet())
        .containsExactlyInAnyOrder("b", "c");
  }

  @Test
  void concurrentCommits_areAllKept_andTheLogStaysConsistent() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(6);
    List<Future<RegistryStore.CommitOutcome>> results = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      String v = "v" + i;
      results.add(pool.submit(() -> store.commit(change(List.of(), List.of(), List.of(q(v))))));
    }
    for (var r : results) {
      assertThat(r.get()).isEqualTo(RegistryStore.CommitOutcome.APPLIED);
    }
    pool.shutdown();

    assertThat(store.graph(G).size()).isEqualTo(30);
    assertThat(store.logHead().size()).isEqualTo(30);
    AuditTrail.Verification v = new AuditTrail(store, CLOCK).verify();
    assertThat(v.findings()).isEmpty();
    assertThat(v.intact()).isTrue();
  }

  @Test
  void concurrentGuardedCommits_fromManyClients_areAllApplied() throws Exception {
    // 32 clients, each change guarded by the absence of its own value: no change conflicts with
    // another, so every one must be applied, however busy the log head is
    assertThat(commitConcurrently(List.of(store), 32, 320))
        .containsOnly(RegistryStore.CommitOutcome.APPLIED)
        .hasSize(320);
    assertThat(store.graph(G).size()).isEqualTo(320);
    assertThat(store.logHead().size()).isEqualTo(320);
    assertThat(new AuditTrail(store, CLOCK).verify().intact()).isTrue();
  }

  /** Commits {@code changes} guarded changes from {@code clients} threads, spread over stores. */
  List<RegistryStore.CommitOutcome> commitConcurrently(
      List<RegistryStore> stores, int clients, int changes) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      List<Future<RegistryStore.CommitOutcome>> results = new ArrayList<>();
      for (int i = 0; i < changes; i++) {
        Quad value = q("c" + i);
        RegistryStore target = stores.get(i % stores.size());
        Guard absent = Guard.absent(G, S, P, value.getObject());
        results.add(
            pool.submit(() -> target.commit(change(List.of(absent), List.of(), List.of(value)))));
      }
      List<RegistryStore.CommitOutcome> outcomes = new ArrayList<>();
      for (var r : results) {
        outcomes.add(r.get());
      }
      return outcomes;
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void replaceGraphs_replacesOnlyTheGraphsGiven() {
    Node other = NodeFactory.createURI("https://example.org/other");
    DatasetGraph first = DatasetGraphFactory.createTxnMem();
    first.add(q("a"));
    first.add(Quad.create(other, S, P, NodeFactory.createLiteralString("x")));
    store.replaceGraphs(first);
    DatasetGraph second = DatasetGraphFactory.createTxnMem();
    second.add(q("b"));
    store.replaceGraphs(second);

    assertThat(
            store
                .graph(G)
                .find(S, P, Node.ANY)
                .mapWith(t -> t.getObject().getLiteralLexicalForm())
                .toSet())
        .containsExactly("b");
    assertThat(store.graph(other).size()).isEqualTo(1);
    assertThat(store.graphNames()).contains(G, other);
  }

  @Test
  void graphs_returnsDetachedCopies() {
    store.commit(change(List.of(), List.of(), List.of(q("a"))));
    var copy = store.graph(G);
    copy.clear();
    assertThat(store.graph(G).size()).isEqualTo(1);
    assertThat(store.graphs(java.util.Set.of(G)).getGraph(G).size()).isEqualTo(1);
  }

  @Test
  void lease_isHeldByOneHolderAtATime_andPassesOnOnceExpired() {
    Instant t0 = Instant.parse("2026-11-27T10:00:00Z");
    Instant t10 = t0.plusSeconds(10);
    assertThat(store.lease("scheduler", "a", t0, t10)).isTrue();
    assertThat(store.lease("scheduler", "b", t0.plusSeconds(1), t0.plusSeconds(11))).isFalse();
    // the holder renews; another lease name is independent
    assertThat(store.lease("scheduler", "a", t0.plusSeconds(5), t0.plusSeconds(15))).isTrue();
    assertThat(store.lease("other", "b", t0, t10)).isTrue();
    assertThat(store.lease("scheduler", "b", t0.plusSeconds(14), t0.plusSeconds(24))).isFalse();
    // expired: the other holder takes it, and the first no longer has it
    assertThat(store.lease("scheduler", "b", t0.plusSeconds(15), t0.plusSeconds(25))).isTrue();
    assertThat(store.lease("scheduler", "a", t0.plusSeconds(16), t0.plusSeconds(26))).isFalse();
    // a lease is not an audited change
    assertThat(store.logHead().size()).isZero();
  }

  @Test
  void lease_takenByManyAtOnce_goesToExactlyOne() throws Exception {
    Instant now = Instant.parse("2026-11-27T10:00:00Z");
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Boolean>> tries = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        String holder = "instance-" + i;
        tries.add(pool.submit(() -> store.lease("scheduler", holder, now, now.plusSeconds(30))));
      }
      int held = 0;
      for (Future<Boolean> f : tries) {
        held += f.get() ? 1 : 0;
      }
      assertThat(held).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }
}
