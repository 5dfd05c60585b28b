package org.datasharing.registry.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.datasharing.registry.web.security.Actors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Every endpoint against every sample user (and anonymous): the expected HTTP status, as one table.
 * Tokens carry the claims Keycloak issues (realm_access.roles, organization); the core decides the
 * organisation part of each rule.
 */
@SpringBootTest
@AutoConfigureMockMvc
public class AuthorizationMatrixTest {
  @TempDir static Path dir;

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) {
    r.add("registry.store.data-dir", () -> dir.resolve("tdb2").toString());
    r.add("registry.store.backup-dir", () -> dir.resolve("backups").toString());
    // tokens are made by the test; the decoder is never asked to fetch keys
    r.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", () -> "http://127.0.0.1:9/jwks");
  }

  @Autowired MockMvc mvc;

  static final String COUNCIL = "northshire-county-council";
  static final String TRUST = "northshire-nhs-foundation-trust";
  static final String ICB = "northshire-integrated-care-board";

  /** The README's sample logins: username -> (role, organisation or null). */
  public static final Map<String, String[]> USERS = new LinkedHashMap<>();

  static {
    USERS.put("anonymous", null);
    USERS.put("admin", new String[] {"registry-admin", null});
    USERS.put("dpo.council", new String[] {"dpo", COUNCIL});
    USERS.put("dpo.trust", new String[] {"dpo", TRUST});
    USERS.put("dpo.icb", new String[] {"dpo", ICB});
    USERS.put("partner.icb", new String[] {"partner", ICB});
    USERS.put("partner.council", new String[] {"partner", COUNCIL});
    USERS.put("auditor", new String[] {"auditor", null});
    USERS.put("siro.council", new String[] {"senior-officer", COUNCIL});
    USERS.put("caldicott.trust", new String[] {"senior-officer", TRUST});
  }

  static final String DRAFT =
      "/api/agreements/dsa-carers-support-referrals"; // council + carers trust, draft
  static final String SUBMITTED =
      "/api/agreements/dsa-high-intensity-use"; // ambulance + trust + ICB

  /** endpoint -> expected status per user, in USERS order. */
  static final Map<String, int[]> MATRIX = new LinkedHashMap<>();

  static {
    // columns: anon admin dpoC dpoT dpoI parI parC aud siroC caldT (a senior officer sees the
    // agreements of their organisation, drafts and decides nothing)
    // an import holding no agreement: 422 for the one who may import (the registry
    // administrator: no party can vouch for the others' approvals), 403 before anything is read
    MATRIX.put(
        "POST /api/agreements/imports?source=elsewhere",
        new int[] {401, 422, 403, 403, 403, 403, 403, 403, 403, 403});
    MATRIX.put(
        "GET /actuator/health", new int[] {200, 200, 200, 200, 200, 200, 200, 200, 200, 200});
    MATRIX.put("GET /api/register", new int[] {200, 200, 200, 200, 200, 200, 200, 200, 200, 200});
    MATRIX.put(
        "GET /api/organisations", new int[] {401, 200, 200, 200, 200, 200, 200, 200, 200, 200});
    MATRIX.put(
        "POST /api/organisations {}", new int[] {401, 422, 403, 403, 403, 403, 403, 403, 403, 403});
    MATRIX.put("GET /api/datasets", new int[] {401, 200, 200, 200, 200, 200, 200, 200, 200, 200});
    MATRIX.put("GET /api/agreements", new int[] {401, 200, 200, 200, 200, 200, 200, 200, 200, 200});
    MATRIX.put("GET " + DRAFT, new int[] {401, 403, 200, 403, 403, 403, 200, 200, 200, 403});
    MATRIX.put(
        "POST " + DRAFT + "/submit", new int[] {401, 403, 422, 403, 403, 403, 422, 403, 403, 403});
    MATRIX.put(
        "POST " + DRAFT + "/decisions",
        new int[] {401, 403, 409, 403, 403, 403, 403, 403, 403, 403});
    MATRIX.put(
        "GET " + SUBMITTED + "/versions",
        new int[] {401, 403, 403, 200, 200, 200, 403, 200, 403, 200});
    MATRIX.put(
        "GET " + SUBMITTED + "/versions/diff?from=1&to=1",
        new int[] {401, 403, 403, 200, 200, 200, 403, 200, 403, 200});
    MATRIX.put(
        "POST " + SUBMITTED + "/suspend",
        new int[] {401, 403, 403, 409, 409, 403, 403, 403, 403, 403});
    MATRIX.put(
        "GET /api/audit/events", new int[] {401, 403, 403, 403, 403, 403, 403, 200, 403, 403});
    MATRIX.put(
        "POST /api/admin/backups", new int[] {401, 201, 403, 403, 403, 403, 403, 403, 403, 403});
    MATRIX.put(
        "GET /api/audit/verify", new int[] {401, 403, 403, 403, 403, 403, 403, 200, 403, 403});
    MATRIX.put(
        "GET /api/audit/proofs/consistency?from=1&to=1", // the sample history is in the log
        new int[] {401, 403, 403, 403, 403, 403, 403, 200, 403, 403});
    // the log's public checkpoints: anyone, signed in or not
    MATRIX.put(
        "GET /api/audit/tree-head", new int[] {200, 200, 200, 200, 200, 200, 200, 200, 200, 200});
    MATRIX.put("GET /api/audit/keys", new int[] {200, 200, 200, 200, 200, 200, 200, 200, 200, 200});
    MATRIX.put(
        "GET /api/audit/consistency?first=0&second=1",
        new int[] {422, 422, 422, 422, 422, 422, 422, 422, 422, 422});
    // after the proofs above: a verification an auditor starts appends its own event to the log
    MATRIX.put(
        "POST /api/audit/verifications",
        new int[] {401, 403, 403, 403, 403, 403, 403, 202, 403, 403});
    MATRIX.put(
        "GET /api/audit/verifications",
        new int[] {401, 403, 403, 403, 403, 403, 403, 200, 403, 403});
    // senior-officer sign-off (#23): only a senior officer of a party, once its DPO approved
    MATRIX.put(
        "POST " + SUBMITTED + "/sign-offs",
        new int[] {401, 403, 403, 403, 403, 403, 403, 403, 403, 409});
    // the administrator turns the sign-off off; the organisation's own DPO may only turn it on
    MATRIX.put(
        "PUT /api/organisations/" + TRUST + "/senior-sign-off {\"required\":false}",
        new int[] {401, 200, 403, 403, 403, 403, 403, 403, 403, 403});
  }

  @Test
  void everyEndpoint_answersEachSampleUser_asTheMatrixSays() throws Exception {
    List<String> mismatches = new ArrayList<>();
    for (var row : MATRIX.entrySet()) {
      int i = 0;
      for (var user : USERS.entrySet()) {
        int expected = row.getValue()[i++];
        int actual =
            mvc.perform(request(row.getKey(), user.getKey(), user.getValue()))
                .andReturn()
                .getResponse()
                .getStatus();
        if (actual != expected) {
          mismatches.add(
              row.getKey() + " as " + user.getKey() + ": expected " + expected + ", got " + actual);
        }
      }
    }
    assertThat(mismatches).isEmpty();
  }

  @Test
  void errors_areProblemJson_withoutStackTraces() throws Exception {
    var response =
        mvc.perform(request("POST " + DRAFT + "/submit", "dpo.council", USERS.get("dpo.council")))
            .andReturn()
            .getResponse();
    assertThat(response.getContentType()).startsWith("application/problem+json");
    assertThat(response.getContentAsString())
        .contains("\"errors\"")
        .contains("\"field\"")
        .doesNotContain("Exception")
        .doesNotContain("at org.");
    var anonymous = mvc.perform(get("/api/agreements")).andReturn().getResponse();
    assertThat(anonymous.getContentType()).startsWith("application/problem+json");
    assertThat(anonymous.getHeader("WWW-Authenticate")).startsWith("Bearer");
    var malformed =
        mvc.perform(
                post(SUBMITTED + "/decisions")
                    .with(token("dpo.trust", USERS.get("dpo.trust")))
                    .contentType(MediaType.APPLICATION_JSON)
                    .content("{not json"))
            .andReturn()
            .getResponse();
    assertThat(malformed.getStatus()).isEqualTo(400);
    assertThat(malformed.getContentAsString()).contains("\"field\":\"body\"");
  }

  static MockHttpServletRequestBuilder request(String line, String username, String[] user) {
    String[] parts = line.split(" ", 3);
    String body = parts.length > 2 ? parts[2] : null;
    MockHttpServletRequestBuilder b =
        switch (parts[0]) {
          case "GET" -> get(parts[1]);
          case "PUT" -> put(parts[1]);
          default -> post(parts[1]);
        };
    if (parts[1].startsWith("/api/agreements/imports")) {
      b = b.contentType("application/trig").content(body == null ? "" : body);
    } else if (!parts[0].equals("GET")) {
      String json =
          body != null
              ? body
              : parts[1].endsWith("/decisions")
                  ? "{\"version\":1,\"outcome\":\"approve\"}"
                  : parts[1].endsWith("/sign-offs")
                      ? "{\"version\":1,\"contentHash\":\"unread\"}"
                      : parts[1].endsWith("/suspend") ? "{\"reason\":\"incident\"}" : "{}";
      b = b.contentType(MediaType.APPLICATION_JSON).content(json);
    }
    return user == null ? b : b.with(token(username, user));
  }

  public static org.springframework.security.test.web.servlet.request
          .SecurityMockMvcRequestPostProcessors.JwtRequestPostProcessor
      token(String username, String[] user) {
    return jwt()
        .jwt(
            j -> {
              j.subject("sub-" + username)
                  .claim("preferred_username", username)
                  .claim(
                      "realm_access", Map.of("roles", List.of(user[0], "default-roles-registry")));
              if (user[1] != null) {
                j.claim("organization", List.of(user[1]));
              }
            })
        .authorities(Actors::authorities);
  }
}
