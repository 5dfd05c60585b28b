package org.datasharing.registry.ontology;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.rdf.model.Property;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.vocabulary.OWL;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.SKOS;
import org.datasharing.registry.ontology.vocab.DSR;
import org.datasharing.registry.ontology.vocab.DSRREF;
import org.junit.jupiter.api.Test;

/** DSR.java and registry.ttl declare exactly the same terms. */
class DsrVocabularyTest {

  /** Every public static Resource (or Property) constant of a class, by IRI. */
  private static Map<String, Field> constants(Class<?> type) {
    return Arrays.stream(type.getDeclaredFields())
        .filter(f -> Modifier.isPublic(f.getModifiers()) && Modifier.isStatic(f.getModifiers()))
        .filter(f -> Resource.class.isAssignableFrom(f.getType()))
        .collect(Collectors.toMap(DsrVocabularyTest::iri, Function.identity()));
  }

  private static String iri(Field field) {
    try {
      return ((Resource) field.get(null)).getURI();
    } catch (IllegalAccessException e) {
      throw new AssertionError(e);
    }
  }

  private static Set<String> declaredTerms() {
    return Fixtures.ontology()
        .find(Node.ANY, RDF.type.asNode(), Node.ANY)
        .mapWith(Triple::getSubject)
        .filterKeep(Node::isURI)
        .mapWith(Node::getURI)
        .filterKeep(iri -> iri.startsWith(DSR.NS))
        .toSet();
  }

  @Test
  void everyConstant_isDeclaredInTheOntology() {
    Set<String> constants = new HashSet<>(constants(DSR.class).keySet());
    constants.remove(DSR.NS); // DSR.NAMESPACE

    assertThat(declaredTerms()).containsAll(constants);
  }

  @Test
  void everyTermOfTheOntology_hasAConstant() {
    assertThat(constants(DSR.class).keySet()).containsAll(declaredTerms());
  }

  @Test
  void constantName_isTheLocalName() {
    constants(DSR.class)
        .forEach(
            (iri, field) -> {
              if (!iri.equals(DSR.NS)) {
                assertThat(iri).isEqualTo(DSR.NS + field.getName());
              }
            });
  }

  @Test
  void propertiesAreProperties_andOtherTermsResources() {
    Graph ontology = Fixtures.ontology();
    Set<Node> propertyTypes =
        Set.of(
            OWL.ObjectProperty.asNode(),
            OWL.DatatypeProperty.asNode(),
            OWL.AnnotationProperty.asNode());
    constants(DSR.class)
        .forEach(
            (iri, field) -> {
              if (iri.equals(DSR.NS)) {
                return;
              }
              boolean isProperty =
                  Fixtures.objects(ontology, Fixtures.uri(iri), RDF.type.asNode()).stream()
                      .anyMatch(propertyTypes::contains);
              assertThat(Property.class.isAssignableFrom(field.getType()))
                  .as("%s is a Property constant", field.getName())
                  .isEqualTo(isProperty);
            });
  }

  @Test
  void everyDsrTermUsedInShapesReferenceAndSampleData_isDeclared() {
    Set<String> declared = declaredTerms();
    Stream<Graph> graphs =
        Stream.of(
                Stream.of(Fixtures.shapesGraph(), Fixtures.reference()),
                Fixtures.sample().stream()
                    .map(q -> q.getGraph())
                    .distinct()
                    .map(g -> Fixtures.sample().getGraph(g)))
            .flatMap(s -> s);
    Set<String> used =
        graphs
            .flatMap(g -> g.find().toList().stream())
            .flatMap(t -> Stream.of(t.getSubject(), t.getPredicate(), t.getObject()))
            .filter(n -> n.isURI() && n.getURI().startsWith(DSR.NS))
            .map(Node::getURI)
            .collect(Collectors.toSet());

    assertThat(declared).containsAll(used);
  }

  @Test
  void referenceConstants_areConceptsOfTheirScheme() {
    Graph reference = Fixtures.reference();
    List<Class<?>> schemes = Arrays.asList(DSRREF.class.getDeclaredClasses());

    assertThat(
            reference
                .find(Node.ANY, RDF.type.asNode(), SKOS.ConceptScheme.asNode())
                .mapWith(t -> t.getSubject().getURI())
                .toSet())
        .containsExactlyInAnyOrderElementsOf(DSRREF.SCHEMES.stream().map(DSRREF::scheme).toList());
    for (Class<?> scheme : schemes) {
      Map<String, Field> constants = constants(scheme);
      Field schemeField =
          constants.values().stream()
              .filter(f -> f.getName().equals("SCHEME"))
              .findFirst()
              .orElseThrow();
      Node schemeNode = Fixtures.uri(iri(schemeField));
      constants.forEach(
          (iri, field) -> {
            if (field != schemeField) {
              assertThat(reference.contains(Fixtures.uri(iri), SKOS.inScheme.asNode(), schemeNode))
                  .as("%s.%s", scheme.getSimpleName(), field.getName())
                  .isTrue();
            }
          });
    }
  }
}
