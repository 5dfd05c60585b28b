package org.datasharing.registry.core.reliability;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.system.Txn;
import org.datasharing.registry.core.common.Canonical;
import org.datasharing.registry.ontology.vocab.DSR;
import org.datasharing.registry.ontology.vocab.Graphs;

/**
 * The second half of tamper detection, beside {@code AuditTrail.verify()}: the audit log protects
 * the events (and so the content hash each one recorded), and this check recomputes each version's
 * text hash from the agreement graph and compares it with what the log and the decisions recorded.
 * A version's text changed behind the registry's back, or a decision's hash changed, is named here.
 */
final class VersionHashCheck {
  private VersionHashCheck() {}

  /** One mismatch: the resources it concerns (the version, and the decision if any) and why. */
  record Mismatch(List<String> resources, String problem) {}

  static List<Mismatch> run(DatasetGraph dsg) {
    return Txn.calculateRead(dsg, () -> check(dsg));
  }

  private static List<Mismatch> check(DatasetGraph dsg) {
    // the hash the log recorded last for each version (the text is immutable after submission;
    // every edit of a draft is an event recording the hash of the text it left)
    Map<Node, Node> lastHash = new HashMap<>();
    Map<Node, Long> lastSeq = new HashMap<>();
    Map<Node, Node> agreementOf = new HashMap<>();
    Node audit = Graphs.AUDIT_NODE;
    dsg.find(audit, Node.ANY, DSR.version.asNode(), Node.ANY)
        .forEachRemaining(
            q -> {
              Node e = q.getSubject();
              Node hash = one(dsg, audit, e, DSR.contentHash.asNode());
              Node seq = one(dsg, audit, e, DSR.sequence.asNode());
              Node agreement = one(dsg, audit, e, DSR.agreement.asNode());
              if (hash == null || seq == null || agreement == null) {
                return;
              }
              long s = Long.parseLong(seq.getLiteralLexicalForm());
              Node v = q.getObject();
              if (!lastSeq.containsKey(v) || lastSeq.get(v) < s) {
                lastSeq.put(v, s);
                lastHash.put(v, hash);
                agreementOf.put(v, agreement);
              }
            });
    List<Mismatch> found = new ArrayList<>();
    Map<Node, String> recomputed = new HashMap<>();
    for (var e : lastHash.entrySet()) {
      Node v = e.getKey();
      String now = hashOf(dsg, agreementOf.get(v), v, recomputed);
      if (!now.equals(e.getValue().getLiteralLexicalForm())) {
        found.add(
            new Mismatch(
                List.of(v.getURI()),
                "the text of version "
                    + v.getURI()
                    + " no longer has the hash the audit log recorded for it"));
      }
    }
    // every decision records the hash of the text decided on, which the registry checked then
    List<Quad> decisions = new ArrayList<>();
    dsg.find(Node.ANY, Node.ANY, DSR.decisionOn.asNode(), Node.ANY)
        .forEachRemaining(decisions::add);
    for (Quad q : decisions) {
      Node hash = one(dsg, q.getGraph(), q.getSubject(), DSR.contentHash.asNode());
      String now = hashOf(dsg, q.getGraph(), q.getObject(), recomputed);
      if (hash == null || !hash.isLiteral() || !now.equals(hash.getLiteralLexicalForm())) {
        found.add(
            new Mismatch(
                List.of(q.getSubject().getURI(), q.getObject().getURI()),
                "decision "
                    + q.getSubject().getURI()
                    + " names a content hash other than the text of "
                    + q.getObject().getURI()));
      }
    }
    return found;
  }

  private static String hashOf(DatasetGraph dsg, Node graph, Node version, Map<Node, String> memo) {
    return memo.computeIfAbsent(
        version,
        v -> {
          Graph g = dsg.getGraph(graph);
          return Canonical.sha256Hex(Canonical.versionText(g, v));
        });
  }

  private static Node one(DatasetGraph dsg, Node g, Node s, Node p) {
    var it = dsg.find(g, s, p, Node.ANY);
    return it.hasNext() ? it.next().getObject() : null;
  }
}
