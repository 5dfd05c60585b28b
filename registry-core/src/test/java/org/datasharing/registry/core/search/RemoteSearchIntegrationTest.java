package org.datasharing.registry.core.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.datasharing.registry.core.support.TestRegistry.ICB;
import static org.datasharing.registry.core.support.TestRegistry.TRUST;
import static org.datasharing.registry.core.support.TestRegistry.dpo;
import static org.datasharing.registry.core.support.TestRegistry.partner;

import java.nio.file.Path;
import java.util.List;
import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.Property;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.rdf.model.Statement;
import org.apache.jena.riot.RDFDataMgr;
import org.datasharing.registry.core.Registry;
import org.datasharing.registry.core.catalog.Dataset;
import org.datasharing.registry.core.store.SparqlRegistryStore;
import org.datasharing.registry.core.support.TestRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Search in remote mode, against an in-process Fuseki configured with the shipped {@code
 * docker/fuseki/config.ttl} (TDB2 plus the jena-text index), its folders moved to a temp dir.
 */
class RemoteSearchIntegrationTest {
  static final String TEXT = "http://jena.apache.org/text#";
  static final String TDB2 = "http://jena.apache.org/2016/tdb#";

  @TempDir Path dir;
  FusekiServer server;
  String url;
  TestRegistry t;

  @BeforeEach
  void setUp() {
    Model config = RDFDataMgr.loadModel(Path.of("..", "docker", "fuseki", "config.ttl").toString());
    relocate(config, TDB2 + "location", config.createLiteral(dir.resolve("tdb2").toString()));
    relocate(
        config, TEXT + "directory", config.createResource(dir.resolve("text").toUri().toString()));
    server = FusekiServer.create().port(0).loopback(true).parseConfig(config).build().start();
    url = "http://localhost:" + server.getHttpPort() + "/registry";
    t = new TestRegistry(new SparqlRegistryStore(SparqlRegistryStore.Endpoints.fuseki(url)));
  }

  @AfterEach
  void tearDown() {
    server.stop();
  }

  static void relocate(Model config, String property, org.apache.jena.rdf.model.RDFNode value) {
    Property p = config.createProperty(property);
    List<Statement> old =
        config.listStatements(null, p, (org.apache.jena.rdf.model.RDFNode) null).toList();
    assertThat(old).hasSize(1);
    Resource s = old.get(0).getSubject();
    config.remove(old);
    config.add(s, p, value);
  }

  @Test
  void search_worksOverTheRemoteStore_andFollowsWritesFromAnyInstance() {
    CatalogSearch search = t.registry.search();
    assertThat(search.search(partner(ICB), SearchRequest.of("")).orElseThrow().total())
        .isEqualTo(44);
    assertThat(search.search(partner(ICB), SearchRequest.of("mental health")).orElseThrow().items())
        .isNotEmpty();

    // another web instance on the same Fuseki records a dataset
    Registry other =
        new Registry(
            new SparqlRegistryStore(SparqlRegistryStore.Endpoints.fuseki(url)),
            TestRegistry.BASE,
            t.clock,
            true);
    other
        .catalog()
        .create(
            dpo(TRUST),
            new Dataset(
                "zebrafish-observations",
                TRUST,
                "Zebrafish observations",
                "Observed zebrafish in the hospital pond.",
                List.of("environment"),
                List.of("ponds"),
                List.of(),
                List.of(),
                false,
                false,
                List.of("Observation date"),
                true,
                List.of("open"),
                List.of()))
        .orElseThrow();
    assertThat(search.search(partner(ICB), SearchRequest.of("zebrafish")).orElseThrow().total())
        .isEqualTo(1);

    // the shipped text index answers text:query in SPARQL on Fuseki
    String q =
        "PREFIX text: <http://jena.apache.org/text#> PREFIX dct: <http://purl.org/dc/terms/>"
            + " SELECT ?s WHERE { GRAPH <https://w3id.org/dsr/graph/catalog> {"
            + " ?s text:query (dct:title 'zebrafish') } }";
    try (QueryExecution qe = QueryExecution.service(url + "/query").query(q).build()) {
      List<String> hits = new java.util.ArrayList<>();
      qe.execSelect().forEachRemaining(b -> hits.add(b.getResource("s").getURI()));
      assertThat(hits).containsExactly(TestRegistry.BASE + "dataset/zebrafish-observations");
    }
  }
}
