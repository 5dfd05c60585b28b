package org.datasharing.registry.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.tdb2.loader.DataLoader;
import org.apache.jena.tdb2.loader.LoaderFactory;
import org.datasharing.registry.core.Registry;
import org.datasharing.registry.core.agreement.AgreementContent;
import org.datasharing.registry.core.agreement.AgreementService;
import org.datasharing.registry.core.audit.AuditTrail;
import org.datasharing.registry.core.common.Actor;
import org.datasharing.registry.core.store.TdbRegistryStore;
import org.datasharing.registry.ontology.vocab.Graphs;

/**
 * Runs the benchmarks at the given tiers, each with a bare-Jena arm measured in the same run, and
 * prints one ratio table (also written to {@code target/bench-results.{csv,json,png}}).
 *
 * <p>Usage: {@code BenchMain [--tiers smoke,1k,100k] [--out registry-bench/target] [--work dir]}
 */
public final class BenchMain {
  /** The bulk loaders' progress output, silenced: the table reports the result. */
  private static final org.apache.jena.system.progress.MonitorOutput QUIET = (fmt, args) -> {};

  /** Decisions and searches per client count in the HTTP load. */
  private static final int HTTP_REQUESTS_PER_LEVEL = 100;

  private final Results results = new Results();
  private final Path work;

  BenchMain(Path work) {
    this.work = work;
  }

  public static void main(String[] args) throws Exception {
    String tiers = "1k,100k";
    boolean httpLoad = List.of(args).contains("--http");
    // "--remote" (with --http): the same HTTP load through one and two instances on Fuseki
    remoteArms = List.of(args).contains("--remote");
    // "--only audit": only the audit-log arms (verify, proofs, audit queries and the pack over the
    // generated log), e.g. under a capped heap
    auditOnly = List.of(args).contains("--only") && List.of(args).contains("audit");
    Path out = Path.of("registry-bench", "target");
    Path work = null;
    for (int i = 0; i < args.length - 1; i++) {
      switch (args[i]) {
        case "--tiers" -> tiers = args[++i];
        case "--out" -> out = Path.of(args[++i]);
        case "--work" -> work = Path.of(args[++i]);
        default -> {}
      }
    }
    if (!Files.isDirectory(out.getParent() == null ? Path.of(".") : out.getParent())) {
      out = Path.of("target"); // run from inside the module
    }
    Path dir = work != null ? work : Files.createTempDirectory("registry-bench");
    Results r = run(dir, out, List.of(tiers.split(",")), httpLoad);
    r.print();
    System.exit(0);
  }

  /** Runs the tiers and writes the table; the smoke test calls this. */
  public static Results run(Path work, Path out, List<String> tiers) throws Exception {
    return run(work, out, tiers, false);
  }

  /** As above, plus HTTP load against registry-web and Keycloak processes when asked. */
  public static Results run(Path work, Path out, List<String> tiers, boolean httpLoad)
      throws Exception {
    BenchMain bench = new BenchMain(work);
    for (String t : tiers) {
      bench.runTier(Tier.of(t.strip()));
    }
    if (httpLoad) {
      new HttpBench(bench.results).run(work, HTTP_REQUESTS_PER_LEVEL, remoteArms);
    }
    bench.results.write(out);
    Plot.write(bench.results.rows(), out.resolve("bench-results.png"));
    return bench.results;
  }

  /** Set by {@code --remote}. */
  private static boolean remoteArms;

  /** Set by {@code --only audit}. */
  private static boolean auditOnly;

  private void runTier(Tier tier) throws Exception {
    Path dir = work.resolve(tier.name());
    deleteRecursively(dir);
    Files.createDirectories(dir);
    System.out.println(Results.header());
    if (auditOnly) {
      QueryPackBench pack = new QueryPackBench(results, tier);
      auditBench(tier, dir, pack);
      pack.report();
      return;
    }
    List<Path> catalogFiles = generateCatalog(dir, tier);
    TdbRegistryStore store = TdbRegistryStore.open(dir.resolve("registry"));
    Registry registry = new Registry(store, Generator.BASE, Clock.systemUTC(), true);
    QueryPackBench pack = new QueryPackBench(results, tier);
    try {
      importBench(tier, dir, catalogFiles, registry);
      decisionBench(tier, dir, registry, store);
      new SearchBench(results, tier).run(dir, registry);
      pack.measure("registry store", store, registry.ids(), false);
    } finally {
      store.close();
    }
    auditBench(tier, dir, pack);
    pack.report();
  }

  // ------------------------------------------------------------------ bulk import

  private List<Path> generateCatalog(Path dir, Tier tier) throws IOException {
    List<Path> files = new ArrayList<>();
    int batch =
        10_000; // one all-or-nothing import per file, as an operator would split a large catalogue
    for (int from = 0, i = 0; from < tier.datasets(); from += batch, i++) {
      Path f = dir.resolve("catalog-" + i + ".ttl");
      Generator.catalog(f, Math.min(batch, tier.datasets() - from), 1000L + i);
      files.add(f);
    }
    return files;
  }

  private void importBench(Tier tier, Path dir, List<Path> files, Registry registry)
      throws Exception {
    long quads = 0;
    long start = System.nanoTime();
    Actor admin =
        new Actor(
            "bench-admin",
            "bench-admin",
            Optional.empty(),
            java.util.Set.of(Actor.Role.REGISTRY_ADMIN));
    for (Path f : files) {
      try (InputStream in = Files.newInputStream(f)) {
        var r = registry.catalogImport().importFile(admin, in, Lang.TURTLE);
        if (!r.ok()) {
          throw new IllegalStateException(
              "generated catalogue refused: " + r.violations().stream().limit(3).toList());
        }
      }
    }
    double registrySeconds = (System.nanoTime() - start) / 1e9;
    quads = registry.store().graph(Graphs.CATALOG_NODE).size();

    DatasetGraph bare = DatabaseMgr.connectDatasetGraph(dir.resolve("bare-import").toString());
    long bareStart = System.nanoTime();
    DataLoader loader = LoaderFactory.parallelLoader(bare, Graphs.CATALOG_NODE, QUIET);
    loader.startBulk();
    try {
      loader.load(files.stream().map(Path::toString).toList());
      loader.finishBulk();
    } catch (RuntimeException e) {
      loader.finishException(e);
      throw e;
    }
    double bareSeconds = (System.nanoTime() - bareStart) / 1e9;
    long bareQuads =
        Txn.calculateRead(bare, () -> (long) bare.getGraph(Graphs.CATALOG_NODE).size());
    org.apache.jena.tdb2.sys.TDBInternal.expel(bare);
    double reg = quads / registrySeconds;
    double b = bareQuads / bareSeconds;
    results.add(
        new Results.Row(
            "bulk import (quads/s)",
            tier.name(),
            reg,
            b,
            "quads/s",
            reg / b,
            Double.NaN,
            Double.NaN,
            Double.NaN,
            Results.heapMb(),
            Results.rssMb(),
            "registry: SHACL + reference checks + audit + commit per 10k-dataset file; bare: TDB2 parallel loader"));
  }

  // ------------------------------------------------------------------ decisions

  private void decisionBench(Tier tier, Path dir, Registry registry, TdbRegistryStore store)
      throws Exception {
    AgreementService agreements = registry.agreements();
    List<String> parties =
        List.of(Generator.ORGS.get(0), Generator.ORGS.get(1), Generator.ORGS.get(2));
    int n = tier.decisions();
    // a dataset the drafting partner sees, without special category or criminal offence data, so
    // the benchmark agreement's answers (no such data) are lawful for it
    String dataset =
        registry.catalog().list(partner(parties.get(0))).stream()
            .filter(d -> !Boolean.TRUE.equals(d.specialCategoryData()))
            .filter(d -> !Boolean.TRUE.equals(d.criminalOffenceData()))
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("no plain dataset to share"))
            .id();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String id = "bench-" + tier.name() + "-" + i;
      draftAsEachParty(agreements, parties, id, content(parties, dataset));
      agreements.submit(partner(parties.get(0)), id).orElseThrow();
      ids.add(id);
    }
    Path storeDir = dir.resolve("registry");
    long sizeBefore = sizeOf(storeDir);
    long logBefore = store.logHead().size();
    long quadsBefore = countQuads(store.datasetGraph());

    // the registry and bare arms alternate in rounds, so load from elsewhere on the machine hits
    // both rather than skewing the ratio
    DatasetGraph bare = DatabaseMgr.connectDatasetGraph(dir.resolve("bare-writes").toString());
    long bareSizeBefore = sizeOf(dir.resolve("bare-writes"));
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
            Math.max(1, (countQuads(store.datasetGraph()) - quadsBefore) / mine.size());
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
    long bareGrowth = sizeOf(dir.resolve("bare-writes")) - bareSizeBefore;
    org.apache.jena.tdb2.sys.TDBInternal.expel(bare);

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

    long grown = sizeOf(storeDir) - sizeBefore;
    store.compact();
    long compacted = sizeOf(storeDir);
    // live-data size: the same quads bulk-loaded into a fresh database
    Path dump = dir.resolve("registry-dump.nq");
    try (var out = Files.newOutputStream(dump)) {
      Txn.executeRead(
          store.datasetGraph(),
          () ->
              org.apache.jena.riot.RDFDataMgr.write(
                  out, store.datasetGraph(), org.apache.jena.riot.Lang.NQUADS));
    }
    DatasetGraph live = DatabaseMgr.connectDatasetGraph(dir.resolve("live").toString());
    DataLoader liveLoader = LoaderFactory.parallelLoader(live, QUIET);
    liveLoader.startBulk();
    liveLoader.load(dump.toString());
    liveLoader.finishBulk();
    org.apache.jena.tdb2.sys.TDBInternal.expel(live);
    long liveSize = sizeOf(dir.resolve("live"));
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

  /** Rounds each decision arm runs in, alternating with its bare arm. */
  private static final int ROUNDS = 5;

  /** The {@code round}-th of {@link #ROUNDS} equal slices of {@code all}. */
  private static List<String> slice(List<String> all, int round) {
    return all.subList(all.size() * round / ROUNDS, all.size() * (round + 1) / ROUNDS);
  }

  private static void approve(AgreementService agreements, List<String> parties, String id) {
    // a decision names the hash of the text the DPO read
    String hash = agreements.version(dpo(parties.get(1)), id, 1).orElseThrow().contentHash();
    agreements
        .decide(
            dpo(parties.get(1)), id, 1, hash, AgreementService.Outcome.APPROVE, Optional.empty())
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

  // ------------------------------------------------------------------ audit

  private void auditBench(Tier tier, Path dir, QueryPackBench pack) throws Exception {
    Path file = dir.resolve("audit.nq");
    Generator.auditLog(file, tier.auditEvents(), 42);
    Path location = dir.resolve("audit-db");
    DatasetGraph dsg = DatabaseMgr.connectDatasetGraph(location.toString());
    DataLoader loader = LoaderFactory.parallelLoader(dsg, QUIET);
    loader.startBulk();
    loader.load(file.toString());
    loader.finishBulk();
    org.apache.jena.tdb2.sys.TDBInternal.expel(dsg);

    TdbRegistryStore store = TdbRegistryStore.open(location);
    try {
      Registry registry = new Registry(store, Generator.BASE, Clock.systemUTC(), false);
      AuditTrail trail = registry.auditTrail();
      // the structural checks before any verification: every event is still marked unverified,
      // so this is the whole-log sweep (the verification below clears the marks)
      pack.measure(
          "audit-log store, not yet verified",
          store,
          registry.ids(),
          true,
          "audit-events-failing-checks"::equals,
          " [log not yet verified]");
      // as after a verification of all but the last 1,000 events: the checks cost what is new
      long size = store.logHead().size();
      long c0 = System.nanoTime();
      long cleared =
          new org.datasharing.registry.core.audit.UnverifiedEvents(store)
              .clear(Math.max(0, size - 1000));
      double clearSeconds = (System.nanoTime() - c0) / 1e9;
      results.add(
          new Results.Row(
              "unverified marks cleared (s)",
              tier.name(),
              clearSeconds,
              Double.NaN,
              "s",
              Double.NaN,
              Double.NaN,
              Double.NaN,
              Double.NaN,
              Results.heapMb(),
              Results.rssMb(),
              cleared + " marks, in commits of 20,000, as after an intact verification"));
      pack.measure(
          "audit-log store, 1,000 events not yet verified",
          store,
          registry.ids(),
          true,
          "audit-events-failing-checks"::equals,
          " [1,000 events not yet verified]");
      java.util.concurrent.atomic.AtomicReference<java.time.Duration> recomputed =
          new java.util.concurrent.atomic.AtomicReference<>();
      trail.onVerified((result, took) -> recomputed.set(took));
      long t0 = System.nanoTime();
      AuditTrail.Verification v = trail.verify();
      // the recomputation alone; the marks it then clears are timed above
      double verifySeconds =
          recomputed.get() == null
              ? (System.nanoTime() - t0) / 1e9
              : recomputed.get().toNanos() / 1e9;
      if (!v.intact()) {
        throw new IllegalStateException(
            "generated log does not verify: " + v.findings().stream().limit(3).toList());
      }
      results.add(
          new Results.Row(
              "audit verify (s)",
              tier.name(),
              verifySeconds,
              Double.NaN,
              "s",
              Double.NaN,
              Double.NaN,
              Double.NaN,
              Double.NaN,
              Results.heapMb(),
              Results.rssMb(),
              v.treeSize()
                  + " events, every leaf and tree head recomputed (marks cleared after it: not"
                  + " in this figure)"));

      new ProofBench(results, tier).run(dir, trail);
      pack.measure("audit-log store", store, registry.ids(), true);

      DatasetGraph db = store.datasetGraph();
      String month = "2025-03";
      queryPair(
          tier,
          db,
          "events per agent in a month",
          "PREFIX dsr: <https://w3id.org/dsr#> PREFIX prov: <http://www.w3.org/ns/prov#> "
              + "SELECT ?agent (COUNT(?e) AS ?n) WHERE { GRAPH <"
              + Graphs.AUDIT
              + "> { ?e dsr:month \""
              + month
              + "\"^^<http://www.w3.org/2001/XMLSchema#gYearMonth> ; prov:wasAssociatedWith ?agent } } GROUP BY ?agent",
          "PREFIX dsr: <https://w3id.org/dsr#> PREFIX prov: <http://www.w3.org/ns/prov#> PREFIX xsd: <http://www.w3.org/2001/XMLSchema#> "
              + "SELECT ?agent (COUNT(?e) AS ?n) WHERE { GRAPH <"
              + Graphs.AUDIT
              + "> { ?e a dsr:AuditEvent ; prov:wasAssociatedWith ?agent ;"
              + " prov:endedAtTime ?t FILTER(?t >= \"2025-03-01T00:00:00Z\"^^xsd:dateTime && ?t < \"2025-04-01T00:00:00Z\"^^xsd:dateTime) } } GROUP BY ?agent");
      queryPair(
          tier,
          db,
          "events in a 24-hour window",
          "PREFIX dsr: <https://w3id.org/dsr#> SELECT (COUNT(?e) AS ?n) WHERE { GRAPH <"
              + Graphs.AUDIT
              + "> { ?e dsr:day \"2025-02-10\"^^<http://www.w3.org/2001/XMLSchema#date> } }",
          "PREFIX dsr: <https://w3id.org/dsr#> PREFIX prov: <http://www.w3.org/ns/prov#> PREFIX xsd: <http://www.w3.org/2001/XMLSchema#> "
              + "SELECT (COUNT(?e) AS ?n) WHERE { GRAPH <"
              + Graphs.AUDIT
              + "> { ?e a dsr:AuditEvent ; prov:endedAtTime ?t "
              + "FILTER(?t >= \"2025-02-10T00:00:00Z\"^^xsd:dateTime && ?t < \"2025-02-11T00:00:00Z\"^^xsd:dateTime) } }");
    } finally {
      store.close();
    }
  }

  /** The same question, asked over the registry's layout and over a naive PROV-O layout. */
  private void queryPair(
      Tier tier, DatasetGraph dsg, String name, String registryQuery, String bareQuery) {
    Query rq = QueryFactory.create(registryQuery);
    Query bq = QueryFactory.create(bareQuery);
    long[] reg = new long[tier.queryRuns()];
    long[] bare = new long[tier.queryRuns()];
    String regAnswer = null;
    String bareAnswer = null;
    for (int i = 0; i < tier.queryRuns(); i++) {
      long s = System.nanoTime();
      regAnswer = answer(dsg, rq);
      reg[i] = System.nanoTime() - s;
      s = System.nanoTime();
      bareAnswer = answer(dsg, bq);
      bare[i] = System.nanoTime() - s;
    }
    if (!regAnswer.equals(bareAnswer)) {
      throw new IllegalStateException(
          name + ": the two layouts disagree: " + regAnswer + " vs " + bareAnswer);
    }
    double r95 = Results.percentile(reg, 95);
    double b95 = Results.percentile(bare, 95);
    results.add(
        new Results.Row(
            "audit query p95: " + name,
            tier.name(),
            r95,
            b95,
            "ms",
            b95 / r95,
            Results.percentile(reg, 50),
            r95,
            Results.percentile(reg, 99),
            Results.heapMb(),
            Results.rssMb(),
            "bare: FILTER on prov:endedAtTime; same answer checked"));
  }

  private static String answer(DatasetGraph dsg, Query q) {
    return Txn.calculateRead(
        dsg,
        () -> {
          try (QueryExec qe = QueryExec.dataset(dsg).query(q).build()) {
            List<String> rows = new ArrayList<>();
            qe.select().forEachRemaining(b -> rows.add(b.toString()));
            rows.sort(Comparator.naturalOrder());
            return String.join(";", rows);
          }
        });
  }

  // ------------------------------------------------------------------ helpers

  static Actor admin() {
    return new Actor(
        "bench-auditor", "bench-auditor", Optional.empty(), java.util.Set.of(Actor.Role.AUDITOR));
  }

  /**
   * Drafts as the lifecycle lets it be written: the first party's partner drafts with its own
   * answers, then each other party's partner gives its own (each party answers for itself).
   */
  static void draftAsEachParty(
      AgreementService agreements, List<String> parties, String id, AgreementContent content) {
    java.util.Set<String> answered = new java.util.HashSet<>(List.of(parties.get(0)));
    agreements
        .createDraft(
            partner(parties.get(0)),
            Optional.of(id),
            content.withAnswersFrom(AgreementContent.NONE, o -> !answered.contains(o)))
        .orElseThrow();
    for (String org : parties.subList(1, parties.size())) {
      answered.add(org);
      agreements
          .updateDraft(
              partner(org),
              id,
              content.withAnswersFrom(AgreementContent.NONE, o -> !answered.contains(o)))
          .orElseThrow();
    }
  }

  static Actor partner(String org) {
    return new Actor(
        "bench-partner-" + org, "partner", Optional.of(org), java.util.Set.of(Actor.Role.PARTNER));
  }

  static Actor dpo(String org) {
    return new Actor("bench-dpo-" + org, "dpo", Optional.of(org), java.util.Set.of(Actor.Role.DPO));
  }

  static AgreementContent content(List<String> orgs, String dataset) {
    Map<String, Object> f = new java.util.LinkedHashMap<>();
    f.put("title", "Benchmark agreement");
    f.put("purposes", List.of("direct-care"));
    f.put("purposeDescription", "Benchmark");
    f.put("benefits", "Benchmark");
    f.put("datasets", List.of(dataset));
    f.put("dataItems", List.of("Person ID"));
    f.put("minimisationJustification", "Benchmark");
    f.put("personalDataCategories", List.of("contact"));
    f.put("dataSubjectCategories", List.of("residents"));
    f.put("specialCategoryData", false);
    f.put("criminalOffenceData", false);
    for (String k :
        List.of(
            "accessArrangements",
            "sharingMethod",
            "dataSubjectRightsProcedure",
            "singlePointOfContact",
            "transparencyArrangements",
            "securityMeasures",
            "accuracyArrangements",
            "commonFormats",
            "retentionPeriod",
            "deletionArrangements",
            "dpiaReference",
            "onwardDisclosure",
            "terminationArrangements",
            "sanctions",
            "seniorSignOff",
            "successMeasures")) {
      f.put(k, "Benchmark " + k);
    }
    f.put("dpiaDate", "2026-10-01");
    f.put("dpiaOutcome", "no-high-risk");
    f.put("internationalTransfer", "none");
    // not before today: a start date before submission is refused
    java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
    java.time.LocalDate earliest = java.time.LocalDate.parse("2027-01-01");
    java.time.LocalDate start = today.isAfter(earliest) ? today : earliest;
    f.put("startDate", start.toString());
    f.put("reviewDate", start.plusMonths(6).toString());
    List<Map<String, Object>> parties = new ArrayList<>();
    for (String org : orgs) {
      parties.add(
          Map.of(
              "organisation",
              org,
              "role",
              "controller",
              "lawfulBasis",
              "public-task",
              "statutoryPower",
              "Benchmark Act",
              "contactName",
              "IG",
              "contactEmail",
              "ig@" + org + ".example"));
    }
    return new AgreementContent(f, parties);
  }

  private static long countQuads(DatasetGraph dsg) {
    return Txn.calculateRead(
        dsg,
        () -> {
          long n = 0;
          var it = dsg.find();
          while (it.hasNext()) {
            it.next();
            n++;
          }
          return n;
        });
  }

  /**
   * Bytes allocated on disk (as {@code du} counts them): TDB2 pre-sizes its memory-mapped files
   * sparsely, so their apparent length says little about the space used.
   */
  static long sizeOf(Path dir) throws IOException {
    try {
      Process p = new ProcessBuilder("du", "-sk", dir.toString()).redirectErrorStream(true).start();
      String out =
          new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      p.waitFor();
      return Long.parseLong(out.split("\\s+")[0]) * 1024;
    } catch (InterruptedException | NumberFormatException e) {
      try (Stream<Path> s = Files.walk(dir)) {
        return s.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
      }
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
