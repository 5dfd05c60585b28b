package org.datasharing.registry.core.sparql;

import java.util.Set;
import java.util.function.Predicate;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFilteredView;
import org.apache.jena.sparql.core.Quad;

/**
 * A read-only view of the store restricted to what one caller may see: every find, named graph,
 * graph listing and the union default graph go through one quad filter, so no query shape ({@code
 * GRAPH ?g}, {@code FROM NAMED}, property paths, {@code DESCRIBE}) can reach a quad the filter
 * rejects. It is a wrapper, never a TDB2 dataset itself, so ARQ evaluates queries through it
 * instead of handing them to TDB2's own engine on the base.
 */
final class AccessView extends DatasetGraphFilteredView {
  private final Set<Node> visible;

  AccessView(DatasetGraph base, Predicate<Quad> filter, Set<Node> visible) {
    super(
        base, quad -> !quad.isDefaultGraph() && !quad.isUnionGraph() && filter.test(quad), visible);
    this.visible = Set.copyOf(visible);
  }

  /** As on the whole endpoint, the default graph is the union of the graphs the caller sees. */
  @Override
  public Graph getDefaultGraph() {
    return getUnionGraph();
  }

  @Override
  public Graph getGraph(Node graphNode) {
    return Quad.isDefaultGraph(graphNode) ? getDefaultGraph() : super.getGraph(graphNode);
  }

  /** A graph the caller may not see does not exist, even when it does in the store. */
  @Override
  public boolean containsGraph(Node graphNode) {
    return Quad.isDefaultGraph(graphNode)
        || Quad.isUnionGraph(graphNode)
        || visible.contains(graphNode);
  }
}
