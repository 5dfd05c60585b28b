package org.datasharing.registry.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.datasharing.registry.core.notification.Notification;
import org.datasharing.registry.core.notification.Outbox;
import org.datasharing.registry.core.store.RegistryStore;
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
 * {@code /actuator/prometheus}: closed to anyone but registry administrators and a scraper with the
 * scrape token; the registry's own metrics appear after the actions they count, and every registry
 * metric the Grafana dashboard in {@code docker/} charts is one the registry publishes.
 */
@SpringBootTest
@AutoConfigureMockMvc
class MetricsEndpointTest {
  static final String SCRAPE_TOKEN = "test-scrape-token-0123456789";

  @TempDir static Path dir;

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) {
    r.add("registry.store.data-dir", () -> dir.resolve("tdb2").toString());
    r.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", () -> "http://127.0.0.1:9/jwks");
    r.add("registry.metrics.scrape-token", () -> SCRAPE_TOKEN);
    r.add("registry.metrics.gauge-refresh", () -> "0s");
    // the verification counted below is the one this test asks for, not the one at start-up
    r.add("registry.audit.verify-at-start", () -> "false");
  }

  @Autowired MockMvc mvc;
  @Autowired RegistryStore store;
  @Autowired Outbox outbox;

  MockHttpServletResponse call(MockHttpServletRequestBuilder request) throws Exception {
    return mvc.perform(request).andReturn().getResponse();
  }

  static MockHttpServletRequestBuilder as(MockHttpServletRequestBuilder b, String user) {
    return b.with(AuthorizationMatrixTest.token(user, AuthorizationMatrixTest.USERS.get(user)));
  }

  @Test
  void metrics_areClosed_toAnonymousCallers_otherRoles_andWrongTokens() throws Exception {
    assertThat(call(get("/actuator/prometheus")).getStatus()).isEqualTo(401);
    assertThat(call(as(get("/actuator/prometheus"), "auditor")).getStatus()).isEqualTo(403);
    assertThat(
            call(get("/actuator/prometheus").header("Authorization", "Bearer not-the-token"))
                .getStatus())
        .isEqualTo(401);
    // the scrape token opens the metrics and nothing else
    assertThat(
            call(get("/api/organisations").header("Authorization", "Bearer " + SCRAPE_TOKEN))
                .getStatus())
        .isEqualTo(401);
  }

  @Test
  void metrics_areOpen_toAdministrators_andTheScrapeToken() throws Exception {
    MockHttpServletResponse admin = call(as(get("/actuator/prometheus"), "admin"));
    assertThat(admin.getStatus()).isEqualTo(200);
    assertThat(admin.getContentAsString()).contains("jvm_memory_used_bytes");
    MockHttpServletResponse scraper =
        call(get("/actuator/prometheus").header("Authorization", "Bearer " + SCRAPE_TOKEN));
    assertThat(scraper.getStatus()).isEqualTo(200);
    assertThat(scraper.getContentAsString()).contains("registry_audit_tree_size");
  }

  @Test
  void domainMetrics_countDecisions_searches_sparql_andVerification() throws Exception {
    // a write (an access request drafts an agreement: one audit event), a decision on a draft
    // (refused as a conflict, still a decision attempt), a search, SPARQL queries answered and
    // refused, a verification of the audit log
    assertThat(
            call(as(
                        post("/api/datasets/adult-social-care-client-index/access-requests"),
                        "partner.icb")
                    .contentType(MediaType.APPLICATION_JSON)
                    .content(
                        "{\"purpose\":\"direct-care\",\"purposeDescription\":\"Check for an"
                            + " allocated social worker before referral.\"}"))
                .getStatus())
        .isEqualTo(201);
    assertThat(
            call(as(post(AuthorizationMatrixTest.DRAFT + "/decisions"), "dpo.council")
                    .contentType(MediaType.APPLICATION_JSON)
                    .content("{\"version\":1,\"outcome\":\"approve\"}"))
                .getStatus())
        .isEqualTo(409);
    assertThat(call(as(get("/api/datasets").param("q", "care"), "partner.icb")).getStatus())
        .isEqualTo(200);
    assertThat(call(get("/sparql").param("query", "ASK {}")).getStatus()).isEqualTo(200);
    assertThat(call(get("/sparql").param("update", "DROP ALL")).getStatus()).isEqualTo(400);
    assertThat(call(get("/sparql").param("query", "SELECT * WHERE {")).getStatus()).isEqualTo(400);
    assertThat(call(as(get("/api/audit/verify"), "auditor")).getStatus()).isEqualTo(200);
    onboardWithoutKeycloak();

    String metrics =
        call(get("/actuator/prometheus").header("Authorization", "Bearer " + SCRAPE_TOKEN))
            .getContentAsString();
    assertThat(value(metrics, "registry_decisions_seconds_count{channel=\"api\",status=\"409\"}"))
        .isEqualTo(1);
    assertThat(value(metrics, "registry_search_seconds_count{channel=\"api\"}")).isEqualTo(1);
    assertThat(value(metrics, "registry_sparql_queries_total{outcome=\"ok\"}")).isEqualTo(1);
    assertThat(value(metrics, "registry_sparql_queries_total{outcome=\"refused\"}")).isEqualTo(1);
    assertThat(value(metrics, "registry_sparql_queries_total{outcome=\"syntax\"}")).isEqualTo(1);
    assertThat(value(metrics, "registry_audit_verifications_seconds_count{result=\"intact\"}"))
        .isEqualTo(1);
    assertThat(value(metrics, "registry_audit_verification_last_intact")).isEqualTo(1);
    assertThat(value(metrics, "registry_audit_verification_last_time_seconds"))
        .isGreaterThan(1.7e9);
    assertThat(value(metrics, "registry_agreements{status=\"active\"}")).isPositive();
    assertThat(value(metrics, "registry_agreements{status=\"draft\"}")).isPositive();
    assertThat(value(metrics, "registry_audit_tree_size")).isPositive();
    assertThat(value(metrics, "registry_store_size_bytes")).isPositive();

    // every registry metric the Grafana dashboard charts is published
    String dashboard = Files.readString(Path.of("../docker/grafana/dashboards/registry.json"));
    Set<String> charted = new TreeSet<>();
    Matcher m = Pattern.compile("registry_[a-z_]+").matcher(dashboard);
    while (m.find()) {
      charted.add(m.group());
    }
    assertThat(charted).hasSizeGreaterThan(8);
    for (String name : charted) {
      assertThat(metrics).as("charted metric " + name).contains(name);
    }
  }

  @Test
  void domainMetrics_showGroupCommits_compactions_importProgress_outbox_andKeycloakFailures()
      throws Exception {
    // writes: an agreement in force suspended (one change, and a notification that cannot be sent
    // here, so it waits), a catalogue import; then a compaction and a failed Keycloak call
    assertThat(
            call(as(post("/api/agreements/dsa-hospital-discharge/suspend"), "dpo.council")
                    .contentType(MediaType.APPLICATION_JSON)
                    .content("{\"reason\":\"A breach is being investigated\"}"))
                .getStatus())
        .isEqualTo(200);
    byte[] file =
        Files.readAllBytes(Path.of("src/test/resources/catalog-import/winter-pressures.ttl"));
    assertThat(
            call(as(post("/api/datasets/import"), "admin").contentType("text/turtle").content(file))
                .getStatus())
        .isEqualTo(200);
    store.compact();
    onboardWithoutKeycloak();

    String metrics =
        call(get("/actuator/prometheus").header("Authorization", "Bearer " + SCRAPE_TOKEN))
            .getContentAsString();
    assertThat(value(metrics, "registry_store_commit_batch_changes_count"))
        .isGreaterThanOrEqualTo(2);
    assertThat(value(metrics, "registry_store_commit_batch_changes_max")).isGreaterThanOrEqualTo(1);
    assertThat(value(metrics, "registry_store_compactions_total")).isGreaterThanOrEqualTo(1);
    assertThat(value(metrics, "registry_store_compaction_last_duration_seconds")).isPositive();
    assertThat(value(metrics, "registry_import_running")).isZero();
    assertThat(value(metrics, "registry_import_triples")).isPositive();
    double datasets = value(metrics, "registry_import_datasets");
    assertThat(datasets).isPositive();
    assertThat(value(metrics, "registry_import_datasets_processed")).isEqualTo(datasets);
    double pending = value(metrics, "registry_notifications{state=\"pending\"}");
    assertThat(pending).isPositive().isEqualTo(outbox.inState(Notification.State.PENDING).size());
    assertThat(value(metrics, "registry_notifications{state=\"failed\"}"))
        .isEqualTo(outbox.inState(Notification.State.FAILED).size());
    assertThat(
            metrics
                .lines()
                .filter(l -> l.startsWith("registry_keycloak_admin_failures_total{"))
                .filter(l -> l.contains("kind=\"not_configured\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum())
        .isGreaterThanOrEqualTo(1);
  }

  /** Onboarding as the administrator while Keycloak's admin API is not configured here: 503. */
  void onboardWithoutKeycloak() throws Exception {
    assertThat(
            call(as(post("/api/admin/organisations"), "admin")
                    .contentType(MediaType.APPLICATION_JSON)
                    .content(
                        "{\"id\":\"northshire-fire\",\"name\":\"Northshire Fire\","
                            + "\"type\":\"fire-and-rescue\",\"sector\":\"fire\"}"))
                .getStatus())
        .isEqualTo(503);
  }

  /** The value of the sample that starts with the given name and labels. */
  static double value(String exposition, String sample) {
    return exposition
        .lines()
        .filter(l -> l.startsWith(sample + " "))
        .findFirst()
        .map(l -> Double.parseDouble(l.substring(sample.length() + 1).trim().split(" ")[0]))
        .orElseThrow(() -> new AssertionError("no sample " + sample));
  }
}
