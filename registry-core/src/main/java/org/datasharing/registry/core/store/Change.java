package org.datasharing.registry.core.store;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.Quad;
import org.datasharing.registry.core.common.XmlText;

/**
 * One atomic write: quads removed and added, the guards that must hold, and the appender that turns
 * the log head into this change's audit event.
 */
public record Change(List<Guard> guards, List<Quad> remove, List<Quad> add, AuditAppender audit) {
  public Change {
    guards = List.copyOf(guards);
    remove = List.copyOf(remove);
    add = List.copyOf(add);
    requireNonNull(audit, "every change is audited");
    add.forEach(Change::requireXmlText);
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
