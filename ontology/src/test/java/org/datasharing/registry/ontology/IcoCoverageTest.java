package org.datasharing.registry.ontology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.datasharing.registry.ontology.Fixtures.uri;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.shacl.ValidationReport;
import org.apache.jena.shacl.validation.ReportEntry;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.vocabulary.RDF;
import org.datasharing.registry.ontology.vocab.DSR;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every item of the UK ICO data sharing code checklist is checked by the agreement shapes: a
 * complete version conforms, and breaking any one item makes it fail with a result that names that
 * item and says what is wrong.
 */
class IcoCoverageTest {
  private static final String FIXTURE = "ico/valid-version.trig";
  private static final String AGREEMENT = Fixtures.BASE + "agreement/ico-fixture";
  private static final String VERSION = AGREEMENT + "/version/1";

  static Stream<Integer> items() {
    return IntStream.rangeClosed(1, 18).boxed();
  }

  private static Node icoItem(int n) {
    return uri(DSR.NS + "ico%02d".formatted(n));
  }

  @Test
  void ontology_declaresEighteenIcoChecklistItems() {
    List<Node> declared =
        Fixtures.ontology()
            .find(Node.ANY, RDF.type.asNode(), DSR.IcoChecklistItem.asNode())
            .mapWith(Triple::getSubject)
            .toList();

    assertThat(declared)
        .containsExactlyInAnyOrderElementsOf(items().map(IcoCoverageTest::icoItem).toList());
  }

  @ParameterizedTest(name = "ICO item {0}")
  @MethodSource("items")
  void icoItem_isCheckedByAtLeastOneShape(int item) {
    assertThat(Fixtures.shapesGraph().find(Node.ANY, DSR.icoItem.asNode(), icoItem(item)).toList())
        .isNotEmpty();
  }

  @Test
  void completeVersion_conforms() {
    ValidationReport report = validate(fixture());

    assertThat(report.conforms()).as(Fixtures.describe(report)).isTrue();
  }

  @ParameterizedTest(name = "ICO item {0}")
  @MethodSource("items")
  void version_isRejected_whenIcoItemMissing(int item) throws IOException, URISyntaxException {
    ValidationReport report = validate(mutated(item));

    assertThat(report.conforms()).isFalse();
    assertThat(report.getEntries())
        .as(Fixtures.describe(report))
        .anySatisfy(
            entry -> {
              assertThat(icoItemsOf(entry)).contains(icoItem(item));
              assertThat(entry.message()).isNotBlank();
            });
  }

  /** The complete fixture with one ICO item broken by its mutation files. */
  static Graph mutated(int item) throws IOException, URISyntaxException {
    Graph version = fixture();
    List<String> mutations = mutations(item);
    assertThat(mutations).as("mutation files for ICO item %d", item).isNotEmpty();
    for (String mutation : mutations) {
      Graph triples = Fixtures.parseGraph(mutation);
      if (mutation.endsWith("-remove.ttl")) {
        triples
            .find()
            .forEachRemaining(
                t -> {
                  assertThat(version.contains(t)).as("%s removes %s", mutation, t).isTrue();
                  version.delete(t);
                });
      } else {
        triples.find().forEachRemaining(version::add);
      }
    }
    return version;
  }

  private static Graph fixture() {
    DatasetGraph dsg = DatasetGraphFactory.createTxnMem();
    Fixtures.parseInto(FIXTURE, dsg);
    Graph agreementGraph = dsg.getGraph(uri(AGREEMENT));
    Graph version = Fixtures.versionContent(agreementGraph, VERSION);
    assertThat(version.size()).isPositive();
    return version;
  }

  static ValidationReport validate(Graph version) {
    return Fixtures.validate(
        Fixtures.union(version, Fixtures.reference(), Fixtures.organisations()));
  }

  static List<Node> icoItemsOf(ReportEntry entry) {
    return Fixtures.objects(Fixtures.shapesGraph(), entry.source(), DSR.icoItem.asNode());
  }

  /** The mutation files of an item: {@code ico/icoNN-*-remove.ttl} and {@code -add.ttl}. */
  private static List<String> mutations(int item) throws IOException, URISyntaxException {
    Path dir = Path.of(IcoCoverageTest.class.getClassLoader().getResource("ico").toURI());
    String prefix = "ico%02d-".formatted(item);
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(name -> name.startsWith(prefix))
          .filter(name -> name.endsWith("-remove.ttl") || name.endsWith("-add.ttl"))
          .sorted((a, b) -> a.endsWith("-remove.ttl") ? -1 : b.endsWith("-remove.ttl") ? 1 : 0)
          .map(name -> "ico/" + name)
          .toList();
    }
  }
}
