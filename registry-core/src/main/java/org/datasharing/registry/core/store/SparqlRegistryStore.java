package org.datasharing.registry.core.store;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.rdflink.RDFLink;
import org.apache.jena.rdflink.RDFLinkHTTP;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.engine.binding.BindingFactory;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.expr.E_NotExists;
import org.apache.jena.sparql.modify.request.QuadDataAcc;
import org.apache.jena.sparql.modify.request.UpdateDataDelete;
import org.apache.jena.sparql.modify.request.UpdateDrop;
import org.apache.jena.sparql.modify.request.UpdateModify;
import org.apache.jena.sparql.syntax.Element;
import org.apache.jena.sparql.syntax.ElementData;
import org.apache.jena.sparql.syntax.ElementFilter;
import org.apache.jena.sparql.syntax.ElementGroup;
import org.apache.jena.sparql.syntax.ElementNamedGraph;
import org.apache.jena.sparql.syntax.ElementTriplesBlock;
import org.apache.jena.update.UpdateRequest;

/**
 * A remote SPARQL 1.1 store (query, update and graph store protocol), e.g. Apache Jena Fuseki.
 *
 * <p>A change travels as one SPARQL Update request, which Fuseki runs in one transaction. Its first
 * operation checks the guards and the log head the audit event was built on and, only if they hold,
 * sets a marker; the other operations apply only where the marker is set, and the last removes it.
 * Afterwards the store asks whether the audit event landed: if not, and the guards still hold,
 * another writer moved the log head and the change is rebuilt on the new head.
 *
 * <p>Every change extends the one audit log, so concurrent writers always contend for its head. An
 * instance therefore sends its changes one at a time (as TDB2's single writer does embedded) and
 * builds the next change on the head its last change wrote, so on its own it needs no retry; only
 * writers in other instances make it rebuild. A change whose guards still hold is never reported as
 * a conflict: if other instances keep it from landing for {@link #PATIENCE}, the store is reported
 * unavailable instead (the caller may retry; nothing was written).
 */
public final class SparqlRegistryStore implements RegistryStore {
  static final java.time.Duration PATIENCE = java.time.Duration.ofSeconds(30);
  private static final Node PENDING = NodeFactory.createURI(LogHeads.HEAD.getURI() + "-pending");

  private final Endpoints endpoints;
  private final java.util.concurrent.locks.ReentrantLock writer =
      new java.util.concurrent.locks.ReentrantLock(true);

  /** The log head this instance last wrote or read; only read and written under {@link #writer}. */
  private LogHead lastHead;

  /** Where the store answers. */
  public record Endpoints(String query, String update, String graphStore) {
    public Endpoints {
      requireNonNull(query, "query");
      requireNonNull(update, "update");
      requireNonNull(graphStore, "graphStore");
    }

    /** The endpoints of a Fuseki dataset at {@code datasetUrl} (e.g. http://host:3030/registry). */
    public static Endpoints fuseki(String datasetUrl) {
      String base =
          datasetUrl.endsWith("/") ? datasetUrl.substring(0, datasetUrl.length() - 1) : datasetUrl;
      return new Endpoints(base + "/query", base + "/update", base + "/data");
    }
  }

  public SparqlRegistryStore(Endpoints endpoints) {
    this.endpoints = endpoints;
  }

  private RDFLink link() {
    return RDFLinkHTTP.newBuilder()
        .queryEndpoint(endpoints.query())
        .updateEndpoint(endpoints.update())
        .gspEndpoint(endpoints.graphStore())
        .build();
  }

  /**
   * A live, read-only view of the whole remote dataset for evaluating one ad-hoc query locally (the
   * SPARQL endpoint): every read it makes is a query the store cancels at {@code deadline} ({@link
   * System#nanoTime()}); close it when the query ends.
   */
  public DatasetGraph liveView(long deadline) {
    return new RemoteDatasetView(endpoints.query(), deadline);
  }

  @Override
  public boolean queryable() {
    return true;
  }

  @Override
  public <T> T queryDataset(
      long deadline,
      java.util.function.Consumer<Runnable> onCancel,
      java.util.function.Function<DatasetGraph, T> query) {
    DatasetGraph view = liveView(deadline);
    onCancel.accept(view::close);
    try {
      return query.apply(view);
    } finally {
      view.close();
    }
  }

  @Override
  public Graph graph(Node graphName) {
    Query q = QueryFactory.create("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }");
    return construct(bindGraph(q, graphName));
  }

  @Override
  public DatasetGraph graphs(Set<Node> graphNames) {
    // one request, so the copies come from one snapshot of the remote dataset
    DatasetGraph copy = DatasetGraphFactory.createTxnMem();
    if (graphNames.isEmpty()) {
      return copy;
    }
    Var g = Var.alloc("g");
    ElementData values = new ElementData();
    values.add(g);
    graphNames.forEach(name -> values.add(BindingFactory.binding(g, name)));
    ElementGroup where = new ElementGroup();
    where.addElement(values);
    where.addElement(pattern(Quad.create(g, Node.ANY, Node.ANY, Node.ANY), ""));
    Query q = new Query();
    q.setQuerySelectType();
    q.addResultVar("g");
    q.addResultVar("s");
    q.addResultVar("p");
    q.addResultVar("o");
    q.setQueryPattern(where);
    for (Binding b : select(q)) {
      copy.add(
          b.get(Var.alloc("g")),
          b.get(Var.alloc("s")),
          b.get(Var.alloc("p")),
          b.get(Var.alloc("o")));
    }
    return copy;
  }

  @Override
  public List<Binding> select(Query query) {
    try (RDFLink link = link();
        QueryExec qe = link.query(query)) {
      return TdbRegistryStore.materialise(qe.select());
    }
  }

  @Override
  public Graph construct(Query query) {
    try (RDFLink link = link();
        QueryExec qe = link.query(query)) {
      return TdbRegistryStore.copy(query.isDescribeType() ? qe.describe() : qe.construct());
    }
  }

  @Override
  public boolean ask(Query query) {
    try (RDFLink link = link();
        QueryExec qe = link.query(query)) {
      return qe.ask();
    }
  }

  @Override
  public Set<Node> graphNames() {
    Query q = QueryFactory.create("SELECT DISTINCT ?g WHERE { GRAPH ?g { } }");
    Set<Node> names = new java.util.HashSet<>();
    select(q).forEach(b -> names.add(b.get(Var.alloc("g"))));
    return names;
  }

  @Override
  public CommitOutcome commit(Change change) {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    try {
      if (!writer.tryLock(PATIENCE.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS)) {
        throw new StoreUnavailable("a commit (this instance's writer is busy)", null);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreUnavailable("a commit (interrupted)", e);
    }
    try {
      boolean remembered = lastHead != null;
      LogHead head = remembered ? lastHead : logHead();
      for (int attempt = 0; ; attempt++) {
        Change.Appended appended = change.audit().append(head);
        lastHead = null; // unknown until the outcome is
        try (RDFLink link = link()) {
          link.update(request(change, head, appended));
        }
        if (holds(appended.marker(), true)) {
          lastHead = appended.next();
          return CommitOutcome.APPLIED;
        }
        if (remembered && attempt == 0) {
          // another instance has written since: build on the head as it is now
          head = logHead();
          continue;
        }
        if (!change.guards().stream().allMatch(g -> holds(g.pattern(), g.present()))) {
          return CommitOutcome.CONFLICT;
        }
        if (System.nanoTime() - deadline > 0) {
          throw new StoreUnavailable(
              "a commit (other instances kept moving the audit log head)", null);
        }
        backOff(attempt);
        head = logHead();
      }
    } finally {
      writer.unlock();
    }
  }

  private UpdateRequest request(Change change, LogHead head, Change.Appended appended) {
    Quad pending =
        Quad.create(
            LogHeads.GRAPH,
            PENDING,
            LogHeads.SIZE,
            NodeFactory.createLiteralString(UUID.randomUUID().toString()));
    ElementGroup checks = new ElementGroup();
    List<Quad> headQuads = head.size() == 0 ? List.of() : LogHeads.quads(head);
    if (head.size() == 0) {
      checks.addElementFilter(
          new ElementFilter(
              new E_NotExists(
                  group(
                      pattern(
                          Quad.create(LogHeads.GRAPH, LogHeads.HEAD, LogHeads.SIZE, Node.ANY),
                          "h")))));
    } else {
      headQuads.forEach(q -> checks.addElement(pattern(q, "h")));
    }
    int i = 0;
    for (Guard guard : change.guards()) {
      Element p = pattern(guard.pattern(), "g" + i++);
      if (guard.present()) {
        checks.addElement(p);
      } else {
        checks.addElementFilter(new ElementFilter(new E_NotExists(group(p))));
      }
    }
    UpdateModify mark = new UpdateModify();
    mark.getInsertAcc().addQuad(pending);
    mark.setHasInsertClause(true);
    mark.setElement(checks);

    UpdateModify apply = new UpdateModify();
    change.remove().forEach(apply.getDeleteAcc()::addQuad);
    headQuads.forEach(apply.getDeleteAcc()::addQuad);
    change.add().forEach(apply.getInsertAcc()::addQuad);
    appended.quads().forEach(apply.getInsertAcc()::addQuad);
    LogHeads.quads(appended.next()).forEach(apply.getInsertAcc()::addQuad);
    apply.setHasDeleteClause(true);
    apply.setHasInsertClause(true);
    ElementGroup whenMarked = new ElementGroup();
    whenMarked.addElement(pattern(pending, "m"));
    apply.setElement(whenMarked);

    QuadDataAcc unmark = new QuadDataAcc();
    unmark.addQuad(pending);
    return new UpdateRequest().add(mark).add(apply).add(new UpdateDataDelete(unmark));
  }

  @Override
  public void replaceGraphs(DatasetGraph content) {
    UpdateRequest request = new UpdateRequest();
    content.listGraphNodes().forEachRemaining(g -> request.add(new UpdateDrop(g, true)));
    QuadDataAcc data = new QuadDataAcc();
    content.find().forEachRemaining(data::addQuad);
    request.add(new org.apache.jena.sparql.modify.request.UpdateDataInsert(data));
    try (RDFLink link = link()) {
      link.update(request);
    }
  }

  @Override
  public boolean lease(String name, String holder, Instant now, Instant until) {
    try (RDFLink link = link()) {
      link.update(Leases.take(name, holder, now, until));
    }
    return ask(Leases.held(name, holder, now, until));
  }

  @Override
  public LogHead logHead() {
    Query q =
        QueryFactory.create(
            "SELECT ?size ?frontier WHERE { GRAPH ?g { ?h ?ps ?size . OPTIONAL { ?h ?pf ?frontier } } }");
    Query bound =
        org.apache.jena.sparql.syntax.syntaxtransform.QueryTransformOps.transform(
            q,
            java.util.Map.of(
                Var.alloc("g"), LogHeads.GRAPH,
                Var.alloc("h"), LogHeads.HEAD,
                Var.alloc("ps"), LogHeads.SIZE,
                Var.alloc("pf"), LogHeads.FRONTIER));
    List<Binding> rows = select(bound);
    if (rows.isEmpty()) {
      return LogHead.empty();
    }
    return LogHeads.decode(
        rows.get(0).get(Var.alloc("size")), rows.get(0).get(Var.alloc("frontier")));
  }

  @Override
  public void compact() {
    // the remote store compacts itself (e.g. Fuseki's /$/compact admin endpoint)
  }

  @Override
  public long sizeOnDisk() {
    return -1;
  }

  @Override
  public void close() {}

  private boolean holds(Quad pattern, boolean present) {
    Query ask = new Query();
    ask.setQueryAskType();
    ask.setQueryPattern(pattern(pattern, "a"));
    return ask(ask) == present;
  }

  private static Query bindGraph(Query q, Node graphName) {
    return org.apache.jena.sparql.syntax.syntaxtransform.QueryTransformOps.transform(
        q, java.util.Map.of(Var.alloc("g"), graphName));
  }

  /** GRAPH g { s p o } with Node.ANY turned into fresh variables. */
  private static Element pattern(Quad q, String prefix) {
    ElementTriplesBlock block = new ElementTriplesBlock();
    block.addTriple(
        Triple.create(
            v(q.getSubject(), prefix + "s"),
            v(q.getPredicate(), prefix + "p"),
            v(q.getObject(), prefix + "o")));
    return new ElementNamedGraph(q.getGraph(), block);
  }

  /** NOT EXISTS needs a group pattern around GRAPH. */
  private static ElementGroup group(Element e) {
    ElementGroup g = new ElementGroup();
    g.addElement(e);
    return g;
  }

  private static Node v(Node n, String name) {
    return n == null || n == Node.ANY ? Var.alloc(name) : n;
  }

  /** Waits a random time that grows with the attempts (capped), so contending instances spread. */
  private static void backOff(int attempt) {
    long cap = Math.min(64, 2L << Math.min(attempt, 5));
    try {
      Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(1, cap + 1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreUnavailable("a commit (interrupted)", e);
    }
  }
}
