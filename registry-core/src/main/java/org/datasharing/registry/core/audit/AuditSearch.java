package org.datasharing.registry.core.audit;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.syntax.syntaxtransform.QueryTransformOps;
import org.apache.jena.vocabulary.RDF;
import org.datasharing.registry.core.common.Queries;
import org.datasharing.registry.core.common.Result;
import org.datasharing.registry.core.common.Violation;
import org.datasharing.registry.core.store.RegistryStore;
import org.datasharing.registry.ontology.vocab.DSR;
import org.datasharing.registry.ontology.vocab.Graphs;

/**
 * Audit events filtered by agreement, organisation (acted for), person, action and a range of days,
 * newest first. The query is built from fixed patterns, one per filter given; every value is bound
 * as an RDF term, never written into the query text.
 */
public final class AuditSearch {
  /** Most events one search (or CSV export) returns. */
  public static final int MAX_EXPORT = 10_000;

  private final RegistryStore store;

  AuditSearch(RegistryStore store) {
    this.store = store;
  }

  /** What to look for; each part empty for "any". Days are UTC and inclusive. */
  public record Filter(
      Optional<Node> agreement,
      Optional<Node> organisation,
      Optional<Node> person,
      Optional<String> action,
      Optional<LocalDate> from,
      Optional<LocalDate> to) {
    public static final Filter NONE =
        new Filter(
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty());

    public boolean isEmpty() {
      return equals(NONE);
    }
  }

  /** A page of matching events, or INVALID naming {@code action}, {@code from} or {@code to}. */
  public Result<AuditTrail.Page> page(Filter f, int page, int size) {
    Optional<Violation> invalid = check(f);
    if (invalid.isPresent()) {
      return Result.invalid(invalid.get());
    }
    long total = count(f);
    List<Node> sequences = new ArrayList<>();
    Query q = query(f, "SELECT ?seq", "ORDER BY DESC(?seq)");
    q.setOffset((long) page * size);
    q.setLimit(size);
    store.select(q).forEach(b -> sequences.add(b.get("seq")));
    if (sequences.isEmpty()) {
      return Result.ok(new AuditTrail.Page(total, page, size, List.of()));
    }
    Query events = Queries.withValues("audit-events-page", "seq", sequences);
    return Result.ok(
        new AuditTrail.Page(
            total, page, size, store.select(events).stream().map(AuditTrail::view).toList()));
  }

  private long count(Filter f) {
    List<Binding> rows = store.select(query(f, "SELECT (COUNT(?e) AS ?n)", ""));
    return rows.isEmpty() ? 0 : Long.parseLong(rows.get(0).get("n").getLiteralLexicalForm());
  }

  private Optional<Violation> check(Filter f) {
    if (f.action().isPresent()) {
      String a = f.action().get();
      boolean known =
          a.matches("[A-Za-z][A-Za-z0-9]{0,63}")
              && store
                  .graph(Graphs.ONTOLOGY_NODE)
                  .contains(
                      NodeFactory.createURI(DSR.NS + a),
                      RDF.type.asNode(),
                      DSR.AuditAction.asNode());
      if (!known) {
        return Optional.of(new Violation("action", "action must be an audit action, e.g. Submit"));
      }
    }
    if (f.from().isPresent() && f.to().isPresent() && f.to().get().isBefore(f.from().get())) {
      return Optional.of(new Violation("to", "to must not be before from"));
    }
    return Optional.empty();
  }

  private static Query query(Filter f, String select, String order) {
    StringBuilder where = new StringBuilder();
    Map<Var, Node> values = new HashMap<>();
    f.agreement()
        .ifPresent(a -> bind(where, values, "?e dsr:agreement ?fAgreement .", "fAgreement", a));
    f.organisation()
        .ifPresent(o -> bind(where, values, "?e dsr:actorOrganisation ?fOrg .", "fOrg", o));
    f.person()
        .ifPresent(p -> bind(where, values, "?e prov:wasAssociatedWith ?fPerson .", "fPerson", p));
    f.action()
        .ifPresent(
            a ->
                bind(
                    where,
                    values,
                    "?e dsr:action ?fAction .",
                    "fAction",
                    NodeFactory.createURI(DSR.NS + a)));
    if (f.from().isPresent() || f.to().isPresent()) {
      where.append("?e dsr:day ?day .\n");
    }
    f.from().ifPresent(d -> bind(where, values, "FILTER(?day >= ?fFrom)", "fFrom", date(d)));
    f.to().ifPresent(d -> bind(where, values, "FILTER(?day <= ?fTo)", "fTo", date(d)));
    String text =
        """
        PREFIX dsr: <https://w3id.org/dsr#>
        PREFIX prov: <http://www.w3.org/ns/prov#>
        %s
        WHERE {
          GRAPH <https://w3id.org/dsr/graph/audit> {
            ?e dsr:sequence ?seq .
            %s
          }
        }
        %s
        """
            .formatted(select, where, order);
    return QueryTransformOps.transform(QueryFactory.create(text), values);
  }

  private static void bind(
      StringBuilder where, Map<Var, Node> values, String pattern, String var, Node value) {
    where.append(pattern).append('\n');
    values.put(Var.alloc(var), value);
  }

  private static Node date(LocalDate d) {
    return NodeFactory.createLiteralDT(d.toString(), XSDDatatype.XSDdate);
  }
}
