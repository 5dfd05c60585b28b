package org.datasharing.registry.core.identity;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.datasharing.registry.ontology.vocab.Graphs;

/**
 * Where and how pending identity operations are stored: their own named graph (not the public
 * organisations graph, since they hold people's names and e-mail addresses; the SPARQL access
 * policy shows it to auditors only) and a handful of terms in the registry's identity namespace.
 */
final class IdentityTerms {
  /** The namespace of the terms (prefix {@code dsri:}). */
  static final String NS = "https://w3id.org/dsr/identity#";

  /** The named graph of pending operations. */
  static final Node GRAPH = NodeFactory.createURI(Graphs.NS + "identity");

  static final Node PendingOperation = term("PendingOperation");
  static final Node operation = term("operation");
  static final Node organisation = term("organisation");
  static final Node username = term("username");
  static final Node email = term("email");
  static final Node firstName = term("firstName");
  static final Node lastName = term("lastName");
  static final Node role = term("role");
  static final Node reason = term("reason");
  static final Node recordedBy = term("recordedBy");

  /** The audit event that recorded the operation. */
  static final Node wasGeneratedBy =
      NodeFactory.createURI("http://www.w3.org/ns/prov#wasGeneratedBy");

  private IdentityTerms() {}

  private static Node term(String local) {
    return NodeFactory.createURI(NS + local);
  }
}
