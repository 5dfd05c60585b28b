package org.datasharing.registry.web.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.datasharing.registry.web.AuthorizationMatrixTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpMethod;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenAPI document drives two checks against the registry, with tokens that carry the claims
 * the real Keycloak issues (realm roles, organisation), as {@link AuthorizationMatrixTest}: every
 * operation × every sample user (each role, own / other / no organisation) is authorised as the
 * rules say (the agreement policy's own answer for agreement actions), and a new operation without
 * a rule fails; and an HTTP fuzzer sends generated requests across every operation and user: no
 * 5xx, no stack trace or class name in any body, the audit log still verifies and no refused write
 * changed the store.
 */
@SpringBootTest
@AutoConfigureMockMvc
class OpenApiReliabilityTest {
  @TempDir static Path dir;

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) {
    r.add("registry.store.data-dir", () -> dir.resolve("tdb2").toString());
    r.add("registry.store.backup-dir", () -> dir.resolve("backups").toString());
    // tokens are made by the test with the claims Keycloak issues; no keys are fetched
    r.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", () -> "http://127.0.0.1:9/jwks");
  }

  @Autowired MockMvc mvc;
  @Autowired org.datasharing.registry.core.audit.LogVerifications verifications;
  static final JsonMapper JSON = JsonMapper.builder().build();

  static final String COUNCIL = "northshire-county-council";
  static final String TRUST = "northshire-nhs-foundation-trust";
  static final String ICB = "northshire-integrated-care-board";

  /** A sample user: role and organisation (null: none). */
  record User(String name, String role, String org) {
    boolean anonymous() {
      return name == null;
    }

    boolean staff() {
      return org != null;
    }

    @Override
    public String toString() {
      return anonymous() ? "anonymous" : name;
    }
  }

  static final List<User> USERS =
      List.of(
          new User(null, null, null),
          new User("admin", "registry-admin", null),
          new User("auditor", "auditor", null),
          new User("dpo.council", "dpo", COUNCIL),
          new User("dpo.trust", "dpo", TRUST),
          new User("dpo.icb", "dpo", ICB),
          new User("partner.icb", "partner", ICB),
          new User("partner.council", "partner", COUNCIL),
          new User("siro.council", "senior-officer", COUNCIL),
          new User("caldicott.trust", "senior-officer", TRUST));

  /** The sample identifiers the operations are called with (OpenApiOperations.SAMPLE). */
  static final String AGREEMENT = "dsa-high-intensity-use";

  static final String ORGANISATION = COUNCIL;
  static final String DATASET_PUBLISHER = COUNCIL;

  static final Predicate<User> ANYONE = u -> true;
  static final Predicate<User> SIGNED_IN = u -> !u.anonymous();
  static final Predicate<User> ADMIN = u -> "registry-admin".equals(u.role());
  static final Predicate<User> AUDITOR = u -> "auditor".equals(u.role());

  /** Staff of a member organisation: partners and DPOs (senior officers only sign off). */
  static final Predicate<User> STAFF =
      u -> u.staff() && ("partner".equals(u.role()) || "dpo".equals(u.role()));

  /** Nobody: the test's body (an empty draft names no party, so it is nobody's to draft). */
  static final Predicate<User> NOBODY_WITH_THIS_BODY = u -> false;

  static final Predicate<User> OWN_DPO_OR_ADMIN =
      u -> ADMIN.test(u) || ("dpo".equals(u.role()) && ORGANISATION.equals(u.org()));
  static final Predicate<User> PUBLISHER_OR_ADMIN =
      u -> ADMIN.test(u) || DATASET_PUBLISHER.equals(u.org());
  static final Predicate<User> DPO_OR_ADMIN = u -> ADMIN.test(u) || "dpo".equals(u.role());
  static final Predicate<User> OTHER_STAFF =
      u -> STAFF.test(u) && !DATASET_PUBLISHER.equals(u.org());

  /** An agreement operation: the policy's action, answered by the agreement API for the caller. */
  record Act(String action) {}

  /**
   * The rules: who may call each operation of the OpenAPI document. A new operation without a row
   * fails {@link #everyOperation_isAuthorisedAsItsRuleSays}.
   */
  static final Map<String, Object> RULES = new TreeMap<>();

  static {
    String a = "/api/agreements/{id}";
    RULES.put("GET /api/agreements", SIGNED_IN);
    RULES.put("POST /api/agreements", NOBODY_WITH_THIS_BODY);
    RULES.put("GET " + a, new Act("SEE"));
    RULES.put("PUT " + a, new Act("EDIT"));
    RULES.put("DELETE " + a, new Act("DELETE"));
    RULES.put("POST " + a + "/submit", new Act("SUBMIT"));
    RULES.put("POST " + a + "/withdraw", new Act("WITHDRAW"));
    RULES.put("POST " + a + "/revise", new Act("REVISE"));
    RULES.put("POST " + a + "/amend", new Act("AMEND"));
    RULES.put("POST " + a + "/decisions", new Act("DECIDE"));
    RULES.put("POST " + a + "/sign-offs", new Act("SIGN_OFF"));
    RULES.put("POST " + a + "/reviews", new Act("REVIEW"));
    RULES.put("POST " + a + "/suspend", new Act("SUSPEND"));
    RULES.put("POST " + a + "/resume", new Act("RESUME"));
    RULES.put("POST " + a + "/terminate", new Act("TERMINATE"));
    RULES.put("POST " + a + "/parties/{orgId}/withdrawal", new Act("LEAVE"));
    RULES.put("POST " + a + "/incidents", new Act("REPORT_INCIDENT"));
    RULES.put("POST " + a + "/destruction", new Act("CONFIRM_DESTRUCTION"));
    RULES.put("GET " + a + "/versions", new Act("SEE"));
    RULES.put("GET " + a + "/versions/{number}", new Act("SEE"));
    RULES.put("GET " + a + "/versions/diff", new Act("SEE"));
    RULES.put("GET " + a + "/versions/in-force", new Act("SEE"));
    RULES.put("GET /api/organisations", SIGNED_IN);
    RULES.put("POST /api/organisations", ADMIN);
    RULES.put("GET /api/organisations/{id}", SIGNED_IN);
    // the organisation's DPO may change only the DPO's name and e-mail: an empty body (which would
    // clear the rest) is the administrator's alone
    RULES.put("PUT /api/organisations/{id}", ADMIN);
    RULES.put("PUT /api/organisations/{id}/assurances", OWN_DPO_OR_ADMIN);
    RULES.put("PUT /api/organisations/{id}/senior-sign-off", OWN_DPO_OR_ADMIN);
    RULES.put("GET /api/datasets", SIGNED_IN);
    RULES.put("POST /api/datasets", SIGNED_IN);
    RULES.put("GET /api/datasets/{id}", SIGNED_IN);
    RULES.put("PUT /api/datasets/{id}", PUBLISHER_OR_ADMIN);
    RULES.put("POST /api/datasets/import", DPO_OR_ADMIN);
    RULES.put("POST /api/agreements/imports", ADMIN);
    RULES.put("POST /api/datasets/search-index", ADMIN);
    RULES.put("POST /api/datasets/{id}/access-requests", OTHER_STAFF);
    RULES.put("GET /api/register", ANYONE);
    RULES.put("GET /api/audit/tree-head", ANYONE);
    RULES.put("GET /api/audit/keys", ANYONE);
    RULES.put("GET /api/audit/consistency", ANYONE);
    RULES.put("GET /api/audit/events", AUDITOR);
    RULES.put("GET /api/audit/verify", AUDITOR);
    RULES.put("GET /api/audit/verifications", AUDITOR);
    RULES.put("POST /api/audit/verifications", AUDITOR);
    RULES.put("GET /api/me/notification-preferences", SIGNED_IN);
    RULES.put("PUT /api/me/notification-preferences", SIGNED_IN);
    RULES.put("GET /api/audit/proofs/inclusion/{event}", AUDITOR);
    RULES.put("GET /api/audit/proofs/consistency", AUDITOR);
    RULES.put("GET /api/audit/evidence/{agreement}", AUDITOR);
    RULES.put("GET /api/audit/queries", AUDITOR);
    RULES.put("GET /api/audit/queries/{name}", AUDITOR);
    RULES.put("POST /api/admin/backups", ADMIN);
    RULES.put("GET /api/admin/notifications", ADMIN);
    RULES.put("GET /api/admin/reconciliation", ADMIN);
    RULES.put("POST /api/admin/reconciliation/apply", ADMIN);
    RULES.put("GET /api/admin/pending-operations", ADMIN);
    RULES.put("DELETE /api/admin/pending-operations/{id}", ADMIN);
    RULES.put("POST /api/admin/organisations", ADMIN);
    RULES.put("PUT /api/admin/organisations/{id}", ADMIN);
    RULES.put("GET /api/admin/organisations/{id}/members", ADMIN);
    RULES.put("POST /api/admin/organisations/{id}/members", ADMIN);
    RULES.put("DELETE /api/admin/organisations/{id}/members/{username}", ADMIN);
  }

  /** Bodies that must not do anything if allowed (reconciliation's empty body applies all). */
  static final Map<String, String> BODIES =
      Map.of("POST /api/admin/reconciliation/apply", "{\"differences\":[\"no-such-difference\"]}");

  /** Operations the document lists that are not the REST API's (their own tests cover them). */
  static boolean walked(OpenApiOperations.Operation op) {
    return op.template().startsWith("/api/");
  }

  record Answer(int status, String contentType, String body) {}

  static final Set<Integer> VALIDATION = Set.of(400, 415, 422);

  /**
   * Onboarding and reconciliation call Keycloak's admin API, which this test does not configure:
   * they answer 503 saying so (KeycloakDirectoryFailuresTest and OnboardingIntegrationTest cover
   * them with a real or stubbed Keycloak).
   */
  static boolean identityNotConfigured(String path, Answer a) {
    return a.status() == 503
        && (path.startsWith("/api/admin/organisations")
            || path.startsWith("/api/admin/reconciliation")
            || path.startsWith("/api/admin/pending-operations"));
  }

  Answer send(User u, String method, String path, String type, String body) throws Exception {
    // the path is already encoded: MockMvc takes it as a URI, as a client sends it
    MockHttpServletRequestBuilder b = request(HttpMethod.valueOf(method), URI.create(path));
    if (body != null) {
      b = b.contentType(type).content(body.getBytes(StandardCharsets.UTF_8));
    }
    if (!u.anonymous()) {
      b = b.with(AuthorizationMatrixTest.token(u.name(), new String[] {u.role(), u.org()}));
    }
    MockHttpServletResponse r = mvc.perform(b).andReturn().getResponse();
    r.setCharacterEncoding("UTF-8");
    return new Answer(
        r.getStatus(),
        r.getContentType() == null ? "" : r.getContentType(),
        r.getContentAsString());
  }

  Answer call(User u, OpenApiOperations.Operation op) throws Exception {
    String body = null;
    String type = op.bodyType() == null ? "application/json" : op.bodyType();
    if (op.hasBody()) {
      body = BODIES.getOrDefault(op.key(), type.contains("json") ? "{}" : "");
    }
    return send(u, op.method(), op.samplePath(), type, body);
  }

  /** The status the rule expects for the user, or -1 for "authorised" (not 401, not 403). */
  int expected(Object rule, User u, OpenApiOperations.Operation op) throws Exception {
    if (rule instanceof Act act) {
      if (u.anonymous()) {
        return 401;
      }
      Answer view = send(u, "GET", "/api/agreements/" + AGREEMENT, null, null);
      if (view.status() != 200) {
        return 403;
      }
      // a DPO takes only their own organisation out (the sample path names the trust): asking
      // for another organisation is refused whatever the agreement's state
      if (act.action().equals("LEAVE") && !TRUST.equals(u.org())) {
        return 403;
      }
      JsonNode v = JSON.readTree(view.body());
      for (JsonNode allowed : v.path("allowed")) {
        if (allowed.asString().equalsIgnoreCase(act.action())) {
          return -1;
        }
      }
      JsonNode refusal = v.path("refused").path(act.action());
      if (refusal.isMissingNode()) {
        refusal = v.path("refused").path(act.action().toLowerCase());
      }
      return "CONFLICT".equalsIgnoreCase(refusal.path("failure").asString()) ? 409 : 403;
    }
    @SuppressWarnings("unchecked")
    Predicate<User> allowed = (Predicate<User>) rule;
    return allowed.test(u) ? -1 : u.anonymous() ? 401 : 403;
  }

  OpenApiOperations operations() throws Exception {
    return OpenApiOperations.parse(
        send(new User(null, null, null), "GET", "/v3/api-docs", null, null).body());
  }

  @Test
  void everyOperation_isAuthorisedAsItsRuleSays() throws Exception {
    List<OpenApiOperations.Operation> ops =
        operations().operations().stream().filter(OpenApiReliabilityTest::walked).toList();
    Set<String> documented = new TreeSet<>();
    ops.forEach(op -> documented.add(op.key()));
    assertThat(documented).as("operations without a rule").isSubsetOf(RULES.keySet());
    assertThat(RULES.keySet()).as("rules without an operation").isSubsetOf(documented);
    List<String> mismatches = new ArrayList<>();
    Map<String, String> table = new LinkedHashMap<>();
    for (var op : ops) {
      StringBuilder row = new StringBuilder();
      for (User u : USERS) {
        int expected = expected(RULES.get(op.key()), u, op);
        Answer a = call(u, op);
        row.append(' ').append(a.status());
        // a request the test sends is not always valid: a refusal may come as the validation's
        // 400, 415 or 422 first, but never as a success
        boolean ok =
            expected == -1
                ? a.status() != 401 && a.status() != 403
                : a.status() == expected || (expected != 401 && VALIDATION.contains(a.status()));
        if (!ok) {
          mismatches.add(op.key() + " as " + u + ": expected " + expected + ", got " + a.status());
        }
        if (a.status() >= 500 && !identityNotConfigured(op.samplePath(), a)) {
          mismatches.add(op.key() + " as " + u + ": " + a.status() + " " + a.body());
        }
      }
      table.put(op.key(), row.toString());
    }
    assertThat(mismatches).as("answers by operation: %s", table).isEmpty();
  }

  /**
   * What the 100,000-request run (seed 1) found answering 500, replayed, with the same class of
   * input sent where else it fits: a query parameter without a name or with characters the firewall
   * refuses, and a null where a list holds objects. Each is a 4xx problem naming what is wrong, and
   * the log does not move.
   */
  @Test
  void fuzzFindings_areRefusedAsTheCallersFault_naming() throws Exception {
    User admin = USERS.get(1);
    User dpoIcb = USERS.get(5);
    User partnerIcb = USERS.get(6);
    record Case(User u, String method, String path, String body, String names) {}
    List<Case> cases =
        List.of(
            new Case(dpoIcb, "GET", "/api/datasets?=http%3A%2F%2Fevil.example%2F", null, ""),
            new Case(partnerIcb, "GET", "/api/datasets?q=x&page=&=%27%20OR%20%271", null, ""),
            new Case(
                partnerIcb,
                "GET",
                "/api/datasets?q=care&%E4%B2%86%7E5%EC%9A%A28S%24c%25o%C2%93y=x",
                null,
                "parameters"),
            new Case(
                admin,
                "PUT",
                "/api/organisations/" + COUNCIL + "/assurances",
                "[null]",
                "assurances[0]"),
            new Case(
                admin,
                "PUT",
                "/api/organisations/" + COUNCIL + "/assurances",
                "[{\"scheme\":\"dspt\",\"level\":\"Standards Met\"},null]",
                "assurances[1]"),
            new Case(
                dpoIcb,
                "PUT",
                "/api/me/notification-preferences",
                "{\"delivery\":\"immediate\",\"optedOut\":[null]}",
                ""));
    User auditor = USERS.get(2);
    long logBefore = logSize(auditor);
    for (Case c : cases) {
      Answer a = send(c.u(), c.method(), c.path(), "application/json", c.body());
      assertThat(a.status()).as("%s %s: %s", c.method(), c.path(), a.body()).isBetween(400, 499);
      assertThat(a.contentType()).as(c.path()).startsWith("application/problem+json");
      assertThat(HttpFuzzer.leaks(a.body())).as(a.body()).isFalse();
      if (!c.names().isEmpty()) {
        assertThat(a.body()).as(c.path()).contains("\"" + c.names() + "\"");
      }
    }
    assertThat(logSize(auditor)).isEqualTo(logBefore);
  }

  @Test
  void httpFuzzer_neverAnswers5xx_norLeaksInternals_andRefusedWritesChangeNothing()
      throws Exception {
    int requests = Integer.getInteger("fuzz.requests", 2000);
    long seed = Long.getLong("fuzz.seed", 19L);
    HttpFuzzer fuzzer = new HttpFuzzer(new Random(seed), operations().operations());
    User auditor = USERS.get(2);
    long logBefore = logSize(auditor);
    List<String> findings = new ArrayList<>();
    Map<Integer, Integer> statuses = new TreeMap<>();
    int writesRefused = 0;
    int writesChanged = 0;
    for (int i = 0; i < requests; i++) {
      HttpFuzzer.Request req = fuzzer.next();
      if (req.op().template().startsWith("/api/admin/reconciliation/apply")) {
        continue;
      }
      User u = USERS.get(fuzzer.random().nextInt(USERS.size()));
      long before = req.write() ? logSize(auditor) : -1;
      Answer a;
      try {
        a = send(u, req.method(), req.path(), req.contentType(), req.body());
        // a verification an auditor starts keeps its result as an event once it ends, after its
        // 202: let it end, so the log's size below belongs to this request alone
        verifications.awaitIdle(java.time.Duration.ofSeconds(60));
      } catch (IllegalArgumentException badUri) {
        continue; // Java's client refuses the URI before sending it
      }
      statuses.merge(a.status(), 1, Integer::sum);
      String what =
          req.method() + " " + req.path() + " as " + u + " (seed " + seed + ", #" + i + ")";
      if (a.status() >= 500 && !identityNotConfigured(req.path(), a)) {
        findings.add(what + ": " + a.status() + " " + a.body());
      }
      if (HttpFuzzer.leaks(a.body())) {
        findings.add(what + ": internals in " + a.body());
      }
      if (req.write()) {
        long after = logSize(auditor);
        if (a.status() >= 400) {
          writesRefused++;
          if (after != before) {
            findings.add(what + ": refused with " + a.status() + " but the log moved");
          }
        } else if (after != before) {
          writesChanged++;
        }
      }
    }
    JsonNode verify = JSON.readTree(send(auditor, "GET", "/api/audit/verify", null, null).body());
    assertThat(verify.path("intact").asBoolean()).as(verify.toString()).isTrue();
    System.out.printf(
        "HTTP fuzzer: %d requests (seed %d), statuses %s, refused writes %d, applied writes %d,"
            + " log %d -> %d events%n",
        requests, seed, statuses, writesRefused, writesChanged, logBefore, logSize(auditor));
    assertThat(findings).isEmpty();
  }

  long logSize(User auditor) throws Exception {
    return JSON.readTree(send(auditor, "GET", "/api/audit/tree-head", null, null).body())
        .path("treeSize")
        .asLong();
  }

  static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
