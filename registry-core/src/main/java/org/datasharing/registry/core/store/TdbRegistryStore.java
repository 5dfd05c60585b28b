package org.datasharing.registry.core.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.query.Query;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.engine.binding.BindingFactory;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.update.UpdateAction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The default store: Jena TDB2 in a data folder, one write transaction per change. */
public final class TdbRegistryStore implements RegistryStore {
  private static final Logger log = LoggerFactory.getLogger(TdbRegistryStore.class);

  /**
   * Compact when the files have grown this many times past their size after the last compaction.
   */
  private static final double GROWTH_FACTOR = 4.0;

  /** ...and are at least this big: small databases are not worth the pause. */
  private static final long MIN_BYTES_TO_COMPACT = 256L * 1024 * 1024;

  /** Check the size every this many commits (walking the folder is not free). */
  private static final int CHECK_EVERY = 200;

  private final Path location;
  private final DatasetGraph dsg;
  private final java.util.concurrent.atomic.AtomicLong commits =
      new java.util.concurrent.atomic.AtomicLong();
  private volatile long baseline;
  private final List<StoreEvents> observers = new java.util.concurrent.CopyOnWriteArrayList<>();

  private TdbRegistryStore(Path location, DatasetGraph dsg) {
    this.location = location;
    this.dsg = dsg;
    this.baseline = sizeOnDisk();
  }

  /** Opens (or creates) the TDB2 database in the folder. */
  public static TdbRegistryStore open(Path location) {
    try {
      Files.createDirectories(location);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the data folder " + location, e);
    }
    return new TdbRegistryStore(location, DatabaseMgr.connectDatasetGraph(location.toString()));
  }

  /**
   * A store in memory, for scratch work (an import tried before it is committed to the real store);
   * gone when closed.
   */
  public static TdbRegistryStore inMemory() {
    return new TdbRegistryStore(null, DatabaseMgr.createDatasetGraph());
  }

  /** The underlying dataset, for adapters that need Jena directly (SPARQL endpoint, text index). */
  public DatasetGraph datasetGraph() {
    return dsg;
  }

  @Override
  public Graph graph(Node graphName) {
    return Txn.calculateRead(dsg, () -> copy(dsg.getGraph(graphName)));
  }

  @Override
  public DatasetGraph graphs(Set<Node> graphNames) {
    return Txn.calculateRead(
        dsg,
        () -> {
          DatasetGraph copy = DatasetGraphFactory.createTxnMem();
          for (Node g : graphNames) {
            dsg.find(g, Node.ANY, Node.ANY, Node.ANY).forEachRemaining(copy::add);
          }
          return copy;
        });
  }

  @Override
  public List<Binding> select(Query query) {
    return Txn.calculateRead(
        dsg,
        () -> {
          try (QueryExec qe = QueryExec.dataset(dsg).query(query).build()) {
            return materialise(qe.select());
          }
        });
  }

  @Override
  public Graph construct(Query query) {
    return Txn.calculateRead(
        dsg,
        () -> {
          try (QueryExec qe = QueryExec.dataset(dsg).query(query).build()) {
            return query.isDescribeType() ? qe.describe() : qe.construct();
          }
        });
  }

  @Override
  public boolean ask(Query query) {
    return Txn.calculateRead(
        dsg,
        () -> {
          try (QueryExec qe = QueryExec.dataset(dsg).query(query).build()) {
            return qe.ask();
          }
        });
  }

  @Override
  public Set<Node> graphNames() {
    return Txn.calculateRead(
        dsg,
        () -> {
          Set<Node> names = new HashSet<>();
          dsg.listGraphNodes().forEachRemaining(names::add);
          return names;
        });
  }

  @Override
  public CommitOutcome commit(Change change) {
    Pending mine = new Pending(change);
    queue.add(mine);
    // Group commit: whoever holds the writer lock applies every change waiting at that moment in
    // one durable transaction, so concurrent writers share one fsync. A change is acknowledged
    // only after the transaction that holds it has committed.
    writer.lock();
    try {
      if (!mine.done) {
        writeBatch();
      }
    } finally {
      writer.unlock();
    }
    if (commits.incrementAndGet() % CHECK_EVERY == 0) {
      compactIfGrown();
    }
    return mine.result();
  }

  /** Most changes one transaction carries. */
  private static final int MAX_BATCH = 64;

  private final java.util.concurrent.LinkedBlockingQueue<Pending> queue =
      new java.util.concurrent.LinkedBlockingQueue<>();
  private final java.util.concurrent.locks.ReentrantLock writer =
      new java.util.concurrent.locks.ReentrantLock();

  /** A change waiting for the writer, and what became of it. */
  private static final class Pending {
    final Change change;
    volatile boolean done;
    CommitOutcome outcome;
    RuntimeException error;

    Pending(Change change) {
      this.change = change;
    }

    CommitOutcome result() {
      if (error != null) {
        throw error;
      }
      return outcome;
    }
  }

  private void writeBatch() {
    List<Pending> batch = new java.util.ArrayList<>();
    queue.drainTo(batch, MAX_BATCH);
    try {
      Txn.executeWrite(
          dsg,
          () -> {
            // the head is read once and written once per transaction, however many events the
            // batch appends: fewer index updates, and no new frontier literal per event
            LogHead start = readHead();
            LogHead head = start;
            for (Pending p : batch) {
              try {
                Change.Appended appended = apply(p.change, head);
                p.outcome = appended == null ? CommitOutcome.CONFLICT : CommitOutcome.APPLIED;
                if (appended != null) {
                  head = appended.next();
                }
              } catch (RuntimeException e) {
                // thrown before the change touched the dataset (guards, head, audit event are
                // built first), so the other changes of the batch still commit
                p.error = e;
              }
            }
            if (head != start) {
              dsg.deleteAny(LogHeads.GRAPH, LogHeads.HEAD, Node.ANY, Node.ANY);
              LogHeads.quads(head).forEach(dsg::add);
            }
          });
    } catch (RuntimeException | InternalError e) {
      // every change of the batch failed with it: an Error escaping here used to leave the other
      // writers of the batch with neither an outcome nor an error (a null outcome)
      RuntimeException failure = failure(e);
      batch.forEach(
          p -> {
            p.outcome = null;
            p.error = failure;
          });
      batch.forEach(p -> p.done = true);
      return;
    }
    batch.forEach(p -> p.done = true);
    observers.forEach(o -> o.committed(batch.size()));
  }

  @Override
  public void observe(StoreEvents events) {
    observers.add(events);
  }

  /** A failed write transaction as an exception the callers can handle (a full disk named). */
  private RuntimeException failure(Throwable e) {
    Optional<DiskFull> full = location == null ? Optional.empty() : DiskFull.of(location, e);
    if (full.isPresent()) {
      return full.get();
    }
    return e instanceof RuntimeException r
        ? r
        : new IllegalStateException("the store's files could not be written", e);
  }

  /**
   * TDB2's copy-on-write files grow with every write transaction until compaction; compact online
   * when they have grown well past the live data.
   */
  public boolean compactIfGrown() {
    long size = sizeOnDisk();
    if (size >= MIN_BYTES_TO_COMPACT && size > baseline * GROWTH_FACTOR) {
      compact();
      return true;
    }
    return false;
  }

  /**
   * Applies one change inside the current write transaction on top of the given head; null when a
   * guard fails (nothing written then). TDB2 has a single writer: guards checked here cannot change
   * before the transaction commits.
   */
  private Change.Appended apply(Change change, LogHead head) {
    for (Guard guard : change.guards()) {
      if (matches(guard.pattern()) != guard.present()) {
        return null;
      }
    }
    Change.Appended appended = change.audit().append(head);
    change.remove().forEach(dsg::delete);
    change.add().forEach(dsg::add);
    appended.quads().forEach(dsg::add);
    return appended;
  }

  @Override
  public void replaceGraphs(DatasetGraph content) {
    Txn.executeWrite(
        dsg,
        () -> {
          Iterator<Node> names = content.listGraphNodes();
          while (names.hasNext()) {
            Node g = names.next();
            dsg.deleteAny(g, Node.ANY, Node.ANY, Node.ANY);
            content.find(g, Node.ANY, Node.ANY, Node.ANY).forEachRemaining(dsg::add);
          }
        });
  }

  @Override
  public boolean lease(String name, String holder, Instant now, Instant until) {
    return Txn.calculateWrite(
        dsg,
        () -> {
          UpdateAction.execute(Leases.take(name, holder, now, until), dsg);
          try (QueryExec qe =
              QueryExec.dataset(dsg).query(Leases.held(name, holder, now, until)).build()) {
            return qe.ask();
          }
        });
  }

  @Override
  public LogHead logHead() {
    return Txn.calculateRead(dsg, this::readHead);
  }

  @Override
  public void compact() {
    long before = sizeOnDisk();
    long started = System.nanoTime();
    // deletes the old generation: TDB2 otherwise keeps every copy-on-write generation on disk
    DatabaseMgr.compact(dsg, true);
    java.time.Duration took = java.time.Duration.ofNanos(System.nanoTime() - started);
    baseline = sizeOnDisk();
    log.info("compacted {}: {} -> {} bytes in {} ms", location, before, baseline, took.toMillis());
    observers.forEach(o -> o.compacted(took, before, baseline));
  }

  @Override
  public long sizeOnDisk() {
    if (location == null) {
      return -1;
    }
    try (Stream<Path> files = Files.walk(location)) {
      return files.filter(Files::isRegularFile).mapToLong(TdbRegistryStore::size).sum();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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
    // the query engine's own cancellation ends the read; the transaction gives one snapshot
    return Txn.calculateRead(dsg, () -> query.apply(dsg));
  }

  @Override
  public boolean backsUp() {
    return true;
  }

  /**
   * An online, consistent backup: every quad as gzipped N-Quads, written in one read transaction
   * (writers go on meanwhile; the backup holds the store as it was when the transaction began). The
   * file is written beside its final name and moved into place, so a backup file is never partial.
   */
  @Override
  public Path backup(Path folder) {
    Path target = TdbBackup.write(dsg, folder);
    log.info("backed up {} to {} ({} bytes)", location, target, size(target));
    return target;
  }

  /**
   * Restores a backup into a new, empty data folder and opens it. Refuses a folder that already
   * holds a database, so a restore never mixes with, or overwrites, other data.
   */
  public static TdbRegistryStore restore(Path backup, Path location) {
    TdbBackup.checkRestore(backup, location);
    TdbRegistryStore store = open(location);
    TdbBackup.read(backup, store.dsg);
    log.info("restored {} into {}", backup, location);
    return store;
  }

  @Override
  public void close() {
    org.apache.jena.tdb2.sys.TDBInternal.expel(dsg);
  }

  private LogHead readHead() {
    Node size = first(LogHeads.SIZE);
    Node frontier = first(LogHeads.FRONTIER);
    return LogHeads.decode(size, frontier);
  }

  private Node first(Node predicate) {
    Iterator<Quad> it = dsg.find(LogHeads.GRAPH, LogHeads.HEAD, predicate, Node.ANY);
    return it.hasNext() ? it.next().getObject() : null;
  }

  private boolean matches(Quad pattern) {
    return dsg.find(
            pattern.getGraph(), pattern.getSubject(), pattern.getPredicate(), pattern.getObject())
        .hasNext();
  }

  private static long size(Path p) {
    try {
      return Files.size(p);
    } catch (IOException e) {
      return 0;
    }
  }

  static Graph copy(Graph g) {
    Graph copy = GraphFactory.createDefaultGraph();
    g.find().forEachRemaining(copy::add);
    return copy;
  }

  /**
   * The rows as plain bindings, read inside the transaction: TDB2's bindings look their terms up in
   * the node table when asked, which fails once the transaction has ended (unless the term happens
   * to be cached, so small stores hide it).
   */
  static List<Binding> materialise(org.apache.jena.sparql.exec.RowSet rows) {
    List<Binding> out = new java.util.ArrayList<>();
    rows.forEachRemaining(b -> out.add(BindingFactory.copy(b)));
    return out;
  }
}
