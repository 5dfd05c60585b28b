package org.datasharing.registry.core.store;

import static java.util.Objects.requireNonNull;

import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.Quad;

/**
 * A condition a change depends on: a quad pattern that must (or must not) match when the change is
 * applied. {@link Node#ANY} in the subject, predicate or object position matches anything.
 */
public record Guard(Quad pattern, boolean present) {
  public Guard {
    requireNonNull(pattern, "pattern");
    if (pattern.getGraph() == null || !pattern.getGraph().isURI()) {
      throw new IllegalArgumentException("a guard names its graph");
    }
  }

  public static Guard exists(Node graph, Node s, Node p, Node o) {
    return new Guard(Quad.create(graph, s, p, o), true);
  }

  public static Guard absent(Node graph, Node s, Node p, Node o) {
    return new Guard(Quad.create(graph, s, p, o), false);
  }
}
