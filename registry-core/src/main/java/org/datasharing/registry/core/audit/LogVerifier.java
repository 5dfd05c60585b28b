package org.datasharing.registry.core.audit;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.graph.GraphFactory;
import org.datasharing.registry.core.audit.AuditTrail.Finding;
import org.datasharing.registry.core.audit.AuditTrail.Progress;
import org.datasharing.registry.core.audit.AuditTrail.Verification;
import org.datasharing.registry.core.common.Queries;
import org.datasharing.registry.core.store.LogHead;
import org.datasharing.registry.core.store.RegistryStore;
import org.datasharing.registry.ontology.vocab.DSR;

/**
 * The audit log's verifier: recomputes every leaf hash, subtree hash and tree head from the stored
 * events, chunk by chunk, and names what does not match. {@link AuditTrail#verify} is the way in.
 */
final class LogVerifier {
  private final RegistryStore store;
  private final Clock clock;
  private final int chunk;

  LogVerifier(RegistryStore store, Clock clock, int chunk) {
    this.store = store;
    this.clock = clock;
    this.chunk = chunk;
  }

  Verification recompute(Progress progress) {
    LogHead head = store.logHead();
    long expected = head.size();
    List<Finding> findings = new ArrayList<>();
    for (Binding b : store.select(Queries.get("audit-events-unsequenced"))) {
      findings.add(
          new Finding(
              -1, b.get("e").getURI(), "event has no sequence number (inserted outside the log?)"));
    }
    List<byte[]> frontier = List.of();
    long size = 0;
    byte[] root = MerkleTree.rootHash(List.of());
    progress.checked(0, expected);
    for (long lo = 0; lo < expected; lo += chunk) {
      long hi = Math.min(expected, lo + chunk);
      Chunk read = readChunk(lo, hi);
      for (long s = lo; s < hi; s++) {
        List<Node> at = read.bySequence().getOrDefault(s, List.of());
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
        Graph g = read.events().get(id);
        Optional<String> storedLeaf =
            single(g, DSR.leafHash.asNode()).map(Node::getLiteralLexicalForm);
        Optional<String> storedRoot =
            single(g, DSR.rootHash.asNode()).map(Node::getLiteralLexicalForm);
        byte[] leaf = read.leaves().get(id);
        if (storedLeaf.isEmpty() || !storedLeaf.get().equals(MerkleTree.hex(leaf))) {
          findings.add(
              new Finding(
                  s,
                  id.getURI(),
                  "event #" + s + " was altered: its content no longer matches its leaf hash"));
        }
        AuditLog.Step step = AuditLog.step(frontier, size, leaf);
        frontier = step.frontier();
        size++;
        // absent is allowed (logs from before they were stored: proofs then recompute them)
        Optional<String> storedSubtrees =
            single(g, DSR.subtreeHashes.asNode()).map(Node::getLiteralLexicalForm);
        if (storedSubtrees.isPresent()
            && !storedSubtrees.get().equals(AuditLog.encodeHashes(step.completed()))) {
          findings.add(
              new Finding(
                  s,
                  id.getURI(),
                  "subtree hashes stored with event #" + s + " do not match the recomputed ones"));
        }
        root = AuditLog.rootOf(frontier);
        if (storedRoot.isEmpty() || !storedRoot.get().equals(MerkleTree.hex(root))) {
          findings.add(
              new Finding(
                  s,
                  id.getURI(),
                  "tree head after event #" + s + " does not match the recomputed root"));
        }
      }
      progress.checked(hi, expected);
    }
    // Events appended while this ran are numbered from the head read at the start; anything at or
    // beyond the head as it is now was inserted outside the log.
    LogHead now = store.logHead();
    for (Binding b :
        store.select(
            Queries.bind(
                "audit-events-from", Map.of("from", AuditTrail.longLiteral(now.size()))))) {
      long s = Long.parseLong(b.get("seq").getLiteralLexicalForm());
      findings.add(
          new Finding(
              s,
              b.get("e").getURI(),
              "event #"
                  + s
                  + " is beyond the log head ("
                  + now.size()
                  + " events): inserted outside the log"));
    }
    if (now.size() == head.size() && !Arrays.equals(AuditLog.rootOf(now.frontier()), root)) {
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

  /** One chunk of the log: its events' triples by event, the events by sequence, leaf hashes. */
  private record Chunk(
      Map<Node, Graph> events, Map<Long, List<Node>> bySequence, Map<Node, byte[]> leaves) {}

  private Chunk readChunk(long lo, long hi) {
    List<Node> sequences = AuditTrail.sequenceLiterals(lo, hi);
    Map<Node, Graph> events = new HashMap<>();
    store
        .construct(Queries.withValues("audit-events-chunk", "seq", sequences))
        .find()
        .forEachRemaining(
            t ->
                events
                    .computeIfAbsent(t.getSubject(), k -> GraphFactory.createDefaultGraph())
                    .add(t));
    Map<Long, List<Node>> bySequence = new HashMap<>();
    events.forEach(
        (id, g) ->
            g.find(id, DSR.sequence.asNode(), Node.ANY)
                .forEachRemaining(
                    t -> {
                      Node n = t.getObject();
                      if (n.isLiteral() && XSDDatatype.XSDlong.equals(n.getLiteralDatatype())) {
                        long s = Long.parseLong(n.getLiteralLexicalForm());
                        if (s >= lo && s < hi) {
                          bySequence.computeIfAbsent(s, k -> new ArrayList<>()).add(id);
                        }
                      }
                    }));
    bySequence.values().forEach(ids -> ids.sort(Comparator.comparing(Node::getURI)));
    // hashing is the costly part and each event's is independent: use every core
    Map<Node, byte[]> leaves = new ConcurrentHashMap<>();
    events.keySet().parallelStream()
        .forEach(id -> leaves.put(id, AuditLog.leafHash(events.get(id), id)));
    return new Chunk(events, bySequence, leaves);
  }

  private static Optional<Node> single(Graph g, Node p) {
    var it = g.find(Node.ANY, p, Node.ANY);
    return it.hasNext() ? Optional.of(it.next().getObject()) : Optional.empty();
  }
}
