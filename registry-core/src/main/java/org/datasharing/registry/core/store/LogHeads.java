package org.datasharing.registry.core.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.Quad;
import org.datasharing.registry.ontology.vocab.DSR;
import org.datasharing.registry.ontology.vocab.Graphs;

/** How the log head is stored: two quads on one resource of the audit graph. */
final class LogHeads {
  static final Node GRAPH = Graphs.AUDIT_NODE;
  static final Node HEAD = NodeFactory.createURI(Graphs.AUDIT + "#head");
  static final Node SIZE = DSR.treeSize.asNode();
  static final Node FRONTIER = DSR.frontier.asNode();

  private LogHeads() {}

  static List<Quad> quads(LogHead head) {
    return List.of(
        Quad.create(
            GRAPH,
            HEAD,
            SIZE,
            NodeFactory.createLiteralDT(Long.toString(head.size()), XSDDatatype.XSDlong)),
        Quad.create(
            GRAPH, HEAD, FRONTIER, NodeFactory.createLiteralString(encode(head.frontier()))));
  }

  static LogHead decode(Node size, Node frontier) {
    if (size == null) {
      return LogHead.empty();
    }
    long n = Long.parseLong(size.getLiteralLexicalForm());
    String f = frontier == null ? "" : frontier.getLiteralLexicalForm();
    List<byte[]> hashes = new ArrayList<>();
    if (!f.isEmpty()) {
      Arrays.stream(f.split(",")).map(HexFormat.of()::parseHex).forEach(hashes::add);
    }
    return new LogHead(n, hashes);
  }

  private static String encode(List<byte[]> frontier) {
    return String.join(",", frontier.stream().map(HexFormat.of()::formatHex).toList());
  }
}
