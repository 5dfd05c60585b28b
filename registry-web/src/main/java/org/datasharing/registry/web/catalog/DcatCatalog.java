package org.datasharing.registry.web.catalog;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntFunction;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.DCAT;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.SKOS;
import org.apache.jena.vocabulary.VCARD4;
import org.datasharing.registry.core.catalog.CatalogService;
import org.datasharing.registry.core.catalog.Dataset;
import org.datasharing.registry.core.catalog.DatasetVisibility;
import org.datasharing.registry.core.common.Ids;
import org.datasharing.registry.core.reference.ReferenceData;
import org.datasharing.registry.core.store.RegistryStore;
import org.datasharing.registry.core.store.StoreFailures;
import org.datasharing.registry.ontology.vocab.Graphs;
import org.springframework.stereotype.Component;

/**
 * The public catalogue as a DCAT-AP 3.0 {@code dcat:Catalog}, one page at a time: only datasets
 * their publishers marked discoverable, described from the store at export time with what DCAT-AP
 * asks for (titles, descriptions, publishers as {@code foaf:Agent}s with a name, a contact point,
 * themes as SKOS concepts of a theme taxonomy, access rights and a distribution whose access URL is
 * the dataset's linked-data IRI, where access is requested). Pages are Hydra partial collection
 * views with first, previous, next and last links.
 */
@Component
class DcatCatalog {
  static final String HYDRA = "http://www.w3.org/ns/hydra/core#";
  static final String FOAF = "http://xmlns.com/foaf/0.1/";
  private static final Node FOAF_AGENT = uri(FOAF + "Agent");
  private static final Node FOAF_NAME = uri(FOAF + "name");
  private static final Node FOAF_HOMEPAGE = uri(FOAF + "homepage");
  private static final Node FOAF_DOCUMENT = uri(FOAF + "Document");
  private static final String EU = "http://publications.europa.eu/resource/authority/";
  private static final Node ENGLISH = uri(EU + "language/ENG");
  private static final Node PUBLIC = uri(EU + "access-right/PUBLIC");
  private static final Node RESTRICTED = uri(EU + "access-right/RESTRICTED");

  private final CatalogService datasets;
  private final RegistryStore store;
  private final Ids ids;
  private final ReferenceData reference;

  DcatCatalog(CatalogService datasets, RegistryStore store, Ids ids, ReferenceData reference) {
    this.datasets = datasets;
    this.store = StoreFailures.of(store); // a failing store answers 503, not 500
    this.ids = ids;
    this.reference = reference;
  }

  /** Where the catalogue lives: its IRI, the service's home page and how to name a page. */
  record Location(String catalog, String home, IntFunction<String> page) {}

  /** The datasets the public may discover, in catalogue order. */
  List<Dataset> visible() {
    return datasets.all().stream()
        .filter(d -> DatasetVisibility.visible(DatasetVisibility.PUBLIC, d))
        .toList();
  }

  /** One page of the catalogue (pages from 1) and the number of pages. */
  Graph page(Location at, int page, int size) {
    List<Dataset> visible = visible();
    int last = Math.max(1, (visible.size() + size - 1) / size);
    // long arithmetic: page * size can pass Integer.MAX_VALUE
    List<Dataset> slice =
        visible.subList(
            (int) Math.min(visible.size(), (page - 1L) * size),
            (int) Math.min(visible.size(), (long) page * size));
    Graph source = store.graph(Graphs.CATALOG_NODE);
    Graph orgs = store.graph(Graphs.ORGANISATIONS_NODE);
    Graph out = GraphFactory.createDefaultGraph();
    Node catalog = uri(at.catalog());

    add(out, catalog, RDF.type.asNode(), DCAT.Catalog.asNode());
    add(out, catalog, RDF.type.asNode(), uri(HYDRA + "Collection"));
    add(
        out,
        catalog,
        DCTerms.title.asNode(),
        en("Data Sharing Registry: datasets public bodies can share"));
    add(
        out,
        catalog,
        DCTerms.description.asNode(),
        en(
            "Datasets that public bodies in health, social care, local government, police, fire"
                + " and the voluntary sector have recorded as shareable under a data sharing"
                + " agreement. Describing a dataset here does not make its data open: access is"
                + " requested in the registry and agreed by each party's data protection officer."));
    Node operator = uri(at.catalog() + "#publisher");
    add(out, catalog, DCTerms.publisher.asNode(), operator);
    add(out, operator, RDF.type.asNode(), FOAF_AGENT);
    add(out, operator, FOAF_NAME, en("Data Sharing Registry"));
    add(out, catalog, DCTerms.language.asNode(), ENGLISH);
    add(out, ENGLISH, RDF.type.asNode(), DCTerms.LinguisticSystem.asNode());
    Node home = uri(at.home());
    add(out, catalog, FOAF_HOMEPAGE, home);
    add(out, home, RDF.type.asNode(), FOAF_DOCUMENT);
    Node themes = uri(org.datasharing.registry.ontology.vocab.DSRREF.NS + "theme");
    add(out, catalog, DCAT.themeTaxonomy.asNode(), themes);
    add(out, themes, RDF.type.asNode(), SKOS.ConceptScheme.asNode());
    add(out, themes, DCTerms.title.asNode(), en("Themes"));
    latest(source, visible, DCTerms.issued.asNode(), false)
        .ifPresent(d -> add(out, catalog, DCTerms.issued.asNode(), d));
    latest(source, visible, DCTerms.modified.asNode(), true)
        .ifPresent(d -> add(out, catalog, DCTerms.modified.asNode(), d));
    add(
        out,
        catalog,
        uri(HYDRA + "totalItems"),
        NodeFactory.createLiteralDT(
            Integer.toString(visible.size()), XSDDatatype.XSDnonNegativeInteger));

    Node view = uri(at.page().apply(page));
    add(out, catalog, uri(HYDRA + "view"), view);
    add(out, view, RDF.type.asNode(), uri(HYDRA + "PartialCollectionView"));
    add(out, view, uri(HYDRA + "first"), uri(at.page().apply(1)));
    add(out, view, uri(HYDRA + "last"), uri(at.page().apply(last)));
    if (page > 1) {
      add(out, view, uri(HYDRA + "previous"), uri(at.page().apply(Math.min(page - 1, last))));
    }
    if (page < last) {
      add(out, view, uri(HYDRA + "next"), uri(at.page().apply(page + 1)));
    }

    Set<Node> agents = new HashSet<>();
    for (Dataset d : slice) {
      Node ds = ids.dataset(d.id());
      add(out, catalog, DCAT.dataset.asNode(), ds);
      add(out, ds, RDF.type.asNode(), DCAT.Dataset.asNode());
      for (Node p :
          List.of(
              DCTerms.identifier.asNode(),
              DCTerms.title.asNode(),
              DCTerms.description.asNode(),
              DCTerms.issued.asNode(),
              DCTerms.modified.asNode(),
              DCAT.keyword.asNode(),
              DCAT.theme.asNode())) {
        source.find(ds, p, Node.ANY).forEachRemaining(out::add);
      }
      source
          .find(ds, DCAT.theme.asNode(), Node.ANY)
          .forEachRemaining(t -> concept(out, t.getObject(), themes));
      Node publisher = ids.organisation(d.publisher());
      add(out, ds, DCTerms.publisher.asNode(), publisher);
      String name = name(orgs, publisher, d.publisher());
      if (agents.add(publisher)) {
        add(out, publisher, RDF.type.asNode(), FOAF_AGENT);
        add(out, publisher, FOAF_NAME, NodeFactory.createLiteralString(name));
      }
      Node contact = uri(publisher.getURI() + "#contact-point");
      add(out, ds, DCAT.contactPoint.asNode(), contact);
      add(out, contact, RDF.type.asNode(), VCARD4.Kind.asNode());
      add(out, contact, RDF.type.asNode(), VCARD4.Organization.asNode());
      add(out, contact, VCARD4.fn.asNode(), NodeFactory.createLiteralString(name));
      add(out, contact, VCARD4.hasURL.asNode(), publisher);
      boolean open = d.sharingConditions().equals(List.of("open"));
      Node rights = open ? PUBLIC : RESTRICTED;
      add(out, ds, DCTerms.accessRights.asNode(), rights);
      add(out, rights, RDF.type.asNode(), DCTerms.RightsStatement.asNode());

      Node dist = uri(ds.getURI() + "#distribution");
      add(out, ds, DCAT.distribution.asNode(), dist);
      add(out, dist, RDF.type.asNode(), DCAT.Distribution.asNode());
      add(out, dist, DCAT.accessURL.asNode(), ds);
      add(out, dist, DCTerms.title.asNode(), en("Description and access request"));
      add(
          out,
          dist,
          DCTerms.description.asNode(),
          en(
              "The dataset's description in the Data Sharing Registry, where a member"
                  + " organisation requests access. The data itself is shared only under a data"
                  + " sharing agreement that every party's data protection officer has approved."));
      Node terms = uri(ds.getURI() + "#sharing-conditions");
      add(out, dist, DCTerms.rights.asNode(), terms);
      add(out, terms, RDF.type.asNode(), DCTerms.RightsStatement.asNode());
      List<String> labels = new ArrayList<>();
      for (String c : d.sharingConditions()) {
        reference.concept("sharing-condition", c).map(reference::label).ifPresent(labels::add);
      }
      add(
          out,
          terms,
          org.apache.jena.vocabulary.RDFS.label.asNode(),
          en(
              labels.isEmpty()
                  ? "Shared under an approved data sharing agreement"
                  : "Sharing conditions: " + String.join("; ", labels)));
    }
    return out;
  }

  private void concept(Graph out, Node concept, Node scheme) {
    add(out, concept, RDF.type.asNode(), SKOS.Concept.asNode());
    add(out, concept, SKOS.inScheme.asNode(), scheme);
    reference.graph().find(concept, SKOS.prefLabel.asNode(), Node.ANY).forEachRemaining(out::add);
  }

  private static String name(Graph orgs, Node org, String fallback) {
    var it = orgs.find(org, SKOS.prefLabel.asNode(), Node.ANY);
    return it.hasNext() ? it.next().getObject().getLiteralLexicalForm() : fallback;
  }

  /** The earliest (or latest) date of the property over the visible datasets. */
  private java.util.Optional<Node> latest(
      Graph source, List<Dataset> visible, Node property, boolean max) {
    java.util.Comparator<Node> byLexical =
        java.util.Comparator.comparing(Node::getLiteralLexicalForm);
    var dates =
        visible.stream()
            .flatMap(
                d ->
                    source
                        .find(ids.dataset(d.id()), property, Node.ANY)
                        .mapWith(Triple::getObject)
                        .toList()
                        .stream())
            .filter(
                n ->
                    n.isLiteral()
                        && XSDDatatype.XSDdate.getURI().equals(n.getLiteralDatatypeURI()));
    return max ? dates.max(byLexical) : dates.min(byLexical);
  }

  private static void add(Graph g, Node s, Node p, Node o) {
    g.add(Triple.create(s, p, o));
  }

  private static Node en(String text) {
    return NodeFactory.createLiteralLang(text, "en");
  }

  private static Node uri(String iri) {
    return NodeFactory.createURI(iri);
  }
}
