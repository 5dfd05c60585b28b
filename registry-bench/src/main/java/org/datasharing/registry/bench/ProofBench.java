package org.datasharing.registry.bench;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.datasharing.registry.core.Registry;
import org.datasharing.registry.core.audit.AuditTrail;
import org.datasharing.registry.core.store.TdbRegistryStore;

/**
 * Inclusion and consistency proofs at three log sizes (n/100, n/10 and the tier's n events): a
 * proof reads O(log n) stored subtree hashes, so the times should stay about flat.
 */
final class ProofBench {
  private final Results results;
  private final Tier tier;

  ProofBench(Results results, Tier tier) {
    this.results = results;
    this.tier = tier;
  }

  /** The proofs over the tier's own log, and over two smaller logs generated here. */
  void run(Path dir, AuditTrail full) throws Exception {
    int n = tier.auditEvents();
    for (int divisor : List.of(100, 10)) {
      int size = Math.max(4, n / divisor);
      Path location = dir.resolve("audit-db-" + size);
      Path file = dir.resolve("audit-" + size + ".nq");
      Generator.auditLog(file, size, 43);
      Stores.loadInto(location, file);
      try (TdbRegistryStore store = TdbRegistryStore.open(location)) {
        AuditTrail trail =
            new Registry(store, Generator.BASE, Clock.systemUTC(), false).auditTrail();
        inclusion(trail, "inclusion proof, n/" + divisor + " events (ms)");
      }
    }
    inclusion(full, "inclusion proof (ms)");
    consistency(full);
  }

  private void inclusion(AuditTrail trail, String name) {
    long size = trail.page(0, 1).total();
    Random r = new Random(11);
    List<Node> events = new ArrayList<>();
    for (int i = 0; i < runs(); i++) {
      long seq = (long) (r.nextDouble() * size);
      events.add(NodeFactory.createURI(trail.page((int) (size - 1 - seq), 1).events().get(0).id()));
    }
    long[] lat = new long[events.size()];
    int hashes = 0;
    for (int i = 0; i < lat.length; i++) {
      long s = System.nanoTime();
      hashes = trail.inclusionProof(events.get(i)).orElseThrow().auditPath().size();
      lat[i] = System.nanoTime() - s;
    }
    add(name, lat, size + " events; random leaves; proof of ~" + hashes + " hashes (log2 n)");
  }

  private void consistency(AuditTrail trail) {
    long size = trail.page(0, 1).total();
    Random r = new Random(12);
    long[] lat = new long[runs()];
    for (int i = 0; i < lat.length; i++) {
      long from = 1 + (long) (r.nextDouble() * (size - 1));
      long s = System.nanoTime();
      trail.consistencyProof(from, size).orElseThrow();
      lat[i] = System.nanoTime() - s;
    }
    add("consistency proof (ms)", lat, size + " events; random old size to the current head");
  }

  private int runs() {
    return Math.max(10, tier.queryRuns() * 10);
  }

  private void add(String name, long[] lat, String note) {
    results.add(
        new Results.Row(
            name,
            tier.name(),
            Results.percentile(lat, 50),
            Double.NaN,
            "ms",
            Double.NaN,
            Results.percentile(lat, 50),
            Results.percentile(lat, 95),
            Results.percentile(lat, 99),
            Results.heapMb(),
            Results.rssMb(),
            note + "; reads O(log n) stored subtree hashes"));
  }
}
