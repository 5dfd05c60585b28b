package org.datasharing.registry.core.store;

import java.time.Instant;
import java.util.Map;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.syntax.syntaxtransform.QueryTransformOps;
import org.apache.jena.sparql.syntax.syntaxtransform.UpdateTransformOps;
import org.apache.jena.update.UpdateFactory;
import org.apache.jena.update.UpdateRequest;
import org.datasharing.registry.ontology.vocab.DSR;
import org.datasharing.registry.ontology.vocab.Graphs;

/**
 * How a lease is stored and taken, the same on every store: one guarded SPARQL Update that takes
 * the lease only where it is free, expired or already the caller's, then one ASK for whether the
 * caller holds it. Leases live in their own graph, outside the audit log: who runs the scheduled
 * work is no registry fact, and renewing every few seconds must not grow the log.
 */
final class Leases {
  static final Node GRAPH = NodeFactory.createURI(Graphs.NS + "leases");
  // operational terms, not part of the published vocabulary
  static final Node HOLDER = NodeFactory.createURI(DSR.NS + "leaseHolder");
  static final Node EXPIRES = NodeFactory.createURI(DSR.NS + "leaseExpires");

  private static final UpdateRequest TAKE =
      UpdateFactory.create(
          """
          DELETE { GRAPH ?graph { ?lease ?holderP ?h . ?lease ?expiresP ?e } }
          INSERT { GRAPH ?graph { ?lease ?holderP ?me . ?lease ?expiresP ?until } }
          WHERE {
            OPTIONAL { GRAPH ?graph { ?lease ?holderP ?h . ?lease ?expiresP ?e } }
            FILTER (!BOUND(?h) || ?h = ?me || ?e <= ?now)
          }
          """);

  private static final Query HELD =
      QueryFactory.create("ASK { GRAPH ?graph { ?lease ?holderP ?me . ?lease ?expiresP ?until } }");

  private Leases() {}

  static UpdateRequest take(String name, String holder, Instant now, Instant until) {
    return UpdateTransformOps.transform(TAKE, bindings(name, holder, now, until));
  }

  static Query held(String name, String holder, Instant now, Instant until) {
    return QueryTransformOps.transform(HELD, bindings(name, holder, now, until));
  }

  private static Map<Var, Node> bindings(String name, String holder, Instant now, Instant until) {
    return Map.of(
        Var.alloc("graph"), GRAPH,
        Var.alloc("lease"), NodeFactory.createURI(Graphs.NS + "leases#" + name),
        Var.alloc("holderP"), HOLDER,
        Var.alloc("expiresP"), EXPIRES,
        Var.alloc("me"), NodeFactory.createLiteralString(holder),
        Var.alloc("now"), dateTime(now),
        Var.alloc("until"), dateTime(until));
  }

  private static Node dateTime(Instant t) {
    return NodeFactory.createLiteralDT(t.toString(), XSDDatatype.XSDdateTime);
  }
}
