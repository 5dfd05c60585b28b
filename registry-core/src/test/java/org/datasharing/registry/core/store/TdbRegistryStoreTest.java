package org.datasharing.registry.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.apache.jena.graph.NodeFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TdbRegistryStoreTest extends RegistryStoreContract {
  @TempDir Path dir;

  @Override
  RegistryStore createStore() {
    return TdbRegistryStore.open(dir.resolve("tdb"));
  }

  @Test
  void select_returnsEveryTerm_afterTheReadTransaction_evenWhenTheNodeCacheCannotHoldThem()
      throws Exception {
    // a store whose node cache holds 10 terms, so reading a term after the transaction cannot be
    // served from the cache (as at a million audit events): TDB2 reads its tdb.cfg on creation
    Path small = dir.resolve("small-cache");
    java.nio.file.Files.createDirectories(small.resolve("Data-0001"));
    java.nio.file.Files.writeString(
        small.resolve("Data-0001").resolve("tdb.cfg"),
        "{ \"tdb.nodeid2node_cache_size\" : 10, \"tdb.node2nodeid_cache_size\" : 10,"
            + " \"tdb.node_miss_cache_size\" : 10 }");
    try (TdbRegistryStore tdb = TdbRegistryStore.open(small)) {
      List<org.apache.jena.sparql.core.Quad> quads = new java.util.ArrayList<>();
      for (int i = 0; i < 2_000; i++) {
        quads.add(q("value-" + i));
      }
      tdb.commit(change(List.of(), List.of(), quads));

      var rows =
          tdb.select(
              org.apache.jena.query.QueryFactory.create(
                  "SELECT ?o WHERE { GRAPH <" + G.getURI() + "> { ?s ?p ?o } }"));

      assertThat(rows).hasSize(2_000);
      assertThat(rows)
          .extracting(b -> b.get("o"))
          .doesNotContainNull()
          .extracting(o -> o.getLiteralLexicalForm())
          .contains("value-0", "value-1999");
    }
  }

  @Test
  void observers_hearEachTransactionsNumberOfChanges_andEachCompaction() {
    List<Integer> batches = new java.util.concurrent.CopyOnWriteArrayList<>();
    List<java.time.Duration> compactions = new java.util.ArrayList<>();
    store.observe(
        new StoreEvents() {
          @Override
          public void committed(int changes) {
            batches.add(changes);
          }

          @Override
          public void compacted(java.time.Duration took, long before, long after) {
            compactions.add(took);
          }
        });

    store.commit(change(List.of(), List.of(), List.of(q("a"))));
    store.commit(change(List.of(), List.of(), List.of(q("b"))));
    store.compact();

    assertThat(batches).containsExactly(1, 1);
    assertThat(compactions).hasSize(1);
    assertThat(compactions.get(0)).isPositive();
  }

  @Test
  void data_survivesCompaction_andTheStoreStaysUsable() {
    for (int i = 0; i < 20; i++) {
      store.commit(change(List.of(), List.of(), List.of(q("v" + i))));
    }
    long before = store.sizeOnDisk();

    store.compact();

    assertThat(store.graph(G).size()).isEqualTo(20);
    assertThat(store.logHead().size()).isEqualTo(20);
    store.commit(change(List.of(), List.of(), List.of(q("after"))));
    assertThat(store.graph(G).contains(S, P, NodeFactory.createLiteralString("after"))).isTrue();
    assertThat(store.sizeOnDisk()).isLessThanOrEqualTo(before);
  }

  @Test
  void groupCommit_keepsOtherChanges_whenOneChangeInTheBatchFails() throws Exception {
    var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
    var start = new java.util.concurrent.CountDownLatch(1);
    List<java.util.concurrent.Future<RegistryStore.CommitOutcome>> ok = new java.util.ArrayList<>();
    for (int i = 0; i < 24; i++) {
      String v = "v" + i;
      ok.add(
          pool.submit(
              () -> {
                start.await();
                return store.commit(change(List.of(), List.of(), List.of(q(v))));
              }));
    }
    var failing =
        pool.submit(
            () -> {
              start.await();
              return store.commit(
                  new Change(
                      List.of(),
                      List.of(),
                      List.of(q("never")),
                      head -> {
                        throw new IllegalStateException("audit unavailable");
                      }));
            });
    start.countDown();
    for (var f : ok) {
      assertThat(f.get()).isEqualTo(RegistryStore.CommitOutcome.APPLIED);
    }
    org.assertj.core.api.Assertions.assertThatThrownBy(failing::get)
        .hasRootCauseMessage("audit unavailable");
    pool.shutdown();

    assertThat(store.graph(G).size()).isEqualTo(24);
    assertThat(store.graph(G).contains(S, P, NodeFactory.createLiteralString("never"))).isFalse();
    assertThat(store.logHead().size()).isEqualTo(24);
    assertThat(new org.datasharing.registry.core.audit.AuditTrail(store, CLOCK).verify().intact())
        .isTrue();
  }

  @Test
  void data_survivesReopening() {
    store.commit(change(List.of(), List.of(), List.of(q("kept"))));
    store.close();

    store = TdbRegistryStore.open(dir.resolve("tdb"));

    assertThat(store.graph(G).contains(S, P, NodeFactory.createLiteralString("kept"))).isTrue();
    assertThat(store.logHead().size()).isEqualTo(1);
  }
}
