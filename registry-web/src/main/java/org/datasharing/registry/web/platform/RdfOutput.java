package org.datasharing.registry.web.platform;

import java.io.ByteArrayOutputStream;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.RDFFormat;
import org.apache.jena.sparql.graph.GraphFactory;
import org.datasharing.registry.core.common.XmlText;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Writes a graph for a response, in the syntax {@link Negotiation} chose. RDF/XML cannot carry some
 * characters at all (C0 controls, U+FFFE, lone surrogates); the registry refuses them on input, and
 * text stored before that is written with each such character replaced by U+FFFD, so one odd title
 * never breaks a whole page. The other formats escape every character and are written as they are.
 */
public final class RdfOutput {
  private RdfOutput() {}

  /** 200 with the graph in the RDF syntax of {@code type}, varying by {@code Accept}. */
  public static ResponseEntity<Object> answer(Graph g, MediaType type) {
    return answer(g, RdfSyntax.of(type).orElseThrow());
  }

  /** 200 with the graph in the syntax, varying by {@code Accept}. */
  public static ResponseEntity<Object> answer(Graph g, RdfSyntax syntax) {
    return ResponseEntity.ok()
        .contentType(syntax.mediaType())
        .header(HttpHeaders.VARY, HttpHeaders.ACCEPT)
        .body(write(g, syntax.format()));
  }

  public static byte[] write(Graph g, RDFFormat format) {
    Graph out = Lang.RDFXML.equals(format.getLang()) ? xmlSafe(g) : g;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    RDFDataMgr.write(bytes, out, format);
    return bytes.toByteArray();
  }

  private static Graph xmlSafe(Graph g) {
    boolean clean =
        g.stream()
            .allMatch(
                t ->
                    !t.getObject().isLiteral()
                        || XmlText.isLegal(t.getObject().getLiteralLexicalForm()));
    if (clean) {
      return g;
    }
    Graph copy = GraphFactory.createDefaultGraph();
    copy.getPrefixMapping().setNsPrefixes(g.getPrefixMapping());
    g.find()
        .forEachRemaining(
            t -> copy.add(Triple.create(t.getSubject(), t.getPredicate(), legal(t.getObject()))));
    return copy;
  }

  private static Node legal(Node o) {
    if (!o.isLiteral() || XmlText.isLegal(o.getLiteralLexicalForm())) {
      return o;
    }
    String text = XmlText.legalised(o.getLiteralLexicalForm());
    String lang = o.getLiteralLanguage();
    if (lang != null && !lang.isEmpty()) {
      return NodeFactory.createLiteralLang(text, lang);
    }
    return NodeFactory.createLiteralDT(text, o.getLiteralDatatype());
  }
}
