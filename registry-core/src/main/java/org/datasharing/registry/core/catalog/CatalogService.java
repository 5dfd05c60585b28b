package org.datasharing.registry.core.catalog;

import static org.datasharing.registry.core.common.GraphValues.lex;
import static org.datasharing.registry.core.common.GraphValues.one;
import static org.datasharing.registry.core.common.GraphValues.text;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.compose.Union;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.DCAT;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.RDF;
import org.datasharing.registry.core.audit.ResourceWriter;
import org.datasharing.registry.core.common.Actor;
import org.datasharing.registry.core.common.Ids;
import org.datasharing.registry.core.common.Queries;
import org.datasharing.registry.core.common.Result;
import org.datasharing.registry.core.common.Slugs;
import org.datasharing.registry.core.common.Violation;
import org.datasharing.registry.core.reference.ReferenceData;
import org.datasharing.registry.core.store.RegistryStore;
import org.datasharing.registry.ontology.vocab.DSR;
import org.datasharing.registry.ontology.vocab.Graphs;

/**
 * The dataset catalogue: DCAT 3 datasets with their personal-data profile and sharing conditions.
 */
public final class CatalogService {
  private static final Node GRAPH = Graphs.CATALOG_NODE;

  private final RegistryStore store;
  private final Ids ids;
  private final ReferenceData reference;
  private final ResourceWriter writer;

  public CatalogService(
      RegistryStore store, Ids ids, ReferenceData reference, ResourceWriter writer) {
    this.store = store;
    this.ids = ids;
    this.reference = reference;
    this.writer = writer;
  }

  public Result<Dataset> create(Actor actor, Dataset d) {
    return save(actor, d, true);
  }

  public Result<Dataset> update(Actor actor, Dataset d) {
    return save(actor, d, false);
  }

  /** A dataset, if it exists and the actor may see it (hidden ones only to their publisher). */
  public Optional<Dataset> get(Actor actor, String id) {
    if (!Slugs.isValid(id)) {
      return Optional.empty();
    }
    Node iri = ids.dataset(id);
    Graph g = writer.describe(GRAPH, iri);
    if (g.isEmpty()) {
      return Optional.empty();
    }
    Dataset d = read(g, iri, id);
    return visible(actor, d) ? Optional.of(d) : Optional.empty();
  }

  public List<Dataset> list(Actor actor) {
    Graph all = store.graph(GRAPH);
    List<Dataset> out = new ArrayList<>();
    all.find(Node.ANY, RDF.type.asNode(), DCAT.Dataset.asNode())
        .forEachRemaining(
            t ->
                ids.slug(t.getSubject(), "dataset")
                    .map(id -> read(all, t.getSubject(), id))
                    .filter(d -> visible(actor, d))
                    .ifPresent(out::add));
    out.sort(java.util.Comparator.comparing(Dataset::title));
    return out;
  }

  /**
   * Every dataset, hidden ones included, for derived views (the search index, the catalogue export)
   * that apply visibility themselves.
   */
  public List<Dataset> all() {
    Graph all = store.graph(GRAPH);
    List<Dataset> out = new ArrayList<>();
    all.find(Node.ANY, RDF.type.asNode(), DCAT.Dataset.asNode())
        .forEachRemaining(
            t ->
                ids.slug(t.getSubject(), "dataset")
                    .ifPresent(id -> out.add(read(all, t.getSubject(), id))));
    out.sort(java.util.Comparator.comparing(Dataset::id));
    return out;
  }

  /** One dataset whoever may see it, for derived views; callers apply visibility. */
  public Optional<Dataset> find(String id) {
    if (!Slugs.isValid(id)) {
      return Optional.empty();
    }
    Node iri = ids.dataset(id);
    Graph g = writer.describe(GRAPH, iri);
    return g.contains(iri, RDF.type.asNode(), DCAT.Dataset.asNode())
        ? Optional.of(read(g, iri, id))
        : Optional.empty();
  }

  /**
   * Several datasets whoever may see them, read in a few queries rather than one per dataset (the
   * search index re-indexing an import of thousands); absent ids are left out.
   */
  public Map<String, Dataset> find(Collection<String> datasetIds) {
    List<String> valid = datasetIds.stream().filter(Slugs::isValid).distinct().toList();
    Map<String, Dataset> out = new HashMap<>();
    for (int from = 0; from < valid.size(); from += BATCH) {
      List<String> batch = valid.subList(from, Math.min(valid.size(), from + BATCH));
      Graph g =
          store.construct(
              Queries.withValues(
                  Queries.bind("resource-tree", Map.of("g", GRAPH)),
                  "r",
                  batch.stream().map(ids::dataset).toList()));
      for (String id : batch) {
        Node iri = ids.dataset(id);
        if (g.contains(iri, RDF.type.asNode(), DCAT.Dataset.asNode())) {
          out.put(id, read(g, iri, id));
        }
      }
    }
    return out;
  }

  /** Datasets per query in {@link #find(Collection)}: bounded, so a remote store's request is. */
  private static final int BATCH = 1000;

  /**
   * Whether the actor may record or change datasets published by the organisation: its staff
   * (partner or DPO) and the registry administrator.
   */
  public static boolean mayPublish(Actor actor, String publisher) {
    return actor.memberOf(publisher) || actor.has(Actor.Role.REGISTRY_ADMIN);
  }

  /** Whether the actor may see the dataset ({@link DatasetVisibility}). */
  public static boolean visible(Actor actor, Dataset d) {
    return DatasetVisibility.visible(actor, d);
  }

  private Result<Dataset> save(Actor actor, Dataset d, boolean create) {
    if (!Slugs.isValid(d.id())) {
      return Result.invalid(
          new Violation("id", "Use lower-case letters, digits and hyphens for the identifier"));
    }
    if (d.publisher() == null || !Slugs.isValid(d.publisher())) {
      return Result.invalid(
          new Violation(
              "publisher", "Name the publishing organisation by its registry identifier"));
    }
    Node iri = ids.dataset(d.id());
    List<org.datasharing.registry.core.store.Guard> guards = new ArrayList<>();
    if (!create) {
      // the stored record decides who owns the dataset, never the request body
      Optional<Dataset> stored = find(d.id()).filter(s -> visible(actor, s));
      if (stored.isEmpty()) {
        return Result.notFound("No dataset " + d.id());
      }
      String owner = stored.get().publisher();
      if (owner == null || !mayPublish(actor, owner)) {
        return Result.forbidden("Only the publisher's staff can change its datasets");
      }
      if (!owner.equals(d.publisher()) && !actor.has(Actor.Role.REGISTRY_ADMIN)) {
        return Result.invalid(
            new Violation(
                "publisher",
                "A dataset's publisher cannot be changed here; ask the registry administrator"));
      }
      guards.add(
          org.datasharing.registry.core.store.Guard.exists(
              GRAPH, iri, DCTerms.publisher.asNode(), ids.organisation(owner)));
    }
    if (!mayPublish(actor, d.publisher())) {
      return Result.forbidden("Only the publisher's staff can record its datasets");
    }
    List<Violation> violations = new ArrayList<>();
    Graph g = GraphFactory.createDefaultGraph();
    g.add(iri, RDF.type.asNode(), DCAT.Dataset.asNode());
    g.add(iri, DCTerms.identifier.asNode(), NodeFactory.createLiteralString(d.id()));
    g.add(iri, DCTerms.publisher.asNode(), ids.organisation(d.publisher()));
    text(g, iri, DCTerms.title.asNode(), d.title());
    text(g, iri, DCTerms.description.asNode(), d.description());
    refs(g, iri, DCAT.theme.asNode(), "theme", d.themes(), "themes", violations);
    d.keywords().forEach(k -> text(g, iri, DCAT.keyword.asNode(), k));
    refs(
        g,
        iri,
        DSR.personalDataCategory.asNode(),
        "data-category",
        d.personalDataCategories(),
        "personalDataCategories",
        violations);
    refs(
        g,
        iri,
        DSR.dataSubjectCategory.asNode(),
        "data-subject",
        d.dataSubjectCategories(),
        "dataSubjectCategories",
        violations);
    bool(g, iri, DSR.specialCategoryData.asNode(), d.specialCategoryData());
    bool(g, iri, DSR.criminalOffenceData.asNode(), d.criminalOffenceData());
    d.dataItems().forEach(i -> text(g, iri, DSR.dataItem.asNode(), i));
    bool(
        g,
        iri,
        DSR.discoverable.asNode(),
        d.discoverable() == null ? Boolean.TRUE : d.discoverable());
    refs(
        g,
        iri,
        DSR.sharingCondition.asNode(),
        "sharing-condition",
        d.sharingConditions(),
        "sharingConditions",
        violations);
    refs(
        g,
        iri,
        DSR.requiredAssurance.asNode(),
        "assurance-scheme",
        d.requiredAssurance(),
        "requiredAssurance",
        violations);
    if (!violations.isEmpty()) {
      return Result.invalid("Correct the fields listed", violations);
    }
    Graph context = new Union(reference.graph(), store.graph(Graphs.ORGANISATIONS_NODE));
    return writer
        .write(
            actor,
            GRAPH,
            iri,
            DCAT.Dataset.asNode(),
            g,
            create,
            context,
            create ? DSR.AddDataset.asNode() : DSR.EditDataset.asNode(),
            guards)
        .map(n -> read(g, iri, d.id()));
  }

  private Dataset read(Graph g, Node iri, String id) {
    return new Dataset(
        id,
        one(g, iri, DCTerms.publisher.asNode())
            .flatMap(p -> ids.slug(p, "organisation"))
            .orElse(null),
        lex(g, iri, DCTerms.title.asNode()),
        lex(g, iri, DCTerms.description.asNode()),
        codes(g, iri, DCAT.theme.asNode()),
        lexes(g, iri, DCAT.keyword.asNode()),
        codes(g, iri, DSR.personalDataCategory.asNode()),
        codes(g, iri, DSR.dataSubjectCategory.asNode()),
        bool(g, iri, DSR.specialCategoryData.asNode()),
        bool(g, iri, DSR.criminalOffenceData.asNode()),
        lexes(g, iri, DSR.dataItem.asNode()),
        bool(g, iri, DSR.discoverable.asNode()),
        codes(g, iri, DSR.sharingCondition.asNode()),
        codes(g, iri, DSR.requiredAssurance.asNode()));
  }

  private void refs(
      Graph g,
      Node s,
      Node p,
      String scheme,
      List<String> codes,
      String field,
      List<Violation> violations) {
    for (String code : codes) {
      reference
          .concept(scheme, code)
          .ifPresentOrElse(
              c -> g.add(s, p, c),
              () ->
                  violations.add(
                      new Violation(
                          field,
                          "'" + code + "' is not a known " + scheme.replace('-', ' ') + " code")));
    }
  }

  private static void bool(Graph g, Node s, Node p, Boolean v) {
    if (v != null) {
      g.add(s, p, NodeFactory.createLiteralDT(v.toString(), XSDDatatype.XSDboolean));
    }
  }

  private static Boolean bool(Graph g, Node s, Node p) {
    return one(g, s, p).map(n -> Boolean.parseBoolean(n.getLiteralLexicalForm())).orElse(null);
  }

  private static List<String> lexes(Graph g, Node s, Node p) {
    return g
        .find(s, p, Node.ANY)
        .mapWith(t -> t.getObject().getLiteralLexicalForm())
        .toList()
        .stream()
        .sorted()
        .toList();
  }

  private static List<String> codes(Graph g, Node s, Node p) {
    return g.find(s, p, Node.ANY).mapWith(t -> ReferenceData.code(t.getObject())).toList().stream()
        .sorted()
        .toList();
  }
}
