package org.datasharing.registry.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.datasharing.registry.web.AuthorizationMatrixTest.token;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

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

/**
 * Senior-officer sign-off through the API, on the sample data ({@code dsa-high-intensity-use} is
 * submitted; the ambulance service approved, the trust and the ICB have not): the trust's DPO
 * requires sign-off for it, approves, and its Caldicott Guardian signs off the same content hash.
 */
@SpringBootTest
@AutoConfigureMockMvc
class SignOffApiTest {
  static final String TRUST = "northshire-nhs-foundation-trust";
  static final String ICB = "northshire-integrated-care-board";
  static final String PATH = "/api/agreements/dsa-high-intensity-use";

  @TempDir static Path dir;

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) {
    r.add("registry.store.data-dir", () -> dir.resolve("tdb2").toString());
    r.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", () -> "http://127.0.0.1:9/jwks");
  }

  @Autowired MockMvc mvc;
  final ObjectMapper json = new ObjectMapper();

  MockHttpServletResponse as(
      String username, String role, String org, MockHttpServletRequestBuilder request)
      throws Exception {
    return mvc.perform(request.with(token(username, new String[] {role, org})))
        .andReturn()
        .getResponse();
  }

  static MockHttpServletRequestBuilder postJson(String path, String body) {
    return post(path).contentType(MediaType.APPLICATION_JSON).content(body);
  }

  @Test
  void signOff_isTheTrustsSeniorOfficers_boundToTheApprovedHash_andCountsTheApproval()
      throws Exception {
    var setting =
        as(
            "dpo.trust",
            "dpo",
            TRUST,
            put("/api/organisations/" + TRUST + "/senior-sign-off")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"required\":true}"));
    assertThat(setting.getStatus()).isEqualTo(200);
    var otherDpo =
        as(
            "dpo.icb",
            "dpo",
            ICB,
            put("/api/organisations/" + TRUST + "/senior-sign-off")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"required\":false}"));
    assertThat(otherDpo.getStatus()).isEqualTo(403);

    String hash =
        json.readTree(as("dpo.trust", "dpo", TRUST, get(PATH + "/versions/1")).getContentAsString())
            .get("contentHash")
            .asText();
    var approved =
        as(
            "dpo.trust",
            "dpo",
            TRUST,
            postJson(
                PATH + "/decisions",
                "{\"version\":1,\"contentHash\":\"" + hash + "\",\"outcome\":\"approve\"}"));
    assertThat(approved.getStatus()).isEqualTo(201);
    assertThat(approved.getContentAsString()).contains("\"awaitingSignOff\":true");

    var noHash =
        as(
            "caldicott.trust",
            "senior-officer",
            TRUST,
            postJson(PATH + "/sign-offs", "{\"version\":1}"));
    assertThat(noHash.getStatus()).isEqualTo(422);
    assertThat(noHash.getContentType()).startsWith("application/problem+json");
    assertThat(noHash.getContentAsString()).contains("\"field\":\"contentHash\"");
    var wrongHash =
        as(
            "caldicott.trust",
            "senior-officer",
            TRUST,
            postJson(
                PATH + "/sign-offs", "{\"version\":1,\"contentHash\":\"" + "0".repeat(64) + "\"}"));
    assertThat(wrongHash.getStatus()).isEqualTo(409);
    var byDpo =
        as(
            "dpo.trust",
            "dpo",
            TRUST,
            postJson(PATH + "/sign-offs", "{\"version\":1,\"contentHash\":\"" + hash + "\"}"));
    assertThat(byDpo.getStatus()).isEqualTo(403);
    var byIcbOfficer =
        as(
            "siro.icb",
            "senior-officer",
            ICB,
            postJson(PATH + "/sign-offs", "{\"version\":1,\"contentHash\":\"" + hash + "\"}"));
    assertThat(byIcbOfficer.getStatus()).isEqualTo(409);

    var signed =
        as(
            "caldicott.trust",
            "senior-officer",
            TRUST,
            postJson(PATH + "/sign-offs", "{\"version\":1,\"contentHash\":\"" + hash + "\"}"));
    assertThat(signed.getStatus()).isEqualTo(201);
    var view = json.readTree(signed.getContentAsString());
    assertThat(view.get("status").asText()).isEqualTo("SUBMITTED");
    assertThat(view.get("decisions").findValuesAsText("awaitingSignOff")).doesNotContain("true");
  }
}
