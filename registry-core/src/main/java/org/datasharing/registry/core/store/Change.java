package org.datasharing.registry.core.store;

import static java.util.Objects.requireNonNull;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.Quad;
import org.datasharing.registry.core.common.XmlText;

/**
 * One atomic write: quads removed and added, the guards that must hold, and the appender that turns
 * the log head into this change's audit event.
 *
 * <p>A change also says what it touched, so views derived from the store (the search index) follow
 * it without scanning its quads: {@code graphs}, the named graphs its quads are in (found as the
 * quads are checked on construction), and {@code about}, the resources its writer says it describes
 * (a dataset, an organisation, the datasets of an import), each with what is minted under its IRI;
 * empty when the writer did not say.
 */
public record Change(
    List<Guard> guards,
    List<Quad> remove,
    List<Quad> add,
    AuditAppender audit,
    Set<Node> graphs,
    Set<Node> about) {
  public Change {
    guards = List.copyOf(guards);
    remove = List.copyOf(remove);
    add = List.copyOf(add);
    requireNonNull(audit, "every change is audited");
    // the graphs are always those of the quads, whatever was passed: a view trusts them
    Set<Node> named = new HashSet<>();
    for (Quad q : add) {
      requireXmlText(q);
      named.add(q.getGraph());
    }
    remove.forEach(q -> named.add(q.getGraph()));
    graphs = Set.copyOf(named);
    about = Set.copyOf(about);
  }

  /** A change that does not say which resources it describes. */
  public Change(List<Guard> guards, List<Quad> remove, List<Quad> add, AuditAppender audit) {
    this(guards, remove, add, audit, Set.of(), Set.of());
  }

  /** This change, saying it describes these resources (see the class comment). */
  public Change about(java.util.Collection<Node> resources) {
    return new Change(guards, remove, add, audit, graphs, Set.copyOf(resources));
  }

  /** This change with another appender (a store decorator watching the append), else the same. */
  public Change withAudit(AuditAppender appender) {
    return new Change(guards, remove, add, appender, graphs, about);
  }

  /**
   * The store never takes text RDF/XML cannot carry: every write path goes through a change, so
   * this holds whatever a service forgot to check (it then refuses the whole change).
   */
  private static void requireXmlText(Quad q) {
    Node o = q.getObject();
    if (o.isLiteral() && !XmlText.isLegal(o.getLiteralLexicalForm())) {
      Node p = q.getPredicate();
      throw new XmlText.IllegalText(p.isURI() ? p.getLocalName() : "value");
    }
  }

  /** Builds the audit event's quads for the given head, and the head after it. */
  @FunctionalInterface
  public interface AuditAppender {
    Appended append(LogHead head);
  }

  /** An audit event ready to store, the head after it, and a quad proving it landed. */
  public record Appended(List<Quad> quads, LogHead next, Quad marker) {
    public Appended {
      quads = List.copyOf(quads);
      quads.forEach(Change::requireXmlText); // an event's detail can quote what a user wrote
      requireNonNull(next, "next");
      requireNonNull(marker, "marker");
    }
  }
}
