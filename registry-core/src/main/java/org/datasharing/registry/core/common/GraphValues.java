package org.datasharing.registry.core.common;

import java.util.Optional;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;

/** Reading and writing single property values of a resource in a graph. */
public final class GraphValues {
  private GraphValues() {}

  /** Adds a plain string literal unless the value is blank. */
  public static void text(Graph g, Node s, Node p, String value) {
    if (value != null && !value.isBlank()) {
      g.add(s, p, NodeFactory.createLiteralString(value.strip()));
    }
  }

  /** One value of the property, if any. */
  public static Optional<Node> one(Graph g, Node s, Node p) {
    var it = g.find(s, p, Node.ANY);
    return it.hasNext() ? Optional.of(it.next().getObject()) : Optional.empty();
  }

  /** The lexical form (or IRI) of one value, or null. */
  public static String lex(Graph g, Node s, Node p) {
    return one(g, s, p)
        .map(n -> n.isLiteral() ? n.getLiteralLexicalForm() : n.getURI())
        .orElse(null);
  }
}
