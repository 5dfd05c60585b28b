package org.datasharing.registry.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.datasharing.registry.web.platform.Problems;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The API reference lists, for every operation, a success and the problem+json responses it really
 * answers with; a sample of real calls only ever gets documented statuses.
 */
@SpringBootTest
@AutoConfigureMockMvc
class OpenApiErrorResponsesTest {
  @TempDir static Path dir;

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) {
    r.add("registry.store.data-dir", () -> dir.resolve("tdb2").toString());
    r.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", () -> "http://127.0.0.1:9/jwks");
  }

  @Autowired MockMvc mvc;
  JsonNode paths;

  @BeforeEach
  void readTheReference() throws Exception {
    String docs = mvc.perform(get("/v3/api-docs")).andReturn().getResponse().getContentAsString();
    JsonNode root = JsonMapper.builder().build().readTree(docs);
    assertThat(root.path("components").path("schemas").has("Problem")).isTrue();
    paths = root.path("paths");
  }

  /** "METHOD /path" of every documented operation. */
  List<String> operations() {
    List<String> ops = new ArrayList<>();
    for (var path : paths.properties()) {
      for (var op : path.getValue().properties()) {
        ops.add(op.getKey().toUpperCase() + " " + path.getKey());
      }
    }
    return ops;
  }

  JsonNode operation(String op) {
    String[] parts = op.split(" ", 2);
    return paths.path(parts[1]).path(parts[0].toLowerCase());
  }

  Set<Integer> documented(String op) {
    Set<Integer> codes = new TreeSet<>();
    operation(op).path("responses").propertyNames().forEach(c -> codes.add(Integer.parseInt(c)));
    return codes;
  }

  @Test
  void everyOperation_documentsASuccessAndItsProblemResponsesAsProblemDetails() {
    List<String> missing = new ArrayList<>();
    for (String op : operations()) {
      JsonNode node = operation(op);
      Set<Integer> codes = documented(op);
      if (codes.stream().noneMatch(c -> c >= 200 && c < 300)) {
        missing.add(op + ": no success response");
      }
      Set<Integer> needed = new LinkedHashSet<>();
      for (JsonNode p : node.path("parameters")) {
        if (p.path("in").asString().equals("path")) {
          needed.add(404);
        }
      }
      if (node.has("requestBody")) {
        needed.addAll(List.of(400, 413, 422));
      }
      if (!op.startsWith("GET ")) {
        needed.addAll(List.of(409, 422));
      }
      if (op.contains(" /api/admin/") || op.startsWith("GET /api/audit/events")) {
        needed.add(403);
      }
      if (op.contains(" /api/admin/organisations") || op.contains(" /api/admin/reconciliation")) {
        needed.addAll(List.of(502, 503)); // Keycloak's admin API
      }
      if (op.endsWith(" /sparql")) {
        needed.addAll(List.of(400, 406, 413, 422, 429, 503));
      }
      for (int c : needed) {
        if (!codes.contains(c)) {
          missing.add(op + ": no " + c);
        }
      }
      for (int c : codes) {
        if (c < 400) {
          continue;
        }
        JsonNode content = node.path("responses").path(String.valueOf(c)).path("content");
        JsonNode problem = content.path("application/problem+json");
        if (!problem.path("schema").path("$ref").asString().endsWith("/Problem")) {
          missing.add(op + ": " + c + " is not a Problem");
        }
        JsonNode example = problem.path("example");
        if (example.path("status").asInt() != c
            || !example.path("type").asString().startsWith(Problems.TYPES)) {
          missing.add(op + ": " + c + " has no problem example");
        }
      }
    }
    assertThat(operations()).hasSizeGreaterThan(50);
    assertThat(missing).isEmpty();
  }

  @Test
  void everyOperation_documents401_exactlyWhenAnAnonymousCallerIsRefused() throws Exception {
    List<String> wrong = new ArrayList<>();
    for (String op : operations()) {
      String[] parts = op.split(" ", 2);
      String uri = parts[1].replaceAll("\\{[^}]*}", "x");
      MockHttpServletRequestBuilder b = request(HttpMethod.valueOf(parts[0]), uri);
      if (!parts[0].equals("GET")) {
        b.contentType(MediaType.APPLICATION_JSON).content("{}");
      }
      int status = mvc.perform(b).andReturn().getResponse().getStatus();
      boolean says401 = documented(op).contains(401);
      if ((status == 401) != says401) {
        wrong.add(op + " answered " + status + " but documents " + documented(op));
      }
    }
    assertThat(wrong).isEmpty();
  }

  /** Calls whose status must be one the operation documents (the reverse: see below). */
  @Test
  void aSampleOfCalls_answerOnlyWithStatusesTheirOperationDocuments() throws Exception {
    String agreement =
        "{\"id\":\"dsa-openapi\",\"fields\":{\"title\":\"OpenAPI\"},\"parties\":[{\"organisation\":"
            + "\"northshire-integrated-care-board\",\"role\":\"controller\"}]}";
    Map<String, Integer> createAgreement = new java.util.LinkedHashMap<>();
    createAgreement.put("anonymous", status(null, post("/api/agreements").content(agreement)));
    createAgreement.put(
        "created", status("partner.icb", post("/api/agreements").content(agreement)));
    createAgreement.put("again", status("partner.icb", post("/api/agreements").content(agreement)));
    createAgreement.put("not json", status("partner.icb", post("/api/agreements").content("{")));
    createAgreement.put(
        "another organisation's",
        status("partner.council", post("/api/agreements").content(agreement)));
    createAgreement.put(
        "bad identifier",
        status("partner.icb", post("/api/agreements").content(agreement.replace("dsa-", "DSA "))));
    createAgreement.put(
        "too large",
        status(
            "partner.icb",
            post("/api/agreements")
                .content("{\"fields\":{\"title\":\"" + "x".repeat(1_100_000) + "\"}}")));
    // the reverse, for this operation: each status it documents is one a call reached
    assertThat(new TreeSet<>(createAgreement.values()))
        .as("POST /api/agreements: %s", createAgreement)
        .isEqualTo(documented("POST /api/agreements"));

    record Call(String op, String user, MockHttpServletRequestBuilder request) {}
    List<Call> calls =
        List.of(
            new Call(
                "GET /api/agreements/{id}",
                "partner.icb",
                get("/api/agreements/dsa-no-such-agreement")),
            new Call(
                "GET /api/agreements/{id}/versions/{number}",
                "partner.icb",
                get("/api/agreements/dsa-openapi/versions/one")),
            new Call(
                "POST /api/agreements/{id}/submit",
                "partner.icb",
                post("/api/agreements/dsa-openapi/submit")),
            new Call(
                "POST /api/agreements/{id}/decisions",
                "partner.icb",
                post("/api/agreements/dsa-openapi/decisions")
                    .content("{\"version\":1,\"contentHash\":\"00\",\"outcome\":\"approve\"}")),
            new Call(
                "DELETE /api/agreements/{id}",
                "partner.icb",
                request(HttpMethod.DELETE, "/api/agreements/dsa-openapi")),
            new Call("GET /api/audit/events", "partner.icb", get("/api/audit/events")),
            new Call(
                "GET /api/audit/proofs/consistency",
                "auditor",
                get("/api/audit/proofs/consistency")),
            new Call(
                "POST /api/admin/organisations",
                "admin",
                post("/api/admin/organisations")
                    .content(
                        "{\"id\":\"northshire-fire\",\"name\":\"Northshire Fire\",\"type\":\"fire-and-rescue\",\"sector\":\"fire\"}")),
            new Call("GET /api/register", null, get("/api/register?format=bogus")),
            new Call("GET /api/register", null, get("/api/register").accept("image/png")),
            new Call("GET /sparql", null, get("/sparql?query=SELECT")));
    List<String> undocumented = new ArrayList<>();
    for (Call c : calls) {
      int status = status(c.user(), c.request());
      assertThat(status).as(c.op()).isGreaterThanOrEqualTo(200);
      if (!documented(c.op()).contains(status)) {
        undocumented.add(c.op() + " answered " + status + ", documents " + documented(c.op()));
      }
    }
    assertThat(undocumented).isEmpty();
  }

  int status(String user, MockHttpServletRequestBuilder b) throws Exception {
    b.contentType(MediaType.APPLICATION_JSON);
    if (user != null) {
      b.with(AuthorizationMatrixTest.token(user, AuthorizationMatrixTest.USERS.get(user)));
    }
    return mvc.perform(b).andReturn().getResponse().getStatus();
  }
}
