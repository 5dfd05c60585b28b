package org.datasharing.registry.core.search;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.Quad;
import org.apache.lucene.search.FuzzyTermsEnum;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.util.automaton.TooComplexToDeterminizeException;
import org.datasharing.registry.core.catalog.CatalogService;
import org.datasharing.registry.core.catalog.Dataset;
import org.datasharing.registry.core.catalog.DatasetVisibility;
import org.datasharing.registry.core.common.Actor;
import org.datasharing.registry.core.common.Ids;
import org.datasharing.registry.core.common.Result;
import org.datasharing.registry.core.common.Violation;
import org.datasharing.registry.core.reference.ReferenceData;
import org.datasharing.registry.core.store.Change;
import org.datasharing.registry.core.store.ObservedStore;
import org.datasharing.registry.core.store.RegistryStore;
import org.datasharing.registry.ontology.vocab.DSR;
import org.datasharing.registry.ontology.vocab.Graphs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dataset discovery: ranked full-text search with exact facet counts over a Lucene index derived
 * from the catalogue.
 *
 * <p>Consistency: the RDF commit is the source of truth and the index is derived from it. After
 * every write this registry commits, the datasets it touched (or whose publisher it touched) are
 * re-read from the store and re-indexed. Independently, the index remembers the audit log size it
 * has caught up with; a search that finds the log has moved in a way the index did not follow
 * (another writer on a shared remote store, a listener that failed, a crash between commit and
 * re-index) first reconciles: it compares every dataset's fingerprint with the index and re-indexes
 * what differs. {@link #follow} does the same on a timer, so an instance's index follows the
 * others' commits without waiting for a search. On start the index is reconciled the same way,
 * which rebuilds a missing one; {@link #rebuild} drops and rebuilds it on demand.
 */
public final class CatalogSearch implements ObservedStore.Listener, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(CatalogSearch.class);

  private final RegistryStore store;
  private final Ids ids;
  private final ReferenceData reference;
  private final CatalogService catalog;
  private final DatasetIndex index;
  private final SearchParameters parameters;
  private final Object lock = new Object();

  /** The audit log size the index is known to reflect; -1 forces a reconcile. */
  private final AtomicLong caughtUpTo = new AtomicLong(-1);

  /**
   * Events past {@link #caughtUpTo} whose changes were re-indexed here. Concurrent writes commit
   * together and tell their listeners in any order, so the index is caught up again once every
   * event up to the log's size is in here; an event missing from it (another writer) means a
   * reconcile. Guarded by {@link #lock}.
   */
  private final java.util.SortedSet<Long> followed = new java.util.TreeSet<>();

  /**
   * A search over an index in {@code folder} (kept across restarts, reconciled on start) or, when
   * empty, in memory (built on start).
   */
  public CatalogSearch(
      RegistryStore store,
      Ids ids,
      ReferenceData reference,
      CatalogService catalog,
      Optional<Path> folder) {
    this.store = store;
    this.ids = ids;
    this.reference = reference;
    this.catalog = catalog;
    this.index = folder.map(DatasetIndex::open).orElseGet(DatasetIndex::inMemory);
    this.parameters = new SearchParameters(store, ids, reference, index);
    Report r = reconcile();
    log.info("dataset search index ready: {}", r);
  }

  /** What a reconcile or rebuild did. */
  public record Report(int indexed, int added, int updated, int removed) {}

  // ------------------------------------------------------------------ search

  public Result<SearchResult> search(Actor actor, SearchRequest request) {
    Result<SearchParameters.Parsed> parsed = parameters.parse(request);
    if (!parsed.ok()) {
      return parsed.asFailure();
    }
    Query text = parsed.value().text();
    Map<Facet, List<String>> filters = parsed.value().filters();
    catchUp();
    Query visibility =
        DatasetVisibility.seesEverything(actor)
            ? null
            : DatasetIndex.visibleTo(DatasetVisibility.publisherSeenBy(actor));
    DatasetIndex.Page page;
    try {
      page =
          index.search(
              text, visibility, filters, (request.page() - 1) * request.size(), request.size());
    } catch (IndexSearcher.TooManyClauses e) {
      return Result.invalid(
          new Violation("q", "The search text matches too many words; make wildcards longer"));
    } catch (FuzzyTermsEnum.FuzzyTermsException | TooComplexToDeterminizeException e) {
      // the limits above should keep these out; never a 500 if one gets through
      return Result.invalid(
          new Violation(
              "q", "The search text is too complex; use fewer or shorter ~, * or ? terms"));
    }
    return Result.ok(
        new SearchResult(
            page.total(),
            request.page(),
            request.size(),
            page.hits().stream()
                .map(h -> new SearchResult.Hit(h.dataset().dataset(), h.score()))
                .toList(),
            parameters.facets(page.counts(), filters)));
  }

  // ------------------------------------------------------------------ keeping in step

  /**
   * Re-indexes what the change touched: datasets, or the datasets of organisations it touched. The
   * change says which graphs it wrote and which resources it describes, so a commit outside the
   * catalogue and the organisations (an agreement, a notification) costs nothing here; only a
   * writer that did not say what it describes has its catalogue and organisation quads looked at.
   */
  @Override
  public void committed(Change change, long first, long next) {
    boolean catalogue = change.graphs().contains(Graphs.CATALOG_NODE);
    boolean organisations = change.graphs().contains(Graphs.ORGANISATIONS_NODE);
    Set<String> datasets = new HashSet<>();
    Set<String> publishers = new HashSet<>();
    if (catalogue || organisations) {
      for (Node r : touched(change, catalogue, organisations)) {
        if (catalogue) {
          under(r, "dataset").ifPresent(datasets::add);
        }
        if (organisations) {
          under(r, "organisation").ifPresent(publishers::add);
        }
      }
    }
    synchronized (lock) {
      if (!datasets.isEmpty() || !publishers.isEmpty()) {
        publishers.forEach(o -> datasets.addAll(index.idsWith(Facet.PUBLISHER, o)));
        reindex(datasets, sectors());
        lastReindexed = Set.copyOf(datasets);
      }
      for (long sequence = first; sequence < next; sequence++) {
        if (caughtUpTo.get() >= 0 && sequence >= caughtUpTo.get()) {
          followed.add(sequence);
        }
      }
      if (caughtUpTo.get() >= 0) {
        advance(caughtUpTo.get());
      }
    }
  }

  /** The resources the change describes, as it says, or else its subjects in those graphs. */
  private static Set<Node> touched(Change change, boolean catalogue, boolean organisations) {
    if (!change.about().isEmpty()) {
      return change.about();
    }
    Set<Node> subjects = new HashSet<>();
    java.util.function.Consumer<Quad> take =
        q -> {
          if ((catalogue && q.getGraph().equals(Graphs.CATALOG_NODE))
              || (organisations && q.getGraph().equals(Graphs.ORGANISATIONS_NODE))) {
            subjects.add(q.getSubject());
          }
        };
    change.remove().forEach(take);
    change.add().forEach(take);
    return subjects;
  }

  /** The datasets the listener last re-indexed (tests: a change re-indexes exactly its own). */
  volatile Set<String> lastReindexed = Set.of();

  @Override
  public void replaced(Set<Node> graphNames) {
    synchronized (lock) {
      caughtUpTo.set(-1);
      followed.clear();
    }
  }

  // caught up to {@code from}, and past every followed event that continues from there
  private void advance(long from) {
    long at = from;
    while (followed.remove(at)) {
      at++;
    }
    caughtUpTo.set(at);
  }

  /** Whether the index reflects every event of the log (no reconcile needed before a search). */
  boolean caughtUp() {
    return store.logHead().size() == caughtUpTo.get();
  }

  /**
   * Polls the audit log head every {@code every} on a daemon thread and catches the index up when
   * the log has moved past what this instance followed: with several instances on one store, each
   * index follows the others' commits within about {@code every} (plus a reconcile), not only at
   * the next search. Close the returned handle to stop.
   */
  public AutoCloseable follow(java.time.Duration every) {
    java.util.concurrent.ScheduledExecutorService poller =
        java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "search-index-follower");
              t.setDaemon(true);
              return t;
            });
    poller.scheduleWithFixedDelay(
        () -> {
          try {
            catchUp();
          } catch (RuntimeException e) {
            // the store unavailable, say: the next poll (or search) tries again
            log.debug("search index could not follow the store: {}", e.toString());
          }
        },
        every.toMillis(),
        every.toMillis(),
        java.util.concurrent.TimeUnit.MILLISECONDS);
    return poller::shutdownNow;
  }

  /** Brings the index in step with the store if writes it did not follow have landed. */
  void catchUp() {
    long head = store.logHead().size();
    if (head != caughtUpTo.get()) {
      Report r = reconcile();
      if (r.added() + r.updated() + r.removed() > 0) {
        log.info("dataset search index caught up with the store: {}", r);
      }
    }
  }

  /**
   * Compares every dataset in the store with the index by fingerprint and re-indexes what differs;
   * removes datasets the store no longer has.
   */
  public Report reconcile() {
    synchronized (lock) {
      long head = store.logHead().size();
      Map<String, List<String>> sectors = sectors();
      Map<String, String> indexed = index.fingerprints();
      List<IndexedDataset> put = new ArrayList<>();
      int added = 0;
      int updated = 0;
      Set<String> seen = new HashSet<>();
      for (Dataset d : catalog.all()) {
        seen.add(d.id());
        IndexedDataset x = new IndexedDataset(d, sectors.get(d.publisher()));
        String had = indexed.get(d.id());
        if (had == null) {
          added++;
          put.add(x);
        } else if (!had.equals(x.fingerprint())) {
          updated++;
          put.add(x);
        }
      }
      List<String> gone = indexed.keySet().stream().filter(id -> !seen.contains(id)).toList();
      write(put, gone);
      followed.headSet(head).clear();
      advance(head);
      return new Report(index.size(), added, updated, gone.size());
    }
  }

  /** Drops the index and builds it again from the store (registry administrators). */
  public Result<Report> rebuild(Actor actor) {
    if (!actor.has(Actor.Role.REGISTRY_ADMIN)) {
      return Result.forbidden("Only a registry administrator can rebuild the search index");
    }
    synchronized (lock) {
      index.deleteAll();
      return Result.ok(reconcile());
    }
  }

  /** How many datasets the index holds. */
  public int indexed() {
    return index.size();
  }

  private void reindex(Set<String> datasetIds, Map<String, List<String>> sectors) {
    List<IndexedDataset> put = new ArrayList<>();
    List<String> gone = new ArrayList<>();
    Map<String, Dataset> found = catalog.find(datasetIds);
    for (String id : datasetIds) {
      Dataset d = found.get(id);
      if (d == null) {
        gone.add(id);
      } else {
        put.add(new IndexedDataset(d, sectors.get(d.publisher())));
      }
    }
    write(put, gone);
  }

  private void write(List<IndexedDataset> put, List<String> gone) {
    if (!put.isEmpty()) {
      index.put(put);
    }
    if (!gone.isEmpty()) {
      index.delete(gone);
    }
  }

  /** Every organisation's sector codes, by organisation identifier. */
  private Map<String, List<String>> sectors() {
    Map<String, List<String>> out = new HashMap<>();
    store
        .graph(Graphs.ORGANISATIONS_NODE)
        .find(Node.ANY, DSR.sector.asNode(), Node.ANY)
        .forEachRemaining(
            t ->
                ids.slug(t.getSubject(), "organisation")
                    .ifPresent(
                        o ->
                            out.computeIfAbsent(o, k -> new ArrayList<>())
                                .add(ReferenceData.code(t.getObject()))));
    return out;
  }

  /** The identifier of the {kind} an IRI is, or is minted under ({kind}/{id}/...). */
  private Optional<String> under(Node iri, String kind) {
    if (!iri.isURI()) {
      return Optional.empty();
    }
    String prefix = ids.base() + kind + "/";
    String s = iri.getURI();
    if (!s.startsWith(prefix)) {
      return Optional.empty();
    }
    String rest = s.substring(prefix.length());
    int slash = rest.indexOf('/');
    return Optional.of(slash < 0 ? rest : rest.substring(0, slash)).filter(x -> !x.isEmpty());
  }

  @Override
  public void close() {
    index.close();
  }
}
