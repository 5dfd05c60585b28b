package org.datasharing.registry.ontology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.shacl.vocabulary.SHACL;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every text a shape accepts has an upper length, so no write path stores unbounded text. */
class TextLengthsTest {

  @ParameterizedTest(name = "{0}")
  @MethodSource("org.datasharing.registry.ontology.RegistryResources#shapesFiles")
  void everyLiteralProperty_hasAMaxLength_exceptPatternedIdentifiers(String path) {
    Graph shapes = Fixtures.parseGraph(path);
    Set<Node> bounded = new HashSet<>();
    shapes
        .find(Node.ANY, SHACL.maxLength, Node.ANY)
        .forEachRemaining(
            t -> Fixtures.objects(shapes, t.getSubject(), SHACL.path).forEach(bounded::add));
    List<Node> literalPaths =
        shapes
            .find(Node.ANY, SHACL.nodeKind, SHACL.Literal)
            .mapWith(Triple::getSubject)
            .toList()
            .stream()
            .filter(
                s ->
                    Fixtures.objects(shapes, s, SHACL.pattern).stream()
                        .noneMatch(
                            p -> p.getLiteralLexicalForm().startsWith("^[a-z0-9]+(-[a-z0-9]+)*$")))
            .flatMap(s -> Fixtures.objects(shapes, s, SHACL.path).stream())
            .toList();
    assertThat(literalPaths).isNotEmpty();
    assertThat(bounded).containsAll(literalPaths);
  }
}
