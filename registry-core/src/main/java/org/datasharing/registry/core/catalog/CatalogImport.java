package org.datasharing.registry.core.catalog;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.compose.Union;
import org.apache.jena.riot.Lang;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.DCAT;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.RDF;
import org.datasharing.registry.core.audit.AuditLog;
import org.datasharing.registry.core.common.Actor;
import org.datasharing.registry.core.common.Ids;
import org.datasharing.registry.core.common.Queries;
import org.datasharing.registry.core.common.Result;
import org.datasharing.registry.core.common.Violation;
import org.datasharing.registry.core.reference.ReferenceData;
import org.datasharing.registry.core.store.Change;
import org.datasharing.registry.core.store.RegistryStore;
import org.datasharing.registry.core.validation.ShapeValidator;
import org.datasharing.registry.ontology.vocab.DSR;
import org.datasharing.registry.ontology.vocab.DSRREF;
import org.datasharing.registry.ontology.vocab.Graphs;

/**
 * Imports a catalogue file (Turtle, TriG's default graph or JSON-LD) all-or-nothing: any parse
 * error, relative IRI, unknown reference term, duplicate identifier or shape violation refuses the
 * whole file, naming the item, and the store is left as it was.
 */
public final class CatalogImport {
  /** Relative IRIs resolve against this, so they can be found and refused. */
  private static final String NO_BASE = "http://relative.invalid/";

  private final RegistryStore store;
  private final Ids ids;
  private final ReferenceData reference;
  private final ShapeValidator validator;
  private final AuditLog audit;

  public CatalogImport(
      RegistryStore store,
      Ids ids,
      ReferenceData reference,
      ShapeValidator validator,
      AuditLog audit) {
    this.store = store;
    this.ids = ids;
    this.reference = reference;
    this.validator = validator;
    this.audit = audit;
  }

  /** What an import did. */
  public record Summary(int created, int updated, List<String> datasets, List<String> progress) {}

  /**
   * Where the running import (or, once {@code running} is false, the last one) has got to: the
   * triples its file holds, its datasets, and how many of them are validated (then committed).
   */
  public record Progress(boolean running, long triples, int datasets, int datasetsProcessed) {}

  private final List<java.util.function.Consumer<Progress>> observers =
      new java.util.concurrent.CopyOnWriteArrayList<>();

  /** Tells {@code observer} each step of every import from now on (the web tier's metrics). */
  public void onProgress(java.util.function.Consumer<Progress> observer) {
    observers.add(observer);
  }

  /** One import's counts as it goes; reported to the observers at each step. */
  private final class Tracker {
    private final java.util.concurrent.atomic.AtomicLong triples =
        new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicInteger datasets =
        new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicInteger processed =
        new java.util.concurrent.atomic.AtomicInteger();

    void report(boolean running) {
      Progress p = new Progress(running, triples.get(), datasets.get(), processed.get());
      observers.forEach(o -> o.accept(p));
    }
  }

  public Result<Summary> importFile(Actor actor, InputStream in, Lang lang) {
    return importFile(actor, in, lang, step -> {});
  }

  /**
   * Imports the file, reporting each step (parsed, checked, validated, committed) to {@code
   * listener} as it completes; the steps also come back in the summary.
   */
  public Result<Summary> importFile(
      Actor actor, InputStream in, Lang lang, java.util.function.Consumer<String> listener) {
    List<String> progress = new ArrayList<>();
    java.util.function.Consumer<String> report =
        step -> {
          progress.add(step);
          listener.accept(step);
        };
    if (!actor.has(Actor.Role.REGISTRY_ADMIN) && !actor.has(Actor.Role.DPO)) {
      return Result.forbidden("Only a registry administrator or a DPO can import datasets");
    }
    Tracker tracker = new Tracker();
    tracker.report(true);
    try {
      return importChecked(actor, in, lang, report, progress, tracker);
    } finally {
      tracker.report(false);
    }
  }

  private Result<Summary> importChecked(
      Actor actor,
      InputStream in,
      Lang lang,
      java.util.function.Consumer<String> report,
      List<String> progress,
      Tracker tracker) {
    Result<Graph> parsed = ImportParser.parse(in, lang, NO_BASE);
    if (!parsed.ok()) {
      return parsed.asFailure();
    }
    Graph g = parsed.value();
    tracker.triples.set(g.size());
    tracker.report(true);
    report.accept("parsed " + g.size() + " triples");
    List<Violation> violations = new ArrayList<>();
    Set<Node> iris = new LinkedHashSet<>();
    g.find()
        .forEachRemaining(
            t -> {
              for (Node n : List.of(t.getSubject(), t.getPredicate(), t.getObject())) {
                if (n.isURI()) {
                  iris.add(n);
                }
              }
            });
    for (Node n : iris) {
      if (n.getURI().startsWith(NO_BASE)) {
        violations.add(
            new Violation(
                "iri", "<" + n.getURI().substring(NO_BASE.length()) + "> is not an absolute IRI"));
      } else if (n.getURI().startsWith(DSRREF.NS)
          && !reference.graph().contains(n, Node.ANY, Node.ANY)) {
        violations.add(
            new Violation("reference", "<" + n.getURI() + "> is not a known reference term"));
      }
    }
    Map<String, Node> byIdentifier = new HashMap<>();
    List<Node> datasets =
        g.find(Node.ANY, RDF.type.asNode(), DCAT.Dataset.asNode())
            .mapWith(t -> t.getSubject())
            .toList();
    tracker.datasets.set(datasets.size());
    tracker.report(true);
    for (Node d : datasets) {
      if (ids.slug(d, "dataset").isEmpty()) {
        violations.add(
            new Violation(
                "dataset",
                "<"
                    + d
                    + "> is not a dataset IRI of this registry ("
                    + ids.base()
                    + "dataset/{id})"));
      }
      g.find(d, DCTerms.identifier.asNode(), Node.ANY)
          .forEachRemaining(
              t -> {
                Node other = byIdentifier.putIfAbsent(t.getObject().getLiteralLexicalForm(), d);
                if (other != null && !other.equals(d)) {
                  violations.add(
                      new Violation(
                          "identifier",
                          "Identifier '"
                              + t.getObject().getLiteralLexicalForm()
                              + "' is used by both <"
                              + other
                              + "> and <"
                              + d
                              + ">"));
                }
              });
    }
    if (datasets.isEmpty()) {
      violations.add(new Violation("file", "The file describes no dcat:Dataset"));
    }
    if (violations.isEmpty()) {
      violations.addAll(new ImportScope(ids, actor).check(g, datasets, storedPublishers(datasets)));
      List<String> notTheirs =
          violations.stream()
              .filter(v -> v.field().equals(ImportScope.OWNER))
              .map(Violation::message)
              .toList();
      if (!notTheirs.isEmpty()) {
        return Result.forbidden("Nothing was imported: " + String.join("; ", notTheirs));
      }
    }
    report.accept(
        "checked "
            + iris.size()
            + " IRIs, reference terms and the identifiers of "
            + datasets.size()
            + " datasets");
    validator.illegalText(g).stream()
        .limit(20)
        .forEach(
            r ->
                violations.add(
                    new Violation("dataset <" + r.focus() + ">." + r.field(), r.message())));
    if (violations.isEmpty()) {
      Graph context = new Union(reference.graph(), store.graph(Graphs.ORGANISATIONS_NODE));
      violations.addAll(validateInParts(g, datasets, context, tracker));
    }
    if (!violations.isEmpty()) {
      return Result.invalid(
          "Nothing was imported: correct these and import the file again", violations);
    }
    report.accept("validated " + datasets.size() + " datasets against the shapes");
    // only the imported datasets' current triples, not a copy of the whole catalogue
    Graph existing = existingTriples(datasets);
    List<Quad> remove = new ArrayList<>();
    int updated = 0;
    for (Node d : datasets) {
      if (existing.contains(d, RDF.type.asNode(), DCAT.Dataset.asNode())) {
        updated++;
        existing
            .find(d, Node.ANY, Node.ANY)
            .forEachRemaining(t -> remove.add(new Quad(Graphs.CATALOG_NODE, t)));
      }
    }
    List<Quad> add = new ArrayList<>();
    g.find().forEachRemaining(t -> add.add(new Quad(Graphs.CATALOG_NODE, t)));
    String detail =
        "catalogue import: " + (datasets.size() - updated) + " created, " + updated + " updated";
    store.commit(
        new Change(
                List.of(),
                remove,
                add,
                audit.appender(
                    audit.eventAbout(
                        DSR.Import.asNode(),
                        actor,
                        Graphs.CATALOG_NODE,
                        AuditLog.sha256Hex(g),
                        detail)))
            .about(datasets));
    report.accept("committed: " + detail.substring("catalogue import: ".length()));
    return Result.ok(
        new Summary(
            datasets.size() - updated,
            updated,
            datasets.stream().map(Node::getURI).sorted().toList(),
            List.copyOf(progress)));
  }

  /** Datasets per part below which validating in parallel is not worth splitting the graph. */
  private static final int MIN_PART = 500;

  /**
   * SHACL validation of the file, in parts validated in parallel: each part holds some datasets'
   * triples and every triple not about a dataset (the dataset shapes target dcat:Dataset and look
   * no further than a dataset's own values and the context), so the violations are the same as
   * validating the whole file at once, without duplicates.
   */
  private List<Violation> validateInParts(
      Graph g, List<Node> datasets, Graph context, Tracker tracker) {
    int parts =
        Math.max(
            1, Math.min(Runtime.getRuntime().availableProcessors(), datasets.size() / MIN_PART));
    java.util.function.Function<ShapeValidator.Result, String> field =
        r -> "dataset <" + r.focus() + ">." + r.field();
    if (parts == 1) {
      List<Violation> found = validator.violations(new Union(g, context), field);
      tracker.processed.set(datasets.size());
      tracker.report(true);
      return found;
    }
    Map<Node, Integer> partOf = new HashMap<>();
    for (int i = 0; i < datasets.size(); i++) {
      partOf.put(datasets.get(i), i * parts / datasets.size());
    }
    List<Graph> own = new ArrayList<>();
    for (int i = 0; i < parts; i++) {
      own.add(GraphFactory.createDefaultGraph());
    }
    Graph shared = GraphFactory.createDefaultGraph();
    g.find()
        .forEachRemaining(
            t -> {
              Integer part = partOf.get(t.getSubject());
              (part == null ? shared : own.get(part)).add(t);
            });
    return java.util.stream.IntStream.range(0, parts)
        .parallel()
        .mapToObj(
            i -> {
              List<Violation> found =
                  validator.violations(new Union(new Union(own.get(i), shared), context), field);
              tracker.processed.addAndGet(
                  (int) partOf.values().stream().filter(part -> part == i).count());
              tracker.report(true);
              return found;
            })
        .flatMap(List::stream)
        .distinct()
        .toList();
  }

  /** The stored publisher of each of these datasets that already exists. */
  private Map<Node, Node> storedPublishers(List<Node> datasets) {
    Map<Node, Node> out = new HashMap<>();
    existingTriples(datasets)
        .find(Node.ANY, DCTerms.publisher.asNode(), Node.ANY)
        .forEachRemaining(t -> out.put(t.getSubject(), t.getObject()));
    return out;
  }

  private Graph existingTriples(List<Node> datasets) {
    Graph existing = GraphFactory.createDefaultGraph();
    for (int from = 0; from < datasets.size(); from += 1000) {
      store
          .construct(
              Queries.withValues(
                  "catalog-dataset-triples",
                  "d",
                  datasets.subList(from, Math.min(datasets.size(), from + 1000))))
          .find()
          .forEachRemaining(existing::add);
    }
    return existing;
  }
}
