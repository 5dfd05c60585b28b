package org.datasharing.registry.core.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.query.Query;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphWrapper;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.engine.binding.Binding;
import org.datasharing.registry.core.store.Change;
import org.datasharing.registry.core.store.ForwardingStore;
import org.datasharing.registry.core.store.RegistryStore;

/**
 * A store that fails on purpose, in the style of SQLite's I/O-error tests: armed with a point and a
 * call number, the n-th call at that point throws what a failing store throws (an I/O error by
 * default), once; every other call passes through. Every operation of the store port can fail.
 */
public final class FaultyStore extends ForwardingStore {

  /** Where a fault can be injected. */
  public enum Point {
    /**
     * Any read: graph, graphs, select, construct, ask, graphNames, logHead, sizeOnDisk, a query
     * over the whole dataset (queryDataset) and a backup.
     */
    READ,
    /** A commit fails before it reaches the store. */
    BEFORE_COMMIT,
    /**
     * A commit fails inside the write: after the audit event was built, before the transaction
     * commits (inside TDB2's write transaction; before the update request for a remote store).
     */
    DURING_WRITE,
    /** The change commits but its acknowledgement is lost (the caller sees a failure). */
    AFTER_COMMIT,
    /** A bulk load (replaceGraphs) fails part-way through the quads it writes. */
    BULK_WRITE,
    /** Compaction fails. */
    COMPACT
  }

  private final Supplier<RuntimeException> failure;
  private final Map<Point, Integer> calls = new EnumMap<>(Point.class);
  private Point armed;
  private int nth;
  private boolean fired;
  private java.util.function.Predicate<Thread> only;

  public FaultyStore(RegistryStore delegate) {
    this(delegate, () -> new UncheckedIOException(new IOException("injected I/O error")));
  }

  public FaultyStore(RegistryStore delegate, Supplier<RuntimeException> failure) {
    super(delegate);
    this.failure = failure;
  }

  /** The {@code nth} call (from 1) at {@code point} from now on throws; one fault at a time. */
  public synchronized void arm(Point point, int nth) {
    this.armed = point;
    this.nth = nth;
    this.fired = false;
    this.only = null;
    calls.clear();
  }

  /**
   * As {@link #arm}, counting only the calls made on {@code thread}: a registry's own background
   * readers (the search index following the log, the scheduler's lease) then neither take the fault
   * nor make it look as if a request reached the store.
   */
  public synchronized void armOn(Thread thread, Point point, int nth) {
    armOn(t -> t == thread, point, nth);
  }

  /**
   * As {@link #armOn(Thread, Point, int)}, counting the calls made on the threads {@code threads}
   * accepts (a request's thread and the workers it hands its work to).
   */
  public synchronized void armOn(
      java.util.function.Predicate<Thread> threads, Point point, int nth) {
    arm(point, nth);
    this.only = threads;
  }

  public synchronized void disarm() {
    armed = null;
  }

  /** Whether the armed fault was thrown. */
  public synchronized boolean fired() {
    return fired;
  }

  /** Calls at the point since the last {@link #arm}. */
  public synchronized int calls(Point point) {
    return calls.getOrDefault(point, 0);
  }

  private synchronized boolean hit(Point point) {
    if (only != null && !only.test(Thread.currentThread())) {
      return false;
    }
    int n = calls.merge(point, 1, Integer::sum);
    if (point == armed && n == nth) {
      armed = null;
      fired = true;
      return true;
    }
    return false;
  }

  private void check(Point point) {
    if (hit(point)) {
      throw failure.get();
    }
  }

  @Override
  public CommitOutcome commit(Change change) {
    check(Point.BEFORE_COMMIT);
    boolean duringWrite = hit(Point.DURING_WRITE);
    Change faulty =
        !duringWrite
            ? change
            : new Change(
                change.guards(),
                change.remove(),
                change.add(),
                head -> {
                  change.audit().append(head);
                  throw failure.get();
                });
    CommitOutcome outcome = delegate.commit(faulty);
    check(Point.AFTER_COMMIT);
    return outcome;
  }

  @Override
  public void replaceGraphs(DatasetGraph content) {
    if (!hit(Point.BULK_WRITE)) {
      delegate.replaceGraphs(content);
      return;
    }
    // the quads fail part-way through, while the store is writing them
    long half = Math.max(1, content.stream().count() / 2);
    delegate.replaceGraphs(
        new DatasetGraphWrapper(content) {
          @Override
          public Iterator<Quad> find() {
            return find(Node.ANY, Node.ANY, Node.ANY, Node.ANY);
          }

          @Override
          public Iterator<Quad> find(Node g, Node s, Node p, Node o) {
            Iterator<Quad> it = super.find(g, s, p, o);
            return new Iterator<>() {
              long n;

              @Override
              public boolean hasNext() {
                return it.hasNext();
              }

              @Override
              public Quad next() {
                if (++n >= half) {
                  throw failure.get();
                }
                return it.next();
              }
            };
          }
        });
  }

  @Override
  public Graph graph(Node graphName) {
    check(Point.READ);
    return delegate.graph(graphName);
  }

  @Override
  public DatasetGraph graphs(Set<Node> graphNames) {
    check(Point.READ);
    return delegate.graphs(graphNames);
  }

  @Override
  public List<Binding> select(Query query) {
    check(Point.READ);
    return delegate.select(query);
  }

  @Override
  public Graph construct(Query query) {
    check(Point.READ);
    return delegate.construct(query);
  }

  @Override
  public boolean ask(Query query) {
    check(Point.READ);
    return delegate.ask(query);
  }

  @Override
  public Set<Node> graphNames() {
    check(Point.READ);
    return delegate.graphNames();
  }

  @Override
  public org.datasharing.registry.core.store.LogHead logHead() {
    check(Point.READ);
    return delegate.logHead();
  }

  @Override
  public <T> T queryDataset(
      long deadline,
      java.util.function.Consumer<Runnable> onCancel,
      java.util.function.Function<DatasetGraph, T> query) {
    check(Point.READ);
    return delegate.queryDataset(deadline, onCancel, query);
  }

  @Override
  public java.nio.file.Path backup(java.nio.file.Path folder) {
    check(Point.READ);
    return delegate.backup(folder);
  }

  @Override
  public void compact() {
    check(Point.COMPACT);
    delegate.compact();
  }

  @Override
  public long sizeOnDisk() {
    check(Point.READ);
    return delegate.sizeOnDisk();
  }
}
