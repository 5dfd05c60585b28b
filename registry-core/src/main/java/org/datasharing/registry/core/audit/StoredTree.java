package org.datasharing.registry.core.audit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.engine.binding.Binding;
import org.datasharing.registry.core.common.Queries;
import org.datasharing.registry.core.store.RegistryStore;

/**
 * The audit log's Merkle tree as stored: each event carries its leaf hash and the hashes of the
 * perfect subtrees it completes, so the hash of the perfect subtree [lo, hi) is found on the event
 * with sequence number hi - 1. A proof then reads O(log n) events, one query for all of them.
 *
 * <p>Logs written before subtree hashes were stored still work: a missing subtree hash is computed
 * from its two halves, read in a further query, down to the leaves if need be.
 */
final class StoredTree {
  private final RegistryStore store;

  StoredTree(RegistryStore store) {
    this.store = store;
  }

  /**
   * The Merkle Tree Hashes of the given spans (proof spans or prefixes [0, n)), in order; empty if
   * an event they need has no leaf hash (the log was damaged: verify names it).
   */
  Optional<List<byte[]>> hashes(List<MerkleTree.Span> spans) {
    Map<MerkleTree.Span, List<MerkleTree.Span>> parts = new LinkedHashMap<>();
    Set<MerkleTree.Span> wanted = new LinkedHashSet<>();
    for (MerkleTree.Span s : spans) {
      List<MerkleTree.Span> p = MerkleTree.perfectSubtrees(s);
      parts.put(s, p);
      wanted.addAll(p);
    }
    Optional<Map<MerkleTree.Span, byte[]>> found = perfect(wanted);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    List<byte[]> out = new ArrayList<>(spans.size());
    for (MerkleTree.Span s : spans) {
      out.add(MerkleTree.foldRight(parts.get(s).stream().map(found.get()::get).toList()));
    }
    return Optional.of(out);
  }

  private Optional<Map<MerkleTree.Span, byte[]>> perfect(Set<MerkleTree.Span> wanted) {
    Map<MerkleTree.Span, byte[]> found = new HashMap<>();
    List<MerkleTree.Span> computed = new ArrayList<>();
    Set<MerkleTree.Span> pending = wanted;
    while (!pending.isEmpty()) {
      Map<Long, Stored> rows = read(pending);
      Set<MerkleTree.Span> next = new LinkedHashSet<>();
      for (MerkleTree.Span s : pending) {
        Stored row = rows.get(s.hi() - 1);
        if (row == null) {
          return Optional.empty();
        }
        Optional<byte[]> h = row.hash(Long.numberOfTrailingZeros(s.hi() - s.lo()));
        if (h.isPresent()) {
          found.put(s, h.get());
        } else {
          long mid = s.lo() + (s.hi() - s.lo()) / 2;
          computed.add(s);
          next.add(new MerkleTree.Span(s.lo(), mid));
          next.add(new MerkleTree.Span(mid, s.hi()));
        }
      }
      next.removeAll(found.keySet());
      pending = next;
    }
    // smallest first, so both halves of each computed subtree are known when it is combined
    computed.sort(Comparator.comparingLong(s -> s.hi() - s.lo()));
    for (MerkleTree.Span s : computed) {
      long mid = s.lo() + (s.hi() - s.lo()) / 2;
      found.put(
          s,
          MerkleTree.nodeHash(
              found.get(new MerkleTree.Span(s.lo(), mid)),
              found.get(new MerkleTree.Span(mid, s.hi()))));
    }
    return Optional.of(found);
  }

  private Map<Long, Stored> read(Set<MerkleTree.Span> spans) {
    Set<Node> sequences = new LinkedHashSet<>();
    for (MerkleTree.Span s : spans) {
      sequences.add(NodeFactory.createLiteralDT(Long.toString(s.hi() - 1), XSDDatatype.XSDlong));
    }
    Map<Long, Stored> rows = new HashMap<>();
    for (Binding b : store.select(Queries.withValues("audit-subtrees", "seq", sequences))) {
      long seq = Long.parseLong(b.get("seq").getLiteralLexicalForm());
      Node subtrees = b.get("subtrees");
      rows.putIfAbsent(
          seq,
          new Stored(
              MerkleTree.unhex(b.get("leaf").getLiteralLexicalForm()),
              subtrees == null
                  ? List.of()
                  : AuditLog.decodeHashes(subtrees.getLiteralLexicalForm())));
    }
    return rows;
  }

  /** One event's stored hashes: level 0 is its leaf, level k the subtree of 2^k leaves. */
  private record Stored(byte[] leaf, List<byte[]> subtrees) {
    Optional<byte[]> hash(int level) {
      if (level == 0) {
        return Optional.of(leaf);
      }
      return level <= subtrees.size() ? Optional.of(subtrees.get(level - 1)) : Optional.empty();
    }
  }
}
