package org.datasharing.registry.ontology;

import static java.util.stream.Collectors.joining;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.GraphMemFactory;
import org.apache.jena.graph.GraphUtil;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFLanguages;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.shacl.ShaclValidator;
import org.apache.jena.shacl.Shapes;
import org.apache.jena.shacl.ValidationReport;
import org.apache.jena.shacl.validation.ReportEntry;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.datasharing.registry.ontology.vocab.Graphs;

/** Loads this module's resources the way the registry does, for the tests. */
final class Fixtures {
  static final String BASE = RegistryResources.DEFAULT_BASE;

  private static Graph ontology;
  private static Graph reference;
  private static Graph shapesGraph;
  private static Shapes shapes;
  private static DatasetGraph sample;

  private Fixtures() {}

  static synchronized Graph ontology() {
    if (ontology == null) {
      ontology = parseGraph(RegistryResources.ONTOLOGY);
    }
    return ontology;
  }

  /** Every reference scheme, as in graph dsrg:reference. */
  static synchronized Graph reference() {
    if (reference == null) {
      reference =
          union(RegistryResources.referenceFiles().stream().map(Fixtures::parseGraph).toList());
    }
    return reference;
  }

  /** Every shapes file in one graph. */
  static synchronized Graph shapesGraph() {
    if (shapesGraph == null) {
      shapesGraph =
          union(RegistryResources.shapesFiles().stream().map(Fixtures::parseGraph).toList());
    }
    return shapesGraph;
  }

  static synchronized Shapes shapes() {
    if (shapes == null) {
      shapes = Shapes.parse(shapesGraph());
    }
    return shapes;
  }

  /** Every sample file, parsed against the default base, in one dataset. */
  static synchronized DatasetGraph sample() {
    if (sample == null) {
      DatasetGraph dsg = DatasetGraphFactory.createTxnMem();
      RegistryResources.sampleFiles().forEach(path -> parseInto(path, dsg));
      sample = dsg;
    }
    return sample;
  }

  static Graph organisations() {
    return sample().getGraph(Graphs.ORGANISATIONS_NODE);
  }

  static Graph catalog() {
    return sample().getGraph(Graphs.CATALOG_NODE);
  }

  static Graph parseGraph(String classpath) {
    Graph graph = GraphMemFactory.createDefaultGraph();
    try (InputStream in = RegistryResources.open(classpath)) {
      RDFParser.create().source(in).lang(langOf(classpath)).base(BASE).parse(graph);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return graph;
  }

  static void parseInto(String classpath, DatasetGraph dsg) {
    try (InputStream in = RegistryResources.open(classpath)) {
      RDFParser.create().source(in).lang(langOf(classpath)).base(BASE).parse(dsg);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Lang langOf(String path) {
    return RDFLanguages.filenameToLang(path, Lang.TURTLE);
  }

  static Graph union(List<Graph> graphs) {
    Graph union = GraphMemFactory.createDefaultGraph();
    graphs.forEach(g -> GraphUtil.addInto(union, g));
    return union;
  }

  static Graph union(Graph... graphs) {
    return union(List.of(graphs));
  }

  /**
   * A version's content as MODEL.md defines it: every triple of its agreement's graph whose subject
   * is the version IRI or starts with {@code {version}/}.
   */
  static Graph versionContent(Graph agreementGraph, String versionIri) {
    Graph content = GraphMemFactory.createDefaultGraph();
    agreementGraph
        .find()
        .filterKeep(t -> t.getSubject().isURI())
        .filterKeep(
            t ->
                t.getSubject().getURI().equals(versionIri)
                    || t.getSubject().getURI().startsWith(versionIri + "/"))
        .forEachRemaining(content::add);
    return content;
  }

  static ValidationReport validate(Graph data) {
    return ShaclValidator.get().validate(shapes(), data);
  }

  /** The report's results, one per line, for assertion messages. */
  static String describe(ValidationReport report) {
    return report.getEntries().stream().map(Fixtures::describe).collect(joining("\n"));
  }

  static String describe(ReportEntry e) {
    return "%s %s: %s [%s]".formatted(e.focusNode(), e.resultPath(), e.message(), e.source());
  }

  static Node uri(String iri) {
    return NodeFactory.createURI(iri);
  }

  /** The objects of (s, p, *) in a graph. */
  static List<Node> objects(Graph graph, Node s, Node p) {
    return graph.find(s, p, Node.ANY).mapWith(Triple::getObject).toList();
  }
}
