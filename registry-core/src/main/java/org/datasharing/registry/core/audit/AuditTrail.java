package org.datasharing.registry.core.audit;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.Query;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.engine.binding.BindingFactory;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.sparql.syntax.ElementData;
import org.apache.jena.sparql.syntax.ElementGroup;
import org.datasharing.registry.core.common.Queries;
import org.datasharing.registry.core.common.Result;
import org.datasharing.registry.core.store.LogHead;
import org.datasharing.registry.core.store.RegistryStore;
import org.datasharing.registry.ontology.vocab.DSR;

/** Reads the audit log: pages of events, verification from the store, and Merkle proofs. */
public final class AuditTrail {
  private final RegistryStore store;
  private final Clock clock;

  public AuditTrail(RegistryStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
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
      Optional<String> detail) {}

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
    Var seq = Var.alloc("seq");
    ElementData values = new ElementData();
    values.add(seq);
    for (long s = lo; s < hi; s++) {
      values.add(BindingFactory.binding(seq, longLiteral(s)));
    }
    Query q = Queries.get("audit-events-page");
    ElementGroup where = new ElementGroup();
    where.addElement(values);
    where.addElement(q.getQueryPattern());
    q.setQueryPattern(where);
    return new Page(total, page, size, store.select(q).stream().map(AuditTrail::view).toList());
  }

  public List<EventView> forAgreement(Node agreement) {
    return store
        .select(Queries.bind("audit-events-for-agreement", Map.of("agreement", agreement)))
        .stream()
        .map(AuditTrail::view)
        .toList();
  }

  /** Recomputes every leaf hash and every tree head from the stored events. */
  public Verification verify() {
    Map<Node, Graph> events = new HashMap<>();
    store
        .construct(Queries.get("audit-events-all"))
        .find()
        .forEachRemaining(
            t ->
                events
                    .computeIfAbsent(t.getSubject(), k -> GraphFactory.createDefaultGraph())
                    .add(t));
    List<Finding> findings = new ArrayList<>();
    TreeMap<Long, List<Node>> bySequence = new TreeMap<>();
    for (var entry : events.entrySet()) {
      Optional<Long> seq =
          single(entry.getValue(), DSR.sequence.asNode())
              .map(n -> Long.parseLong(n.getLiteralLexicalForm()));
      if (seq.isEmpty()) {
        findings.add(
            new Finding(
                -1,
                entry.getKey().getURI(),
                "event has no sequence number (inserted outside the log?)"));
        continue;
      }
      bySequence.computeIfAbsent(seq.get(), k -> new ArrayList<>()).add(entry.getKey());
    }
    LogHead head = store.logHead();
    long expected = Math.max(head.size(), bySequence.isEmpty() ? 0 : bySequence.lastKey() + 1);
    List<byte[]> frontier = List.of();
    long size = 0;
    byte[] root = MerkleTree.rootHash(List.of());
    for (long s = 0; s < expected; s++) {
      List<Node> at = bySequence.getOrDefault(s, List.of());
      if (at.isEmpty()) {
        findings.add(new Finding(s, null, "event #" + s + " is missing (deleted)"));
        continue;
      }
      if (at.size() > 1) {
        findings.add(
            new Finding(
                s,
                at.get(1).getURI(),
                "more than one event claims sequence #" + s + " (inserted or reordered)"));
      }
      Node id = at.get(0);
      Graph g = events.get(id);
      Optional<String> storedLeaf =
          single(g, DSR.leafHash.asNode()).map(Node::getLiteralLexicalForm);
      Optional<String> storedRoot =
          single(g, DSR.rootHash.asNode()).map(Node::getLiteralLexicalForm);
      Graph content = GraphFactory.createDefaultGraph();
      g.find()
          .forEachRemaining(
              t -> {
                if (!t.getPredicate().equals(DSR.leafHash.asNode())
                    && !t.getPredicate().equals(DSR.rootHash.asNode())) {
                  content.add(t);
                }
              });
      byte[] leaf = MerkleTree.leafHash(AuditLog.canonicalBytes(content));
      if (storedLeaf.isEmpty() || !storedLeaf.get().equals(MerkleTree.hex(leaf))) {
        findings.add(
            new Finding(
                s,
                id.getURI(),
                "event #" + s + " was altered: its content no longer matches its leaf hash"));
      }
      frontier = AuditLog.append(frontier, size, leaf);
      size++;
      root = AuditLog.rootOf(frontier);
      if (storedRoot.isEmpty() || !storedRoot.get().equals(MerkleTree.hex(root))) {
        findings.add(
            new Finding(
                s,
                id.getURI(),
                "tree head after event #" + s + " does not match the recomputed root"));
      }
    }
    if (head.size() != size || !Arrays.equals(AuditLog.rootOf(head.frontier()), root)) {
      findings.add(
          new Finding(
              size,
              null,
              "the log head ("
                  + head.size()
                  + " events) does not match the events found ("
                  + size
                  + ")"));
    }
    return new Verification(
        findings.isEmpty(), size, MerkleTree.hex(root), clock.instant(), findings);
  }

  public Result<InclusionProof> inclusionProof(Node event) {
    List<Binding> rows = store.select(Queries.bind("audit-event-by-id", Map.of("event", event)));
    if (rows.isEmpty()) {
      return Result.notFound("no audit event " + event.getURI());
    }
    int index = Integer.parseInt(rows.get(0).get("seq").getLiteralLexicalForm());
    List<byte[]> leaves = leaves();
    List<String> path =
        MerkleTree.inclusionProof(leaves, index).stream().map(MerkleTree::hex).toList();
    return Result.ok(
        new InclusionProof(
            event.getURI(),
            index,
            leaves.size(),
            MerkleTree.hex(leaves.get(index)),
            MerkleTree.hex(MerkleTree.rootHash(leaves)),
            path));
  }

  /** Inclusion proofs of several events against the current tree, reading the leaves once. */
  public List<InclusionProof> inclusionProofs(List<EventView> events) {
    List<byte[]> leaves = leaves();
    String root = MerkleTree.hex(MerkleTree.rootHash(leaves));
    return events.stream()
        .filter(e -> e.sequence() < leaves.size())
        .map(
            e -> {
              int index = (int) e.sequence();
              return new InclusionProof(
                  e.id(),
                  index,
                  leaves.size(),
                  MerkleTree.hex(leaves.get(index)),
                  root,
                  MerkleTree.inclusionProof(leaves, index).stream().map(MerkleTree::hex).toList());
            })
        .toList();
  }

  public Result<ConsistencyProof> consistencyProof(long from, long to) {
    List<byte[]> leaves = leaves();
    if (from < 1 || to < from || to > leaves.size()) {
      return Result.invalid(
          new org.datasharing.registry.core.common.Violation(
              "from", "need 1 <= from <= to <= " + leaves.size() + " (the current tree size)"));
    }
    List<byte[]> prefix = leaves.subList(0, (int) to);
    return Result.ok(
        new ConsistencyProof(
            from,
            to,
            MerkleTree.hex(MerkleTree.rootHash(leaves.subList(0, (int) from))),
            MerkleTree.hex(MerkleTree.rootHash(prefix)),
            MerkleTree.consistencyProof(prefix, (int) from).stream()
                .map(MerkleTree::hex)
                .toList()));
  }

  private List<byte[]> leaves() {
    return store.select(Queries.get("audit-leaves")).stream()
        .map(b -> MerkleTree.unhex(b.get("leaf").getLiteralLexicalForm()))
        .toList();
  }

  private static EventView view(Binding b) {
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
        opt(b, "detail").map(Node::getLiteralLexicalForm));
  }

  private static Optional<Node> opt(Binding b, String var) {
    return Optional.ofNullable(b.get(var));
  }

  private static Optional<Node> single(Graph g, Node p) {
    var it = g.find(Node.ANY, p, Node.ANY);
    return it.hasNext() ? Optional.of(it.next().getObject()) : Optional.empty();
  }

  private static Node longLiteral(long v) {
    return NodeFactory.createLiteralDT(Long.toString(v), XSDDatatype.XSDlong);
  }
}
