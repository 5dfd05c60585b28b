package org.datasharing.registry.core.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.RDF;
import org.datasharing.registry.ontology.vocab.DSR;
import org.datasharing.registry.ontology.vocab.Graphs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fills a store on start: the ontology and reference graphs are replaced from the classpath every
 * time (they ship with the code); sample data is loaded once, into an empty store, when asked.
 */
public final class Bootstrap {
  private static final Logger log = LoggerFactory.getLogger(Bootstrap.class);

  private Bootstrap() {}

  /**
   * Returns whether the sample organisations and catalogue were loaded (sample data asked for, into
   * an empty store): the sample agreements are then to be replayed.
   */
  public static boolean initialise(RegistryStore store, String base, boolean sample) {
    DatasetGraph load = DatasetGraphFactory.createTxnMem();
    Graph ontology = load.getGraph(Graphs.ONTOLOGY_NODE);
    for (String file : listed("ontology")) {
      parse("/ontology/" + file, Lang.TURTLE, base).find().forEachRemaining(ontology::add);
    }
    Graph reference = load.getGraph(Graphs.REFERENCE_NODE);
    for (String file : listed("reference")) {
      parse("/reference/" + file, Lang.TURTLE, base).find().forEachRemaining(reference::add);
    }
    if (store.graph(Graphs.AUDIT_NODE).isEmpty()) {
      // the audit graph exists from the start, described, before its first event
      load.add(
          Quad.create(
              Graphs.AUDIT_NODE,
              Graphs.AUDIT_NODE,
              org.apache.jena.vocabulary.RDFS.label.asNode(),
              NodeFactory.createLiteralString(
                  "Audit log of the Data Sharing Registry (RFC 9162 Merkle log of PROV-O activities)")));
    }
    boolean empty = store.graph(Graphs.ORGANISATIONS_NODE).isEmpty();
    boolean loaded = sample && empty;
    if (loaded) {
      DatasetGraph all = sampleData(base);
      all.find()
          .forEachRemaining(
              q -> {
                // agreements are not loaded as data: their history is replayed through the
                // lifecycle (SampleHistory), so that every sample decision has its audit event
                if (!isAgreementGraph(all, q.getGraph())) {
                  load.add(q);
                }
              });
    }
    store.replaceGraphs(load);
    log.info(
        "store initialised: {} graphs{}",
        store.graphNames().size(),
        loaded ? " (with sample organisations and catalogue)" : "");
    return loaded;
  }

  /** Every sample file, parsed against the base, in one dataset. */
  private static DatasetGraph sampleData(String base) {
    DatasetGraph all = DatasetGraphFactory.createTxnMem();
    for (String file : listed("sample")) {
      try (InputStream in = resourceStream("/sample/" + file)) {
        RDFParser.source(in).lang(Lang.TRIG).base(base).parse(all);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return all;
  }

  /**
   * The sample agreements as written in the sample files, one graph per agreement: the script of
   * their history (texts, decisions and their times) that {@code SampleHistory} replays.
   */
  public static DatasetGraph sampleAgreements(String base) {
    DatasetGraph all = sampleData(base);
    DatasetGraph out = DatasetGraphFactory.createTxnMem();
    all.find()
        .forEachRemaining(
            q -> {
              if (isAgreementGraph(all, q.getGraph())) {
                out.add(q);
              }
            });
    return out;
  }

  private static boolean isAgreementGraph(DatasetGraph d, Node g) {
    return d.contains(g, g, RDF.type.asNode(), DSR.DataSharingAgreement.asNode());
  }

  /** Shapes graph: every file under /shapes. */
  public static Graph shapes() {
    Graph g = GraphFactory.createDefaultGraph();
    for (String file : listed("shapes")) {
      parse("/shapes/" + file, Lang.TURTLE, "http://localhost/").find().forEachRemaining(g::add);
    }
    return g;
  }

  /** Reference graph straight from the classpath (for tests and tools). */
  public static Graph reference() {
    Graph g = GraphFactory.createDefaultGraph();
    for (String file : listed("reference")) {
      parse("/reference/" + file, Lang.TURTLE, "http://localhost/").find().forEachRemaining(g::add);
    }
    return g;
  }

  private static Graph parse(String path, Lang lang, String base) {
    Graph g = GraphFactory.createDefaultGraph();
    try (InputStream in = resourceStream(path)) {
      RDFParser.source(in).lang(lang).base(base).parse(g);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return g;
  }

  static List<String> listed(String folder) {
    if (folder.equals("ontology")) {
      return List.of("registry.ttl");
    }
    try (InputStream in = resourceStream("/" + folder + "/index.txt")) {
      return Arrays.stream(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\\R"))
          .map(String::strip)
          .filter(s -> !s.isEmpty() && !s.startsWith("#"))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static InputStream resourceStream(String path) {
    InputStream in = Bootstrap.class.getResourceAsStream(path);
    if (in == null) {
      throw new IllegalStateException("missing classpath resource " + path);
    }
    return in;
  }
}
