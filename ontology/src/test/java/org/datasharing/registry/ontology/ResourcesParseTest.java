package org.datasharing.registry.ontology;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.GraphMemFactory;
import org.apache.jena.graph.Node;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.core.Quad;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ResourcesParseTest {

  static Stream<String> turtleFiles() {
    return Stream.of(
            Stream.of(RegistryResources.ONTOLOGY),
            RegistryResources.referenceFiles().stream(),
            RegistryResources.shapesFiles().stream())
        .flatMap(s -> s);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("turtleFiles")
  void turtleFile_parses_withAbsoluteIrisOnly(String path) {
    Graph graph = Fixtures.parseGraph(path);

    assertThat(graph.size()).isPositive();
    assertThat(graph.find().toList())
        .as("no relative IRIs, which would resolve against the base")
        .noneMatch(
            t ->
                Stream.of(t.getSubject(), t.getPredicate(), t.getObject())
                    .anyMatch(n -> n.isURI() && n.getURI().startsWith(Fixtures.BASE)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("org.datasharing.registry.ontology.RegistryResources#sampleFiles")
  void sampleFile_parses_againstAnyBase(String path) {
    String otherBase = "https://registry.example/id/";
    DatasetGraph dsg = DatasetGraphFactory.createTxnMem();
    try (InputStream in = RegistryResources.open(path)) {
      RDFParser.create().source(in).lang(Fixtures.langOf(path)).base(otherBase).parse(dsg);
    } catch (IOException e) {
      throw new AssertionError(e);
    }

    List<Quad> quads = dsg.stream().toList();
    assertThat(quads).isNotEmpty();
    assertThat(quads).as("every quad is in a named graph").allMatch(q -> !q.isDefaultGraph());
    assertThat(quads)
        .as("instance IRIs are relative, so they follow the base")
        .noneMatch(
            q ->
                Stream.of(q.getGraph(), q.getSubject(), q.getObject())
                    .anyMatch(n -> n.isURI() && n.getURI().startsWith("http://localhost")));
    assertThat(quads)
        .as("instance IRIs use the base")
        .anyMatch(q -> q.getSubject().isURI() && q.getSubject().getURI().startsWith(otherBase));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("org.datasharing.registry.ontology.RegistryResources#sampleFiles")
  void sampleFile_hasNoBlankNodes(String path) {
    DatasetGraph dsg = DatasetGraphFactory.createTxnMem();
    Fixtures.parseInto(path, dsg);

    assertThat(dsg.stream().toList())
        .noneMatch(q -> q.getSubject().isBlank() || q.getObject().isBlank());
  }

  @ParameterizedTest(name = "{0}/index.txt")
  @ValueSource(strings = {"reference", "shapes", "sample"})
  void index_listsEveryFileOfItsDirectory(String dir) throws IOException, URISyntaxException {
    Path folder = Path.of(RegistryResources.class.getClassLoader().getResource(dir).toURI());
    List<String> files;
    try (Stream<Path> list = Files.list(folder)) {
      files =
          list.map(p -> dir + "/" + p.getFileName())
              .filter(name -> name.endsWith(".ttl") || name.endsWith(".trig"))
              .sorted()
              .toList();
    }

    List<String> indexed =
        switch (dir) {
          case "reference" -> RegistryResources.referenceFiles();
          case "shapes" -> RegistryResources.shapesFiles();
          default -> RegistryResources.sampleFiles();
        };
    assertThat(indexed).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(files);
  }

  @Test
  void sampleFiles_areListedInLoadingOrder() {
    assertThat(RegistryResources.sampleFiles())
        .containsExactly(
            "sample/organisations.trig", "sample/catalog.trig", "sample/agreements.trig");
  }

  @Test
  void open_rejectsAMissingResource() {
    org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
        .isThrownBy(() -> RegistryResources.open("reference/no-such-scheme.ttl"))
        .withMessageContaining("no-such-scheme");
  }

  @Test
  void shapesFiles_mergeWithoutDuplicatingSharedShapes() {
    Graph merged = GraphMemFactory.createDefaultGraph();
    int separately = 0;
    for (String path : RegistryResources.shapesFiles()) {
      Graph g = Fixtures.parseGraph(path);
      separately += g.size();
      g.find().forEachRemaining(merged::add);
    }
    Node sharedTerm = Fixtures.uri("https://w3id.org/dsr/shapes#AssuranceSchemeTerm");

    assertThat(merged.size()).isLessThan(separately);
    assertThat(merged.find(sharedTerm, Node.ANY, Node.ANY).toList()).hasSize(3);
  }
}
