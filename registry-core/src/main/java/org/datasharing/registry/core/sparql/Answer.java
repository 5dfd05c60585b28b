package org.datasharing.registry.core.sparql;

import java.util.List;
import org.apache.jena.graph.Graph;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;

/** A query's answer, materialised within the caps: rows, a boolean or triples. */
public sealed interface Answer {

  /** How many results it holds, as counted against the result cap. */
  long size();

  /** A SELECT answer. */
  record Rows(List<Var> vars, List<Binding> rows) implements Answer {
    public Rows {
      vars = List.copyOf(vars);
      rows = List.copyOf(rows);
    }

    @Override
    public long size() {
      return rows.size();
    }
  }

  /** An ASK answer. */
  record Bool(boolean value) implements Answer {
    @Override
    public long size() {
      return 1;
    }
  }

  /** A CONSTRUCT or DESCRIBE answer. */
  record Triples(Graph graph) implements Answer {
    @Override
    public long size() {
      return graph.size();
    }
  }
}
