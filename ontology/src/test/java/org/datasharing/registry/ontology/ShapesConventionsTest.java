package org.datasharing.registry.ontology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.datasharing.registry.ontology.Fixtures.objects;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.shacl.vocabulary.SHACL;
import org.apache.jena.vocabulary.RDF;
import org.datasharing.registry.ontology.vocab.DSR;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The conventions of MODEL.md: every check tells the API field, and a DPO, what is wrong. */
class ShapesConventionsTest {

  @ParameterizedTest(name = "{0}")
  @MethodSource("org.datasharing.registry.ontology.RegistryResources#shapesFiles")
  void everyPropertyShape_hasFieldNameNameAndMessage(String path) {
    Graph shapes = Fixtures.parseGraph(path);
    List<Node> propertyShapes = subjectsOf(shapes, SHACL.path);

    assertThat(propertyShapes).isNotEmpty();
    assertThat(propertyShapes)
        .allSatisfy(
            shape -> {
              assertThat(shape.isURI()).as("%s is named", shape).isTrue();
              assertThat(text(shapes, shape, DSR.fieldName.asNode()))
                  .as("%s dsr:fieldName", shape)
                  .isNotBlank();
              assertThat(text(shapes, shape, SHACL.name)).as("%s sh:name", shape).isNotBlank();
              assertThat(text(shapes, shape, SHACL.message))
                  .as("%s sh:message", shape)
                  .isNotBlank();
            });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("org.datasharing.registry.ontology.RegistryResources#shapesFiles")
  void everyTargetedSparqlRule_hasFieldNameNameAndMessage(String path) {
    Graph shapes = Fixtures.parseGraph(path);
    List<Node> rules =
        subjectsOf(shapes, SHACL.sparql).stream()
            .filter(s -> !objects(shapes, s, SHACL.targetClass).isEmpty())
            .toList();

    assertThat(rules)
        .allSatisfy(
            rule -> {
              assertThat(text(shapes, rule, DSR.fieldName.asNode()))
                  .as("%s dsr:fieldName", rule)
                  .isNotBlank();
              assertThat(text(shapes, rule, SHACL.name)).as("%s sh:name", rule).isNotBlank();
              assertThat(text(shapes, rule, SHACL.message)).as("%s sh:message", rule).isNotBlank();
            });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("org.datasharing.registry.ontology.RegistryResources#shapesFiles")
  void everySparqlConstraint_isNamedAndHasAMessage(String path) {
    Graph shapes = Fixtures.parseGraph(path);
    List<Node> constraints =
        shapes.find(Node.ANY, SHACL.sparql, Node.ANY).mapWith(Triple::getObject).toList();

    assertThat(constraints)
        .allSatisfy(
            c -> {
              assertThat(c.isURI()).as("%s is named, so shapes files merge cleanly", c).isTrue();
              assertThat(text(shapes, c, SHACL.message)).as("%s sh:message", c).isNotBlank();
            });
  }

  @org.junit.jupiter.api.Test
  void everyAgreementCheck_namesAnIcoChecklistItem() {
    Graph shapes = Fixtures.parseGraph(RegistryResources.AGREEMENT_SHAPES);
    Set<Node> items =
        Fixtures.ontology()
            .find(Node.ANY, RDF.type.asNode(), DSR.IcoChecklistItem.asNode())
            .mapWith(Triple::getSubject)
            .toSet();
    List<Node> checks =
        subjectsOf(shapes, SHACL.path).stream()
            .collect(Collectors.toCollection(java.util.ArrayList::new));
    subjectsOf(shapes, SHACL.sparql).stream()
        .filter(s -> !objects(shapes, s, SHACL.targetClass).isEmpty())
        .forEach(checks::add);

    assertThat(checks)
        .allSatisfy(
            check ->
                assertThat(objects(shapes, check, DSR.icoItem.asNode()))
                    .as("%s dsr:icoItem", check)
                    .hasSize(1)
                    .allMatch(items::contains));
  }

  @org.junit.jupiter.api.Test
  void shapes_parseAsOneShapesGraph() {
    assertThat(Fixtures.shapes().numRootShapes()).isPositive();
  }

  private static List<Node> subjectsOf(Graph graph, Node predicate) {
    return graph.find(Node.ANY, predicate, Node.ANY).mapWith(Triple::getSubject).toList().stream()
        .distinct()
        .toList();
  }

  private static String text(Graph graph, Node s, Node p) {
    return objects(graph, s, p).stream()
        .filter(Node::isLiteral)
        .map(Node::getLiteralLexicalForm)
        .findFirst()
        .orElse("");
  }
}
