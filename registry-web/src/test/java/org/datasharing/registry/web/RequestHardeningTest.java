package org.datasharing.registry.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.oidcLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.head;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.system.Txn;
import org.apache.jena.vocabulary.DCTerms;
import org.datasharing.registry.core.Registry;
import org.datasharing.registry.core.store.RegistryStore;
import org.datasharing.registry.core.store.TdbRegistryStore;
import org.datasharing.registry.ontology.vocab.Graphs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The penetration test's findings 7 (request size, text lengths), 8 (odd characters, bad numbers)
 * and 9 (leaks): each over HTTP, refused with a 4xx problem naming the field, nothing stored. Real
 * HTTP (a random port, tokens decoded by a stand-in decoder) where the servlet container matters:
 * chunked bodies; MockMvc elsewhere.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
class RequestHardeningTest {
  static final String COUNCIL = AuthorizationMatrixTest.COUNCIL;

  @TempDir static Path dir;

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) {
    r.add("registry.store.data-dir", () -> dir.resolve("tdb2").toString());
    r.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", () -> "http://127.0.0.1:9/jwks");
  }

  /** Over real HTTP the bearer token is the sample user's name, with Keycloak's claims. */
  @TestConfiguration
  static class TestTokens {
    @Bean
    JwtDecoder testTokens() {
      return token -> {
        String[] user = AuthorizationMatrixTest.USERS.get(token);
        if (user == null) {
          throw new BadJwtException("not a sample user");
        }
        Jwt.Builder jwt =
            Jwt.withTokenValue(token)
                .header("alg", "none")
                .subject("sub-" + token)
                .claim("preferred_username", token)
                .claim("realm_access", Map.of("roles", List.of(user[0])))
                .issuedAt(Instant.now())
                .expiresAt(Instant.now().plusSeconds(300));
        if (user[1] != null) {
          jwt.claim("organization", List.of(user[1]));
        }
        return jwt.build();
      };
    }
  }

  @Autowired MockMvc mvc;
  @Autowired Registry registry;
  @Autowired RegistryStore store;
  @LocalServerPort int port;

  final HttpClient http = HttpClient.newHttpClient();

  MockHttpServletResponse call(MockHttpServletRequestBuilder b) throws Exception {
    return mvc.perform(b).andReturn().getResponse();
  }

  MockHttpServletResponse as(String username, MockHttpServletRequestBuilder b) throws Exception {
    return call(
        b.with(
            AuthorizationMatrixTest.token(username, AuthorizationMatrixTest.USERS.get(username))));
  }

  /** A page session for a sample user, with the claims Keycloak issues. */
  static RequestPostProcessor signedIn(String username) {
    String[] user = AuthorizationMatrixTest.USERS.get(username);
    return oidcLogin()
        .idToken(
            t -> {
              t.subject("sub-" + username)
                  .claim("preferred_username", username)
                  .claim("realm_access", Map.of("roles", List.of(user[0])));
              if (user[1] != null) {
                t.claim("organization", List.of(user[1]));
              }
            });
  }

  /** A POST over real HTTP whose body has no length: the client sends it chunked. */
  HttpResponse<String> postChunked(String path, String user, String contentType, byte[] body)
      throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .header("Authorization", "Bearer " + user)
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  static String dataset(String id, String title) {
    return dataset(id, title, "Readings of the council's air quality sensors.", "air quality");
  }

  static String dataset(String id, String title, String description, String keyword) {
    return "{\"id\":\""
        + id
        + "\",\"publisher\":\""
        + COUNCIL
        + "\",\"title\":\""
        + title
        + "\",\"description\":\""
        + description
        + "\",\"themes\":[\"environment\"],\"keywords\":[\""
        + keyword
        + "\"],\"specialCategoryData\":false,\"criminalOffenceData\":false,"
        + "\"dataItems\":[\"Reading time\"],\"discoverable\":true,\"sharingConditions\":[\"open\"]}";
  }

  MockHttpServletResponse postDataset(String json) throws Exception {
    return as(
        "dpo.council", post("/api/datasets").contentType(MediaType.APPLICATION_JSON).content(json));
  }

  static void assertProblem(MockHttpServletResponse r, int status, String field) throws Exception {
    assertThat(r.getStatus()).isEqualTo(status);
    assertThat(r.getContentType()).startsWith("application/problem+json");
    assertThat(r.getContentAsString()).contains("\"field\":\"" + field + "\"");
  }

  boolean stored(String datasetId) {
    return registry.catalog().find(datasetId).isPresent();
  }

  // ------------------------------------------------------------- 7: request size, text lengths

  @Test
  void post_isRefused413_whenChunkedBodyExceedsLimit() throws Exception {
    String json = dataset("chunked-too-large", "x".repeat(1_500_000));
    var r =
        postChunked(
            "/api/datasets",
            "dpo.council",
            "application/json",
            json.getBytes(StandardCharsets.UTF_8));
    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    assertThat(r.body()).contains("\"field\":\"body\"");
    assertThat(stored("chunked-too-large")).isFalse();
  }

  @Test
  void import_isRefused413_whenChunkedBodyExceedsLimit() throws Exception {
    StringBuilder turtle =
        new StringBuilder(
            "@prefix dcat: <http://www.w3.org/ns/dcat#> . @prefix dct: <http://purl.org/dc/terms/> .\n");
    for (int i = 0; turtle.length() < 1_500_000; i++) {
      turtle
          .append("<https://data.example/ds/chunked-import-")
          .append(i)
          .append("> a dcat:Dataset ;");
      turtle.append(" dct:identifier \"chunked-import-").append(i).append("\" ;");
      turtle.append(" dct:title \"A dataset described at length ").append(i).append("\" .\n");
    }
    var r =
        postChunked(
            "/api/datasets/import",
            "dpo.council",
            "text/turtle",
            turtle.toString().getBytes(StandardCharsets.UTF_8));
    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(r.body()).contains("\"field\":\"body\"");
    assertThat(stored("chunked-import-0")).isFalse();
  }

  @Test
  void post_isAccepted_whenChunkedBodyIsWithinLimit() throws Exception {
    var r =
        postChunked(
            "/api/datasets",
            "dpo.council",
            "application/json",
            dataset("chunked-small", "Air quality readings").getBytes(StandardCharsets.UTF_8));
    assertThat(r.statusCode()).isEqualTo(201);
    assertThat(stored("chunked-small")).isTrue();
  }

  @Test
  void createDataset_isRefused422_namingEachFieldOverItsLength() throws Exception {
    assertProblem(postDataset(dataset("long-title", "t".repeat(301))), 422, "title");
    assertProblem(
        postDataset(dataset("long-description", "Air", "d".repeat(10_001), "air")),
        422,
        "description");
    assertProblem(
        postDataset(dataset("long-keyword", "Air", "Readings.", "k".repeat(201))), 422, "keywords");
    assertThat(stored("long-title")).isFalse();
    assertThat(stored("long-description")).isFalse();
    assertThat(stored("long-keyword")).isFalse();
    // at the limits it is fine
    assertThat(postDataset(dataset("at-the-limits", "t".repeat(300))).getStatus()).isEqualTo(201);
  }

  @Test
  void createOrganisation_isRefused422_whenNameIsOverItsLength() throws Exception {
    String json =
        "{\"id\":\"long-name-council\",\"name\":\""
            + "n".repeat(301)
            + "\",\"type\":\"county-council\",\"sector\":\"education\","
            + "\"domain\":\"long-name.example\",\"dpoName\":\"Alex Morgan\","
            + "\"dpoEmail\":\"alex@long-name.example\"}";
    var r =
        as(
            "admin",
            post("/api/organisations").contentType(MediaType.APPLICATION_JSON).content(json));
    assertProblem(r, 422, "name");
    assertThat(registry.store().graph(Graphs.ORGANISATIONS_NODE).toString())
        .doesNotContain("long-name-council");
  }

  @Test
  void createDraft_isRefused422_whenTitleOrPartyTextIsOverItsLength() throws Exception {
    String body =
        "{\"id\":\"dsa-long-title\",\"fields\":{\"title\":\""
            + "t".repeat(301)
            + "\"},\"parties\":[{\"organisation\":\"northshire-integrated-care-board\","
            + "\"role\":\"controller\",\"contactName\":\""
            + "n".repeat(301)
            + "\"}]}";
    var r =
        as(
            "partner.icb",
            post("/api/agreements").contentType(MediaType.APPLICATION_JSON).content(body));
    assertProblem(r, 422, "title");
    assertThat(r.getContentAsString())
        .contains("\"field\":\"parties[0].contactName\"")
        .contains("at most 300 characters");
    assertThat(as("partner.icb", get("/api/agreements/dsa-long-title")).getStatus()).isEqualTo(404);
  }

  @Test
  void suspend_isRefused422_whenReasonIsOverItsLength() throws Exception {
    String path = "/api/agreements/dsa-hospital-discharge";
    String before = as("dpo.council", get(path)).getContentAsString();
    var r =
        as(
            "dpo.council",
            post(path + "/suspend")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"reason\":\"" + "r".repeat(10_001) + "\"}"));
    assertProblem(r, 422, "reason");
    assertThat(as("dpo.council", get(path)).getContentAsString()).isEqualTo(before);
  }

  // ------------------------------------------------------- 8: odd characters and bad numbers

  @ParameterizedTest
  @ValueSource(strings = {"\\u0001", "\\u0000", "\\ufffe", "\\ud800"})
  void createDataset_isRefused422_whenTitleHasCharacterXmlCannotCarry(String escaped)
      throws Exception {
    String id = "odd-title-" + escaped.substring(2);
    var r = postDataset(dataset(id, "Air " + escaped + " quality"));
    assertProblem(r, 422, "title");
    assertThat(stored(id)).isFalse();
  }

  MockHttpServletResponse importWithTitle(String turtleTitle) throws Exception {
    String file =
        new String(
                getClass()
                    .getResourceAsStream("/catalog-import/winter-pressures.ttl")
                    .readAllBytes(),
                StandardCharsets.UTF_8)
            .replace("\"Winter pressures bed state\"", "\"" + turtleTitle + "\"");
    return as("admin", post("/api/datasets/import").contentType("text/turtle").content(file));
  }

  @Test
  void import_isRefused422_whenTitleHasControlCharacter_orIsOverItsLength() throws Exception {
    // the import names each dataset's fields: "dataset <iri>.title"
    assertProblem(
        importWithTitle("Winter \\u0001 pressures"),
        422,
        "dataset <http://localhost:8080/id/dataset/winter-pressures-bed-state>.title");
    var tooLong = importWithTitle("w".repeat(301));
    assertThat(tooLong.getStatus()).isEqualTo(422);
    assertThat(tooLong.getContentAsString())
        .contains("winter-pressures-bed-state>.title\"")
        .contains("at most 300 characters");
    assertThat(stored("winter-pressures-bed-state")).isFalse();
  }

  @Test
  void createDraft_isRefused422_whenTextHasControlCharacter() throws Exception {
    String body =
        "{\"id\":\"dsa-odd-title\",\"fields\":{\"title\":\"Odd \\u0001 title\"},"
            + "\"parties\":[{\"organisation\":\"northshire-integrated-care-board\",\"role\":\"controller\"}]}";
    var r =
        as(
            "partner.icb",
            post("/api/agreements").contentType(MediaType.APPLICATION_JSON).content(body));
    assertProblem(r, 422, "title");
    assertThat(as("partner.icb", get("/api/agreements/dsa-odd-title")).getStatus()).isEqualTo(404);
  }

  @Test
  void decision_isRefused422_whenReasonHasControlCharacter() throws Exception {
    String path = "/api/agreements/dsa-high-intensity-use";
    String before = as("dpo.trust", get(path)).getContentAsString();
    var r =
        as(
            "dpo.trust",
            post(path + "/decisions")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"version\":1,\"outcome\":\"reject\",\"reason\":\"No\\u0007\"}"));
    assertProblem(r, 422, "reason");
    assertThat(as("dpo.trust", get(path)).getContentAsString()).isEqualTo(before);
  }

  @Test
  void decisionPage_isRefused422_whenReasonHasControlCharacter() throws Exception {
    String id = "dsa-high-intensity-use";
    String before = as("dpo.trust", get("/api/agreements/" + id)).getContentAsString();
    var dpo = signedIn("dpo.trust");
    var r =
        call(
            post("/agreements/" + id + "/decision")
                .with(dpo)
                .with(csrf())
                .param("version", "1")
                .param("outcome", "reject")
                .param("reason", "No\u0007"));
    assertThat(r.getStatus()).isEqualTo(422);
    assertThat(r.getContentAsString()).contains("href=\"#reason\"").contains("control characters");
    assertThat(as("dpo.trust", get("/api/agreements/" + id)).getContentAsString())
        .isEqualTo(before);
  }

  @Test
  void rdfXml_answers200_whenStoredTitleHasControlCharacters() throws Exception {
    String id = "adult-social-care-client-index";
    Node ds = registry.ids().dataset(id);
    Node title = DCTerms.title.asNode();
    StoreEdit edit = new StoreEdit((TdbRegistryStore) store, Graphs.CATALOG_NODE);
    List<Node> old = edit.objects(ds, title);
    // stored before the registry refused such text
    edit.replace(ds, title, List.of(NodeFactory.createLiteralLang("Adult\u0001 care\uFFFE", "en")));
    try {
      var one = call(get("/id/dataset/" + id).accept("application/rdf+xml"));
      assertThat(one.getStatus()).isEqualTo(200);
      assertThat(titles(parse(one, Lang.RDFXML), ds)).containsExactly("Adult\uFFFD care\uFFFD");
      var catalog = call(get("/catalog").param("size", "1000").accept("application/rdf+xml"));
      assertThat(catalog.getStatus()).isEqualTo(200);
      assertThat(titles(parse(catalog, Lang.RDFXML), ds)).containsExactly("Adult\uFFFD care\uFFFD");
      for (String type : List.of("text/turtle", "application/ld+json")) {
        assertThat(call(get("/id/dataset/" + id).accept(type)).getStatus()).as(type).isEqualTo(200);
        assertThat(call(get("/catalog").param("size", "1000").accept(type)).getStatus())
            .as(type)
            .isEqualTo(200);
      }
      // the other formats carry the text as stored
      assertThat(
              call(get("/id/dataset/" + id).accept("application/n-triples")).getContentAsString())
          .contains("Adult\u0001 care");
    } finally {
      edit.replace(ds, title, old);
    }
  }

  @Test
  void registerRdfXml_answers200_whenStoredAgreementTitleHasControlCharacters() throws Exception {
    Node agreement = registry.ids().agreement("dsa-hospital-discharge");
    StoreEdit edit = new StoreEdit((TdbRegistryStore) store, agreement);
    Node title = DCTerms.title.asNode();
    Map<Node, List<Node>> old = new java.util.LinkedHashMap<>();
    for (Node s : edit.subjects(title)) {
      old.put(s, edit.objects(s, title));
    }
    old.keySet()
        .forEach(
            s ->
                edit.replace(
                    s, title, List.of(NodeFactory.createLiteralString("Discharge\u0001"))));
    try {
      var r = call(get("/api/register").param("format", "rdf"));
      assertThat(r.getStatus()).isEqualTo(200);
      assertThat(
              parse(r, Lang.RDFXML)
                  .find()
                  .filterKeep(
                      t ->
                          t.getObject().isLiteral()
                              && t.getObject().getLiteralLexicalForm().equals("Discharge\uFFFD"))
                  .hasNext())
          .isTrue();
    } finally {
      old.forEach((s, titles) -> edit.replace(s, title, titles));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"2147483647", "21474837", "1000001", "0", "-1", "x"})
  void catalog_isRefused422_whenPageIsOutOfRange(String page) throws Exception {
    var r = call(get("/catalog").param("page", page).accept("text/turtle"));
    assertProblem(r, 422, "page");
    assertThat(r.getContentAsString()).doesNotContain("fromIndex").doesNotContain("Exception");
  }

  @Test
  void catalog_answersAnEmptyPage_atTheLargestPage() throws Exception {
    var r = call(get("/catalog").param("page", "1000000").accept("text/turtle"));
    assertThat(r.getStatus()).isEqualTo(200);
    assertThat(r.getContentAsString()).doesNotContain("dcat:dataset ");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "+1000000000-12-31T23:59:59Z",
        "-1000000000-01-01T00:00:00Z",
        "10000-01-01T00:00:00Z",
        "yesterday"
      })
  void inForce_isRefused422_whenInstantIsOutOfRangeOrUnparsable(String at) throws Exception {
    var r =
        as(
            "auditor",
            get("/api/agreements/dsa-hospital-discharge/versions/in-force").param("at", at));
    assertProblem(r, 422, "at");
  }

  @Test
  void versionsAndAudit_areRefused422_namingTheParameter_whenNumbersAreOutOfRange()
      throws Exception {
    String a = "/api/agreements/dsa-hospital-discharge";
    assertProblem(as("auditor", get(a + "/versions/0")), 422, "number");
    assertProblem(as("auditor", get(a + "/versions/99999999999")), 422, "number");
    assertProblem(as("auditor", get(a + "/versions/diff?from=0&to=1")), 422, "from");
    assertProblem(as("auditor", get(a + "/versions/diff?from=1&to=-5")), 422, "to");
    assertProblem(as("auditor", get("/api/audit/events?page=-1")), 422, "page");
    assertProblem(as("auditor", get("/api/audit/events?size=501")), 422, "size");
    assertProblem(as("auditor", get("/api/audit/events?size=many")), 422, "size");
    assertProblem(as("auditor", get("/api/audit/proofs/consistency?from=0&to=1")), 422, "from");
    assertProblem(as("auditor", get("/api/audit/proofs/consistency?from=1&to=0")), 422, "to");
  }

  @Test
  void pages_areRefused422_namingTheParameter_whenNumbersAreOutOfRange() throws Exception {
    assertProblem(call(get("/datasets?page=0")), 422, "page");
    assertProblem(call(get("/datasets?page=2147483647")), 422, "page");
    assertProblem(call(get("/audit?page=0").with(signedIn("auditor"))), 422, "page");
    assertProblem(call(get("/audit?page=2147483647").with(signedIn("auditor"))), 422, "page");
    String agreement = "/agreements/dsa-hospital-discharge";
    assertProblem(call(get(agreement + "?from=0&to=1").with(signedIn("dpo.council"))), 422, "from");
    assertProblem(call(get(agreement + "?from=1&to=-1").with(signedIn("dpo.council"))), 422, "to");
    assertProblem(
        call(
            post("/agreements/dsa-high-intensity-use/decision")
                .with(signedIn("dpo.trust"))
                .with(csrf())
                .param("version", "-1")
                .param("outcome", "approve")),
        422,
        "version");
    // the form's date is checked too: a year past 9999 is an error on the page, not a 500
    var farFuture =
        call(
            get(agreement + "?on-day=31&on-month=12&on-year=999999999")
                .with(signedIn("dpo.council")));
    assertThat(farFuture.getStatus()).isEqualTo(200);
    assertThat(farFuture.getContentAsString()).contains("must be a real date");
  }

  // ------------------------------------------------------------------------------ 9: leaks

  @Test
  void health_showsOnlyTheStatus_toAnonymousCallers_andDetailsToRegistryAdmins() throws Exception {
    for (String path : List.of("/actuator/health", "/actuator/health/readiness")) {
      for (String user : List.of("anonymous", "dpo.council")) {
        var r = user.equals("anonymous") ? call(get(path)) : as(user, get(path));
        assertThat(r.getStatus()).isEqualTo(200);
        assertThat(r.getContentAsString())
            .contains("\"status\":\"UP\"")
            .doesNotContain("components")
            .doesNotContain("details")
            .doesNotContain("graphs")
            .doesNotContain("auditEvents")
            .doesNotContain("bytesOnDisk")
            .doesNotContain("path")
            .doesNotContain("total");
      }
    }
    assertThat(as("admin", get("/actuator/health/readiness")).getContentAsString())
        .contains("\"store\"")
        .contains("\"auditEvents\"");
  }

  @Test
  void catalog_buildsIrisFromTheConfiguredBase_notFromTheHostHeader() throws Exception {
    var r =
        call(
            get("http://attacker.example/catalog")
                .header("Host", "attacker.example")
                .header("X-Forwarded-Host", "attacker.example")
                .accept("text/turtle"));
    assertThat(r.getStatus()).isEqualTo(200);
    assertThat(r.getContentAsString())
        .doesNotContain("attacker.example")
        .contains("<http://localhost:8080/catalog>");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/catalog",
        "/api/register",
        "/id/organisation/northshire-county-council",
        "/register",
        "/datasets",
        "/"
      })
  void head_answersLikeGet_withoutABody_onPublicPages(String path) throws Exception {
    URI uri = URI.create("http://localhost:" + port + path);
    var got =
        http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    var head =
        http.send(
            HttpRequest.newBuilder(uri).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(got.statusCode()).isEqualTo(200);
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.headers().firstValue("Content-Type"))
        .isEqualTo(got.headers().firstValue("Content-Type"));
    assertThat(head.body()).isEmpty();
  }

  static List<String> titles(Graph g, Node dataset) {
    return g.find(dataset, DCTerms.title.asNode(), Node.ANY)
        .mapWith(t -> t.getObject().getLiteralLexicalForm())
        .toList();
  }

  static Graph parse(MockHttpServletResponse r, Lang lang) {
    Graph g = GraphFactory.createDefaultGraph();
    RDFParser.source(new ByteArrayInputStream(r.getContentAsByteArray())).lang(lang).parse(g);
    return g;
  }

  /**
   * Writes to a graph of the TDB2 dataset directly, as data stored by an older version would be.
   */
  record StoreEdit(TdbRegistryStore store, Node graph) {
    List<Node> objects(Node s, Node p) {
      return Txn.calculateRead(
          store.datasetGraph(),
          () ->
              store
                  .datasetGraph()
                  .getGraph(graph)
                  .find(s, p, Node.ANY)
                  .mapWith(t -> t.getObject())
                  .toList());
    }

    List<Node> subjects(Node p) {
      return Txn.calculateRead(
          store.datasetGraph(),
          () ->
              store
                  .datasetGraph()
                  .getGraph(graph)
                  .find(Node.ANY, p, Node.ANY)
                  .mapWith(t -> t.getSubject())
                  .toList());
    }

    void replace(Node s, Node p, List<Node> objects) {
      Txn.executeWrite(
          store.datasetGraph(),
          () -> {
            Graph g = store.datasetGraph().getGraph(graph);
            g.remove(s, p, Node.ANY);
            objects.forEach(o -> g.add(s, p, o));
          });
    }
  }
}
