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
 * The registry's dataset of named graphs. Reads return detached copies; every write is one atomic
 * {@link Change} that carries its own audit event, so a change never lands without it.
 */
public interface RegistryStore extends AutoCloseable {

  /** A detached copy of a named graph (empty if the graph does not exist). */
  Graph graph(Node graphName);

  /** Detached copies of several named graphs, read in one consistent snapshot. */
  DatasetGraph graphs(Set<Node> graphNames);

  /** Runs a SELECT query and materialises its rows. */
  List<Binding> select(Query query);

  /** Runs a CONSTRUCT or DESCRIBE query. */
  Graph construct(Query query);

  /** Runs an ASK query. */
  boolean ask(Query query);

  /** The names of all named graphs. */
  Set<Node> graphNames();

  /**
   * Applies a change atomically, with its audit event. Returns {@link CommitOutcome#CONFLICT} when
   * a guard no longer holds; nothing is written then.
   */
  CommitOutcome commit(Change change);

  /** Replaces whole named graphs in one transaction, without audit (initial and bulk loads). */
  void replaceGraphs(DatasetGraph content);

  /**
   * Takes or renews the named lease for {@code holder} until {@code until}, atomically, if it is
   * free, expired at {@code now} or already the holder's; says whether the holder has it. Not
   * audited: a lease records who runs scheduled work, no registry fact (see {@link Lease}).
   */
  boolean lease(String name, String holder, Instant now, Instant until);

  /** The current audit log head (size and Merkle frontier). */
  LogHead logHead();

  /** Frees space the store no longer needs, where the implementation can. */
  void compact();

  /** Bytes the store occupies on disk, or -1 when not known (remote). */
  long sizeOnDisk();

  /**
   * Tells {@code events} about the store's own work from now on; stores that have none ignore it.
   */
  default void observe(StoreEvents events) {}

  /** Whether {@link #queryDataset} runs here (a query engine can read the whole dataset). */
  default boolean queryable() {
    return false;
  }

  /**
   * Runs {@code query} over a live, read-only view of the whole dataset (the auditors' SPARQL
   * endpoint evaluates ad-hoc queries so): the embedded store in one read transaction, a remote
   * store through a view whose every read it cancels at {@code deadline} ({@link
   * System#nanoTime()}). {@code onCancel} receives what stops the view's reads early, for a query
   * cancelled before its deadline.
   */
  default <T> T queryDataset(
      long deadline,
      java.util.function.Consumer<Runnable> onCancel,
      java.util.function.Function<DatasetGraph, T> query) {
    throw new UnsupportedOperationException("this store cannot be queried as a whole dataset");
  }

  /** Whether {@link #backup} writes backups here (a remote store is backed up by its server). */
  default boolean backsUp() {
    return false;
  }

  /**
   * Writes an online, consistent backup (gzipped N-Quads) into {@code folder} and answers its file.
   */
  default java.nio.file.Path backup(java.nio.file.Path folder) {
    throw new UnsupportedOperationException("this store is backed up by its own server");
  }

  /** The outcome of {@link #commit(Change)}. */
  enum CommitOutcome {
    APPLIED,
    CONFLICT
  }

  @Override
  void close();
}
