package org.datasharing.registry.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.DatabaseMgr;
import org.datasharing.registry.core.Registry;
import org.datasharing.registry.core.agreement.AgreementService;
import org.datasharing.registry.core.store.TdbRegistryStore;

/**
 * Decisions on submitted agreements, by one client and by eight, against bare TDB2 write
 * transactions of as many quads as a decision adds; then the store's size after compaction against
 * the same quads bulk-loaded into a fresh database.
 */
final class DecisionBench {
  /** Rounds each decision arm runs in, alternating with its bare arm. */
  private static final int ROUNDS = 5;

  private final Results results;
  private final Tier tier;

  DecisionBench(Results results, Tier tier) {
    this.results = results;
    this.tier = tier;
  }

  void run(Path dir, Registry registry, TdbRegistryStore store) throws Exception {
    AgreementService agreements = registry.agreements();
    List<String> parties =
        List.of(Generator.ORGS.get(0), Generator.ORGS.get(1), Generator.ORGS.get(2));
    int n = tier.decisions();
    // a dataset the drafting partner sees, without special category or criminal offence data, so
    // the benchmark agreement's answers (no such data) are lawful for it
    String dataset =
        registry.catalog().list(BenchActors.partner(parties.get(0))).stream()
            .filter(d -> !Boolean.TRUE.equals(d.specialCategoryData()))
            .filter(d -> !Boolean.TRUE.equals(d.criminalOffenceData()))
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("no plain dataset to share"))
            .id();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String id = "bench-" + tier.name() + "-" + i;
      BenchAgreement.draftAsEachParty(
          agreements, parties, id, BenchAgreement.content(parties, dataset));
      agreements.submit(BenchActors.partner(parties.get(0)), id).orElseThrow();
      ids.add(id);
    }
    Path storeDir = dir.resolve("registry");
    long sizeBefore = Stores.sizeOf(storeDir);
    long logBefore = store.logHead().size();
    long quadsBefore = Stores.countQuads(store.datasetGraph());

    // the registry and bare arms alternate in rounds, so load from elsewhere on the machine hits
    // both rather than skewing the ratio
    DatasetGraph bare = DatabaseMgr.connectDatasetGraph(dir.resolve("bare-writes").toString());
    long bareSizeBefore = Stores.sizeOf(dir.resolve("bare-writes"));
    int single = n / 2;
    List<String> rest = ids.subList(single, n);
    Arm regOne = new Arm();
    Arm bareOne = new Arm();
    Arm regEight = new Arm();
    Arm bareEight = new Arm();
    long quadsPerDecision = -1;
    Random seeds = new Random(7);
    for (int round = 0; round < ROUNDS; round++) {
      List<String> mine = slice(ids.subList(0, single), round);
      regOne.round(mine.size(), 1, i -> approve(agreements, parties, mine.get(i)));
      if (quadsPerDecision < 0) {
        // one approval per agreement: what a decision adds, for the bare arm to write as much
        quadsPerDecision =
            Math.max(1, (Stores.countQuads(store.datasetGraph()) - quadsBefore) / mine.size());
      }
      int quads = (int) quadsPerDecision;
      bareOne.round(mine.size(), 1, i -> bareWrite(bare, seeds.nextLong(), quads));
    }
    for (int round = 0; round < ROUNDS; round++) {
      // 8 clients, each on its own agreements
      List<String> mine = slice(rest, round);
      regEight.round(mine.size(), 8, i -> approve(agreements, parties, mine.get(i)));
      int quads = (int) quadsPerDecision;
      long seed = seeds.nextLong();
      bareEight.round(mine.size(), 8, i -> bareWrite(bare, seed + i, quads));
    }
    if (store.logHead().size() != logBefore + n) {
      throw new IllegalStateException("a decision was not recorded");
    }
    double regSingle = regOne.perSecond();
    double bareSingle = bareOne.perSecond();
    double regConc = regEight.perSecond();
    double bareConc = bareEight.perSecond();
    long bareGrowth = Stores.sizeOf(dir.resolve("bare-writes")) - bareSizeBefore;
    Stores.release(bare);

    results.add(
        new Results.Row(
            "decide, 1 client (txn/s)",
            tier.name(),
            regSingle,
            bareSingle,
            "txn/s",
            regSingle / bareSingle,
            regOne.percentile(50),
            regOne.percentile(95),
            regOne.percentile(99),
            Results.heapMb(),
            Results.rssMb(),
            "registry: read + checks + SHA-256 + audit append + commit; bare: "
                + quadsPerDecision
                + " quads/txn"));
    results.add(
        new Results.Row(
            "decide, 8 clients (txn/s)",
            tier.name(),
            regConc,
            bareConc,
            "txn/s",
            regConc / bareConc,
            regEight.percentile(50),
            regEight.percentile(95),
            regEight.percentile(99),
            Results.heapMb(),
            Results.rssMb(),
            "group commit: concurrent decisions share one durable TDB2 transaction"));

    long grown = Stores.sizeOf(storeDir) - sizeBefore;
    store.compact();
    long compacted = Stores.sizeOf(storeDir);
    // live-data size: the same quads bulk-loaded into a fresh database
    Path dump = dir.resolve("registry-dump.nq");
    try (var out = Files.newOutputStream(dump)) {
      Txn.executeRead(
          store.datasetGraph(), () -> RDFDataMgr.write(out, store.datasetGraph(), Lang.NQUADS));
    }
    Stores.loadInto(dir.resolve("live"), dump);
    long liveSize = Stores.sizeOf(dir.resolve("live"));
    results.add(
        new Results.Row(
            "disk: compacted / live data (MB)",
            tier.name(),
            compacted / 1e6,
            liveSize / 1e6,
            "MB",
            compacted / (double) Math.max(1, liveSize),
            Double.NaN,
            Double.NaN,
            Double.NaN,
            Results.heapMb(),
            Results.rssMb(),
            "ratio = registry size / live size (target <= 2); grew "
                + grown / 1_000_000
                + " MB over "
                + n
                + " decisions before compaction; bare writes grew "
                + bareGrowth / 1_000_000
                + " MB uncompacted"));
  }

  /** The {@code round}-th of {@link #ROUNDS} equal slices of {@code all}. */
  private static List<String> slice(List<String> all, int round) {
    return all.subList(all.size() * round / ROUNDS, all.size() * (round + 1) / ROUNDS);
  }

  private static void approve(AgreementService agreements, List<String> parties, String id) {
    // a decision names the hash of the text the DPO read
    String hash =
        agreements.version(BenchActors.dpo(parties.get(1)), id, 1).orElseThrow().contentHash();
    agreements
        .decide(
            BenchActors.dpo(parties.get(1)),
            id,
            1,
            hash,
            AgreementService.Outcome.APPROVE,
            Optional.empty())
        .orElseThrow();
  }

  /** One durable TDB2 write transaction adding {@code quads} quads. */
  private static void bareWrite(DatasetGraph dsg, long seed, int quads) {
    Node g = NodeFactory.createURI("http://localhost:8080/id/agreement/bare");
    Txn.executeWrite(
        dsg,
        () -> {
          Node s =
              NodeFactory.createURI("http://localhost:8080/id/agreement/bare/decision/" + seed);
          for (int q = 0; q < quads; q++) {
            dsg.add(
                Quad.create(
                    g,
                    s,
                    NodeFactory.createURI("https://w3id.org/dsr#p" + q),
                    NodeFactory.createLiteralString("v" + seed + q)));
          }
        });
  }
}
