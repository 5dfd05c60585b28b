package org.datasharing.registry.core.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.Query;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.vocabulary.RDF;
import org.datasharing.registry.core.common.Queries;
import org.datasharing.registry.core.common.Result;
import org.datasharing.registry.core.store.LogHead;
import org.datasharing.registry.core.store.RegistryStore;
import org.datasharing.registry.ontology.vocab.DSR;
import org.datasharing.registry.ontology.vocab.Graphs;

/** Reads the audit log: pages of events, verification from the store, and Merkle proofs. */
public final class AuditTrail {
  private final RegistryStore store;
  private final Clock clock;
  private final int chunk;
  private final List<VerificationListener> verified = new CopyOnWriteArrayList<>();

  /** Told about every verification that ran (operations' metrics and logs). */
  @FunctionalInterface
  public interface VerificationListener {
    void verified(Verification result, Duration took);
  }

  public void onVerified(VerificationListener listener) {
    verified.add(listener);
  }

  public AuditTrail(RegistryStore store, Clock clock) {
    this(store, clock, CHUNK);
  }

  /** With a chunk size of its own (tests cross chunk boundaries with a small one). */
  AuditTrail(RegistryStore store, Clock clock, int chunk) {
    this.store = store;
    this.clock = clock;
    this.chunk = chunk;
  }

  /** The log's size and Merkle root hash (RFC 9162 MTH of all events). */
  public record TreeHead(long size, byte[] rootHash) {
    public TreeHead {
      rootHash = rootHash.clone();
    }

    @Override
    public byte[] rootHash() {
      return rootHash.clone();
    }
  }

  /** The current tree head, from the log head (no event is read). */
  public TreeHead head() {
    LogHead head = store.logHead();
    return new TreeHead(head.size(), AuditLog.rootOf(head.frontier()));
  }

  /** One event as read back. */
  public record EventView(
      long sequence,
      String id,
      String action,
      String agent,
      Optional<String> organisation,
      Instant at,
      Optional<String> agreement,
      Optional<String> version,
      Optional<String> contentHash,
      Optional<String> detail,
      Optional<String> name,
      Optional<String> username,
      List<String> roles,
      Optional<String> organisationName,
      Optional<String> importedFrom,
      Optional<String> importedBy) {

    /** "Imported from <source> by <person>" for an event of an imported history, else empty. */
    public Optional<String> imported() {
      return importedFrom.map(
          from -> "Imported from " + from + importedBy.map(by -> " by " + by).orElse(""));
    }

    /**
     * The person as recorded when they acted, e.g. "Priya Shah (DPO, Northshire County Council)";
     * empty for events written before people were recorded.
     */
    public Optional<String> person() {
      Optional<String> who = name.or(() -> username);
      if (who.isEmpty()) {
        return Optional.empty();
      }
      List<String> in = new ArrayList<>();
      roles.stream().map(AuditTrail::roleLabel).forEach(in::add);
      organisationName
          .or(() -> organisation.map(o -> o.substring(o.lastIndexOf('/') + 1)))
          .ifPresent(in::add);
      return Optional.of(in.isEmpty() ? who.get() : who.get() + " (" + String.join(", ", in) + ")");
    }
  }

  /** A role as the trail names it in words. */
  public static String roleLabel(String role) {
    return switch (role) {
      case "dpo" -> "DPO";
      case "partner" -> "Partner";
      case "auditor" -> "Auditor";
      case "registry-admin" -> "Registry administrator";
      case "senior-officer" -> "Senior officer";
      default -> role;
    };
  }

  /** A page of events, newest first. */
  public record Page(long total, int page, int size, List<EventView> events) {}

  /** What the verifier found wrong with one event or position. */
  public record Finding(long sequence, String event, String problem) {}

  /** The verifier's report. */
  public record Verification(
      boolean intact, long treeSize, String rootHash, Instant verifiedAt, List<Finding> findings) {}

  /** An RFC 9162 inclusion proof. */
  public record InclusionProof(
      String event,
      long leafIndex,
      long treeSize,
      String leafHash,
      String rootHash,
      List<String> auditPath) {}

  /** An RFC 9162 consistency proof. */
  public record ConsistencyProof(
      long fromSize, long toSize, String fromRoot, String toRoot, List<String> proof) {}

  /** The audit actions the ontology defines (local names, e.g. Submit), sorted. */
  public List<String> actions() {
    List<String> out = new ArrayList<>();
    store
        .graph(Graphs.ONTOLOGY_NODE)
        .find(Node.ANY, RDF.type.asNode(), DSR.AuditAction.asNode())
        .forEachRemaining(
            t -> {
              if (t.getSubject().isURI() && t.getSubject().getURI().startsWith(DSR.NS)) {
                out.add(t.getSubject().getLocalName());
              }
            });
    return out.stream().sorted().distinct().toList();
  }

  /** One event's triples as stored (content and hashes), or NOT_FOUND. */
  public Result<Graph> describeEvent(Node event) {
    Graph g = store.construct(Queries.bind("audit-event-graph", Map.of("event", event)));
    return g.isEmpty() ? Result.notFound("no audit event " + event.getURI()) : Result.ok(g);
  }

  /** Events matching a filter, newest first (see {@link AuditSearch}). */
  public Result<Page> search(AuditSearch.Filter filter, int page, int size) {
    if (page < 0 || size < 1 || size > AuditSearch.MAX_EXPORT) {
      throw new IllegalArgumentException("page must be >= 0 and size between 1 and 10000");
    }
    return new AuditSearch(store).page(filter, page, size);
  }

  public Page page(int page, int size) {
    if (page < 0 || size < 1 || size > 500) {
      throw new IllegalArgumentException("page must be >= 0 and size between 1 and 500");
    }
    long total = store.logHead().size();
    long hi = total - (long) page * size; // exclusive
    long lo = Math.max(0, hi - size);
    if (hi <= 0) {
      return new Page(total, page, size, List.of());
    }
    Query q = Queries.withValues("audit-events-page", "seq", sequenceLiterals(lo, hi));
    return new Page(total, page, size, store.select(q).stream().map(AuditTrail::view).toList());
  }

  public List<EventView> forAgreement(Node agreement) {
    return store
        .select(Queries.bind("audit-events-for-agreement", Map.of("agreement", agreement)))
        .stream()
        .map(AuditTrail::view)
        .toList();
  }

  /** Told how far a verification has got: events checked of the log's size. */
  @FunctionalInterface
  public interface Progress {
    void checked(long done, long total);
  }

  /** Events read and hashed at a time: bounds the verifier's memory, whatever the log's size. */
  static final int CHUNK = 2048;

  /** Recomputes every leaf hash and every tree head from the stored events. */
  public Verification verify() {
    return verify((done, total) -> {});
  }

  /**
   * {@link #verify()}, streamed: the log is read in chunks of {@link #CHUNK} events carrying only
   * the O(log n) frontier between them (memory bounded by the chunk, not the log), and progress is
   * reported after each chunk.
   */
  public Verification verify(Progress progress) {
    long started = System.nanoTime();
    java.util.concurrent.atomic.AtomicLong checked = new java.util.concurrent.atomic.AtomicLong();
    Verification result;
    try {
      result =
          new LogVerifier(store, clock, chunk)
              .recompute(
                  (done, total) -> {
                    checked.set(done);
                    progress.checked(done, total);
                  });
    } catch (RuntimeException e) {
      // the listeners (metrics, security log) learn that the last verification did not end well
      Verification stopped = stopped(checked.get(), clock.instant());
      Duration took = Duration.ofNanos(System.nanoTime() - started);
      verified.forEach(l -> l.verified(stopped, took));
      throw e;
    }
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    verified.forEach(l -> l.verified(result, took));
    return result;
  }

  /** A verification the store's failure stopped after {@code checked} events: not intact. */
  public static Verification stopped(long checked, Instant at) {
    return new Verification(
        false,
        checked,
        "",
        at,
        List.of(new Finding(checked, null, "verification stopped: the store failed")));
  }

  /** The proof that an event is in the current tree; reads O(log n) stored hashes. */
  public Result<InclusionProof> inclusionProof(Node event) {
    List<Binding> rows = store.select(Queries.bind("audit-event-by-id", Map.of("event", event)));
    if (rows.isEmpty()) {
      return Result.notFound("no audit event " + event.getURI());
    }
    long index = Long.parseLong(rows.get(0).get("seq").getLiteralLexicalForm());
    long size = store.logHead().size();
    if (index >= size) {
      return Result.conflict(DAMAGED);
    }
    return proofsOf(List.of(new Positioned(event.getURI(), index)), size).stream()
        .findFirst()
        .map(Result::ok)
        .orElseGet(() -> Result.conflict(DAMAGED));
  }

  /** Inclusion proofs of several events against the current tree, in one read of the hashes. */
  public List<InclusionProof> inclusionProofs(List<EventView> events) {
    return inclusionProofs(events, store.logHead().size());
  }

  /**
   * Inclusion proofs of several events against the tree of {@code size} events (a signed tree
   * head's), leaving out events appended after it.
   */
  public List<InclusionProof> inclusionProofs(List<EventView> events, long size) {
    return proofsOf(events.stream().map(e -> new Positioned(e.id(), e.sequence())).toList(), size);
  }

  public Result<ConsistencyProof> consistencyProof(long from, long to) {
    long size = store.logHead().size();
    if (from < 1 || to < from || to > size) {
      return Result.invalid(
          new org.datasharing.registry.core.common.Violation(
              from < 1 || from > size ? "from" : "to",
              "need 1 <= from <= to <= " + size + " (the current tree size)"));
    }
    List<MerkleTree.Span> path = MerkleTree.consistencyPath(from, to);
    List<MerkleTree.Span> spans = new ArrayList<>(path);
    spans.add(new MerkleTree.Span(0, from));
    spans.add(new MerkleTree.Span(0, to));
    Optional<List<byte[]>> hashes = new StoredTree(store).hashes(spans);
    if (hashes.isEmpty()) {
      return Result.conflict(DAMAGED);
    }
    List<byte[]> h = hashes.get();
    return Result.ok(
        new ConsistencyProof(
            from,
            to,
            MerkleTree.hex(h.get(path.size())),
            MerkleTree.hex(h.get(path.size() + 1)),
            h.subList(0, path.size()).stream().map(MerkleTree::hex).toList()));
  }

  private static final String DAMAGED =
      "the audit log is damaged (an event or its hashes are missing); verify names the events";

  private record Positioned(String id, long index) {}

  // Every span of every proof, plus each leaf and the root, fetched in one go; events beyond the
  // tree (appended since the size was read) are left out.
  private List<InclusionProof> proofsOf(List<Positioned> events, long size) {
    List<Positioned> inTree = events.stream().filter(e -> e.index() < size).toList();
    if (inTree.isEmpty()) {
      return List.of();
    }
    List<MerkleTree.Span> spans = new ArrayList<>();
    spans.add(new MerkleTree.Span(0, size));
    List<List<MerkleTree.Span>> paths = new ArrayList<>();
    for (Positioned e : inTree) {
      List<MerkleTree.Span> path = MerkleTree.inclusionPath(e.index(), size);
      paths.add(path);
      spans.add(new MerkleTree.Span(e.index(), e.index() + 1));
      spans.addAll(path);
    }
    Optional<List<byte[]>> hashes = new StoredTree(store).hashes(spans);
    if (hashes.isEmpty()) {
      return List.of();
    }
    var it = hashes.get().iterator();
    String root = MerkleTree.hex(it.next());
    List<InclusionProof> proofs = new ArrayList<>();
    for (int i = 0; i < inTree.size(); i++) {
      String leaf = MerkleTree.hex(it.next());
      List<String> path = new ArrayList<>();
      for (int k = 0; k < paths.get(i).size(); k++) {
        path.add(MerkleTree.hex(it.next()));
      }
      Positioned e = inTree.get(i);
      proofs.add(new InclusionProof(e.id(), e.index(), size, leaf, root, List.copyOf(path)));
    }
    return proofs;
  }

  static EventView view(Binding b) {
    return new EventView(
        Long.parseLong(b.get("seq").getLiteralLexicalForm()),
        b.get("e").getURI(),
        b.get("action").getLocalName(),
        b.get("agent").getURI(),
        opt(b, "org").map(Node::getURI),
        Instant.parse(b.get("time").getLiteralLexicalForm()),
        opt(b, "agreement").map(Node::getURI),
        opt(b, "version").map(Node::getURI),
        opt(b, "hash").map(Node::getLiteralLexicalForm),
        opt(b, "detail").map(Node::getLiteralLexicalForm),
        opt(b, "name").map(Node::getLiteralLexicalForm),
        opt(b, "username").map(Node::getLiteralLexicalForm),
        opt(b, "roles")
            .map(Node::getLiteralLexicalForm)
            .filter(r -> !r.isEmpty())
            .map(r -> java.util.Arrays.stream(r.split(",")).sorted().toList())
            .orElse(List.of()),
        opt(b, "orgName").map(Node::getLiteralLexicalForm),
        opt(b, "importedFrom").map(Node::getLiteralLexicalForm),
        opt(b, "importedBy").map(Node::getLiteralLexicalForm));
  }

  private static Optional<Node> opt(Binding b, String var) {
    return Optional.ofNullable(b.get(var));
  }

  /** The sequence numbers from {@code lo} (inclusive) to {@code hi} (exclusive), as literals. */
  static List<Node> sequenceLiterals(long lo, long hi) {
    List<Node> out = new ArrayList<>((int) Math.max(0, hi - lo));
    for (long s = lo; s < hi; s++) {
      out.add(longLiteral(s));
    }
    return out;
  }

  static Node longLiteral(long v) {
    return NodeFactory.createLiteralDT(Long.toString(v), XSDDatatype.XSDlong);
  }
}
