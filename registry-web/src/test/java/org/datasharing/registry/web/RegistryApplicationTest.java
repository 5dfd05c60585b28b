package org.datasharing.registry.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.apache.jena.graph.NodeFactory;
import org.datasharing.registry.core.store.RegistryStore;
import org.datasharing.registry.ontology.vocab.Graphs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The application boots on TDB2 with the sample data and reports itself healthy. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RegistryApplicationTest {
  @TempDir static Path dir;

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) {
    r.add("registry.store.data-dir", () -> dir.resolve("tdb2").toString());
    r.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", () -> "http://127.0.0.1:9/jwks");
  }

  @LocalServerPort int port;
  @Autowired RegistryStore store;

  @Test
  void boots_withTheFixedGraphs_andOneGraphPerSampleAgreement() throws Exception {
    assertThat(store.graphNames())
        .contains(
            Graphs.ONTOLOGY_NODE,
            Graphs.REFERENCE_NODE,
            Graphs.ORGANISATIONS_NODE,
            Graphs.CATALOG_NODE,
            Graphs.AUDIT_NODE);
    long agreementGraphs =
        store.graphNames().stream()
            .filter(g -> g.getURI().startsWith("http://localhost:8080/id/agreement/"))
            .count();
    long sampleAgreements =
        store.graphNames().stream().filter(g -> !g.getURI().startsWith(Graphs.NS)).count();
    assertThat(agreementGraphs).isEqualTo(sampleAgreements);
    assertThat(store.graph(NodeFactory.createURI(Graphs.CATALOG)).size()).isGreaterThan(100);
  }

  @Test
  void health_isUp_andShowsTheAnonymousCallerOnlyItsStatus() throws Exception {
    var client = java.net.http.HttpClient.newHttpClient();
    var response =
        client.send(
            java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://localhost:" + port + "/actuator/health/readiness"))
                .build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    // the store's part in readiness, with its details, is for registry administrators
    // (RequestHardeningTest)
    assertThat(response.body()).isEqualTo("{\"status\":\"UP\"}");
  }
}
