package org.datasharing.registry.core.store;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.query.Query;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.engine.binding.Binding;

/**
 * A store that passes every call to the store underneath: decorators (observing commits, adding the
 * outbox, racing a commit in a test) extend it and override only what they change.
 */
public abstract class ForwardingStore implements RegistryStore {
  protected final RegistryStore delegate;

  protected ForwardingStore(RegistryStore delegate) {
    this.delegate = delegate;
  }

  /** The store underneath. */
  public RegistryStore delegate() {
    return delegate;
  }

  @Override
  public CommitOutcome commit(Change change) {
    return delegate.commit(change);
  }

  @Override
  public void replaceGraphs(DatasetGraph content) {
    delegate.replaceGraphs(content);
  }

  @Override
  public Graph graph(Node graphName) {
    return delegate.graph(graphName);
  }

  @Override
  public DatasetGraph graphs(Set<Node> graphNames) {
    return delegate.graphs(graphNames);
  }

  @Override
  public List<Binding> select(Query query) {
    return delegate.select(query);
  }

  @Override
  public Graph construct(Query query) {
    return delegate.construct(query);
  }

  @Override
  public boolean ask(Query query) {
    return delegate.ask(query);
  }

  @Override
  public Set<Node> graphNames() {
    return delegate.graphNames();
  }

  @Override
  public boolean lease(String name, String holder, Instant now, Instant until) {
    return delegate.lease(name, holder, now, until);
  }

  @Override
  public LogHead logHead() {
    return delegate.logHead();
  }

  @Override
  public void compact() {
    delegate.compact();
  }

  @Override
  public void observe(StoreEvents events) {
    delegate.observe(events);
  }

  @Override
  public boolean queryable() {
    return delegate.queryable();
  }

  @Override
  public <T> T queryDataset(
      long deadline,
      java.util.function.Consumer<Runnable> onCancel,
      java.util.function.Function<DatasetGraph, T> query) {
    return delegate.queryDataset(deadline, onCancel, query);
  }

  @Override
  public boolean backsUp() {
    return delegate.backsUp();
  }

  @Override
  public java.nio.file.Path backup(java.nio.file.Path folder) {
    return delegate.backup(folder);
  }

  @Override
  public long sizeOnDisk() {
    return delegate.sizeOnDisk();
  }

  @Override
  public void close() {
    delegate.close();
  }
}
