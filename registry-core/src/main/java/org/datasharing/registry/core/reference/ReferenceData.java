package org.datasharing.registry.core.reference;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.vocabulary.SKOS;
import org.datasharing.registry.ontology.vocab.DSRREF;

/** The SKOS reference schemes: codes, labels and membership checks. */
public final class ReferenceData {
  private final Graph graph;

  public ReferenceData(Graph graph) {
    this.graph = graph;
  }

  /** A concept of a scheme, e.g. ("lawful-basis", "public-task"). */
  public record Concept(String scheme, String code, String iri, String label) {}

  public Node schemeNode(String scheme) {
    return NodeFactory.createURI(DSRREF.NS + scheme);
  }

  /** The concept's IRI if the code belongs to the scheme. */
  public Optional<Node> concept(String scheme, String code) {
    if (code == null || code.isBlank() || code.contains("/") || code.contains(" ")) {
      return Optional.empty();
    }
    Node c = NodeFactory.createURI(DSRREF.NS + scheme + "/" + code);
    return graph.contains(c, SKOS.inScheme.asNode(), schemeNode(scheme))
        ? Optional.of(c)
        : Optional.empty();
  }

  /** The code of a concept IRI (its last path segment). */
  public static String code(Node concept) {
    String s = concept.getURI();
    return s.substring(s.lastIndexOf('/') + 1);
  }

  public List<Concept> concepts(String scheme) {
    List<Concept> out = new ArrayList<>();
    graph
        .find(Node.ANY, SKOS.inScheme.asNode(), schemeNode(scheme))
        .forEachRemaining(
            t ->
                out.add(
                    new Concept(
                        scheme,
                        code(t.getSubject()),
                        t.getSubject().getURI(),
                        label(t.getSubject()))));
    out.sort(java.util.Comparator.comparing(Concept::label));
    return out;
  }

  public String label(Node concept) {
    var it = graph.find(concept, SKOS.prefLabel.asNode(), Node.ANY);
    return it.hasNext() ? it.next().getObject().getLiteralLexicalForm() : code(concept);
  }

  public Graph graph() {
    return graph;
  }
}
