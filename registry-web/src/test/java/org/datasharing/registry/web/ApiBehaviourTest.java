package org.datasharing.registry.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

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

/** Linked-data views, OpenAPI and request limits, on the sample data. */
@SpringBootTest
@AutoConfigureMockMvc
class ApiBehaviourTest {
  @TempDir static Path dir;

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) {
    r.add("registry.store.data-dir", () -> dir.resolve("tdb2").toString());
    r.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", () -> "http://127.0.0.1:9/jwks");
  }

  @Autowired MockMvc mvc;

  MockHttpServletResponse call(MockHttpServletRequestBuilder b) throws Exception {
    return mvc.perform(b).andReturn().getResponse();
  }

  MockHttpServletResponse as(String username, MockHttpServletRequestBuilder b) throws Exception {
    return call(
        b.with(
            AuthorizationMatrixTest.token(username, AuthorizationMatrixTest.USERS.get(username))));
  }

  @Test
  void organisationIri_negotiatesEveryRdfFormat_andHtml() throws Exception {
    String iri = "/id/organisation/northshire-county-council";
    var turtle = call(get(iri).accept("text/turtle"));
    assertThat(turtle.getStatus()).isEqualTo(200);
    assertThat(turtle.getContentType()).startsWith("text/turtle");
    assertThat(turtle.getContentAsString())
        .contains("Northshire County Council")
        .contains("org:FormalOrganization");
    assertThat(call(get(iri).accept("application/ld+json")).getContentAsString())
        .contains("\"@context\"");
    assertThat(call(get(iri).accept("application/n-triples")).getContentAsString())
        .contains(
            "<http://localhost:8080/id/organisation/northshire-county-council> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type>");
    assertThat(call(get(iri).accept("application/rdf+xml")).getContentAsString())
        .contains("rdf:RDF");
    var html = call(get(iri).accept("text/html,application/xhtml+xml;q=0.9,*/*;q=0.8"));
    assertThat(html.getContentType()).startsWith("text/html");
    assertThat(html.getContentAsString())
        .contains("class=\"govuk-template\"")
        .contains("<h1 class=\"govuk-heading-l\">Northshire County Council</h1>")
        .contains("href=\"/id/organisation/northshire-county-council?format=turtle\"");
    assertThat(call(get(iri).param("format", "jsonld").accept("text/html")).getContentType())
        .startsWith("application/ld+json");
    assertThat(call(get(iri).param("format", "pdf")).getStatus()).isEqualTo(400);
    assertThat(
            call(get("/id/agreement/dsa-hospital-discharge").accept("text/html"))
                .getContentAsString())
        .contains(
            "<h1 class=\"govuk-heading-xl\">Hospital Discharge and Reablement Information Sharing</h1>");
    assertThat(call(get(iri).accept("application/pdf")).getStatus()).isEqualTo(406);
  }

  @Test
  void problems_haveOneTypePerFailure_whicheverPartAnswers() throws Exception {
    String problems = "https://w3id.org/dsr/problems/";
    // 403 from the security chain and from a core result
    var byFilter = as("dpo.council", get("/api/audit/events"));
    assertThat(byFilter.getStatus()).isEqualTo(403);
    assertThat(byFilter.getContentType()).startsWith("application/problem+json");
    assertThat(byFilter.getContentAsString())
        .contains("\"type\":\"" + problems + "forbidden\"")
        .contains("\"instance\":\"/api/audit/events\"");
    // 401 from the security chain
    assertThat(call(get("/api/agreements")).getContentAsString())
        .contains("\"type\":\"" + problems + "unauthorized\"");
    // 406 from the catalogue, linked data and the register, naming Accept
    for (String path :
        new String[] {"/catalog", "/id/organisation/northshire-county-council", "/api/register"}) {
      var r = call(get(path).accept("application/pdf"));
      assertThat(r.getStatus()).as(path).isEqualTo(406);
      assertThat(r.getContentType()).as(path).startsWith("application/problem+json");
      assertThat(r.getContentAsString())
          .as(path)
          .contains("\"type\":\"" + problems + "not-acceptable\"")
          .contains("\"field\":\"Accept\"");
    }
    // 400 naming the format parameter, and 404, from linked data
    var format = call(get("/id/organisation/northshire-county-council").param("format", "pdf"));
    assertThat(format.getContentAsString())
        .contains("\"type\":\"" + problems + "bad-request\"")
        .contains("\"field\":\"format\"");
    assertThat(call(get("/id/organisation/no-such-organisation")).getContentAsString())
        .contains("\"type\":\"" + problems + "not-found\"");
  }

  @Test
  void draftAgreementIri_isHiddenFromThePublicAndNonParties_butNotFromItsParties()
      throws Exception {
    String draft = "/id/agreement/dsa-carers-support-referrals";
    assertThat(call(get(draft)).getStatus()).isEqualTo(404);
    assertThat(as("dpo.trust", get(draft)).getStatus()).isEqualTo(404);
    var party = as("dpo.council", get(draft).accept("text/turtle"));
    assertThat(party.getStatus()).isEqualTo(200);
    assertThat(party.getContentAsString()).contains("dsr:Draft");
  }

  @Test
  void activeAgreementIri_showsThePublicFields_withoutContactDetails() throws Exception {
    var r = call(get("/id/agreement/dsa-hospital-discharge").accept("text/turtle"));
    assertThat(r.getStatus()).isEqualTo(200);
    assertThat(r.getContentAsString())
        .contains("dsr:Active")
        .contains("dsr:lawfulBasis")
        .doesNotContain("contactEmail");
  }

  @Test
  void hiddenDatasetIri_isNotFoundForThePublic() throws Exception {
    assertThat(call(get("/id/dataset/child-protection-plans")).getStatus()).isEqualTo(404);
    assertThat(as("auditor", get("/id/dataset/child-protection-plans")).getStatus()).isEqualTo(200);
  }

  @Test
  void evidenceBundle_isAZipForAuditors_only() throws Exception {
    var r = as("auditor", get("/api/audit/evidence/dsa-hospital-discharge"));
    assertThat(r.getStatus()).isEqualTo(200);
    assertThat(r.getContentType()).isEqualTo("application/zip");
    assertThat(r.getHeader("Content-Disposition")).contains("evidence-dsa-hospital-discharge.zip");
    java.util.List<String> names = new java.util.ArrayList<>();
    try (var zip =
        new java.util.zip.ZipInputStream(
            new java.io.ByteArrayInputStream(r.getContentAsByteArray()))) {
      for (var e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
        names.add(e.getName());
      }
    }
    assertThat(names)
        .contains("agreement.trig", "audit-events.trig", "evidence.json", "SUMMARY.txt");
    assertThat(as("dpo.council", get("/api/audit/evidence/dsa-hospital-discharge")).getStatus())
        .isEqualTo(403);
    assertThat(as("auditor", get("/api/audit/evidence/no-such-agreement")).getStatus())
        .isEqualTo(404);
  }

  @Test
  void openApi_describesTheEndpoints() throws Exception {
    var r = call(get("/v3/api-docs"));
    assertThat(r.getStatus()).isEqualTo(200);
    assertThat(r.getContentAsString())
        .contains("/api/agreements/{id}/decisions")
        .contains("/api/audit/proofs/consistency")
        .contains("/api/register");
  }

  @Test
  void oversizedBody_isRefusedWith413() throws Exception {
    String big = "{\"fields\":{\"title\":\"" + "x".repeat(1_100_000) + "\"}}";
    var r =
        as(
            "partner.icb",
            post("/api/agreements").contentType(MediaType.APPLICATION_JSON).content(big));
    assertThat(r.getStatus()).isEqualTo(413);
    assertThat(r.getContentType()).startsWith("application/problem+json");
  }

  @Test
  void createDraft_givingAnotherPartysLawfulBasis_is403_andCreatesNothing() throws Exception {
    String body =
        "{\"id\":\"dsa-for-others\",\"fields\":{\"title\":\"For others\"},\"parties\":["
            + "{\"organisation\":\"northshire-integrated-care-board\",\"role\":\"controller\","
            + "\"lawfulBasis\":\"public-task\"},"
            + "{\"organisation\":\"northshire-nhs-foundation-trust\",\"role\":\"controller\","
            + "\"lawfulBasis\":\"public-task\"}]}";
    var refused =
        as(
            "partner.icb",
            post("/api/agreements").contentType(MediaType.APPLICATION_JSON).content(body));
    assertThat(refused.getStatus()).isEqualTo(403);
    assertThat(refused.getContentType()).startsWith("application/problem+json");
    assertThat(refused.getContentAsString())
        .contains("Party 2")
        .contains("northshire-nhs-foundation-trust")
        .contains("lawfulBasis");
    assertThat(as("partner.icb", get("/api/agreements/dsa-for-others")).getStatus()).isEqualTo(404);

    // naming the trust and its role, with only the ICB's own answers, is a draft
    String named = body.replace(",\"lawfulBasis\":\"public-task\"}]}", "}]}");
    var created =
        as(
            "partner.icb",
            post("/api/agreements").contentType(MediaType.APPLICATION_JSON).content(named));
    assertThat(created.getStatus()).isEqualTo(201);
  }

  @Test
  void draftAndSubmit_overTheApi_namesTheMissingFields() throws Exception {
    String body =
        "{\"id\":\"dsa-api-test\",\"fields\":{\"title\":\"Test\"},\"parties\":[{\"organisation\":\"northshire-integrated-care-board\",\"role\":\"controller\"}]}";
    var created =
        as(
            "partner.icb",
            post("/api/agreements").contentType(MediaType.APPLICATION_JSON).content(body));
    assertThat(created.getStatus()).isEqualTo(201);
    assertThat(created.getHeader("Location")).isEqualTo("/api/agreements/dsa-api-test");
    var submitted = as("partner.icb", post("/api/agreements/dsa-api-test/submit"));
    assertThat(submitted.getStatus()).isEqualTo(422);
    assertThat(submitted.getContentAsString())
        .contains("\"field\":\"sanctions\"")
        .contains("\"field\":\"parties[0].lawfulBasis\"");
    var unknown =
        as(
            "partner.icb",
            post("/api/agreements")
                .contentType(MediaType.APPLICATION_JSON)
                .content(
                    "{\"fields\":{\"colour\":\"blue\"},\"parties\":[{\"organisation\":\"northshire-integrated-care-board\"}]}"));
    assertThat(unknown.getStatus()).isEqualTo(422);
    assertThat(unknown.getContentAsString()).contains("\"field\":\"colour\"");
  }

  @Test
  void decision_namesTheHashRead_missingIs422_anotherTextIs409_theVersionsIs201() throws Exception {
    String path = "/api/agreements/dsa-high-intensity-use";
    String hash =
        tools.jackson.databind.json.JsonMapper.builder()
            .build()
            .readTree(as("dpo.trust", get(path + "/versions/1")).getContentAsString())
            .get("contentHash")
            .asText();
    String before = as("dpo.trust", get(path)).getContentAsString();
    var missing = decide(path, "{\"version\":1,\"outcome\":\"approve\"}");
    assertThat(missing.getStatus()).isEqualTo(422);
    assertThat(missing.getContentType()).startsWith("application/problem+json");
    assertThat(missing.getContentAsString()).contains("\"field\":\"contentHash\"");
    var other =
        decide(
            path,
            "{\"version\":1,\"contentHash\":\"" + "0".repeat(64) + "\",\"outcome\":\"approve\"}");
    assertThat(other.getStatus()).isEqualTo(409);
    assertThat(other.getContentAsString()).contains("You read a different text");
    assertThat(as("dpo.trust", get(path)).getContentAsString()).isEqualTo(before);
    var read =
        decide(path, "{\"version\":1,\"contentHash\":\"" + hash + "\",\"outcome\":\"approve\"}");
    assertThat(read.getStatus()).isEqualTo(201);
    assertThat(read.getContentAsString()).contains(hash);
  }

  MockHttpServletResponse decide(String path, String json) throws Exception {
    return as(
        "dpo.trust",
        post(path + "/decisions").contentType(MediaType.APPLICATION_JSON).content(json));
  }

  @Test
  void assuranceRecordedByTheDpo_thenTheirApprovalIsAccepted() throws Exception {
    String org = "/api/organisations/northshire-integrated-care-board";
    String expired =
        "[{\"scheme\":\"dspt\",\"level\":\"Standards Met\",\"year\":\"2024-25\","
            + "\"validFrom\":\"2024-07-01\",\"validUntil\":\"2025-06-30\"}]";
    assertThat(as("dpo.icb", put(org + "/assurances", expired)).getStatus()).isEqualTo(200);
    // another organisation's DPO cannot record it
    assertThat(as("dpo.council", put(org + "/assurances", expired)).getStatus()).isEqualTo(403);

    String path = "/api/agreements/dsa-high-intensity-use";
    String hash =
        tools.jackson.databind.json.JsonMapper.builder()
            .build()
            .readTree(as("dpo.icb", get(path + "/versions/1")).getContentAsString())
            .get("contentHash")
            .asText();
    String approve = "{\"version\":1,\"contentHash\":\"" + hash + "\",\"outcome\":\"approve\"}";
    var refused =
        as(
            "dpo.icb",
            post(path + "/decisions").contentType(MediaType.APPLICATION_JSON).content(approve));
    assertThat(refused.getStatus()).isEqualTo(422);
    assertThat(refused.getContentAsString()).contains("\"field\":\"assurance\"", "expired");

    String current =
        "[{\"scheme\":\"dspt\",\"level\":\"Standards Met\",\"year\":\"2026-27\","
            + "\"validFrom\":\"2026-07-01\",\"validUntil\":\"2099-06-30\","
            + "\"evidence\":\"https://www.dsptoolkit.nhs.uk/OrganisationSearch/QHM\"}]";
    var recorded = as("dpo.icb", put(org + "/assurances", current));
    assertThat(recorded.getStatus()).isEqualTo(200);
    assertThat(recorded.getContentAsString()).contains("\"year\":\"2026-27\"", "dsptoolkit.nhs.uk");
    var accepted =
        as(
            "dpo.icb",
            post(path + "/decisions").contentType(MediaType.APPLICATION_JSON).content(approve));
    assertThat(accepted.getStatus()).isEqualTo(201);
  }

  static MockHttpServletRequestBuilder put(String path, String json) {
    return org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put(path)
        .contentType(MediaType.APPLICATION_JSON)
        .content(json);
  }

  @Test
  void drafter_deletesANeverSubmittedDraft_with204_othersAreRefused() throws Exception {
    String body =
        "{\"id\":\"dsa-short-lived\",\"fields\":{\"title\":\"Short lived\"},"
            + "\"parties\":[{\"organisation\":\"northshire-integrated-care-board\","
            + "\"role\":\"controller\"}]}";
    assertThat(
            as(
                    "partner.icb",
                    post("/api/agreements").contentType(MediaType.APPLICATION_JSON).content(body))
                .getStatus())
        .isEqualTo(201);
    String path = "/api/agreements/dsa-short-lived";
    assertThat(as("partner.council", delete(path)).getStatus()).isEqualTo(403);
    var notSubmitted = as("partner.icb", post(path + "/withdraw"));
    assertThat(notSubmitted.getStatus()).isEqualTo(409);
    assertThat(notSubmitted.getContentType()).startsWith("application/problem+json");
    assertThat(as("partner.icb", delete(path)).getStatus()).isEqualTo(204);
    assertThat(as("partner.icb", get(path)).getStatus()).isEqualTo(404);
  }
}
