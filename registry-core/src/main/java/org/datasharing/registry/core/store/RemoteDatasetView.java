package org.datasharing.registry.core.store;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.jena.atlas.iterator.Iter;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryCancelledException;
import org.apache.jena.query.ReadWrite;
import org.apache.jena.query.TxnType;
import org.apache.jena.sparql.core.DatasetGraphBaseFind;
import org.apache.jena.sparql.core.GraphView;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.core.Transactional;
import org.apache.jena.sparql.core.TransactionalNull;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.exec.RowSet;
import org.apache.jena.sparql.exec.http.QueryExecHTTP;
import org.apache.jena.sparql.syntax.Element;
import org.apache.jena.sparql.syntax.ElementNamedGraph;
import org.apache.jena.sparql.syntax.ElementPathBlock;

/**
 * A read-only view of a remote SPARQL store in which every find is one query to the store, sent
 * with the time left until the view's deadline as the SPARQL protocol's {@code timeout} parameter,
 * so the store itself cancels it (Fuseki honours it, capped by its own {@code arq:queryTimeout}).
 * Closing the view closes every request still streaming.
 *
 * <p>It lets the SPARQL endpoint evaluate a caller's query locally over the same access-filtered
 * view as on TDB2: the store only ever answers single quad patterns, so no query shape can reach
 * past the filter. As on the endpoint over TDB2, the default graph is the union of the named
 * graphs. A query reads through several requests, so it sees no single snapshot of the store. Blank
 * nodes cannot be named in a later request: a find that binds one answers nothing.
 */
final class RemoteDatasetView extends DatasetGraphBaseFind {
  private static final Var G = Var.alloc("g");
  private static final Var S = Var.alloc("s");
  private static final Var P = Var.alloc("p");
  private static final Var O = Var.alloc("o");

  private final String queryEndpoint;
  private final long deadline;
  private final Transactional txn = TransactionalNull.create();
  private final Set<QueryExec> open = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  /**
   * @param deadline {@link System#nanoTime()} after which no request runs
   */
  RemoteDatasetView(String queryEndpoint, long deadline) {
    this.queryEndpoint = queryEndpoint;
    this.deadline = deadline;
  }

  @Override
  public Graph getDefaultGraph() {
    return GraphView.createUnionGraph(this);
  }

  @Override
  public Graph getGraph(Node graphNode) {
    return Quad.isDefaultGraph(graphNode)
        ? getDefaultGraph()
        : GraphView.createNamedGraph(this, graphNode);
  }

  @Override
  public Graph getUnionGraph() {
    return GraphView.createUnionGraph(this);
  }

  @Override
  public boolean containsGraph(Node graphNode) {
    if (Quad.isDefaultGraph(graphNode) || Quad.isUnionGraph(graphNode)) {
      return true;
    }
    if (graphNode.isBlank()) {
      return false;
    }
    Query ask = new Query();
    ask.setQueryAskType();
    ask.setQueryPattern(new ElementNamedGraph(graphNode, new ElementPathBlock()));
    return ask(ask);
  }

  private boolean ask(Query ask) {
    QueryExec qe = exec(ask);
    try {
      return qe.ask();
    } catch (RuntimeException e) {
      throw failure(e);
    } finally {
      close(qe);
    }
  }

  @Override
  public Iterator<Node> listGraphNodes() {
    Query q = select(false, G);
    q.setDistinct(true);
    q.setQueryPattern(new ElementNamedGraph(G, new ElementPathBlock()));
    return rows(q, b -> b.get(G));
  }

  @Override
  protected Iterator<Quad> findInDftGraph(Node s, Node p, Node o) {
    return quads(null, s, p, o, false, Quad.defaultGraphIRI);
  }

  @Override
  protected Iterator<Quad> findInSpecificNamedGraph(Node g, Node s, Node p, Node o) {
    return quads(g, s, p, o, false, g);
  }

  @Override
  protected Iterator<Quad> findInAnyNamedGraphs(Node s, Node p, Node o) {
    return quads(Node.ANY, s, p, o, false, null);
  }

  @Override
  public Iterator<Quad> findQuadsInUnionGraph(Node s, Node p, Node o) {
    return quads(Node.ANY, s, p, o, true, Quad.unionGraph);
  }

  @Override
  public Iterator<Triple> findInUnionGraph(Node s, Node p, Node o) {
    return Iter.map(findQuadsInUnionGraph(s, p, o), Quad::asTriple);
  }

  /**
   * The quads matching a pattern: {@code graph} null for the store's default graph, {@code ANY} for
   * every named graph; {@code distinct} merges the named graphs' triples (the union graph),
   * labelled {@code label}; otherwise quads keep their own graph unless {@code label} is given.
   */
  private Iterator<Quad> quads(Node graph, Node s, Node p, Node o, boolean distinct, Node label) {
    if (blank(graph) || blank(s) || blank(p) || blank(o)) {
      return Collections.emptyIterator();
    }
    Node gv = any(graph) ? G : graph;
    Node sv = any(s) ? S : s;
    Node pv = any(p) ? P : p;
    Node ov = any(o) ? O : o;
    List<Var> vars = new ArrayList<>();
    if (!distinct && graph != null && gv == G) {
      vars.add(G);
    }
    for (Node n : List.of(sv, pv, ov)) {
      if (n instanceof Var v) {
        vars.add(v);
      }
    }
    ElementPathBlock triple = new ElementPathBlock();
    triple.addTriple(Triple.create(sv, pv, ov));
    Element pattern = graph == null ? triple : new ElementNamedGraph(gv, triple);
    if (vars.isEmpty()) {
      Query ask = new Query();
      ask.setQueryAskType();
      ask.setQueryPattern(pattern);
      return ask(ask)
          ? Iter.singletonIterator(Quad.create(label == null ? graph : label, s, p, o))
          : Collections.emptyIterator();
    }
    Query q = select(distinct, vars.toArray(Var[]::new));
    q.setQueryPattern(pattern);
    return rows(
        q,
        b ->
            Quad.create(
                label != null ? label : value(b, gv), value(b, sv), value(b, pv), value(b, ov)));
  }

  private static Node value(Binding b, Node n) {
    return n instanceof Var v ? b.get(v) : n;
  }

  private static Query select(boolean distinct, Var... vars) {
    Query q = new Query();
    q.setQuerySelectType();
    q.setDistinct(distinct);
    for (Var v : vars) {
      q.addResultVar(v);
    }
    return q;
  }

  /** Streams the rows of a query, closing its request once read to the end or on close. */
  private <T> Iterator<T> rows(Query q, Function<Binding, T> row) {
    QueryExec qe = exec(q);
    RowSet rows;
    try {
      rows = qe.select();
    } catch (RuntimeException e) {
      close(qe);
      throw failure(e);
    }
    Iterator<T> mapped =
        new Iterator<>() {
          @Override
          public boolean hasNext() {
            try {
              boolean more = rows.hasNext();
              if (!more) {
                close(qe);
              }
              return more;
            } catch (RuntimeException e) {
              close(qe);
              throw failure(e);
            }
          }

          @Override
          public T next() {
            return row.apply(rows.next());
          }
        };
    return Iter.onClose(mapped, () -> close(qe));
  }

  private QueryExec exec(Query q) {
    long left = deadline - System.nanoTime();
    if (closed || left <= 0) {
      throw new QueryCancelledException();
    }
    QueryExec qe =
        QueryExecHTTP.newBuilder()
            .endpoint(queryEndpoint)
            .query(q)
            // the protocol's timeout, in whole seconds (all Fuseki reads): the store stops the
            // query at the deadline, rounded up to the second
            .param("timeout", Long.toString(Math.max(1, (left + 999_999_999L) / 1_000_000_000L)))
            .build();
    open.add(qe);
    return qe;
  }

  private void close(QueryExec qe) {
    if (open.remove(qe)) {
      qe.close();
    }
  }

  /** A request that failed after the deadline or once closed was cancelled, not broken. */
  private RuntimeException failure(RuntimeException e) {
    return closed || deadline - System.nanoTime() <= 0 ? new QueryCancelledException() : e;
  }

  /** Ends the view: every request still open is closed, and no new one starts. */
  @Override
  public void close() {
    closed = true;
    for (QueryExec qe : List.copyOf(open)) {
      close(qe);
    }
  }

  private static boolean any(Node n) {
    return n == null || n == Node.ANY;
  }

  private static boolean blank(Node n) {
    return n != null && n.isBlank();
  }

  @Override
  public void addGraph(Node graphName, Graph graph) {
    throw new UnsupportedOperationException("read-only view");
  }

  @Override
  public void removeGraph(Node graphName) {
    throw new UnsupportedOperationException("read-only view");
  }

  @Override
  public void add(Quad quad) {
    throw new UnsupportedOperationException("read-only view");
  }

  @Override
  public void delete(Quad quad) {
    throw new UnsupportedOperationException("read-only view");
  }

  @Override
  public org.apache.jena.riot.system.PrefixMap prefixes() {
    return org.apache.jena.riot.system.PrefixMapFactory.emptyPrefixMap();
  }

  @Override
  public boolean supportsTransactions() {
    return false;
  }

  @Override
  public void begin(TxnType type) {
    txn.begin(type);
  }

  @Override
  public void begin(ReadWrite readWrite) {
    txn.begin(readWrite);
  }

  @Override
  public boolean promote(Promote mode) {
    return false;
  }

  @Override
  public void commit() {
    txn.commit();
  }

  @Override
  public void abort() {
    txn.abort();
  }

  @Override
  public void end() {
    txn.end();
  }

  @Override
  public ReadWrite transactionMode() {
    return txn.transactionMode();
  }

  @Override
  public TxnType transactionType() {
    return txn.transactionType();
  }

  @Override
  public boolean isInTransaction() {
    return txn.isInTransaction();
  }
}
