package org.datasharing.registry.core.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.RDF;
import org.datasharing.registry.core.common.Canonical;
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

  public static void initialise(RegistryStore store, String base, boolean sample) {
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
    if (sample && empty) {
      for (String file : listed("sample")) {
        DatasetGraph d = DatasetGraphFactory.createTxnMem();
        try (InputStream in = resourceStream("/sample/" + file)) {
          RDFParser.source(in).lang(Lang.TRIG).base(base).parse(d);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        d.find().forEachRemaining(load::add);
      }
      org.apache.jena.system.Txn.executeWrite(load, () -> prepareSampleAgreements(load));
    }
    store.replaceGraphs(load);
    log.info(
        "store initialised: {} graphs{}",
        store.graphNames().size(),
        sample && empty ? " (with sample data)" : "");
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

  /**
   * Sample agreements get what the lifecycle records for real ones: the revision counter, the
   * content hash each decision approved (recomputed from the version's text, as an approval would
   * have), and the end time of ended agreements.
   */
  private static void prepareSampleAgreements(DatasetGraph load) {
    Node one = NodeFactory.createLiteralDT("1", XSDDatatype.XSDlong);
    List<Quad> agreements = new java.util.ArrayList<>();
    load.find(Node.ANY, Node.ANY, RDF.type.asNode(), DSR.DataSharingAgreement.asNode())
        .forEachRemaining(agreements::add);
    for (Quad q : agreements) {
      Node g = q.getGraph();
      Node ag = q.getSubject();
      if (!load.contains(g, ag, DSR.revision.asNode(), Node.ANY)) {
        load.add(Quad.create(g, ag, DSR.revision.asNode(), one));
      }
      boolean ended =
          load.contains(g, ag, DSR.status.asNode(), DSR.Terminated.asNode())
              || load.contains(g, ag, DSR.status.asNode(), DSR.Expired.asNode());
      if (ended && !load.contains(g, ag, DSR.endedAt.asNode(), Node.ANY)) {
        List<Quad> modified = new java.util.ArrayList<>();
        load.find(g, ag, DCTerms.modified.asNode(), Node.ANY).forEachRemaining(modified::add);
        modified.forEach(m -> load.add(Quad.create(g, ag, DSR.endedAt.asNode(), m.getObject())));
      }
      List<Quad> decisions = new java.util.ArrayList<>();
      load.find(g, Node.ANY, DSR.decisionOn.asNode(), Node.ANY).forEachRemaining(decisions::add);
      for (Quad d : decisions) {
        String hash = Canonical.sha256Hex(Canonical.versionText(load.getGraph(g), d.getObject()));
        load.deleteAny(g, d.getSubject(), DSR.contentHash.asNode(), Node.ANY);
        load.add(
            Quad.create(
                g,
                d.getSubject(),
                DSR.contentHash.asNode(),
                NodeFactory.createLiteralString(hash)));
      }
    }
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
