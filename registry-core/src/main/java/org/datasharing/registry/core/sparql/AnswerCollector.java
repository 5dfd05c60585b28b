package org.datasharing.registry.core.sparql;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.query.Query;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.engine.binding.BindingFactory;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.exec.RowSet;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.sparql.graph.GraphWrapper;

/**
 * Reads a running query's answer into memory within the caps: at most {@code max-results} rows or
 * triples, and at most {@link #TEXT_FACTOR} times the string cap of text (literals and IRIs) in
 * all, so that many rows of long strings cannot fill the heap either.
 */
final class AnswerCollector {
  /** An answer's text may total this many times the string cap. */
  static final int TEXT_FACTOR = 16;

  private final int cap;
  private final long maxText;
  private long text;

  AnswerCollector(SparqlLimits limits) {
    this.cap = limits.maxResults();
    this.maxText = (long) limits.maxStringLength() * TEXT_FACTOR;
  }

  SparqlOutcome<Answer> collect(QueryExec qe, Query query) {
    if (query.isSelectType()) {
      RowSet rows = qe.select();
      List<Binding> out = new ArrayList<>();
      while (rows.hasNext()) {
        if (out.size() == cap) {
          return tooMany("rows");
        }
        // copied: TDB2 bindings resolve their nodes lazily, inside the transaction only
        Binding row = BindingFactory.copy(rows.next());
        for (Iterator<Var> vars = row.vars(); vars.hasNext(); ) {
          text += length(row.get(vars.next()));
        }
        if (text > maxText) {
          return tooMuchText();
        }
        out.add(row);
      }
      return SparqlOutcome.ok(new Answer.Rows(rows.getResultVars(), out));
    }
    if (query.isAskType()) {
      return SparqlOutcome.ok(new Answer.Bool(qe.ask()));
    }
    Graph graph = GraphFactory.createDefaultGraph();
    graph.getPrefixMapping().setNsPrefixes(query.getPrefixMapping());
    Capped capped = new Capped(graph);
    try {
      if (query.isConstructType()) {
        qe.constructTriples().forEachRemaining(capped::add);
      } else {
        // Jena builds a DESCRIBE answer in a graph before handing it out: give it one that
        // refuses to grow past the caps
        qe.describe(capped);
      }
    } catch (Full full) {
      return full.problem();
    }
    return SparqlOutcome.ok(new Answer.Triples(graph));
  }

  /** A graph that stops the query (with {@link Full}) once it holds more than the caps allow. */
  private final class Capped extends GraphWrapper {
    Capped(Graph graph) {
      super(graph);
    }

    @Override
    public void add(Triple t) {
      super.add(t);
      if (get().size() > cap) {
        throw new Full(tooMany("triples"));
      }
      text += length(t.getSubject()) + length(t.getPredicate()) + length(t.getObject());
      if (text > maxText) {
        throw new Full(tooMuchText());
      }
    }
  }

  private static final class Full extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient SparqlOutcome<Answer> problem;

    Full(SparqlOutcome<Answer> problem) {
      super(null, null, false, false);
      this.problem = problem;
    }

    SparqlOutcome<Answer> problem() {
      return problem;
    }
  }

  private static long length(Node n) {
    if (n == null) {
      return 0;
    }
    return n.isLiteral() ? n.getLiteralLexicalForm().length() : n.isURI() ? n.getURI().length() : 1;
  }

  private <T> SparqlOutcome<T> tooMuchText() {
    return SparqlOutcome.failed(
        SparqlProblem.Kind.TOO_MANY_RESULTS,
        "The answer holds more than "
            + maxText
            + " characters of text; select fewer or shorter values, or add a LIMIT");
  }

  private <T> SparqlOutcome<T> tooMany(String what) {
    return SparqlOutcome.failed(
        SparqlProblem.Kind.TOO_MANY_RESULTS,
        "The answer has more than "
            + cap
            + " "
            + what
            + "; add a LIMIT (with ORDER BY and OFFSET to page through it) or narrow the query");
  }
}
