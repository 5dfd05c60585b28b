package org.datasharing.registry.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** Dataset search and access requests over HTTP, on the sample data. */
@SpringBootTest
@AutoConfigureMockMvc
class SearchApiTest {
  static final String COUNCIL = AuthorizationMatrixTest.COUNCIL;
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) {
    r.add("registry.store.data-dir", () -> dir.resolve("tdb2").toString());
    r.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", () -> "http://127.0.0.1:9/jwks");
  }

  @Autowired MockMvc mvc;

  MockHttpServletResponse as(String username, MockHttpServletRequestBuilder b) throws Exception {
    String[] user = AuthorizationMatrixTest.USERS.get(username);
    return mvc.perform(user == null ? b : b.with(AuthorizationMatrixTest.token(username, user)))
        .andReturn()
        .getResponse();
  }

  JsonNode json(MockHttpServletResponse r) throws Exception {
    return JSON.readTree(r.getContentAsString());
  }

  @Test
  void search_ranksAndCounts_forASignedInPartner() throws Exception {
    MockHttpServletResponse r = as("partner.icb", get("/api/datasets").param("q", "mental health"));
    assertThat(r.getStatus()).isEqualTo(200);
    JsonNode body = json(r);
    assertThat(body.get("total").asLong()).isGreaterThanOrEqualTo(2);
    assertThat(body.at("/items/0/dataset/title").asText()).containsIgnoringCase("mental health");
    assertThat(body.at("/items/0/score").isNumber()).isTrue();
    assertThat(body.get("facets").fieldNames())
        .toIterable()
        .containsExactly(
            "publisher",
            "sector",
            "theme",
            "personalDataCategory",
            "specialCategoryData",
            "sharingCondition",
            "requiredAssurance");

    JsonNode all = json(as("partner.icb", get("/api/datasets").param("size", "100")));
    assertThat(all.get("total").asInt()).isEqualTo(44);
    assertThat(all.get("items")).hasSize(44);
    assertThat(json(as("auditor", get("/api/datasets"))).get("total").asInt()).isEqualTo(48);
    assertThat(as("anonymous", get("/api/datasets")).getStatus()).isEqualTo(401);
  }

  @Test
  void facetFilters_combineWithTheQuery() throws Exception {
    JsonNode body =
        json(
            as(
                "partner.icb",
                get("/api/datasets")
                    .param("q", "care")
                    .param("publisher", COUNCIL)
                    .param("specialCategoryData", "true")
                    .param("size", "100")));
    assertThat(body.get("total").asInt()).isPositive().isEqualTo(body.get("items").size());
    body.get("items")
        .forEach(
            h -> {
              assertThat(h.at("/dataset/publisher").asText()).isEqualTo(COUNCIL);
              assertThat(h.at("/dataset/specialCategoryData").asBoolean()).isTrue();
            });
    JsonNode selected = null;
    for (JsonNode v : body.at("/facets/publisher")) {
      if (v.get("selected").asBoolean()) {
        selected = v;
      }
    }
    assertThat(selected).isNotNull();
    assertThat(selected.get("label").asText()).isEqualTo("Northshire County Council");
  }

  @Test
  void badSearches_areProblems_namingTheParameter() throws Exception {
    assertProblem(get("/api/datasets").param("q", "title:(care"), 422, "q");
    assertProblem(get("/api/datasets").param("q", "x".repeat(501)), 422, "q");
    assertProblem(get("/api/datasets").param("colour", "blue"), 422, "colour");
    assertProblem(get("/api/datasets").param("theme", "no-such-theme"), 422, "theme");
    assertProblem(get("/api/datasets").param("size", "1000"), 422, "size");
    assertProblem(get("/api/datasets").param("page", "first"), 400, "page");
  }

  @Test
  void fuzzySearchOf400CjkCharacters_answers422NamingQ_not500() throws Exception {
    assertProblem(get("/api/datasets").param("q", "漢".repeat(400) + "~2"), 422, "q");
    assertProblem(
        get("/api/datasets").param("q", "(".repeat(100) + "care" + ")".repeat(100)), 422, "q");
  }

  void assertProblem(MockHttpServletRequestBuilder b, int status, String field) throws Exception {
    MockHttpServletResponse r = as("partner.icb", b);
    assertThat(r.getStatus()).isEqualTo(status);
    assertThat(r.getContentType()).startsWith("application/problem+json");
    assertThat(r.getContentAsString())
        .contains("\"field\":\"" + field + "\"")
        .doesNotContain("Exception");
  }

  @Test
  void accessRequest_createsADraftAgreement_forBothParties() throws Exception {
    MockHttpServletResponse created =
        as(
            "partner.icb",
            post("/api/datasets/adult-social-care-client-index/access-requests")
                .contentType(MediaType.APPLICATION_JSON)
                .content(
                    "{\"purpose\":\"direct-care\",\"purposeDescription\":\"Check for an allocated"
                        + " social worker before referral.\"}"));
    assertThat(created.getStatus()).isEqualTo(201);
    String location = created.getHeader("Location");
    assertThat(location).startsWith("/api/agreements/dsa-");

    JsonNode draft = json(as("partner.icb", get(location)));
    assertThat(draft.get("status").asText()).isEqualTo("DRAFT");
    assertThat(draft.at("/content/fields/datasets/0").asText())
        .isEqualTo("adult-social-care-client-index");
    assertThat(draft.at("/content/fields/dataItems")).isNotEmpty();
    assertThat(draft.at("/content/fields/requiredAssurance/0").asText()).isEqualTo("dspt");
    assertThat(as("dpo.council", get(location)).getStatus()).isEqualTo(200);
    assertThat(as("dpo.trust", get(location)).getStatus()).isEqualTo(403);

    MockHttpServletResponse refused =
        as(
            "partner.icb",
            post("/api/datasets/adult-social-care-client-index/access-requests")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"purpose\":\"research\",\"purposeDescription\":\"A study.\"}"));
    assertThat(refused.getStatus()).isEqualTo(422);
    assertThat(refused.getContentAsString()).contains("\"field\":\"purpose\"");
    assertThat(
            as(
                    "partner.icb",
                    post("/api/datasets/child-protection-plans/access-requests")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"purpose\":\"safeguarding\",\"purposeDescription\":\"x\"}"))
                .getStatus())
        .isEqualTo(404);
    assertThat(
            as(
                    "anonymous",
                    post("/api/datasets/adult-social-care-client-index/access-requests")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{}"))
                .getStatus())
        .isEqualTo(401);
  }

  @Test
  void catalogueImport_isSearchableStraightAway() throws Exception {
    byte[] file =
        getClass().getResourceAsStream("/catalog-import/winter-pressures.ttl").readAllBytes();
    MockHttpServletResponse imported =
        as("admin", post("/api/datasets/import").contentType("text/turtle").content(file));
    assertThat(imported.getStatus()).isEqualTo(200);
    assertThat(json(imported).get("created").asInt()).isEqualTo(1);
    JsonNode found = json(as("partner.icb", get("/api/datasets").param("q", "winter beds")));
    assertThat(found.at("/items/0/dataset/id").asText()).isEqualTo("winter-pressures-bed-state");

    MockHttpServletResponse broken =
        as("admin", post("/api/datasets/import").contentType("text/turtle").content("<a> <b> ."));
    assertThat(broken.getStatus()).isEqualTo(422);
    assertThat(broken.getContentAsString()).contains("\"field\":\"file\"");
    assertThat(
            as("partner.icb", post("/api/datasets/import").contentType("text/turtle").content(file))
                .getStatus())
        .isEqualTo(403);
  }

  @Test
  void searchIndex_isRebuiltOnDemand_byAnAdministrator() throws Exception {
    MockHttpServletResponse r = as("admin", post("/api/datasets/search-index"));
    assertThat(r.getStatus()).isEqualTo(200);
    assertThat(json(r).get("indexed").asInt()).isGreaterThanOrEqualTo(48);
    assertThat(as("partner.icb", post("/api/datasets/search-index")).getStatus()).isEqualTo(403);
  }
}
