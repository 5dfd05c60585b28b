package org.datasharing.registry.core.store;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.DatasetGraph;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A store that tells listeners about every write after it has committed, so derived views (the
 * search index) can follow. A listener's failure never undoes or fails the write: the store is the
 * source of truth and the view repairs itself from it.
 */
public final class ObservedStore extends ForwardingStore {
  private static final Logger log = LoggerFactory.getLogger(ObservedStore.class);

  private final List<Listener> listeners = new CopyOnWriteArrayList<>();

  /** Told about writes that landed. */
  public interface Listener {
    /**
     * A change was applied (not called for conflicts) as the audit events from sequence {@code
     * first} up to, not including, {@code next}: one event for most changes, an import's whole
     * history for an import.
     */
    void committed(Change change, long first, long next);

    /** Whole graphs were replaced (bulk loads). */
    void replaced(Set<Node> graphNames);
  }

  public ObservedStore(RegistryStore delegate) {
    super(delegate);
  }

  public void listen(Listener listener) {
    listeners.add(listener);
  }

  @Override
  public CommitOutcome commit(Change change) {
    // the event's position in the log is known only when the store appends it; a store may
    // append more than once (retries), the last append is the one that landed
    AtomicLong first = new AtomicLong(-1);
    AtomicLong next = new AtomicLong(-1);
    Change observed =
        change.withAudit(
            head -> {
              Change.Appended appended = change.audit().append(head);
              first.set(head.size());
              next.set(appended.next().size());
              return appended;
            });
    CommitOutcome outcome = delegate.commit(observed);
    if (outcome == CommitOutcome.APPLIED) {
      for (Listener l : listeners) {
        try {
          l.committed(change, first.get(), next.get());
        } catch (RuntimeException e) {
          log.warn("a listener failed after a commit; it will catch up from the store", e);
        }
      }
    }
    return outcome;
  }

  @Override
  public void replaceGraphs(DatasetGraph content) {
    delegate.replaceGraphs(content);
    Set<Node> names = new java.util.HashSet<>();
    content.listGraphNodes().forEachRemaining(names::add);
    for (Listener l : listeners) {
      try {
        l.replaced(names);
      } catch (RuntimeException e) {
        log.warn("a listener failed after a bulk load; it will catch up from the store", e);
      }
    }
  }
}
