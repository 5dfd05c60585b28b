package org.datasharing.registry.web.reliability;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.RDF;
import org.datasharing.registry.core.audit.AuditTrail;
import org.datasharing.registry.core.store.TdbRegistryStore;
import org.datasharing.registry.ontology.vocab.DSR;
import org.datasharing.registry.ontology.vocab.Graphs;

/**
 * What must hold in the data folder after a kill, read directly from TDB2 once the child is dead
 * (opening it also recovers the journal, as the restarted registry would): each problem found is
 * one line.
 */
final class StoreChecks {
  static final String BASE = "http://localhost:8080/id/";
  static final Node OUTBOX = NodeFactory.createURI(Graphs.NS + "outbox");
  static final Node GENERATED_BY =
      NodeFactory.createURI("http://www.w3.org/ns/prov#wasGeneratedBy");

  private StoreChecks() {}

  /** The problems found, and the number of datasets in the store (for the search check). */
  record Report(List<String> problems, long datasets, long events) {}

  static Report check(Path dataDir, Workload w) {
    try (TdbRegistryStore store = TdbRegistryStore.open(dataDir)) {
      List<String> problems = new ArrayList<>();
      AuditTrail.Verification v = new AuditTrail(store, Clock.systemUTC()).verify();
      if (!v.intact()) {
        problems.add("verify: " + v.findings());
      }
      DatasetGraph dsg = store.datasetGraph();
      long datasets =
          Txn.calculateRead(
              dsg,
              () -> {
                agreements(dsg, w, problems);
                imports(dsg, w, problems);
                return count(dsg, Graphs.CATALOG_NODE, RDF.type.asNode(), DCAT_DATASET);
              });
      return new Report(problems, datasets, v.treeSize());
    }
  }

  static final Node DCAT_DATASET = NodeFactory.createURI("http://www.w3.org/ns/dcat#Dataset");

  private static void agreements(DatasetGraph dsg, Workload w, List<String> problems) {
    // each agreement's events in log order
    Map<Node, TreeMap<Long, Node>> events = new HashMap<>();
    dsg.find(Graphs.AUDIT_NODE, Node.ANY, DSR.agreement.asNode(), Node.ANY)
        .forEachRemaining(
            q -> {
              Node seq = one(dsg, Graphs.AUDIT_NODE, q.getSubject(), DSR.sequence.asNode());
              events
                  .computeIfAbsent(q.getObject(), k -> new TreeMap<>())
                  .put(Long.parseLong(seq.getLiteralLexicalForm()), q.getSubject());
            });
    for (var e : w.acknowledged.entrySet()) {
      String id = e.getKey();
      List<String> acked = List.copyOf(e.getValue());
      Node agreement = NodeFactory.createURI(BASE + "agreement/" + id);
      List<Node> log = new ArrayList<>(events.getOrDefault(agreement, new TreeMap<>()).values());
      List<String> actions = new ArrayList<>();
      for (Node ev : log) {
        actions.add(one(dsg, Graphs.AUDIT_NODE, ev, DSR.action.asNode()).getLocalName());
      }
      // every acknowledged change is there; at most the one in flight at the kill besides
      if (actions.size() < acked.size()
          || !actions.subList(0, acked.size()).equals(acked)
          || actions.size() > acked.size() + 1) {
        problems.add(id + ": acknowledged " + acked + " but the log holds " + actions);
      }
      // no change without its event and no event without its change
      boolean exists = dsg.containsGraph(agreement) && !dsg.getGraph(agreement).isEmpty();
      if (exists != !actions.isEmpty()) {
        problems.add(id + ": graph " + (exists ? "without" : "missing for") + " its events");
      }
      long decideEvents = actions.stream().filter("Decide"::equals).count();
      long decisions = count(dsg, agreement, RDF.type.asNode(), DSR.Decision.asNode());
      if (decideEvents != decisions) {
        problems.add(id + ": " + decideEvents + " decision events, " + decisions + " decisions");
      }
      Node revision = one(dsg, agreement, agreement, DSR.revision.asNode());
      if (exists
          && (revision == null
              || Long.parseLong(revision.getLiteralLexicalForm()) != actions.size())) {
        problems.add(id + ": revision " + revision + " after " + actions.size() + " events");
      }
      // each submission and decision has its notification in the outbox, in the same commit
      for (int i = 0; i < log.size(); i++) {
        if (List.of("Submit", "Decide").contains(actions.get(i))
            && !dsg.find(OUTBOX, Node.ANY, GENERATED_BY, log.get(i)).hasNext()) {
          problems.add(id + ": no notification for " + actions.get(i) + " " + log.get(i));
        }
      }
    }
  }

  private static void imports(DatasetGraph dsg, Workload w, List<String> problems) {
    for (var e : w.imports.entrySet()) {
      List<Boolean> present = new ArrayList<>();
      for (String d : e.getValue()) {
        Node ds = NodeFactory.createURI(BASE + "dataset/" + d);
        present.add(dsg.contains(Graphs.CATALOG_NODE, ds, DCTerms.title.asNode(), Node.ANY));
      }
      boolean acked = w.importsAcknowledged.containsKey(e.getKey());
      if (present.contains(true) && present.contains(false)) {
        problems.add(e.getKey() + ": partial import " + present);
      } else if (acked && !present.contains(true)) {
        problems.add(e.getKey() + ": acknowledged import missing");
      }
    }
  }

  private static Node one(DatasetGraph dsg, Node g, Node s, Node p) {
    var it = dsg.find(g, s, p, Node.ANY);
    return it.hasNext() ? it.next().getObject() : null;
  }

  private static long count(DatasetGraph dsg, Node g, Node p, Node o) {
    long n = 0;
    for (var it = dsg.find(g, Node.ANY, p, o); it.hasNext(); it.next()) {
      n++;
    }
    return n;
  }
}
