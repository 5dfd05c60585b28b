package org.datasharing.registry.core.store;

import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.query.Query;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.engine.binding.Binding;

/**
 * Turns whatever the store underneath throws (Jena's TDB2 and HTTP exceptions, I/O errors) into
 * {@link StoreUnavailable}, so the adapters answer "try again" instead of an internal error. What
 * the change's own audit appender throws (the domain refusing the change inside the transaction)
 * passes through unchanged.
 */
public final class StoreFailures extends ForwardingStore {

  private StoreFailures(RegistryStore delegate) {
    super(delegate);
  }

  /** The store with its failures typed (a store already wrapped is returned as it is). */
  public static RegistryStore of(RegistryStore store) {
    return store instanceof StoreFailures ? store : new StoreFailures(store);
  }

  @Override
  public CommitOutcome commit(Change change) {
    AtomicReference<RuntimeException> refused = new AtomicReference<>();
    Change watched =
        change.withAudit(
            head -> {
              try {
                return change.audit().append(head);
              } catch (RuntimeException e) {
                refused.set(e);
                throw e;
              }
            });
    try {
      return delegate.commit(watched);
    } catch (StoreUnavailable e) {
      throw e;
    } catch (RuntimeException e) {
      if (e == refused.get()) {
        throw e;
      }
      throw new StoreUnavailable("commit", e);
    }
  }

  @Override
  public void replaceGraphs(DatasetGraph content) {
    run("replaceGraphs", () -> delegate.replaceGraphs(content));
  }

  @Override
  public Graph graph(Node graphName) {
    return call("graph", () -> delegate.graph(graphName));
  }

  @Override
  public DatasetGraph graphs(Set<Node> graphNames) {
    return call("graphs", () -> delegate.graphs(graphNames));
  }

  @Override
  public List<Binding> select(Query query) {
    return call("select", () -> delegate.select(query));
  }

  @Override
  public Graph construct(Query query) {
    return call("construct", () -> delegate.construct(query));
  }

  @Override
  public boolean ask(Query query) {
    return call("ask", () -> delegate.ask(query));
  }

  @Override
  public Set<Node> graphNames() {
    return call("graphNames", delegate::graphNames);
  }

  @Override
  public LogHead logHead() {
    return call("logHead", delegate::logHead);
  }

  /**
   * What the query itself throws (cancelled, too large) passes through; a failure of the store
   * underneath, while the view opens or while the query reads it, is {@link StoreUnavailable}.
   */
  @Override
  public <T> T queryDataset(
      long deadline,
      java.util.function.Consumer<Runnable> onCancel,
      java.util.function.Function<DatasetGraph, T> query) {
    AtomicReference<RuntimeException> own = new AtomicReference<>();
    try {
      return delegate.queryDataset(
          deadline,
          onCancel,
          data -> {
            try {
              return query.apply(data);
            } catch (RuntimeException e) {
              if (!storeFailure(e)) {
                own.set(e);
              }
              throw e;
            }
          });
    } catch (StoreUnavailable e) {
      throw e;
    } catch (RuntimeException e) {
      if (e == own.get()) {
        throw e;
      }
      throw new StoreUnavailable("queryDataset", e);
    }
  }

  @Override
  public java.nio.file.Path backup(java.nio.file.Path folder) {
    return call("backup", () -> delegate.backup(folder));
  }

  /** Whether a query's exception comes from the store under it rather than from the query. */
  private static boolean storeFailure(RuntimeException e) {
    return e instanceof java.io.UncheckedIOException
        || e instanceof org.apache.jena.sparql.JenaTransactionException
        || e instanceof org.apache.jena.dboe.DBOpEnvException
        || e instanceof org.apache.jena.tdb2.TDBException
        || e instanceof org.apache.jena.atlas.web.HttpException
        || e instanceof org.apache.jena.sparql.engine.http.QueryExceptionHTTP;
  }

  @Override
  public void compact() {
    run("compact", delegate::compact);
  }

  @Override
  public long sizeOnDisk() {
    return call("sizeOnDisk", delegate::sizeOnDisk);
  }

  private static <T> T call(String operation, Supplier<T> read) {
    try {
      return read.get();
    } catch (StoreUnavailable e) {
      throw e;
    } catch (RuntimeException e) {
      throw new StoreUnavailable(operation, e);
    }
  }

  private static void run(String operation, Runnable write) {
    call(
        operation,
        () -> {
          write.run();
          return null;
        });
  }
}
