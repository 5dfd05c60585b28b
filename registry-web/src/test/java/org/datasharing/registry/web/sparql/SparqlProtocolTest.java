package org.datasharing.registry.web.sparql;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.datasharing.registry.web.security.Actors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.JwtRequestPostProcessor;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;

/**
 * The SPARQL 1.1 Protocol cases that matter here (after the W3C protocol tests: query via GET, POST
 * form and POST direct; dataset parameters; bad requests) plus the registry's own refusals, formats
 * and the query pack listing, against the sample data.
 */
@SpringBootTest
@AutoConfigureMockMvc
class SparqlProtocolTest {
  @TempDir static Path dir;

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) {
    r.add("registry.store.data-dir", () -> dir.resolve("tdb2").toString());
    // tokens are made by the test; the decoder is never asked to fetch keys
    r.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", () -> "http://127.0.0.1:9/jwks");
  }

  static final String COUNCIL = "northshire-county-council";
  static final String ORGANISATIONS = "https://w3id.org/dsr/graph/organisations";
  static final String COUNT_ORGS =
      "SELECT (COUNT(DISTINCT ?o) AS ?n)"
          + " { ?o a <http://www.w3.org/ns/org#FormalOrganization> }";
  static final String SOME_TITLES =
      "CONSTRUCT { ?d <http://purl.org/dc/terms/title> ?t } WHERE { ?d a"
          + " <http://www.w3.org/ns/dcat#Dataset> ; <http://purl.org/dc/terms/title> ?t } LIMIT 2";

  @Autowired MockMvc mvc;

  // ---------------------------------------------------------------- the three ways to send it

  @Test
  void get_withQueryParameter_answersSparqlJson() throws Exception {
    var r = call(get("/sparql").param("query", COUNT_ORGS));
    assertThat(r.getStatus()).isEqualTo(200);
    assertThat(r.getContentType()).isEqualTo("application/sparql-results+json");
    assertThat(r.getHeader("Vary")).contains("Accept");
    assertThat(body(r)).contains("\"n\"").contains("\"value\": \"11\"");
  }

  @Test
  void postForm_answers() throws Exception {
    var r =
        call(
            post("/sparql")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .param("query", COUNT_ORGS)
                .accept("text/csv"));
    assertThat(r.getStatus()).isEqualTo(200);
    assertThat(body(r)).isEqualTo("n\r\n11\r\n");
  }

  @Test
  void postDirect_answers() throws Exception {
    var r =
        call(
            post("/sparql")
                .contentType("application/sparql-query")
                .content(COUNT_ORGS)
                .accept("text/tab-separated-values"));
    assertThat(r.getStatus()).isEqualTo(200);
    assertThat(r.getContentType()).startsWith("text/tab-separated-values");
    assertThat(body(r)).startsWith("?n\n11");
  }

  // ---------------------------------------------------------------- dataset parameters

  @Test
  void defaultGraphUri_makesThatGraphTheDefaultGraph() throws Exception {
    String q = "SELECT (COUNT(*) AS ?n) { ?s a <http://www.w3.org/ns/dcat#Dataset> }";
    assertThat(csv(get("/sparql").param("query", q).param("default-graph-uri", ORGANISATIONS)))
        .isEqualTo("n\r\n0\r\n");
    assertThat(
            csv(
                post("/sparql?default-graph-uri={g}", "https://w3id.org/dsr/graph/catalog")
                    .contentType("application/sparql-query")
                    .content(q)))
        .isEqualTo("n\r\n44\r\n");
  }

  @Test
  void namedGraphUri_limitsTheNamedGraphs_andAHiddenOrUnknownGraphIsEmpty() throws Exception {
    String q = "SELECT DISTINCT ?g { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g";
    String agreement = "http://localhost:8080/id/agreement/dsa-hospital-discharge";
    var both =
        post("/sparql")
            .contentType(MediaType.APPLICATION_FORM_URLENCODED)
            .param("query", q)
            .param("named-graph-uri", ORGANISATIONS, agreement, "http://example.org/nothing");
    assertThat(csv(both)).isEqualTo("g\r\n" + ORGANISATIONS + "\r\n");
    assertThat(csv(both.with(token("dpo.council", "dpo", COUNCIL))))
        .isEqualTo("g\r\n" + agreement + "\r\n" + ORGANISATIONS + "\r\n");
  }

  @Test
  void protocolDataset_overridesTheQuerysFrom() throws Exception {
    String q =
        "SELECT (COUNT(*) AS ?n) FROM <https://w3id.org/dsr/graph/catalog>"
            + " { ?s a <http://www.w3.org/ns/dcat#Dataset> }";
    assertThat(csv(get("/sparql").param("query", q))).isEqualTo("n\r\n44\r\n");
    assertThat(csv(get("/sparql").param("query", q).param("default-graph-uri", ORGANISATIONS)))
        .isEqualTo("n\r\n0\r\n");
  }

  // ---------------------------------------------------------------- who sees what

  @Test
  void tokens_decideTheGraphs_andAnInvalidTokenIsRefused() throws Exception {
    String q =
        "ASK { GRAPH <http://localhost:8080/id/agreement/dsa-mash-safeguarding> { ?s ?p ?o } }";
    assertThat(body(call(get("/sparql").param("query", q)))).contains("false");
    assertThat(
            body(call(get("/sparql").param("query", q).with(token("dpo.council", "dpo", COUNCIL)))))
        .contains("true");
    String audit = "ASK { GRAPH <https://w3id.org/dsr/graph/audit> { ?s ?p ?o } }";
    assertThat(
            body(
                call(get("/sparql").param("query", audit).with(token("auditor", "auditor", null)))))
        .contains("true");
    var bad = call(get("/sparql").param("query", q).header("Authorization", "Bearer not-a-jwt"));
    assertThat(bad.getStatus()).isEqualTo(401);
    assertThat(bad.getContentType()).startsWith("application/problem+json");
    assertThat(bad.getHeader("WWW-Authenticate")).startsWith("Bearer");
  }

  @Test
  void pageLogin_session_isHonoured_withoutCreatingSessions() throws Exception {
    String q =
        "ASK { GRAPH <http://localhost:8080/id/agreement/dsa-mash-safeguarding> { ?s ?p ?o } }";
    Map<String, Object> claims =
        Map.of(
            "sub",
            "sub-dpo.council",
            "preferred_username",
            "dpo.council",
            "realm_access",
            Map.of("roles", List.of("dpo")),
            "organization",
            List.of(COUNCIL));
    var user =
        new DefaultOidcUser(
            List.of(),
            new OidcIdToken("id-token", Instant.now(), Instant.now().plusSeconds(300), claims),
            "preferred_username");
    MockHttpSession session = new MockHttpSession();
    session.setAttribute(
        HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY,
        new SecurityContextImpl(new OAuth2AuthenticationToken(user, List.of(), "keycloak")));
    assertThat(body(call(get("/sparql").param("query", q).session(session)))).contains("true");

    var anonymous = mvc.perform(get("/sparql").param("query", q)).andReturn();
    assertThat(body(anonymous.getResponse())).contains("false");
    assertThat(anonymous.getRequest().getSession(false)).isNull();
  }

  // ---------------------------------------------------------------- formats

  @Test
  void select_and_ask_answerInEachResultsFormat() throws Exception {
    String q = "SELECT ?id { ?o <http://purl.org/dc/terms/identifier> ?id } ORDER BY ?id LIMIT 1";
    for (var format :
        Map.of(
                "application/sparql-results+json", "\"bindings\"",
                "application/sparql-results+xml", "<sparql",
                "text/csv", "id\r\n",
                "text/tab-separated-values", "?id\n")
            .entrySet()) {
      var r = call(get("/sparql").param("query", q).accept(format.getKey()));
      assertThat(r.getStatus()).as(format.getKey()).isEqualTo(200);
      assertThat(r.getContentType()).as(format.getKey()).startsWith(format.getKey());
      assertThat(body(r)).as(format.getKey()).contains(format.getValue());
    }
    var ask =
        call(
            get("/sparql")
                .param("query", "ASK { ?s ?p ?o }")
                .accept("application/sparql-results+xml"));
    assertThat(body(ask)).contains("<boolean>true</boolean>");
  }

  @Test
  void construct_and_describe_answerInEachRdfFormat() throws Exception {
    for (var format :
        Map.of(
                "text/turtle", "<http://purl.org/dc/terms/title>",
                "application/ld+json", "\"@id\"",
                "application/n-triples", "<http://purl.org/dc/terms/title>")
            .entrySet()) {
      var r = call(get("/sparql").param("query", SOME_TITLES).accept(format.getKey()));
      assertThat(r.getStatus()).as(format.getKey()).isEqualTo(200);
      assertThat(r.getContentType()).as(format.getKey()).startsWith(format.getKey());
      assertThat(body(r)).as(format.getKey()).contains(format.getValue());
    }
    var describe = call(get("/sparql").param("query", "DESCRIBE <organisation/northshire-police>"));
    assertThat(describe.getContentType()).startsWith("text/turtle");
    assertThat(body(describe)).contains("northshire-police");
  }

  @Test
  void unsupportedAccept_isNotAcceptable_asProblemJson() throws Exception {
    var r = call(get("/sparql").param("query", SOME_TITLES).accept("text/csv"));
    assertThat(r.getStatus()).isEqualTo(406);
    assertThat(r.getContentType()).startsWith("application/problem+json");
    assertThat(body(r)).contains("text/turtle");
  }

  // ---------------------------------------------------------------- refusals and bad requests

  @Test
  void update_isRefused_howeverItIsSent() throws Exception {
    String insert = "INSERT DATA { <urn:a> <urn:b> <urn:c> }";
    for (RequestBuilder b :
        List.of(
            get("/sparql").param("query", insert),
            post("/sparql")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .param("update", insert),
            post("/sparql").contentType("application/sparql-update").content(insert),
            post("/sparql").contentType("application/sparql-query").content(insert),
            post("/sparql")
                .contentType("application/sparql-query")
                .content("LOAD <http://example.org/x>"))) {
      var r = call(b);
      assertThat(r.getStatus()).isEqualTo(400);
      assertThat(r.getContentType()).startsWith("application/problem+json");
      assertThat(body(r)).containsAnyOf("SPARQL Update is refused", "LOAD is refused");
    }
  }

  @Test
  void service_isRefused() throws Exception {
    var r =
        call(
            get("/sparql")
                .param("query", "SELECT * { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"));
    assertThat(r.getStatus()).isEqualTo(400);
    assertThat(body(r)).contains("SERVICE is refused").contains("\"field\":\"query\"");
  }

  @Test
  void syntaxError_isA400_withTheParsersLineAndColumn() throws Exception {
    var r = call(get("/sparql").param("query", "SELECT ?s\nWHERE {\n  ?s ?p\n}"));
    assertThat(r.getStatus()).isEqualTo(400);
    assertThat(r.getContentType()).startsWith("application/problem+json");
    assertThat(body(r))
        .contains("\"line\":4")
        .contains("\"column\":1")
        .contains("https://w3id.org/dsr/problems/sparql-syntax")
        .doesNotContain("Exception")
        .doesNotContain("at org.");
  }

  @Test
  void missingRepeatedOrWronglyTypedQuery_isABadRequest() throws Exception {
    assertThat(call(get("/sparql")).getStatus()).isEqualTo(400);
    assertThat(call(get("/sparql").param("query", "ASK {}", "ASK {}")).getStatus()).isEqualTo(400);
    assertThat(call(post("/sparql").contentType("text/plain").content("ASK {}")).getStatus())
        .isEqualTo(415);
    assertThat(call(post("/sparql").content("ASK {}")).getStatus()).isEqualTo(415);
    assertThat(
            call(post("/sparql")
                    .contentType("application/sparql-query; charset=ISO-8859-1")
                    .content("ASK {}"))
                .getStatus())
        .isEqualTo(415);
    assertThat(
            call(put("/sparql").contentType("application/sparql-query").content("ASK {}"))
                .getStatus())
        .isEqualTo(405);
  }

  @Test
  void requestLargerThan64KB_isContentTooLarge() throws Exception {
    String big = "ASK { ?s ?p ?o } #" + "x".repeat(70 * 1024);
    for (RequestBuilder b :
        List.of(
            post("/sparql").contentType("application/sparql-query").content(big),
            post("/sparql").contentType(MediaType.APPLICATION_FORM_URLENCODED).param("query", big),
            get("/sparql?query={q}", big))) {
      var r = call(b);
      assertThat(r.getStatus()).isEqualTo(413);
      assertThat(r.getContentType()).startsWith("application/problem+json");
    }
  }

  // ---------------------------------------------------------------- the query pack

  @Test
  void queryPack_isListedForAuditorsOnly_andEachQueryRunsAtTheEndpoint() throws Exception {
    var auditor = token("auditor", "auditor", null);
    var list = call(get("/api/audit/queries").with(auditor));
    assertThat(list.getStatus()).isEqualTo(200);
    assertThat(body(list)).contains("\"name\":\"approvals-per-dpo\"").contains("\"parameters\"");
    assertThat(
            call(get("/api/audit/queries").with(token("dpo.council", "dpo", COUNCIL))).getStatus())
        .isEqualTo(403);
    assertThat(call(get("/api/audit/queries")).getStatus()).isEqualTo(401);
    assertThat(call(get("/api/audit/queries/no-such-query").with(auditor)).getStatus())
        .isEqualTo(404);

    var text =
        call(get("/api/audit/queries/datasets-shared-with-most-organisations").with(auditor));
    assertThat(text.getContentType()).startsWith("application/sparql-query");
    var run =
        call(
            post("/sparql")
                .contentType("application/sparql-query")
                .content(body(text))
                .accept("text/csv")
                .with(auditor));
    assertThat(run.getStatus()).isEqualTo(200);
    assertThat(body(run).lines().skip(1).findFirst().orElseThrow())
        .startsWith("http://localhost:8080/id/dataset/community-mental-health-caseload,");
  }

  // ---------------------------------------------------------------- helpers

  MockHttpServletResponse call(RequestBuilder request) throws Exception {
    return mvc.perform(request).andReturn().getResponse();
  }

  String csv(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder b)
      throws Exception {
    var r = call(b.accept("text/csv"));
    assertThat(r.getStatus()).as(body(r)).isEqualTo(200);
    return body(r);
  }

  static String body(MockHttpServletResponse r) throws Exception {
    return r.getContentAsString(UTF_8);
  }

  static JwtRequestPostProcessor token(String username, String role, String organisation) {
    return jwt()
        .jwt(
            j -> {
              j.subject("sub-" + username)
                  .claim("preferred_username", username)
                  .claim("realm_access", Map.of("roles", List.of(role, "default-roles-registry")));
              if (organisation != null) {
                j.claim("organization", List.of(organisation));
              }
            })
        .authorities(Actors::authorities);
  }
}
