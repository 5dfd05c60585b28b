package org.datasharing.registry.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.shacl.ShaclValidator;
import org.apache.jena.shacl.Shapes;
import org.apache.jena.shacl.ValidationReport;
import org.apache.jena.shacl.validation.Severity;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.DCAT;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.RDF;
import org.datasharing.registry.core.Registry;
import org.datasharing.registry.core.catalog.Dataset;
import org.datasharing.registry.core.catalog.DatasetVisibility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A harvester's view of {@code /catalog}: follow the Hydra pages signed out, parse every page with
 * Jena, validate the union against the DCAT-AP 3.0 shapes, and find every public dataset and no
 * hidden one.
 */
@SpringBootTest
@AutoConfigureMockMvc
class CatalogHarvestTest {
  static final String HYDRA = "http://www.w3.org/ns/hydra/core#";

  @TempDir static Path dir;

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) {
    r.add("registry.store.data-dir", () -> dir.resolve("tdb2").toString());
    r.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", () -> "http://127.0.0.1:9/jwks");
  }

  @Autowired MockMvc mvc;
  @Autowired Registry registry;

  static final Shapes SHAPES = Shapes.parse(RDFDataMgr.loadGraph("dcat-ap/dcat-ap-3.0.shapes.ttl"));

  MockHttpServletResponse fetch(String url, String accept) throws Exception {
    return mvc.perform(get(url).accept(accept)).andReturn().getResponse();
  }

  static Graph parse(MockHttpServletResponse r, Lang lang) {
    Graph g = GraphFactory.createDefaultGraph();
    RDFParser.source(new ByteArrayInputStream(r.getContentAsByteArray())).lang(lang).parse(g);
    return g;
  }

  /** Follows hydra:next from the first page, as a harvester would. */
  Graph harvest(int size) throws Exception {
    Graph all = GraphFactory.createDefaultGraph();
    String next = "/catalog?size=" + size;
    Node nextP = NodeFactory.createURI(HYDRA + "next");
    for (int i = 0; next != null; i++) {
      assertThat(i).as("pages").isLessThan(50);
      MockHttpServletResponse r = fetch(next, "text/turtle");
      assertThat(r.getStatus()).isEqualTo(200);
      assertThat(r.getContentType()).startsWith("text/turtle");
      Graph page = parse(r, Lang.TURTLE);
      page.find().forEachRemaining(all::add);
      var links = page.find(Node.ANY, nextP, Node.ANY).toList();
      next = links.isEmpty() ? null : links.get(0).getObject().getURI();
    }
    return all;
  }

  @Test
  void harvest_findsEveryPublicDataset_andNoHiddenOne_andConformsToDcatAp() throws Exception {
    Graph all = harvest(10);

    Set<String> harvested = new HashSet<>();
    all.find(Node.ANY, RDF.type.asNode(), DCAT.Dataset.asNode())
        .forEachRemaining(t -> harvested.add(t.getSubject().getURI()));
    List<Dataset> datasets = registry.catalog().all();
    Set<String> expected = new HashSet<>();
    Set<String> hidden = new HashSet<>();
    for (Dataset d : datasets) {
      String iri = registry.ids().dataset(d.id()).getURI();
      (Boolean.FALSE.equals(d.discoverable()) ? hidden : expected).add(iri);
    }
    assertThat(hidden).hasSize(4);
    assertThat(harvested).isEqualTo(expected).hasSize(44).doesNotContainAnyElementsOf(hidden);
    assertThat(all.find(Node.ANY, Node.ANY, Node.ANY).toList().toString())
        .doesNotContain("child-protection-plans");

    ValidationReport report = ShaclValidator.get().validate(SHAPES, all);
    List<String> violations = new ArrayList<>();
    Set<String> warnedPaths = new HashSet<>();
    report
        .getEntries()
        .forEach(
            e -> {
              if (e.severity().equals(Severity.Violation)) {
                violations.add(e.focusNode() + " " + e.resultPath() + ": " + e.message());
              } else {
                warnedPaths.add(e.resultPath().toString());
              }
            });
    assertThat(violations).isEmpty();
    // the recommended properties the registry has no data for; everything else recommended is given
    assertThat(warnedPaths)
        .isSubsetOf(
            "<http://purl.org/dc/terms/spatial>",
            "<http://purl.org/dc/terms/temporal>",
            "<http://purl.org/dc/terms/license>",
            "<http://purl.org/dc/terms/format>",
            "<http://data.europa.eu/r5r/availability>",
            "<http://purl.org/dc/terms/type>");
  }

  @Test
  void shapes_catchAMissingMandatoryProperty() throws Exception {
    Graph page = parse(fetch("/catalog?size=5", "text/turtle"), Lang.TURTLE);
    Node d = page.find(Node.ANY, RDF.type.asNode(), DCAT.Dataset.asNode()).next().getSubject();
    page.find(d, DCTerms.title.asNode(), Node.ANY).toList().forEach(page::delete);
    ValidationReport report = ShaclValidator.get().validate(SHAPES, page);
    assertThat(report.getEntries())
        .anySatisfy(
            e -> {
              assertThat(e.severity()).isEqualTo(Severity.Violation);
              assertThat(e.focusNode()).isEqualTo(d);
            });
  }

  @Test
  void catalog_negotiatesEveryRdfFormat_withTheSameContent() throws Exception {
    Graph turtle = parse(fetch("/catalog?size=5", "text/turtle"), Lang.TURTLE);
    for (var f :
        List.of(
            new Object[] {"application/ld+json", Lang.JSONLD},
            new Object[] {"application/rdf+xml", Lang.RDFXML},
            new Object[] {"application/n-triples", Lang.NTRIPLES})) {
      MockHttpServletResponse r = fetch("/catalog?size=5", (String) f[0]);
      assertThat(r.getStatus()).isEqualTo(200);
      assertThat(r.getContentType()).startsWith((String) f[0]);
      assertThat(parse(r, (Lang) f[1]).isIsomorphicWith(turtle)).as((String) f[0]).isTrue();
    }
    // a harvester's wildcard and no preference still get Turtle
    assertThat(fetch("/catalog", "*/*").getContentType()).startsWith("text/turtle");
    assertThat(fetch("/catalog", "application/pdf").getStatus()).isEqualTo(406);
  }

  @Test
  void browser_getsAPageOfTheDiscoverableDatasets_eachLinkingToItsPage() throws Exception {
    MockHttpServletResponse r = fetch("/catalog", "text/html,application/xhtml+xml,*/*;q=0.8");
    assertThat(r.getStatus()).isEqualTo(200);
    assertThat(r.getContentType()).startsWith("text/html");
    String html = r.getContentAsString();
    assertThat(html).contains("<h1 class=\"govuk-heading-xl\">Catalogue of datasets</h1>");
    var visible =
        registry.catalog().all().stream()
            .filter(d -> DatasetVisibility.visible(DatasetVisibility.PUBLIC, d))
            .toList();
    assertThat(visible).isNotEmpty();
    for (var d : visible) {
      assertThat(html).contains("href=\"/datasets/" + d.id() + "\"");
    }
    registry.catalog().all().stream()
        .filter(d -> Boolean.FALSE.equals(d.discoverable()))
        .forEach(d -> assertThat(html).doesNotContain("/datasets/" + d.id() + "\""));
  }

  @Test
  void catalog_pagesWithHydra_andRefusesBadPaging() throws Exception {
    Graph first = parse(fetch("/catalog?size=20", "text/turtle"), Lang.TURTLE);
    Node catalog = NodeFactory.createURI("http://localhost:8080/catalog");
    assertThat(first.contains(catalog, RDF.type.asNode(), DCAT.Catalog.asNode())).isTrue();
    assertThat(
            first
                .find(catalog, NodeFactory.createURI(HYDRA + "totalItems"), Node.ANY)
                .next()
                .getObject()
                .getLiteralLexicalForm())
        .isEqualTo("44");
    Node view = NodeFactory.createURI("http://localhost:8080/catalog?page=1&size=20");
    assertThat(
            first.contains(
                view,
                NodeFactory.createURI(HYDRA + "next"),
                NodeFactory.createURI("http://localhost:8080/catalog?page=2&size=20")))
        .isTrue();
    assertThat(
            first.contains(
                view,
                NodeFactory.createURI(HYDRA + "last"),
                NodeFactory.createURI("http://localhost:8080/catalog?page=3&size=20")))
        .isTrue();
    assertThat(first.find(Node.ANY, DCAT.dataset.asNode(), Node.ANY).toList()).hasSize(20);

    assertThat(fetch("/catalog?page=0", "text/turtle").getStatus()).isEqualTo(422);
    assertThat(fetch("/catalog?size=5000", "text/turtle").getStatus()).isEqualTo(422);
    assertThat(fetch("/catalog?page=x", "text/turtle").getStatus()).isEqualTo(422);
  }
}
