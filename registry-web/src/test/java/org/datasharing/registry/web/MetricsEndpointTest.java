package org.datasharing.registry.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.system.Txn;
import org.apache.jena.vocabulary.RDFS;
import org.datasharing.registry.core.audit.AuditTrail;
import org.datasharing.registry.core.audit.LogVerifications;
import org.datasharing.registry.core.catalog.CatalogImport;
import org.datasharing.registry.core.notification.Notification;
import org.datasharing.registry.core.notification.Outbox;
import org.datasharing.registry.core.store.RegistryStore;
import org.datasharing.registry.core.store.TdbRegistryStore;
import org.datasharing.registry.ontology.vocab.Graphs;
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
 * scrape token; each of the registry's own metrics moves, between two scrapes, when the event it
 * counts happens; and every registry metric the Grafana dashboard in {@code docker/} charts is one
 * the registry publishes.
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
    // small SPARQL limits, so that a query can run into each of them
    r.add("registry.sparql.timeout", () -> "200ms");
    r.add("registry.sparql.max-results", () -> "20");
  }

  @Autowired MockMvc mvc;
  @Autowired RegistryStore store;
  @Autowired Outbox outbox;
  @Autowired AuditTrail auditTrail;
  @Autowired LogVerifications verifications;
  @Autowired CatalogImport catalogImport;
  @Autowired MeterRegistry meters;

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

  /** A scrape with the scrape token: every sample line, name and labels, to its value. */
  Map<String, Double> scrape() throws Exception {
    MockHttpServletResponse r =
        call(get("/actuator/prometheus").header("Authorization", "Bearer " + SCRAPE_TOKEN));
    assertThat(r.getStatus()).isEqualTo(200);
    Map<String, Double> samples = new TreeMap<>();
    for (String line : r.getContentAsString().lines().toList()) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int space = line.lastIndexOf(' ');
      samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
    }
    return samples;
  }

  /** How far a sample moved between two scrapes (a sample not yet published counts as 0). */
  static double moved(Map<String, Double> before, Map<String, Double> after, String sample) {
    assertThat(after).as("published: " + sample).containsKey(sample);
    return after.get(sample) - before.getOrDefault(sample, 0.0);
  }

  /** The sum of the samples of one metric whose labels contain {@code label}. */
  static double sum(Map<String, Double> samples, String metric, String label) {
    return samples.entrySet().stream()
        .filter(e -> e.getKey().startsWith(metric + "{") && e.getKey().contains(label))
        .mapToDouble(Map.Entry::getValue)
        .sum();
  }

  static double agreements(Map<String, Double> samples) {
    return sum(samples, "registry_agreements", "status=");
  }

  @Test
  void agreementsByStatus_auditTreeSize_groupCommits_andNotifications_move_whenAgreementsChange()
      throws Exception {
    Map<String, Double> before = scrape();
    // an access request drafts an agreement (one audited change)
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
    Map<String, Double> drafted = scrape();
    assertThat(moved(before, drafted, "registry_agreements{status=\"draft\"}")).isEqualTo(1);
    assertThat(agreements(drafted) - agreements(before)).isEqualTo(1);
    assertThat(moved(before, drafted, "registry_audit_tree_size")).isGreaterThanOrEqualTo(1);
    assertThat(moved(before, drafted, "registry_store_commit_batch_changes_count"))
        .isGreaterThanOrEqualTo(1);
    assertThat(moved(before, drafted, "registry_store_commit_batch_changes_sum"))
        .isGreaterThanOrEqualTo(1);

    // an agreement in force suspended: one more suspended, as many agreements as before
    int pendingBefore = outbox.inState(Notification.State.PENDING).size();
    assertThat(
            call(as(post("/api/agreements/dsa-hospital-discharge/suspend"), "dpo.council")
                    .contentType(MediaType.APPLICATION_JSON)
                    .content("{\"reason\":\"A breach is being investigated\"}"))
                .getStatus())
        .isEqualTo(200);
    Map<String, Double> suspended = scrape();
    assertThat(moved(drafted, suspended, "registry_agreements{status=\"suspended\"}")).isEqualTo(1);
    assertThat(agreements(suspended)).isEqualTo(agreements(drafted));
    assertThat(moved(drafted, suspended, "registry_audit_tree_size")).isGreaterThanOrEqualTo(1);
    assertThat(suspended.get("registry_audit_tree_size"))
        .isLessThanOrEqualTo(store.logHead().size());
    // the suspension notifies the parties; mail cannot be sent here, so they wait
    int pendingAfter = outbox.inState(Notification.State.PENDING).size();
    assertThat(pendingAfter).isGreaterThan(pendingBefore);
    assertThat(moved(drafted, suspended, "registry_notifications{state=\"pending\"}"))
        .isEqualTo(pendingAfter - pendingBefore);

    // one given up
    Notification first = outbox.inState(Notification.State.PENDING).get(0);
    outbox.finish(first, Notification.State.FAILED, Optional.of("test"), Instant.now());
    Map<String, Double> givenUp = scrape();
    assertThat(moved(suspended, givenUp, "registry_notifications{state=\"failed\"}")).isEqualTo(1);
    assertThat(moved(suspended, givenUp, "registry_notifications{state=\"pending\"}"))
        .isEqualTo(-1);
  }

  @Test
  void decisions_andSearches_countAndTime_eachCall_onTheApiAndThePages() throws Exception {
    Map<String, Double> before = scrape();
    // a decision on a draft (refused as a conflict, still a decision attempt) and one from the
    // page with a bad version (422); a search by API and one on the page
    assertThat(
            call(as(post(AuthorizationMatrixTest.DRAFT + "/decisions"), "dpo.council")
                    .contentType(MediaType.APPLICATION_JSON)
                    .content("{\"version\":1,\"outcome\":\"approve\"}"))
                .getStatus())
        .isEqualTo(409);
    assertThat(
            call(post("/agreements/dsa-high-intensity-use/decision")
                    .with(RequestHardeningTest.signedIn("dpo.trust"))
                    .with(csrf())
                    .param("version", "-1")
                    .param("outcome", "approve"))
                .getStatus())
        .isEqualTo(422);
    assertThat(call(as(get("/api/datasets").param("q", "care"), "partner.icb")).getStatus())
        .isEqualTo(200);
    assertThat(call(get("/datasets").param("q", "care")).getStatus()).isEqualTo(200);

    Map<String, Double> after = scrape();
    String api = "registry_decisions_seconds_%s{channel=\"api\",status=\"409\"}";
    assertThat(moved(before, after, api.formatted("count"))).isEqualTo(1);
    assertThat(moved(before, after, api.formatted("sum"))).isPositive();
    String page = "registry_decisions_seconds_%s{channel=\"page\",status=\"422\"}";
    assertThat(moved(before, after, page.formatted("count"))).isEqualTo(1);
    assertThat(moved(before, after, page.formatted("sum"))).isPositive();
    for (String channel : List.of("api", "page")) {
      String search = "registry_search_seconds_%s{channel=\"" + channel + "\"}";
      assertThat(moved(before, after, search.formatted("count"))).as(channel).isEqualTo(1);
      assertThat(moved(before, after, search.formatted("sum"))).as(channel).isPositive();
    }
  }

  @Test
  void sparqlQueries_countAnswers_timeouts_andRefusals_byReason() throws Exception {
    Map<String, Double> before = scrape();
    assertThat(call(get("/sparql").param("query", "ASK {}")).getStatus()).isEqualTo(200);
    assertThat(call(get("/sparql").param("update", "DROP ALL")).getStatus()).isEqualTo(400);
    assertThat(call(get("/sparql").param("query", "SELECT * WHERE {")).getStatus()).isEqualTo(400);
    assertThat(call(get("/sparql").param("query", "SELECT * { ?s ?p ?o }")).getStatus())
        .isEqualTo(422);
    assertThat(
            call(get("/sparql")
                    .param("query", "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"))
                .getStatus())
        .isEqualTo(503);

    Map<String, Double> after = scrape();
    for (String outcome : List.of("ok", "refused", "syntax", "too_many_results", "timeout")) {
      String queries = "registry_sparql_queries_total{outcome=\"" + outcome + "\"}";
      assertThat(moved(before, after, queries)).as(outcome).isEqualTo(1);
      String time = "registry_sparql_query_seconds_count{outcome=\"" + outcome + "\"}";
      assertThat(moved(before, after, time)).as(outcome).isEqualTo(1);
    }
    assertThat(moved(before, after, "registry_sparql_query_seconds_sum{outcome=\"timeout\"}"))
        .isGreaterThanOrEqualTo(0.2);
  }

  @Test
  void lastVerification_movesWithEachVerification_inTheForegroundAndInTheBackground()
      throws Exception {
    long started = Instant.now().getEpochSecond();
    Map<String, Double> before = scrape();
    assertThat(call(as(get("/api/audit/verify"), "auditor")).getStatus()).isEqualTo(200);
    Map<String, Double> verified = scrape();
    String intact = "registry_audit_verifications_seconds_count{result=\"intact\"}";
    String findings = "registry_audit_verifications_seconds_count{result=\"findings\"}";
    assertThat(moved(before, verified, intact)).isEqualTo(1);
    assertThat(verified.get("registry_audit_verification_last_intact")).isEqualTo(1);
    assertThat(verified.get("registry_audit_verification_last_time_seconds"))
        .isGreaterThanOrEqualTo(started);
    assertThat(verified.get("registry_audit_verification_last_duration_seconds")).isPositive();

    // an event altered in the store, then a verification in the background (LogVerifications,
    // as the audit log page's button starts): the last verification found it
    TdbRegistryStore tdb = (TdbRegistryStore) store;
    Node newest = NodeFactory.createURI(auditTrail.page(0, 1).events().get(0).id());
    Quad tamper =
        Quad.create(
            Graphs.AUDIT_NODE, newest, RDFS.comment.asNode(), NodeFactory.createLiteralString("x"));
    Txn.executeWrite(tdb.datasetGraph(), () -> tdb.datasetGraph().add(tamper));
    try {
      assertThat(call(as(post("/api/audit/verifications"), "auditor")).getStatus()).isEqualTo(202);
      assertThat(verifications.awaitIdle(Duration.ofSeconds(60))).isTrue();
    } finally {
      Txn.executeWrite(tdb.datasetGraph(), () -> tdb.datasetGraph().delete(tamper));
    }
    Map<String, Double> damaged = scrape();
    assertThat(moved(verified, damaged, findings)).isEqualTo(1);
    assertThat(damaged.get("registry_audit_verification_last_intact")).isZero();
    assertThat(damaged.get("registry_audit_verification_last_time_seconds"))
        .isGreaterThanOrEqualTo(verified.get("registry_audit_verification_last_time_seconds"));

    // the event restored: the next background verification finds the log intact again
    assertThat(call(as(post("/api/audit/verifications"), "auditor")).getStatus()).isEqualTo(202);
    assertThat(verifications.awaitIdle(Duration.ofSeconds(60))).isTrue();
    Map<String, Double> repaired = scrape();
    assertThat(moved(damaged, repaired, intact)).isEqualTo(1);
    assertThat(repaired.get("registry_audit_verification_last_intact")).isEqualTo(1);
  }

  @Test
  void importProgress_storeSize_andCompactions_move_whenTheCatalogueIsImportedAndCompacted()
      throws Exception {
    // the running gauge as the import reports each step (the metrics observe it first)
    List<Double> runningSeen = new CopyOnWriteArrayList<>();
    catalogImport.onProgress(
        p -> {
          if (p.running()) {
            runningSeen.add(meters.get("registry.import.running").gauge().value());
          }
        });
    Map<String, Double> before = scrape();
    byte[] file =
        Files.readAllBytes(Path.of("src/test/resources/catalog-import/winter-pressures.ttl"));
    assertThat(
            call(as(post("/api/datasets/import"), "admin").contentType("text/turtle").content(file))
                .getStatus())
        .isEqualTo(200);
    Map<String, Double> imported = scrape();
    assertThat(runningSeen).isNotEmpty().containsOnly(1.0);
    assertThat(imported.get("registry_import_running")).isZero();
    assertThat(moved(before, imported, "registry_import_triples")).isPositive();
    double datasets = imported.get("registry_import_datasets");
    assertThat(datasets).isGreaterThan(before.get("registry_import_datasets"));
    assertThat(imported.get("registry_import_datasets_processed")).isEqualTo(datasets);
    // new datasets' text is written to the store's node table
    assertThat(moved(before, imported, "registry_store_size_bytes")).isPositive();

    store.compact();
    Map<String, Double> compacted = scrape();
    assertThat(moved(imported, compacted, "registry_store_compactions_total")).isEqualTo(1);
    assertThat(compacted.get("registry_store_compaction_last_duration_seconds")).isPositive();
  }

  @Test
  void keycloakAdminFailures_move_whenACallToKeycloakFails() throws Exception {
    Map<String, Double> before = scrape();
    onboardWithoutKeycloak();
    Map<String, Double> failed = scrape();
    assertThat(
            sum(failed, "registry_keycloak_admin_failures_total", "kind=\"not_configured\"")
                - sum(before, "registry_keycloak_admin_failures_total", "kind=\"not_configured\""))
        .isGreaterThanOrEqualTo(1);
  }

  @Test
  void everyRegistryMetricTheDashboardCharts_isPublished() throws Exception {
    // counted by tags, these are published from their first event on: a query, a search, a
    // decision, a failed call to Keycloak
    assertThat(call(get("/sparql").param("query", "ASK {}")).getStatus()).isEqualTo(200);
    assertThat(call(get("/datasets")).getStatus()).isEqualTo(200);
    assertThat(
            call(post("/agreements/dsa-high-intensity-use/decision")
                    .with(RequestHardeningTest.signedIn("dpo.trust"))
                    .with(csrf())
                    .param("version", "-1")
                    .param("outcome", "approve"))
                .getStatus())
        .isEqualTo(422);
    onboardWithoutKeycloak();
    String metrics =
        call(get("/actuator/prometheus").header("Authorization", "Bearer " + SCRAPE_TOKEN))
            .getContentAsString();
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
}
